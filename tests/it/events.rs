//! Events: the forms, the calendar feed, sign-ups at the same instant and the home page, and
//! the helpers the other event tests share. The whole story, from publishing a webinar to the
//! quarter's impact report, is `events_story`.

use coopkit::domain::user::Role;
use rocket::http::Status;

use crate::support::TestApp;

/// Tomorrow's UK date as the form's day, month and year boxes, so the event has not
/// started and sign-up is open.
pub(crate) fn tomorrow(app: &TestApp) -> [String; 3] {
    let now = coopkit::domain::events::london::to_local(app.clock.now() + 24 * 60 * 60);
    ["%-d", "%-m", "%Y"].map(|f| now.date().format(f).to_string())
}

pub(crate) async fn post(
    app: &TestApp,
    path: &str,
    fields: &[(&str, &str)],
) -> (Status, String, String) {
    let response = app.post_form(path, fields).await;
    let status = response.status();
    let location = response
        .headers()
        .get_one("Location")
        .unwrap_or_default()
        .to_string();
    (
        status,
        location,
        response.into_string().await.unwrap_or_default(),
    )
}

/// Signs up on the event's public page; returns the booking page's path.
pub(crate) async fn sign_up(app: &TestApp, event: i64, name: &str, organisation: &str) -> String {
    app.page(&format!("/events/{event}")).await;
    let email = format!("{}@example.org", name.to_lowercase());
    let (status, location, body) = post(
        app,
        &format!("/events/{event}/sign-up"),
        &[
            ("name", name),
            ("email", &email),
            ("organisation", organisation),
            ("role", "advisor"),
            ("website", ""),
        ],
    )
    .await;
    assert_eq!(status, Status::SeeOther, "{body}");
    assert!(location.starts_with("/events/booking/"), "{location}");
    location
}

pub(crate) async fn publish_webinar(app: &TestApp) -> i64 {
    app.page("/staff/events/new").await;
    let [day, month, year] = tomorrow(app);
    let (status, location, body) = post(
        app,
        "/staff/events",
        &[
            ("title", "When a co-op fits: for business advisors"),
            ("kind", "webinar"),
            ("audience", "advisors"),
            ("session_day", &day),
            ("session_month", &month),
            ("session_year", &year),
            ("session_start", "12:30"),
            ("session_end", "13:30"),
            // A spare block left empty is ignored.
            ("session_day", ""),
            ("session_month", ""),
            ("session_year", ""),
            ("session_start", ""),
            ("session_end", ""),
            ("online_link", "https://meet.example.org/coop"),
            ("capacity", "3"),
            (
                "description",
                "How to spot a business that could become a co-op.",
            ),
            ("open", "yes"),
        ],
    )
    .await;
    assert_eq!(status, Status::SeeOther, "{body}");
    location
        .trim_start_matches("/staff/events/")
        .parse()
        .expect("event id")
}

#[rocket::async_test]
async fn forms_keep_what_was_typed_and_say_what_to_fix() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Staff, "sam@example.org").await;
    app.page("/staff/events/new").await;
    let (status, _, page) = post(
        &app,
        "/staff/events",
        &[
            ("title", "Reading accounts"),
            ("session_day", "17"),
            ("session_month", "13"),
            ("session_year", "2027"),
            ("capacity", "lots"),
        ],
    )
    .await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(page.contains("Reading accounts"));
    assert!(page.contains("value=\"13\""), "the month typed is kept");
    assert!(page.contains("Enter the date as day, month and year, like 17 3 2027"));
    assert!(
        page.contains("href=\"#session_date_1\""),
        "the summary links to the row"
    );
    assert!(page.contains("Enter how many places there are"));

    let event = publish_webinar(&app).await;
    app.page(&format!("/events/{event}")).await;
    let (status, _, page) = post(
        &app,
        &format!("/events/{event}/sign-up"),
        &[("name", "Ann Lee"), ("email", "not an address")],
    )
    .await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(page.contains("Ann Lee"));
    assert!(page.contains("Choose what describes you best"));

    // A bot filling the hidden field is sent away and nothing is kept.
    let (status, location, _) = post(
        &app,
        &format!("/events/{event}/sign-up"),
        &[
            ("name", "Bot"),
            ("email", "bot@example.org"),
            ("role", "other"),
            ("website", "x"),
        ],
    )
    .await;
    assert_eq!((status, location.as_str()), (Status::SeeOther, "/events"));
    let rows = coopkit::db::repo::event_bookings::registrations_of(app.db(), event)
        .await
        .expect("sign-ups");
    assert!(rows.is_empty());

    // The same person twice is told so, and the first booking stands.
    sign_up(&app, event, "Ann", "").await;
    let (status, _, page) = post(
        &app,
        &format!("/events/{event}/sign-up"),
        &[
            ("name", "Ann"),
            ("email", "ANN@example.org"),
            ("role", "advisor"),
        ],
    )
    .await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(page.contains("already signed up for this event"));
}

#[rocket::async_test]
async fn the_calendar_feed_keeps_its_uid_and_counts_changes() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Staff, "sam@example.org").await;
    let event = publish_webinar(&app).await;
    let feed = app
        .get("/events.ics")
        .await
        .into_string()
        .await
        .expect("a body");
    let session = coopkit::db::repo::outreach::sessions_of(app.db(), event)
        .await
        .expect("sessions")[0]
        .id;
    let uid = format!("UID:event-session-{session}@");
    assert!(feed.contains(&uid), "{feed}");
    assert!(feed.contains("SEQUENCE:0\r\n"));
    assert!(feed.contains("LOCATION:Online\r\n"));
    assert!(
        !feed.contains("meet.example.org"),
        "the meeting link is for people who sign up"
    );

    app.page(&format!("/staff/events/{event}/edit")).await;
    let [day, month, year] = tomorrow(&app);
    let (status, _, body) = post(
        &app,
        &format!("/staff/events/{event}/edit"),
        &[
            ("version", "1"),
            ("title", "When a co-op fits (new time)"),
            ("kind", "webinar"),
            ("audience", "advisors"),
            ("session_day", &day),
            ("session_month", &month),
            ("session_year", &year),
            ("session_start", "13:00"),
            ("session_end", "14:00"),
            ("online_link", "https://meet.example.org/coop"),
            ("capacity", "3"),
            (
                "description",
                "How to spot a business that could become a co-op.",
            ),
            ("open", "yes"),
        ],
    )
    .await;
    assert_eq!(status, Status::SeeOther, "{body}");
    let feed = app
        .get("/events.ics")
        .await
        .into_string()
        .await
        .expect("a body");
    assert!(feed.contains(&uid), "the same entry, moved");
    assert!(feed.contains("SEQUENCE:1\r\n"));
    assert!(feed.contains("SUMMARY:When a co-op fits (new time)"));
}

/// Eight people taking three places at the same instant: the capacity check and the insert
/// share one locked transaction, so exactly three are booked and five wait, on both backends.
#[rocket::async_test]
async fn sign_ups_at_the_same_instant_never_overbook() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Staff, "sam@example.org").await;
    let event = publish_webinar(&app).await;
    app.page(&format!("/events/{event}")).await;
    let path = format!("/events/{event}/sign-up");
    let names: Vec<String> = (1..=8).map(|n| format!("Person{n}")).collect();
    let emails: Vec<String> = names.iter().map(|n| format!("{n}@example.org")).collect();
    let forms: Vec<Vec<(&str, &str)>> = names
        .iter()
        .zip(&emails)
        .map(|(n, e)| {
            vec![
                ("name", n.as_str()),
                ("email", e.as_str()),
                ("role", "student"),
            ]
        })
        .collect();
    let statuses = rocket::futures::future::join_all(
        forms
            .iter()
            .map(|f| async { app.post_form(&path, f).await.status() }),
    )
    .await;
    assert!(
        statuses.iter().all(|s| *s == Status::SeeOther),
        "{statuses:?}"
    );
    let rows = coopkit::db::repo::event_bookings::registrations_of(app.db(), event)
        .await
        .expect("sign-ups");
    let booked = rows.iter().filter(|r| r.state == "registered").count();
    let waiting = rows.iter().filter(|r| r.state == "waitlisted").count();
    assert_eq!((booked, waiting), (3, 5));
}

#[rocket::async_test]
async fn the_home_page_shows_the_next_open_events() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Staff, "sam@example.org").await;
    let event = publish_webinar(&app).await;
    app.sign_out().await;
    let (status, home) = app.page("/").await;
    assert_eq!(status, Status::Ok);
    assert!(
        home.contains(&format!("href=\"/events/{event}\"")),
        "{home}"
    );
    assert!(home.contains("When a co-op fits: for business advisors"));
}

/// The waiting list's page spoke of "your place" to someone who has none, and its thanks
/// said their place went to the next person; and someone the register showed as present
/// was still offered "Cancel my place".
#[rocket::async_test]
async fn cancelling_says_what_there_is_to_give_up() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Staff, "sam@example.org").await;
    let event = publish_webinar(&app).await;
    let ann = sign_up(&app, event, "Ann", "").await;
    sign_up(&app, event, "Bob", "").await;
    sign_up(&app, event, "Cat", "").await;
    let dan = sign_up(&app, event, "Dan", "").await;

    let (_, page) = app.page(&dan).await;
    assert!(page.contains("No longer want a place?"), "{page}");
    assert!(page.contains("Leaving the waiting list lets the people after you move up."));
    assert!(!page.contains("gives your place"));
    let (status, _, _) = post(&app, &format!("{dan}/cancel"), &[]).await;
    assert_eq!(status, Status::SeeOther);
    let (_, page) = app.page(&dan).await;
    assert!(page.contains("You have left the waiting list."), "{page}");
    assert!(!page.contains("your place goes to the next person"));

    // Ann is marked present (at check-in, before the start): nothing is left to cancel.
    let (_, register) = app.page(&format!("/staff/events/{event}")).await;
    let session = register
        .split("name=\"session\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a session")
        .to_string();
    let rows = coopkit::db::repo::event_bookings::registrations_of(app.db(), event)
        .await
        .expect("sign-ups");
    let ann_id = rows[0].id.to_string();
    let (status, _, _) = post(
        &app,
        &format!("/staff/events/{event}/attendance"),
        &[("session", &session), ("present", &ann_id)],
    )
    .await;
    assert_eq!(status, Status::SeeOther);
    let (_, page) = app.page(&ann).await;
    assert!(page.contains("Tell us how it went"), "{page}");
    assert!(!page.contains("Cancel my place"), "{page}");
    let (status, _, _) = post(&app, &format!("{ann}/cancel"), &[]).await;
    assert_eq!(status, Status::Conflict);
}

/// An online webinar's booking page said nothing of how to join: the link was only in the
/// confirmation email. Now it is on the page of each person with a place, and of nobody else.
#[rocket::async_test]
async fn a_booked_person_finds_the_online_link_on_their_page() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Staff, "sam@example.org").await;
    let event = publish_webinar(&app).await;
    let link = "href=\"https://meet.example.org/coop\"";
    let (_, page) = app.page(&format!("/events/{event}")).await;
    assert!(!page.contains(link), "the public page keeps it back");
    let ann = sign_up(&app, event, "Ann", "").await;
    for name in ["Bob", "Cat"] {
        sign_up(&app, event, name, "").await;
    }
    let dan = sign_up(&app, event, "Dan", "").await;
    let (_, page) = app.page(&ann).await;
    assert!(page.contains("Joining online"), "{page}");
    assert!(page.contains(link));
    let (_, page) = app.page(&dan).await;
    assert!(!page.contains(link), "Dan is waiting: {page}");
    post(&app, &format!("{ann}/cancel"), &[]).await;
    let (_, page) = app.page(&ann).await;
    assert!(!page.contains(link), "Ann cancelled");
    let (_, page) = app.page(&dan).await;
    assert!(page.contains(link), "Dan has Ann's place: {page}");
}
