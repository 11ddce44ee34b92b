//! Gates (ask for sign-off, approve, send back, reopen) and who may do each; the deadline
//! panel; and a broken pathway file stopping the start.

use coopkit::db::repo;
use coopkit::domain::calendar::long_date;
use coopkit::domain::user::Role;
use rocket::http::Status;

use crate::pathways::{intake_fields, page};
use crate::support::TestApp;

const CHECKLIST: [(&str, &str); 4] = [
    ("ck_contact_logged", "done"),
    ("ck_owners_identified", "done"),
    ("ck_clocks_checked", "done"),
    ("ck_privacy_notice", "na"),
];

/// A rep fills in the intake stage of a retiring owner's business: every page and the
/// checklist, ready for sign-off.
async fn complete_intake(app: &TestApp, id: i64) {
    let path = page(id, "intake", "intake");
    app.page(&path).await;
    let response = app.post_form(&path, &intake_fields()).await;
    assert_eq!(response.status(), Status::SeeOther);
    let trigger = page(id, "intake", "trigger");
    let response = app
        .post_form(
            &trigger,
            &[
                ("trigger", "owner_retiring"),
                ("trigger_date.day", "1"),
                ("trigger_date.month", "9"),
                ("trigger_date.year", "2026"),
                ("employer_form", "partnership"),
                ("owners_agree", "yes"),
            ],
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(
        response.headers().get_one("Location"),
        Some(format!("/cases/{id}/stages/intake/check").as_str()),
        "no redundancy or insolvency pages for a retirement: straight to checking"
    );
    let mut fields: Vec<(&str, &str)> = CHECKLIST.to_vec();
    fields.push((
        "ck_privacy_notice-reason",
        "Only the rep's own details are kept",
    ));
    fields.push(("version", "2"));
    let response = app
        .post_form(&format!("/cases/{id}/stages/intake/checklist"), &fields)
        .await;
    assert_eq!(response.status(), Status::SeeOther);
}

async fn post(app: &TestApp, path: &str, fields: &[(&str, &str)]) -> (Status, String) {
    let response = app.post_form(path, fields).await;
    let status = response.status();
    (status, response.into_string().await.unwrap_or_default())
}

#[rocket::async_test]
async fn a_rep_asks_for_sign_off_and_staff_approve_it_opening_the_next_stage() {
    let app = TestApp::spawn().await;
    app.create_user(Role::Staff, "staff@example.org").await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let id = app.open_case("Ribble Print Works").await;
    let stage = format!("/cases/{id}/stages/intake");

    // Too early: the page says what is missing.
    app.page(&stage).await;
    let (status, html) = post(&app, &format!("{stage}/signoff-request"), &[]).await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(html.contains("This stage cannot be signed off yet"));
    assert!(html.contains("Answer &quot;Town&quot;"), "{html}");
    assert!(html.contains("Not yet true: What started the case is recorded."));
    assert!(html.contains("Tick &quot;First contact logged&quot; on the checklist"));

    complete_intake(&app, id).await;
    let (_, check) = app.page(&format!("{stage}/check")).await;
    assert!(check.contains("Preston") && check.contains("The owner is retiring"));
    assert!(check.contains(&format!("href=\"{}#town\"", page(id, "intake", "intake"))));
    let response = app
        .post_form(&format!("{stage}/signoff-request"), &[])
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let (_, html) = app.page(&stage).await;
    assert!(html.contains("Waiting for sign-off"));

    // A rep cannot approve, and cannot change answers while waiting.
    let (status, _) = post(&app, &format!("{stage}/approve"), &[("note", "ok")]).await;
    assert_eq!(status, Status::Forbidden);
    let (status, _) = app.page(&page(id, "intake", "intake")).await;
    assert_eq!(status, Status::Conflict);

    let waiting = repo::cases::find(app.db(), id)
        .await
        .expect("read")
        .expect("case");
    assert!(
        waiting.awaiting_signoff_since.is_some(),
        "the dashboard can see it waiting"
    );

    app.sign_out().await;
    app.sign_in("staff@example.org").await;
    let (_, dashboard) = app.page("/dashboard").await;
    assert!(
        dashboard.contains("Ribble Print Works"),
        "the waiting case is on the dashboard"
    );
    app.page(&stage).await;
    let response = app
        .post_form(
            &format!("{stage}/approve"),
            &[("note", "Clocks checked with the rep")],
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let (_, html) = app.page(&stage).await;
    assert!(html.contains("Completed"));
    assert!(html.contains("Signed off by staff on"));
    assert!(html.contains("Clocks checked with the rep"));
    let (_, list) = app.page(&format!("/cases/{id}")).await;
    assert!(list.contains("1 of 9 stages completed"));
    assert!(list.contains(&format!("<a href=\"/cases/{id}/stages/explore\">")));
    let case = repo::cases::find(app.db(), id)
        .await
        .expect("read")
        .expect("case");
    assert_eq!(case.current_stage, "explore");
    assert_eq!(
        case.awaiting_signoff_since, None,
        "signed off: no longer waiting"
    );
    let kinds: Vec<String> = repo::events::for_case(app.db(), id)
        .await
        .expect("events")
        .into_iter()
        .map(|e| e.kind)
        .collect();
    for kind in [
        "stage_started",
        "checklist_updated",
        "signoff_requested",
        "stage_approved",
    ] {
        assert!(kinds.iter().any(|k| k == kind), "{kind} is on the timeline");
    }
}

#[rocket::async_test]
async fn staff_send_a_stage_back_with_a_comment_and_reopen_a_completed_one() {
    let app = TestApp::spawn().await;
    app.create_user(Role::Staff, "staff@example.org").await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let id = app.open_case("Ribble Print Works").await;
    let stage = format!("/cases/{id}/stages/intake");
    complete_intake(&app, id).await;
    app.post_form(&format!("{stage}/signoff-request"), &[])
        .await;
    app.sign_out().await;
    app.sign_in("staff@example.org").await;
    app.page(&stage).await;

    let (status, html) = post(&app, &format!("{stage}/send-back"), &[("comment", " ")]).await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(html.contains("Say what needs to change before the stage can be signed off"));
    let response = app
        .post_form(
            &format!("{stage}/send-back"),
            &[("comment", "Add the SIC code")],
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let (_, html) = app.page(&stage).await;
    assert!(html.contains("In progress"));
    assert!(
        html.contains("The Centre&#x27;s comment: Add the SIC code")
            || html.contains("The Centre's comment: Add the SIC code"),
        "{html}"
    );

    // Staff may ask for sign-off too, approve, then reopen with a reason.
    app.post_form(&format!("{stage}/signoff-request"), &[])
        .await;
    app.post_form(&format!("{stage}/approve"), &[("note", "")])
        .await;
    let (status, html) = post(&app, &format!("{stage}/reopen"), &[("reason", "")]).await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(html.contains("Say why the stage is being reopened"));
    let response = app
        .post_form(
            &format!("{stage}/reopen"),
            &[("reason", "The owner changed their mind")],
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let (_, html) = app.page(&stage).await;
    assert!(html.contains("In progress"));
    let case = repo::cases::find(app.db(), id)
        .await
        .expect("read")
        .expect("case");
    assert_eq!(case.current_stage, "intake");

    // A rep may not reopen or send back.
    app.post_form(&format!("{stage}/signoff-request"), &[])
        .await;
    app.post_form(&format!("{stage}/approve"), &[]).await;
    app.sign_out().await;
    app.sign_in("rep@example.org").await;
    let (status, _) = post(&app, &format!("{stage}/reopen"), &[("reason", "x")]).await;
    assert_eq!(status, Status::Forbidden);
    let (status, _) = post(&app, &format!("{stage}/send-back"), &[("comment", "x")]).await;
    assert_eq!(status, Status::Forbidden);
}

#[rocket::async_test]
async fn a_worker_cannot_ask_for_sign_off_or_see_the_deadlines() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let id = app.open_case("Ribble Print Works").await;
    let worker = app.create_user(Role::Worker, "worker@example.org").await;
    repo::cases::add_member(app.db(), id, worker, "worker", app.clock.now())
        .await
        .expect("member");
    app.sign_out().await;
    app.sign_in("worker@example.org").await;
    let (status, _) = post(
        &app,
        &format!("/cases/{id}/stages/intake/signoff-request"),
        &[],
    )
    .await;
    assert_eq!(status, Status::Forbidden);
    let (status, _) = post(
        &app,
        &format!("/cases/{id}/stages/intake/checklist"),
        &[("ck_contact_logged", "done")],
    )
    .await;
    assert_eq!(status, Status::Forbidden);
    let (status, _) = app.page(&format!("/cases/{id}/deadlines")).await;
    assert_eq!(status, Status::Forbidden);
}

#[rocket::async_test]
async fn twenty_five_redundancies_show_the_consultation_deadlines() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let id = app.open_case("Ribble Print Works").await;
    let today = app.clock.today();
    let start = today - chrono::Days::new(5);
    let dismissal = start + chrono::Days::new(40);
    let trigger = page(id, "intake", "trigger");
    app.page(&trigger).await;
    let response = app
        .post_form(
            &trigger,
            &[
                ("trigger", "redundancy_proposal"),
                ("trigger_date.day", &start.format("%-d").to_string()),
                ("trigger_date.month", &start.format("%-m").to_string()),
                ("trigger_date.year", &start.format("%Y").to_string()),
                ("employer_form", "partnership"),
            ],
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let redundancy = page(id, "intake", "redundancy");
    let response = app
        .post_form(
            &redundancy,
            &[
                ("proposed_redundancies", "25"),
                ("max_one_site_90d", "25"),
                ("consultation_start.day", &start.format("%-d").to_string()),
                ("consultation_start.month", &start.format("%-m").to_string()),
                ("consultation_start.year", &start.format("%Y").to_string()),
                (
                    "first_dismissal_planned.day",
                    &dismissal.format("%-d").to_string(),
                ),
                (
                    "first_dismissal_planned.month",
                    &dismissal.format("%-m").to_string(),
                ),
                (
                    "first_dismissal_planned.year",
                    &dismissal.format("%Y").to_string(),
                ),
                ("union_recognised", "yes"),
            ],
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);

    let (status, html) = app.page(&format!("/cases/{id}/deadlines")).await;
    assert_eq!(status, Status::Ok);
    let d1 = long_date(start + chrono::Days::new(30));
    let d2 = long_date(start + chrono::Days::new(10));
    assert!(html.contains("Earliest first dismissal after collective consultation"));
    assert!(
        html.contains(&format!(
            "<strong>{d1}</strong> · <span class=\"\">25 days left</span>"
        )),
        "{html}"
    );
    assert!(
        html.contains("Latest day for the employer&#x27;s HR1 form")
            || html.contains("Latest day for the employer's HR1 form")
    );
    assert!(html.contains(&format!(
        "<strong>{d2}</strong> · <span class=\"\">5 days left</span>"
    )));
    assert!(html.contains("section 188"));
    let (_, list) = app.page(&format!("/cases/{id}")).await;
    assert!(
        list.contains(&format!("<strong>{d2}</strong>: Latest day")),
        "the task list shows the next deadlines"
    );

    // A week later the HR1 date has passed and shows as overdue.
    app.clock.advance(7 * 24 * 60 * 60);
    app.sign_in("rep@example.org").await;
    let (_, html) = app.page(&format!("/cases/{id}/deadlines")).await;
    assert!(html.contains(&format!(
        "<strong>{d2}</strong> · <span class=\"overdue\">passed 2 days ago, overdue</span>"
    )));
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("make folder");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

#[rocket::async_test]
async fn a_mistake_in_a_pathway_file_stops_the_start_naming_the_file_and_line() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let templates = dir.path().join("templates");
    copy_dir(std::path::Path::new("templates"), &templates);
    let figment = || {
        coopkit::config::figment()
            .merge((
                "database_url",
                format!(
                    "sqlite://{}?mode=rwc",
                    dir.path().join("db.sqlite").display()
                ),
            ))
            .merge(("template_dir", templates.display().to_string()))
            .merge(("log_level", "off"))
    };
    let intact = rocket::local::asynchronous::Client::tracked(coopkit::build(figment())).await;
    assert!(intact.is_ok(), "the unchanged copy starts");
    drop(intact);
    let pages = templates.join("pathways/pages.toml");
    let text = std::fs::read_to_string(&pages).expect("read pages");
    std::fs::write(
        &pages,
        text.replacen("required = true", "requried = true", 1),
    )
    .expect("write");

    let error = coopkit::domain::pathways::load_pathways(&templates.join("pathways"))
        .expect_err("the broken file is refused")
        .to_string();
    assert!(
        error.contains("pages.toml line 15: unknown field `requried`"),
        "{error}"
    );

    let started = rocket::local::asynchronous::Client::tracked(coopkit::build(figment())).await;
    match started {
        Ok(_) => panic!("the server must not start with a broken pathway file"),
        Err(e) => assert!(
            matches!(e.kind(), rocket::error::ErrorKind::FailedFairings(_)),
            "the start-up fairing refused: {e}"
        ),
    }
}
