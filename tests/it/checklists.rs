//! The stage checklist: ticking items, "does not apply" needing a reason, and two people
//! saving the checklist at once.

use coopkit::db::repo;
use coopkit::domain::user::Role;
use rocket::http::Status;

use crate::support::TestApp;

#[rocket::async_test]
async fn an_item_that_does_not_apply_needs_a_reason_and_the_ticks_are_kept() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let id = app.open_case("Ribble Print Works").await;
    let stage = format!("/cases/{id}/stages/intake");
    let (_, html) = app.page(&stage).await;
    assert!(html.contains("name=\"version\" value=\"0\""));

    let response = app
        .post_form(
            &format!("{stage}/checklist"),
            &[
                ("ck_contact_logged", "done"),
                ("ck_privacy_notice", "na"),
                ("version", "0"),
            ],
        )
        .await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
    let html = response.into_string().await.unwrap_or_default();
    assert!(
        html.contains("Say why &quot;Privacy notice given&quot; does not apply"),
        "{html}"
    );
    assert!(html.contains("href=\"#ck_privacy_notice-reason\""));
    assert!(
        html.contains("id=\"ck_contact_logged\" name=\"ck_contact_logged\" value=\"done\" checked"),
        "the ticks are kept"
    );
    assert!(html
        .contains("id=\"ck_privacy_notice-na\" name=\"ck_privacy_notice\" value=\"na\" checked"));

    let response = app
        .post_form(
            &format!("{stage}/checklist"),
            &[
                ("ck_contact_logged", "done"),
                ("ck_privacy_notice", "na"),
                ("ck_privacy_notice-reason", "No personal details kept"),
                ("version", "0"),
            ],
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let (_, html) = app.page(&stage).await;
    assert!(html.contains("value=\"No personal details kept\""));
    assert!(html.contains("In progress"));

    // A second save from a page opened before the first one is refused, not merged.
    let response = app
        .post_form(
            &format!("{stage}/checklist"),
            &[("ck_owners_identified", "done"), ("version", "0")],
        )
        .await;
    assert_eq!(response.status(), Status::Conflict);
    let refused = response.into_string().await.unwrap_or_default();
    assert!(refused.contains("This has changed since you opened it"));
    let (_, html) = app.page(&stage).await;
    assert!(
        html.contains("id=\"ck_contact_logged\" name=\"ck_contact_logged\" value=\"done\" checked")
    );
}

/// With no meeting recorded in coopkit, staff may still sign a vote gate off, but only with a
/// reason, which the case's history keeps.
#[rocket::async_test]
async fn a_vote_gate_without_a_resolution_needs_a_reason_that_is_kept() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Staff, "staff@example.org").await;
    let id = app.open_case("Ribble Print Works").await;
    let mut row = repo::stages::find_or_create(app.db(), id, "members_vote", app.clock.now())
        .await
        .expect("stage row");
    row.status = "waiting_for_signoff".into();
    assert!(repo::stages::save_if_version(app.db(), row)
        .await
        .expect("saved"));
    let stage = format!("/cases/{id}/stages/members_vote");
    let (_, html) = app.page(&stage).await;
    assert!(
        html.contains("No resolution of this kind has been carried yet"),
        "{html}"
    );

    let response = app
        .post_form(
            &format!("{stage}/approve"),
            &[("evidence", "none"), ("note", "")],
        )
        .await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
    let html = response.into_string().await.unwrap_or_default();
    assert!(html.contains("Choose the resolution the members carried, or say below why"));

    let response = app
        .post_form(
            &format!("{stage}/approve"),
            &[
                ("evidence", "none"),
                (
                    "override_reason",
                    "Meeting held on paper before coopkit; minutes at the Centre",
                ),
                ("note", "Minutes filed at the Centre"),
            ],
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let (_, html) = app.page(&stage).await;
    assert!(html.contains("Minutes filed at the Centre"));
    let (_, history) = app.page(&format!("/cases/{id}/timeline")).await;
    assert!(
        history.contains("without a resolution recorded in coopkit, because: Meeting held on paper before coopkit"),
        "{history}"
    );
}

/// A stage row written by a newer version of coopkit, or by hand, is not quietly read as
/// "not started" (which would let people redo a signed-off stage): the page stops with an
/// error, and nothing is saved over it.
#[rocket::async_test]
async fn a_stage_status_the_code_does_not_know_stops_the_page() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let id = app.open_case("Ribble Print Works").await;
    let mut row = repo::stages::find_or_create(app.db(), id, "intake", app.clock.now())
        .await
        .expect("stage row");
    row.status = "approved_by_board".into();
    assert!(repo::stages::save_if_version(app.db(), row)
        .await
        .expect("saved"));
    let stage = format!("/cases/{id}/stages/intake");
    let (status, _) = app.page(&stage).await;
    assert_eq!(status, Status::InternalServerError);
    let response = app
        .post_form(
            &format!("{stage}/checklist"),
            &[("ck_contact_logged", "done"), ("version", "1")],
        )
        .await;
    assert_eq!(response.status(), Status::InternalServerError);
    let stored = repo::stages::find_or_create(app.db(), id, "intake", app.clock.now())
        .await
        .expect("stage row");
    assert_eq!(stored.status, "approved_by_board");
    assert_eq!(stored.checklist, "{}");
}
