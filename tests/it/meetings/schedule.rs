//! Scheduling: the date typed as day, month and year like the rest of coopkit, no meetings
//! for a withdrawn case, and a ballot that opens and closes at the times set.

use coopkit::db::entities::{cases, meetings};
use coopkit::domain::user::Role;
use rocket::http::Status;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};

use super::{closing, day, founding_meeting, parts, post, resolution_fields, vote};
use crate::support::TestApp;

#[rocket::async_test]
async fn the_meeting_date_is_typed_as_day_month_and_year() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let case = app.open_case("Riverside Bakers").await;
    let (_, page) = app.page(&format!("/cases/{case}/meetings")).await;
    assert!(page.contains("name=\"date.day\""), "{page}");
    assert!(!page.contains("type=\"date\""), "no native date picker");
    let fields = |d: &str, m: &str, y: &str| {
        vec![
            ("kind", "workforce".to_string()),
            ("date.day", d.to_string()),
            ("date.month", m.to_string()),
            ("date.year", y.to_string()),
            ("time", "18:30".to_string()),
            ("place", "The canteen".to_string()),
        ]
    };
    let r = post(
        &app,
        &format!("/cases/{case}/meetings/new"),
        &fields("30", "2", "2031"),
    )
    .await;
    assert_eq!(r.status(), Status::UnprocessableEntity);
    let body = r.into_string().await.unwrap_or_default();
    assert!(
        body.contains("must be a real date: February 2031 has 28 days"),
        "{body}"
    );
    assert!(body.contains("value=\"30\""), "the day comes back as typed");
    let r = post(
        &app,
        &format!("/cases/{case}/meetings/new"),
        &fields("1", "2", "2031"),
    )
    .await;
    assert_eq!(r.status(), Status::SeeOther);
    let stored = meetings::Entity::find()
        .one(app.db())
        .await
        .expect("meetings test")
        .expect("a meeting");
    assert_eq!(stored.meeting_date, "2031-02-01");
}

#[rocket::async_test]
async fn a_withdrawn_case_offers_no_meeting_and_refuses_one() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let case = app.open_case("Riverside Bakers").await;
    let mut row = cases::Entity::find_by_id(case)
        .one(app.db())
        .await
        .expect("meetings test")
        .expect("the case")
        .into_active_model();
    row.status = Set("withdrawn".into());
    row.update(app.db()).await.expect("meetings test");
    let (_, page) = app.page(&format!("/cases/{case}/meetings")).await;
    assert!(
        page.contains("This case is withdrawn, so no meetings can be scheduled"),
        "{page}"
    );
    assert!(!page.contains("Schedule a meeting"), "{page}");
    let (y, m, d) = parts(&day(&app, 40));
    let r = post(
        &app,
        &format!("/cases/{case}/meetings/new"),
        &[
            ("kind", "workforce".into()),
            ("date.day", d),
            ("date.month", m),
            ("date.year", y),
            ("time", "18:30".into()),
            ("place", "The canteen".into()),
        ],
    )
    .await;
    assert_eq!(r.status(), Status::UnprocessableEntity);
    let body = r.into_string().await.unwrap_or_default();
    assert!(
        body.contains("This case is withdrawn, so no meeting can be scheduled"),
        "{body}"
    );
    assert_eq!(
        meetings::Entity::find()
            .all(app.db())
            .await
            .expect("meetings test")
            .len(),
        0
    );
}

#[rocket::async_test]
async fn a_ballot_opens_and_closes_at_its_times_without_a_background_job() {
    let app = TestApp::spawn().await;
    let f = founding_meeting(&app, 2).await;
    let base = format!("/cases/{}/meetings/{}", f.case, f.meeting);
    let (y, m, d) = parts(&day(&app, 1));
    let mut fields = vec![
        ("opens.day", d),
        ("opens.month", m),
        ("opens.year", y),
        ("open_time", "09:00".to_string()),
    ];
    // Closing before it opens is refused, and the form keeps what was typed.
    let mut wrong = fields.clone();
    wrong.extend(
        closing(&app, 0)
            .into_iter()
            .map(|(k, v)| (k, v.replace("18:00", "08:00"))),
    );
    let r = post(&app, &format!("{base}/ballot"), &wrong).await;
    assert_eq!(r.status(), Status::UnprocessableEntity);
    let body = r.into_string().await.unwrap_or_default();
    assert!(
        body.contains("The ballot must close after it opens"),
        "{body}"
    );
    assert!(body.contains("value=\"09:00\""), "{body}");

    fields.extend(closing(&app, 3));
    let r = post(&app, &format!("{base}/ballot"), &fields).await;
    assert_eq!(r.status(), Status::SeeOther);
    let (_, page) = app.page(&base).await;
    assert!(page.contains("The ballot opens on"), "{page}");

    let (rules_field, _) = resolution_fields(&app, &f).await;
    app.sign_out().await;
    app.sign_in(&f.workers[0]).await;
    let (status, body) = vote(&app, &f, &[(rules_field.as_str(), "for".into())]).await;
    assert_eq!(status, Status::Conflict);
    assert!(body.contains("The ballot is not open yet"), "{body}");

    // Two days on, signed in again (a session does not last that long): the ballot is open.
    app.clock.advance(2 * 86_400);
    app.sign_out().await;
    app.sign_in(&f.workers[0]).await;
    let (status, body) = vote(&app, &f, &[(rules_field.as_str(), "for".into())]).await;
    assert_eq!(status, Status::Ok, "{body}");

    // Past its closing time, the next page anyone opens closes it, once, for everyone.
    app.clock.advance(2 * 86_400);
    app.sign_out().await;
    app.sign_in(&f.workers[0]).await;
    let (_, page) = app.page(&base).await;
    assert!(page.contains("The ballot closed on"), "{page}");
    let stored = meetings::Entity::find_by_id(f.meeting)
        .one(app.db())
        .await
        .expect("meetings test")
        .expect("the meeting");
    assert_eq!(stored.ballot_closed_at, stored.ballot_closes_at);
    let events = coopkit::db::repo::events::for_case(app.db(), f.case)
        .await
        .expect("meetings test");
    let closes: Vec<_> = events
        .iter()
        .filter(|e| e.kind == "ballot_closed")
        .collect();
    assert_eq!(closes.len(), 1);
    assert!(closes[0].summary.contains("closed at its closing time"));
    app.page(&base).await;
    let again = coopkit::db::repo::events::for_case(app.db(), f.case)
        .await
        .expect("meetings test");
    assert_eq!(
        again.iter().filter(|e| e.kind == "ballot_closed").count(),
        1
    );
}
