//! Guided pathways through HTTP: the task list, form pages with each type of question, save
//! and resume, dependent pages, and two people saving the same page.

use coopkit::db::repo;
use coopkit::domain::user::Role;
use rocket::http::Status;

use crate::support::TestApp;

/// Marks a stage as in progress directly, so a test can reach a later stage's form pages
/// without signing off every stage before it (the gate tests do that through HTTP).
pub async fn open_stage(app: &TestApp, case_id: i64, stage: &str) {
    let mut row = repo::stages::find_or_create(app.db(), case_id, stage, app.clock.now())
        .await
        .expect("stage row");
    row.status = "in_progress".into();
    assert!(repo::stages::save_if_version(app.db(), row)
        .await
        .expect("saved"));
}

pub fn page(case: i64, stage: &str, page: &str) -> String {
    format!("/cases/{case}/stages/{stage}/pages/{page}")
}

/// The intake page filled in correctly.
pub fn intake_fields() -> Vec<(&'static str, &'static str)> {
    vec![
        ("pathway", "buyout"),
        ("case_name", "Ribble Print buyout"),
        ("group_name", "Ribble Print Ltd"),
        ("town", "Preston"),
        ("sic_code", "18129"),
        ("headcount", "24"),
        ("union_present", "yes"),
        ("union_name", "unite"),
        ("first_contact.day", "2"),
        ("first_contact.month", "3"),
        ("first_contact.year", "2026"),
    ]
}

async fn body(response: rocket::local::asynchronous::LocalResponse<'_>) -> String {
    response.into_string().await.unwrap_or_default()
}

#[rocket::async_test]
async fn the_case_page_is_a_task_list_of_the_stages() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let id = app.open_case("Ribble Print Works").await;

    let (status, html) = app.page(&format!("/cases/{id}")).await;

    assert_eq!(status, Status::Ok);
    assert!(html.contains("0 of 9 stages completed"), "{html}");
    assert!(html.contains(&format!(
        "<a href=\"/cases/{id}/stages/intake\">Trigger and intake</a>"
    )));
    assert!(html.contains("Not started"));
    assert!(html.contains("Cannot start yet"));
    assert!(
        !html.contains(&format!("href=\"/cases/{id}/stages/explore\"")),
        "a stage that cannot start has no link"
    );
    assert!(html.contains("Next deadlines"));
    assert!(html.contains("Case opened by rep"));
    assert!(html.contains("<dt>Employer</dt><dd>Ribble Print Ltd</dd>"));
}

#[rocket::async_test]
async fn the_intake_page_starts_from_the_case_record_and_saved_answers_come_back() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let id = app.open_case("Ribble Print Works").await;
    let path = page(id, "intake", "intake");

    let (status, html) = app.page(&path).await;
    assert_eq!(status, Status::Ok);
    assert!(
        html.contains("value=\"Ribble Print Works\""),
        "case name prefilled"
    );
    assert!(html.contains("name=\"headcount\" type=\"text\" inputmode=\"numeric\" value=\"24\""));
    assert!(html.contains("id=\"union_present\" name=\"union_present\" value=\"yes\" checked"));

    assert!(
        html.contains("<option value=\"unite\" selected>Unite</option>"),
        "the union question shows at once, with the union named when the case was opened"
    );
    let mut fields = intake_fields();
    fields.push(("action", "later"));
    let response = app.post_form(&path, &fields).await;
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(
        response.headers().get_one("Location"),
        Some(format!("/cases/{id}/stages/intake").as_str())
    );

    let (_, html) = app.page(&path).await;
    assert!(
        html.contains("value=\"Preston\""),
        "the saved answer is shown again"
    );
    assert!(
        html.contains("name=\"first_contact.day\" type=\"text\" inputmode=\"numeric\" value=\"2\"")
    );
    assert!(html.contains("value=\"unite\" checked") || html.contains("value=\"unite\" selected"));
    let (_, stage) = app.page(&format!("/cases/{id}/stages/intake")).await;
    assert!(stage.contains("In progress"));
    let events = repo::events::for_case(app.db(), id)
        .await
        .expect("test setup");
    let town = events
        .iter()
        .find(|e| e.kind == "answer_changed" && e.data.contains("\"town\""))
        .expect("the change is on the event log");
    assert_eq!(
        town.summary,
        "rep changed \"Town\" from Not answered to Preston"
    );
    let data: serde_json::Value = serde_json::from_str(&town.data).expect("test setup");
    assert_eq!(
        (data["old"].clone(), data["new"].clone()),
        (serde_json::Value::Null, "Preston".into())
    );
}

#[rocket::async_test]
async fn each_kind_of_intake_answer_is_checked_and_what_was_typed_is_kept() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let id = app.open_case("Ribble Print Works").await;
    let path = page(id, "intake", "intake");
    app.page(&path).await;

    let response = app
        .post_form(
            &path,
            &[
                ("pathway", "nonsense"),
                ("case_name", "Ri"),
                ("group_name", ""),
                ("town", "Preston"),
                ("sic_code", "18-12"),
                ("headcount", "about twenty"),
                ("union_name", ""),
                ("first_contact.day", "31"),
                ("first_contact.month", "2"),
                ("first_contact.year", "2026"),
            ],
        )
        .await;

    assert_eq!(response.status(), Status::UnprocessableEntity);
    let html = body(response).await;
    assert!(html.contains("There is a problem"));
    assert!(html.contains("<title>Error: About the case"));
    for message in [
        "Select one of the listed answers for what kind of co-op is this",
        "Case name must be 3 characters or more",
        "Enter business or group name",
        "Enter the SIC code as five numbers, like 18129",
        "Number of people involved must be a whole number, like 12",
        "Select yes or no: union members involved",
        "Date of first contact with the Centre must be a real date: February 2026 has 28 days",
    ] {
        assert!(html.contains(message), "missing message: {message}\n{html}");
    }
    assert!(
        html.contains("href=\"#headcount\""),
        "the summary links to the field"
    );
    assert!(
        html.contains("value=\"about twenty\""),
        "what was typed is kept"
    );
    assert!(html.contains("value=\"18-12\""));
    assert!(html
        .contains("name=\"first_contact.day\" type=\"text\" inputmode=\"numeric\" value=\"31\""));
}

#[rocket::async_test]
async fn the_insolvency_page_applies_only_after_administration_or_liquidation() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let id = app.open_case("Ribble Print Works").await;
    let trigger = page(id, "intake", "trigger");
    app.page(&trigger).await;
    let base = [
        ("trigger_date.day", "1"),
        ("trigger_date.month", "9"),
        ("trigger_date.year", "2026"),
        ("employer_form", "partnership"),
    ];

    let mut fields = base.to_vec();
    fields.push(("trigger", "owner_selling"));
    fields.push(("owners_agree", "yes"));
    app.post_form(&trigger, &fields).await;
    let (_, stage) = app.page(&format!("/cases/{id}/stages/intake")).await;
    assert!(
        !stage.contains("Insolvency"),
        "no insolvency page for a sale: {stage}"
    );

    let mut fields = base.to_vec();
    fields.push(("trigger", "administration"));
    let response = app.post_form(&trigger, &fields).await;
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(
        response.headers().get_one("Location"),
        Some(page(id, "intake", "redundancy").as_str())
    );
    let (_, stage) = app.page(&format!("/cases/{id}/stages/intake")).await;
    assert!(stage.contains(&page(id, "intake", "insolvency")), "{stage}");
}

#[rocket::async_test]
async fn a_worker_cannot_open_a_form_page() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let id = app.open_case("Ribble Print Works").await;
    let worker = app.create_user(Role::Worker, "worker@example.org").await;
    repo::cases::add_member(app.db(), id, worker, "worker", app.clock.now())
        .await
        .expect("test setup");
    app.sign_out().await;
    app.sign_in("worker@example.org").await;

    let (status, _) = app.page(&page(id, "intake", "intake")).await;
    assert_eq!(status, Status::Forbidden);
    let response = app
        .post_form(&page(id, "intake", "intake"), &intake_fields())
        .await;
    assert_eq!(response.status(), Status::Forbidden);
    let (status, html) = app.page(&format!("/cases/{id}/stages/intake")).await;
    assert_eq!(status, Status::Ok, "workers may read the stage");
    assert!(!html.contains("Ask for sign-off"));
}
