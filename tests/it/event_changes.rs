//! Staff changes to events after they are published: cancelling one (everyone told, the
//! public page and the calendar feed say so), a sign-up cut-off, access needs deleted 30 days
//! after the event, and the form's session blocks (one at first, more on request, no script).

use coopkit::domain::user::Role;
use rocket::http::Status;

use crate::events::{post, publish_webinar, sign_up, tomorrow};
use crate::smtp_sink::SmtpSink;
use crate::support::TestApp;

const DAY: i64 = 24 * 60 * 60;

#[rocket::async_test]
async fn cancelling_an_event_tells_everyone_booked_or_waiting() {
    let sink = SmtpSink::start().await;
    let app = TestApp::spawn_with(&[
        ("smtp_host", "127.0.0.1".into()),
        ("smtp_port", sink.port.to_string()),
        ("smtp_from", "coopkit <noreply@example.org>".into()),
    ])
    .await;
    app.signed_in_as(Role::Staff, "sam@example.org").await;
    let event = publish_webinar(&app).await;
    let mut links = Vec::new();
    for name in ["Ann", "Bob", "Cat", "Dan"] {
        links.push(sign_up(&app, event, name, "").await);
    }
    assert_eq!(
        sink.received().len(),
        4,
        "four confirmations, Dan's for the waiting list"
    );

    app.page(&format!("/staff/events/{event}")).await;
    let (status, _, body) = post(&app, &format!("/staff/events/{event}/cancel"), &[]).await;
    assert_eq!(status, Status::SeeOther, "{body}");
    let mail = sink.received();
    assert_eq!(mail.len(), 8);
    let mut told: Vec<String> = mail[4..].iter().map(|m| m.to[0].clone()).collect();
    told.sort();
    assert_eq!(
        told,
        [
            "ann@example.org",
            "bob@example.org",
            "cat@example.org",
            "dan@example.org"
        ]
    );
    assert!(mail[4].data.contains("cancelled"));

    // The staff list says so too, instead of offering its places.
    let (_, list) = app.page("/staff/events").await;
    assert!(
        list.contains("<td data-label=\"Places\"><strong>Cancelled</strong></td>"),
        "{list}"
    );
    let (status, page) = app.page(&format!("/events/{event}")).await;
    assert_eq!(status, Status::Ok);
    assert!(page.contains("This event is cancelled."));
    assert!(
        !page.contains("/sign-up\""),
        "no sign-up form on a cancelled event"
    );
    let (_, page) = app.page(&links[0]).await;
    assert!(page.contains("Your booking is cancelled"), "{page}");
    let feed = app
        .get("/events.ics")
        .await
        .into_string()
        .await
        .expect("a body");
    assert!(feed.contains("STATUS:CANCELLED\r\n"), "{feed}");
    assert!(feed.contains("SEQUENCE:1\r\n"));

    let (status, _, _) = post(&app, &format!("/staff/events/{event}/cancel"), &[]).await;
    assert_eq!(
        status,
        Status::Conflict,
        "a cancelled event stays cancelled"
    );
    let (status, _, _) = post(
        &app,
        &format!("/events/{event}/sign-up"),
        &[
            ("name", "Eve"),
            ("email", "eve@example.org"),
            ("role", "advisor"),
        ],
    )
    .await;
    assert_eq!(status, Status::UnprocessableEntity, "nobody signs up to it");
}

/// Publishes a webinar tomorrow at 12:30 (UK) whose sign-up closes `hours` before.
async fn webinar_with_cut_off(app: &TestApp, hours: &str) -> i64 {
    app.page("/staff/events/new").await;
    let [day, month, year] = tomorrow(app);
    let (status, location, body) = post(
        app,
        "/staff/events",
        &[
            ("title", "Reading a co-op's accounts"),
            ("kind", "workshop"),
            ("audience", "public"),
            ("session_day", &day),
            ("session_month", &month),
            ("session_year", &year),
            ("session_start", "12:30"),
            ("session_end", "14:00"),
            ("place", "Preston Co-operative Education Centre"),
            ("capacity", "20"),
            (
                "description",
                "Profit and loss, the balance sheet and cash flow.",
            ),
            ("open", "yes"),
            ("signup_cutoff_hours", hours),
        ],
    )
    .await;
    assert_eq!(status, Status::SeeOther, "{body}");
    location
        .trim_start_matches("/staff/events/")
        .parse()
        .expect("id")
}

#[rocket::async_test]
async fn sign_up_closes_at_the_cut_off() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Staff, "sam@example.org").await;
    // The session is at most a day and a half away, so a 48-hour cut-off has passed.
    let closed = webinar_with_cut_off(&app, "48").await;
    let (_, page) = app.page(&format!("/events/{closed}")).await;
    assert!(
        page.contains("Sign-up for this event has closed."),
        "{page}"
    );
    let (status, _, page) = post(
        &app,
        &format!("/events/{closed}/sign-up"),
        &[
            ("name", "Ann"),
            ("email", "ann@example.org"),
            ("role", "advisor"),
        ],
    )
    .await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(page.contains("Sign-up for this event has closed"));

    let open = webinar_with_cut_off(&app, "1").await;
    let (_, page) = app.page(&format!("/events/{open}")).await;
    assert!(page.contains("Sign-up closes on"), "{page}");
    assert!(page.contains("at 11:30."), "an hour before 12:30: {page}");
    sign_up(&app, open, "Ann", "").await;

    let (status, _, page) = post(
        &app,
        "/staff/events",
        &[("title", "Too late"), ("signup_cutoff_hours", "a week")],
    )
    .await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(page.contains("Enter a whole number of hours from 0 to 336"));
}

#[rocket::async_test]
async fn access_needs_are_deleted_30_days_after_the_event() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Staff, "sam@example.org").await;
    let event = publish_webinar(&app).await;
    let (_, page) = app.page(&format!("/events/{event}")).await;
    assert!(
        page.contains("we delete it 30 days after the event"),
        "the rule is on the form"
    );
    let (status, _, _) = post(
        &app,
        &format!("/events/{event}/sign-up"),
        &[
            ("name", "Ann"),
            ("email", "ann@example.org"),
            ("role", "advisor"),
            ("access_needs", "Captions, please"),
        ],
    )
    .await;
    assert_eq!(status, Status::SeeOther);
    let register = format!("/staff/events/{event}");

    // The event is tomorrow; 29 days later the needs are still kept. (Moving the clock
    // ends the staff member's session, so they sign in again.)
    app.clock.advance(29 * DAY);
    app.sign_in("sam@example.org").await;
    let (_, page) = app.page(&register).await;
    assert!(page.contains("Captions, please"));
    // More than 30 days after it ended, the next look at the register deletes them.
    app.clock.advance(3 * DAY);
    app.sign_in("sam@example.org").await;
    let (_, page) = app.page(&register).await;
    assert!(!page.contains("Captions, please"));
    let rows = coopkit::db::repo::event_bookings::registrations_of(app.db(), event)
        .await
        .expect("sign-ups");
    assert_eq!(
        rows[0].access_needs, "",
        "gone from the database, not only hidden"
    );
    assert_eq!(rows[0].state, "registered", "the booking itself stays");
}

#[rocket::async_test]
async fn the_event_form_starts_with_one_session_and_adds_more_without_script() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Staff, "sam@example.org").await;
    let (_, page) = app.page("/staff/events/new").await;
    assert!(page.contains("<legend>Session 1</legend>"));
    assert!(
        !page.contains("<legend>Session 2</legend>"),
        "one block on a phone, not six"
    );
    assert!(
        page.contains("name=\"session_day\""),
        "day, month and year boxes"
    );
    let (status, _, page) = post(
        &app,
        "/staff/events",
        &[
            ("title", "Being a director"),
            ("kind", "course"),
            ("session_day", "9"),
            ("session_month", "3"),
            ("session_year", "2027"),
            ("session_start", "18:00"),
            ("session_end", "20:00"),
            ("add_session", "yes"),
        ],
    )
    .await;
    assert_eq!(status, Status::Ok, "the form again, nothing saved");
    assert!(page.contains("<legend>Session 2</legend>"));
    assert!(!page.contains("<legend>Session 3</legend>"));
    assert!(page.contains("Being a director"), "what was typed is kept");
    assert!(page.contains("value=\"18:00\""));
    assert!(
        !page.contains("error-message"),
        "adding a block is not an error"
    );
    let (_, list) = app.page("/staff/events").await;
    assert!(!list.contains("Being a director"));
}
