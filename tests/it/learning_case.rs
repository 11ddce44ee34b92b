//! Learning on a case: a case's event invites its members, who take a place from their
//! progress page (one waits, a place given back goes to them); the register fills each
//! member's learning record; the "Members' decision" stage suggests the material and the
//! event and counts who has done the governance session; the old hand-typed training log
//! stays as history.

use coopkit::db::entities::{event_registrations, event_sessions};
use coopkit::domain::user::Role;
use rocket::http::Status;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::events::tomorrow;
use crate::invitations::{accept_as_new, invite};
use crate::learning::add_governance_page;
use crate::support::TestApp;

async fn post(app: &TestApp, path: &str, fields: &[(&str, &str)]) -> (Status, String) {
    let response = app.post_form(path, fields).await;
    let status = response.status();
    let location = response
        .headers()
        .get_one("Location")
        .unwrap_or_default()
        .to_string();
    (status, location)
}

/// Staff set up a workshop for one case with one place, tagged for its members' decision.
async fn case_workshop(app: &TestApp, case: i64) -> i64 {
    app.page("/staff/events/new").await;
    let [day, month, year] = tomorrow(app);
    let case = case.to_string();
    let (status, location) = post(
        app,
        "/staff/events",
        &[
            ("title", "Owning it together: co-op governance"),
            ("kind", "workshop"),
            ("audience", "case_workers"),
            ("session_day", &day),
            ("session_month", &month),
            ("session_year", &year),
            ("session_start", "17:00"),
            ("session_end", "19:00"),
            ("place", "Preston Co-operative Education Centre"),
            ("capacity", "1"),
            ("description", "Who decides what in a worker co-op."),
            ("case_id", &case),
        ],
    )
    .await;
    assert_eq!(status, Status::SeeOther);
    let event: i64 = location
        .trim_start_matches("/staff/events/")
        .parse()
        .expect("id");
    app.page(&format!("/staff/events/{event}/stages")).await;
    let (status, _) = post(
        app,
        &format!("/staff/events/{event}/stages"),
        &[
            ("stage", "buyout:members_vote"),
            ("stage", "nowhere:at_all"),
        ],
    )
    .await;
    assert_eq!(status, Status::SeeOther);
    let (_, page) = app.page(&format!("/staff/events/{event}/stages")).await;
    assert!(
        page.contains("value=\"buyout:members_vote\" checked"),
        "{page}"
    );
    event
}

async fn progress(app: &TestApp, case: i64) -> String {
    app.page(&format!("/cases/{case}/progress")).await.1
}

#[rocket::async_test]
async fn members_sign_up_for_their_case_event_and_the_register_fills_their_record() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let case = app.open_case("Ribble Print Works").await;
    let ann = invite(&app, case, "Ann Lee", "ann@example.org").await;
    let bob = invite(&app, case, "Bob Roe", "bob@example.org").await;
    app.sign_out().await;
    accept_as_new(&app, &ann, "Ann Lee").await;
    app.sign_out().await;
    accept_as_new(&app, &bob, "Bob Roe").await;
    app.sign_out().await;
    app.signed_in_as(Role::Staff, "sam@example.org").await;
    let material = add_governance_page(&app).await;
    let event = case_workshop(&app, case).await;
    // Staff see the event on the progress page but take no place themselves.
    let page = progress(&app, case).await;
    assert!(page.contains("Owning it together: co-op governance"));
    assert!(!page.contains("Take a place"));
    let (status, _) = post(&app, &format!("/cases/{case}/events/{event}/sign-up"), &[]).await;
    assert_eq!(status, Status::Forbidden);
    app.sign_out().await;

    // The decision stage suggests the material and the event, and counts nobody yet.
    app.sign_in("ann@example.org").await;
    let (_, stage) = app
        .page(&format!("/cases/{case}/stages/members_vote"))
        .await;
    assert!(
        stage.contains("Before this stage, members usually learn…"),
        "{stage}"
    );
    assert!(stage.contains(&format!(
        "<a href=\"/learning/{material}\">Governance and management</a>"
    )));
    assert!(stage.contains("Owning it together: co-op governance"));
    assert!(stage.contains("0 of 3 members have done the governance session."));
    let (_, other) = app.page(&format!("/cases/{case}/stages/finance")).await;
    assert!(!other.contains("Before this stage"));

    // One click each: Ann takes the one place, Bob waits.
    let page = progress(&app, case).await;
    assert!(page.contains("Take a place"), "{page}");
    let (status, location) =
        post(&app, &format!("/cases/{case}/events/{event}/sign-up"), &[]).await;
    assert_eq!(
        (status, location),
        (
            Status::SeeOther,
            format!("/cases/{case}/progress#case-events")
        )
    );
    assert!(progress(&app, case).await.contains("You have a place"));
    // A second click changes nothing.
    post(&app, &format!("/cases/{case}/events/{event}/sign-up"), &[]).await;
    app.sign_out().await;
    app.sign_in("bob@example.org").await;
    let page = progress(&app, case).await;
    assert!(page.contains("Join the waiting list"), "{page}");
    post(&app, &format!("/cases/{case}/events/{event}/sign-up"), &[]).await;
    assert!(progress(&app, case)
        .await
        .contains("You are number 1 on the waiting list"));
    app.sign_out().await;

    // Ann gives her place back: it goes to Bob.
    app.sign_in("ann@example.org").await;
    progress(&app, case).await;
    let (status, _) = post(&app, &format!("/cases/{case}/events/{event}/cancel"), &[]).await;
    assert_eq!(status, Status::SeeOther);
    let page = progress(&app, case).await;
    assert!(page.contains("Join the waiting list") && !page.contains("You have a place"));
    app.sign_out().await;
    app.sign_in("bob@example.org").await;
    assert!(progress(&app, case).await.contains("You have a place"));
    app.sign_out().await;

    // Staff mark Bob present; the rep reads the material.
    app.sign_in("sam@example.org").await;
    app.page(&format!("/staff/events/{event}")).await;
    let session = event_sessions::Entity::find()
        .filter(event_sessions::Column::EventId.eq(event))
        .one(app.db())
        .await
        .expect("sessions")
        .expect("a session")
        .id;
    let booked = event_registrations::Entity::find()
        .filter(event_registrations::Column::EventId.eq(event))
        .filter(event_registrations::Column::State.eq("registered"))
        .one(app.db())
        .await
        .expect("sign-ups")
        .expect("Bob's place")
        .id;
    let (session, booked) = (session.to_string(), booked.to_string());
    let (status, _) = post(
        &app,
        &format!("/staff/events/{event}/attendance"),
        &[("session", &session), ("present", &booked)],
    )
    .await;
    assert_eq!(status, Status::SeeOther);
    app.sign_out().await;
    app.sign_in("rep@example.org").await;
    app.page(&format!("/learning/{material}")).await;
    post(&app, &format!("/learning/{material}/read"), &[]).await;

    // The rep sees everyone's record and the count, with its definition.
    let (_, record) = app.page(&format!("/cases/{case}/learning")).await;
    assert!(
        record.contains("2 of 3 members have done the governance session."),
        "{record}"
    );
    assert!(
        record.contains(
            "came to an event the centre marked as helping with “Members&#x27; decision”"
        ) || record
            .contains("came to an event the centre marked as helping with “Members' decision”")
    );
    assert!(record.contains("Done: came to a session for this stage"));
    assert!(record.contains("Done: read the material for this stage"));
    assert!(record.contains("Owning it together: co-op governance, "));
    assert!(record.contains("Ann Lee") && record.contains("Bob Roe"));
    let (_, stage) = app
        .page(&format!("/cases/{case}/stages/members_vote"))
        .await;
    assert!(stage.contains("2 of 3 members have done the governance session."));
    app.sign_out().await;

    // A worker sees only their own record.
    app.sign_in("ann@example.org").await;
    let (_, record) = app.page(&format!("/cases/{case}/learning")).await;
    assert!(
        record.contains("Ann Lee (you)") && !record.contains("Bob Roe"),
        "{record}"
    );
    assert!(record.contains("Governance session not done yet"));
}

#[rocket::async_test]
async fn the_old_training_log_is_kept_as_history_and_no_longer_asked() {
    let app = TestApp::spawn().await;
    let rep = app.signed_in_as(Role::Rep, "rep@example.org").await;
    let case = app.open_case("Ribble Print Works").await;
    let typed = serde_json::json!([
        { "name": "Ann Lee", "role": "Reading accounts" },
        { "name": "Bob Roe", "role": "Directors' duties" }
    ]);
    coopkit::db::repo::answers::insert(app.db(), case, "training_log", &typed, rep, 0)
        .await
        .expect("an answer typed before the learning record");
    let (status, record) = app.page(&format!("/cases/{case}/learning")).await;
    assert_eq!(status, Status::Ok);
    assert!(record.contains("Training typed in by hand"), "{record}");
    assert!(record.contains(
        "<td data-label=\"Person\">Ann Lee</td><td data-label=\"Topic\">Reading accounts</td>"
    ));
    // The aftercare page no longer asks for it (the page opens only at that stage).
    let env = app.env();
    let aftercare = env.library.page("aftercare").expect("the aftercare page");
    assert!(aftercare.questions.iter().any(|q| q.key == "gms_held_ytd"));
    assert!(!aftercare.questions.iter().any(|q| q.key == "training_log"));
}
