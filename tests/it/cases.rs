//! Opening, listing and seeing cases, and who may see which.

use coopkit::db::repo;
use coopkit::domain::user::Role;
use rocket::http::Status;

use crate::support::{valid_case_form, TestApp};

#[rocket::async_test]
async fn a_rep_opens_a_case_and_sees_it_listed() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;

    let id = app.open_case("Ribble Print Works").await;

    let (status, body) = app.page(&format!("/cases/{id}")).await;
    assert_eq!(status, Status::Ok);
    assert!(body.contains("Ribble Print Works"));
    assert!(body.contains("PCEC-"), "the case has a readable reference");
    assert!(
        body.contains("Case opened by rep"),
        "the history shows who opened it"
    );
    let (_, list) = app.page("/cases").await;
    assert!(list.contains("Ribble Print Works"));
}

#[rocket::async_test]
async fn references_count_up_within_the_year() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Staff, "staff@example.org").await;
    let first = app.open_case("First Works").await;
    let second = app.open_case("Second Works").await;
    let first = repo::cases::find(app.db(), first)
        .await
        .expect("read")
        .expect("case");
    let second = repo::cases::find(app.db(), second)
        .await
        .expect("read")
        .expect("case");
    let year = app.clock.now_utc().format("%Y").to_string();
    assert_eq!(first.reference, format!("PCEC-{year}-0001"));
    assert_eq!(second.reference, format!("PCEC-{year}-0002"));
}

#[rocket::async_test]
async fn an_invalid_case_form_is_shown_again_with_messages_and_what_was_typed() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    app.page("/cases/new").await;
    let mut fields = valid_case_form("Ribble Print Works");
    fields.retain(|(k, _)| *k != "worker_count" && *k != "employer");
    fields.push(("worker_count", "about twenty"));
    fields.push(("employer", ""));

    let response = app.post_form("/cases", &fields).await;

    assert_eq!(response.status(), Status::UnprocessableEntity);
    let body = response.into_string().await.unwrap_or_default();
    assert!(
        body.contains("There is a problem"),
        "an error summary heads the page"
    );
    assert!(body.contains("Enter the number of people as a whole number"));
    assert!(
        body.contains("Enter the employer&#x27;s name")
            || body.contains("Enter the employer's name")
    );
    assert!(
        body.contains("value=\"about twenty\""),
        "what was typed is kept"
    );
    assert!(body.contains("value=\"Ribble Print Works\""));
    assert!(body.contains("<title>Error: Open a case"));
    let cases = repo::cases::list_page(app.db(), None, None, 10)
        .await
        .expect("list");
    assert!(cases.is_empty(), "nothing was saved");
}

#[rocket::async_test]
async fn a_rep_cannot_see_another_reps_case_and_is_not_told_it_exists() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "ann@example.org").await;
    let anns_case = app.open_case("Ann's Workplace").await;
    app.sign_out().await;

    app.signed_in_as(Role::Rep, "bob@example.org").await;
    let (status, body) = app.page(&format!("/cases/{anns_case}")).await;
    assert_eq!(status, Status::NotFound);
    assert!(!body.contains("Ann&#x27;s Workplace") && !body.contains("Ann's Workplace"));
    let (missing_status, _) = app.page("/cases/999999").await;
    assert_eq!(
        missing_status, status,
        "a missing case and a hidden case look the same"
    );
    let (_, list) = app.page("/cases").await;
    assert!(
        !list.contains("Workplace"),
        "the list shows only Bob's cases"
    );
}

#[rocket::async_test]
async fn staff_see_every_case() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "ann@example.org").await;
    let id = app.open_case("Ann's Workplace").await;
    app.sign_out().await;
    app.signed_in_as(Role::Staff, "staff@example.org").await;
    let (status, _) = app.page(&format!("/cases/{id}")).await;
    assert_eq!(status, Status::Ok);
    let (_, list) = app.page("/cases").await;
    assert!(list.contains("Workplace"));
}

#[rocket::async_test]
async fn a_worker_cannot_open_a_case() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Worker, "worker@example.org").await;
    let (status, _) = app.page("/cases/new").await;
    assert_eq!(status, Status::Forbidden);
    let response = app
        .post_form("/cases", &valid_case_form("Sneaky Works"))
        .await;
    assert_eq!(response.status(), Status::Forbidden);
}

#[rocket::async_test]
async fn opening_a_case_writes_the_event_in_the_same_step() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let id = app.open_case("Ribble Print Works").await;
    let events = repo::events::for_case(app.db(), id).await.expect("events");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].kind, "case_opened");
    assert!(events[0].actor_id.is_some());
}

#[rocket::async_test]
async fn the_event_log_cannot_be_rewritten() {
    use sea_orm::ConnectionTrait;
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    app.open_case("Ribble Print Works").await;
    let update = app
        .db()
        .execute_unprepared("UPDATE case_events SET summary = 'changed'")
        .await;
    assert!(update.is_err(), "the database refuses to change history");
    let delete = app.db().execute_unprepared("DELETE FROM case_events").await;
    assert!(delete.is_err(), "the database refuses to delete history");
}

#[rocket::async_test]
async fn the_case_list_pages_by_keyset() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Staff, "staff@example.org").await;
    for i in 0..53 {
        app.open_case(&format!("Works number {i:02}")).await;
    }
    let (_, first) = app.page("/cases").await;
    assert_eq!(
        first.matches("<tr>").count() - 1,
        50,
        "fifty rows on the first page"
    );
    let next = first
        .split("href=\"/cases?after=")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a next-page link");
    let (_, second) = app.page(&format!("/cases?after={next}")).await;
    assert_eq!(second.matches("<tr>").count() - 1, 3);
    assert!(!second.contains("Next page"));
}
