//! Issue 17 point 11: a worker's landing page prompts the survey and what was newly published
//! to them; the Documents page speaks to a worker as a worker; the plan says plainly whether
//! its members' money is the survey's totals or typed figures, and the survey says the same.

use coopkit::domain::user::Role;
use coopkit::services::documents;
use coopkit::services::render::Kind;
use rocket::http::Status;
use serde_json::json;

use crate::invitations::{accept_as_new, invite};
use crate::library::add_document;
use crate::support::TestApp;

/// A case with a rep and the worker Ann; Ann is signed in.
async fn case_with_ann(app: &TestApp) -> (i64, i64) {
    let rep = app.signed_in_as(Role::Rep, "rep@example.org").await;
    let case = app.open_case("Ribble Print Works").await;
    let link = invite(app, case, "Ann Lee", "ann@example.org").await;
    app.sign_out().await;
    accept_as_new(app, &link, "Ann Lee").await;
    (case, rep)
}

async fn answer_survey(app: &TestApp, case: i64, pledge: &str) {
    app.page(&format!("/cases/{case}/survey")).await;
    let response = app
        .post_form(
            &format!("/cases/{case}/survey"),
            &[
                ("would_join", "yes"),
                ("capital_band", "exact"),
                ("capital_exact", pledge),
                ("capital_term", "payroll_12"),
                ("hours", "37"),
            ],
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
}

#[rocket::async_test]
async fn a_worker_is_prompted_to_answer_the_survey_and_read_what_was_published() {
    let app = TestApp::spawn().await;
    let (case, rep) = case_with_ann(&app).await;
    let progress = format!("/cases/{case}/progress");

    let (_, page) = app.page(&progress).await;
    assert!(page.contains("Answer the short survey"), "{page}");
    assert!(!page.contains("New for you to read"));
    answer_survey(&app, case, "500").await;
    let (_, page) = app.page(&progress).await;
    assert!(!page.contains("Answer the short survey"), "answered");

    // The rep publishes the rules: Ann's landing page says so, until she has read them.
    app.sign_out().await;
    app.sign_in("rep@example.org").await;
    add_document(&app, 1, case, false, rep).await;
    app.page(&format!("/cases/{case}/documents/library")).await;
    let publish = app
        .post_form(&format!("/cases/{case}/documents/1/publish"), &[])
        .await;
    assert_eq!(publish.status(), Status::SeeOther);
    let (_, page) = app.page(&progress).await;
    assert!(
        !page.contains("New for you to read"),
        "reps are not prompted"
    );
    app.sign_out().await;
    app.sign_in("ann@example.org").await;
    let (_, page) = app.page(&progress).await;
    assert!(
        page.contains("New: the co-op&#x27;s rules, version 1, made on"),
        "{page}"
    );
    assert!(page.contains(&format!(
        "href=\"/cases/{case}/documents/library/1\">Read it</a>"
    )));
    let read = app
        .post_form(&format!("/cases/{case}/documents/library/1/read"), &[])
        .await;
    assert!(read.status().code < 400);
    let (_, page) = app.page(&progress).await;
    assert!(!page.contains("New for you to read"), "read now");
}

#[rocket::async_test]
async fn the_documents_page_speaks_to_a_worker_as_a_worker() {
    let app = TestApp::spawn().await;
    let (case, _) = case_with_ann(&app).await;
    let (status, page) = app.page(&format!("/cases/{case}/documents")).await;
    assert_eq!(status, Status::Ok);
    assert!(page.contains("The reps draft the co-op"), "{page}");
    assert!(!page.contains("from your answers"));
    assert!(!page.contains("where you can see who has read them"));
}

#[rocket::async_test]
async fn the_rep_chooses_the_surveys_totals_or_typed_figures_and_the_plan_says_which() {
    let app = TestApp::spawn().await;
    let (case, _) = case_with_ann(&app).await;
    answer_survey(&app, case, "1200").await;
    app.sign_out().await;
    app.sign_in("rep@example.org").await;
    let members = format!("/cases/{case}/documents/business-plan/bp_members");
    let survey = format!("/cases/{case}/survey");

    let (_, page) = app.page(&survey).await;
    assert!(
        page.contains("The business plan does not use these totals"),
        "{page}"
    );

    // The survey is offered first, with where it came from.
    let (_, page) = app.page(&members).await;
    assert!(
        page.contains("<option value=\"survey\" selected>"),
        "{page}"
    );
    assert!(page.contains("From the workers&#x27; survey: The workers&#x27; survey&#x27;s totals."));
    assert!(page.contains("value=\"1200.00\""));

    // Chosen, the survey's figures are saved whatever the boxes held.
    let form = [
        ("answers_version", "0"),
        ("members_money_from", "survey"),
        ("members_pledged", "9"),
        ("pledge_each", "5"),
        ("legal_form", "society_worker"),
    ];
    assert_eq!(
        app.post_form(&members, &form).await.status(),
        Status::SeeOther
    );
    let (saved, _) = documents::answers(app.db(), case, Kind::BusinessPlan)
        .await
        .expect("answers");
    assert_eq!(
        (&saved["members_pledged"], &saved["pledge_each"]),
        (&json!("1"), &json!("1200.00"))
    );
    let (_, page) = app.page(&survey).await;
    assert!(
        page.contains("The business plan uses these totals as the members' money"),
        "{page}"
    );

    // Typed figures are used as typed.
    app.page(&members).await;
    let form = [
        ("answers_version", "1"),
        ("members_money_from", "typed"),
        ("members_pledged", "9"),
        ("pledge_each", "5"),
        ("legal_form", "society_worker"),
    ];
    assert_eq!(
        app.post_form(&members, &form).await.status(),
        Status::SeeOther
    );
    let (saved, _) = documents::answers(app.db(), case, Kind::BusinessPlan)
        .await
        .expect("answers");
    assert_eq!(saved["members_pledged"], json!("9"));
    let (_, page) = app.page(&survey).await;
    assert!(page.contains("The business plan does not use these totals"));
}

#[rocket::async_test]
async fn the_plan_document_says_where_the_pledges_come_from() {
    let app = TestApp::spawn().await;
    let (case, rep) = case_with_ann(&app).await;
    answer_survey(&app, case, "2000").await;
    app.sign_out().await;
    app.sign_in("rep@example.org").await;
    let path = format!(
        "{}/docs/examples/business-plan.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).expect("example");
    let mut plan: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&text).expect("json");
    plan.insert("members_money_from".into(), json!("survey"));
    let plan = serde_json::Value::Object(plan).to_string();
    let saved = coopkit::db::repo::documents::save_answers(
        app.db(),
        case,
        "business_plan",
        &plan,
        0,
        rep,
        app.clock.now(),
    )
    .await
    .expect("save");
    assert!(saved);
    app.page(&format!("/cases/{case}/documents")).await;
    let made = app
        .post_form(
            &format!("/cases/{case}/documents/make"),
            &[("kind", "business_plan")],
        )
        .await;
    assert_eq!(made.status(), Status::SeeOther);
    let location = made
        .headers()
        .get_one("Location")
        .unwrap_or_default()
        .to_string();
    let (_, html) = app.page(&location).await;
    assert!(html.contains("Where the pledges come from"), "{html}");
    assert!(
        html.contains("survey&#x27;s totals")
            || html.contains("survey's totals")
            || html.contains("survey&#39;s totals")
    );
}
