//! The smaller things a rep and staff tripped over in issue 17 (point 12), each as a user sees
//! it: exports that say what they mean, "Last change" that follows every change, logs that
//! tell a refusal from a fault.

// Tests may unwrap: a panic there is a failed test with its line.
#![allow(clippy::unwrap_used)]

use coopkit::domain::user::Role;
use rocket::http::Status;

use crate::support::TestApp;

#[rocket::async_test]
async fn the_csv_export_names_the_stage_as_people_read_it() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Staff, "staff@example.org").await;
    app.open_case("Ribble Works").await;
    let response = app.get("/cases/export.csv").await;
    assert_eq!(response.status(), Status::Ok);
    let csv = response.into_string().await.unwrap();
    let row = csv.lines().nth(1).unwrap();
    assert!(row.contains(",Trigger and intake,"), "{row}");
    assert!(!row.contains(",intake,"), "{row}");
}

async fn last_change(app: &TestApp, case_id: i64) -> i64 {
    coopkit::db::repo::cases::find(app.db(), case_id)
        .await
        .unwrap()
        .unwrap()
        .updated_at
}

#[rocket::async_test]
async fn every_change_to_a_case_moves_its_last_change() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let case_id = app.open_case("Ribble Works").await;
    let opened = last_change(&app, case_id).await;

    // Inviting a worker wrote its event but left "Last change" where it was.
    app.clock.advance(20 * 60);
    let invited_at = app.clock.now();
    crate::invitations::invite(&app, case_id, "Wendy", "wendy@example.org").await;
    let after_invitation = last_change(&app, case_id).await;
    assert!(
        after_invitation >= invited_at && after_invitation > opened,
        "opened at {opened}, invited at {invited_at}, last change {after_invitation}"
    );

    app.sign_out().await;
    app.signed_in_as(Role::Staff, "staff@example.org").await;
    let (_, list) = app.page("/cases").await;
    let shown = coopkit::clock::format_timestamp(after_invitation);
    assert!(list.contains(&shown), "the list shows {shown}: {list}");
}

#[rocket::async_test]
async fn the_json_export_holds_the_rules_the_plan_and_the_survey() {
    let app = TestApp::spawn().await;
    let worker = app.create_user(Role::Worker, "wendy@example.org").await;
    let staff = app.signed_in_as(Role::Staff, "staff@example.org").await;
    let case_id = app.open_case("Ribble Works").await;
    let db = app.db();
    let now = app.clock.now();
    for (kind, answers) in [
        ("rules", r#"{"name":"Ribble Works Co-operative Limited"}"#),
        ("business_plan", r#"{"first_month":"1 2 2027"}"#),
    ] {
        assert!(coopkit::db::repo::documents::save_answers(
            db, case_id, kind, answers, 0, staff, now
        )
        .await
        .unwrap());
    }
    let answers = coopkit::domain::survey::SurveyAnswers {
        would_join: "yes".into(),
        worries: vec![],
        worries_other: String::new(),
        capital_band: "500".into(),
        capital_pence: 50_000,
        capital_term: "loan".into(),
        hours_per_week: 30,
        skills: vec![],
    };
    coopkit::db::repo::survey::save(db, case_id, worker, &answers, now)
        .await
        .unwrap();

    let json = app
        .get(&format!("/cases/{case_id}/export.json"))
        .await
        .into_string()
        .await
        .unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        value["rules_answers"]["name"],
        "Ribble Works Co-operative Limited"
    );
    assert_eq!(value["plan_answers"]["first_month"], "1 2 2027");
    assert_eq!(value["survey"]["closed"], false);
    assert_eq!(value["survey"]["totals"]["responses"], 1);
    let response = &value["survey"]["responses"][0];
    assert_eq!(response["name"], "wendy");
    assert_eq!(response["would_join"], "yes");
    assert_eq!(response["capital_pence"], 50_000);
}

#[rocket::async_test]
async fn a_pdf_is_dated_when_it_was_made_and_says_its_language() {
    let app = TestApp::spawn().await;
    app.clock.advance(40 * 24 * 60 * 60);
    let query = "situation=new_idea&people=5&sector=creative&union=none&interest=most&aim=workers&profit=not_trading&timescale=within_a_year";
    let response = app.get(&format!("/check/summary.pdf?{query}")).await;
    assert_eq!(response.status(), Status::Ok);
    let bytes = response.into_bytes().await.unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let made = app.clock.now_utc().format("D:%Y%m%d").to_string();
    assert!(
        text.contains(&format!("/CreationDate({made}"))
            || text.contains(&format!("/CreationDate ({made}")),
        "dated {made}"
    );
    assert!(!text.contains("D:1970"), "no 1970 date");
    assert!(text.contains("en-GB"), "the language is named");
    assert!(text.contains("/DisplayDocTitle"));
}

#[rocket::async_test]
async fn a_form_with_problems_sends_focus_to_its_error_summary() {
    let app = TestApp::spawn().await;
    app.page("/check").await;
    let response = app.post_form("/check", &[]).await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
    let csp = response
        .headers()
        .get_one("Content-Security-Policy")
        .unwrap()
        .to_string();
    let page = response.into_string().await.unwrap();
    assert!(page.contains("class=\"error-summary\" role=\"alert\""));
    assert!(
        page.contains("tabindex=\"-1\""),
        "the summary can take focus"
    );
    assert!(
        page.contains("<script src=\"/static/focus-errors.js\" defer></script>"),
        "the script is a file"
    );
    assert!(!page.contains("<script>"), "no inline script");
    assert!(!page.contains("autofocus"));
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));

    let script = app.get("/static/focus-errors.js").await;
    assert_eq!(script.status(), Status::Ok);
    assert_eq!(
        script
            .content_type()
            .map(|c| c.to_string())
            .unwrap_or_default(),
        "text/javascript"
    );
    let text = script.into_string().await.unwrap();
    assert!(text.contains("document.querySelector(\".error-summary\")"));
    assert!(text.contains(".focus()"));
}
