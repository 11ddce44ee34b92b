//! Members decide (issue 14): a founding meeting on a buyout case, driven through the pages.
//! The rep schedules it and is warned the date is too soon, moves it, puts resolutions (one
//! adopting an exact rules version), sends the notice, opens a secret ballot; workers vote
//! from their accounts, a second vote is refused, nothing is shown until close; the results,
//! the receipts and the minutes follow.

use chrono::Duration;
use coopkit::db::entities::{documents, meetings};
use coopkit::domain::user::Role;
use rocket::http::Status;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::invitations::{accept_as_new, invite};
use crate::support::TestApp;

mod delivery;
mod evidence;
mod flow;
mod record;
mod schedule;
mod secrecy;

pub struct Founding {
    pub case: i64,
    pub meeting: i64,
    pub workers: Vec<String>,
}

/// Posts these fields with the session's CSRF token first, as the browser does.
pub(super) async fn post<'a>(
    app: &'a TestApp,
    path: &str,
    fields: &[(&str, String)],
) -> rocket::local::asynchronous::LocalResponse<'a> {
    let mut all = vec![("_csrf", app.csrf())];
    all.extend(fields.iter().cloned());
    app.post_raw(path, &all).await
}

/// "2027-03-04" as ("2027", "3", "4"): the date as a person types it in three boxes.
pub(super) fn parts(iso: &str) -> (String, String, String) {
    let mut it = iso
        .split('-')
        .map(|p| p.trim_start_matches('0').to_string());
    let mut next = || it.next().unwrap_or_default();
    (next(), next(), next())
}

pub(super) fn day(app: &TestApp, days: i64) -> String {
    (app.clock.today() + Duration::days(days)).to_string()
}

/// A rep's case with `n` workers who have joined, and a founding meeting with two
/// resolutions (adopt the rules, version 1; elect two of three directors).
pub async fn founding_meeting(app: &TestApp, n: usize) -> Founding {
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let case = app.open_case("Riverside Bakers").await;
    let mut workers = Vec::new();
    for i in 0..n {
        let email = format!("worker{i}@example.org");
        let link = invite(app, case, &format!("Worker {i}"), &email).await;
        app.sign_out().await;
        accept_as_new(app, &link, &format!("Worker {i}")).await;
        app.sign_out().await;
        app.sign_in("rep@example.org").await;
        workers.push(email);
    }
    let answers = std::fs::read_to_string(format!(
        "{}/docs/examples/rules-society.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("meetings test");
    let rep = coopkit::db::repo::users::find_by_email(app.db(), "rep@example.org")
        .await
        .expect("meetings test")
        .expect("meetings test");
    coopkit::db::repo::documents::save_answers(
        app.db(),
        case,
        "rules",
        &answers,
        0,
        rep.id,
        app.clock.now(),
    )
    .await
    .expect("meetings test");
    let (status, _, _) = app.make_document(case, "rules", false).await;
    assert_eq!(status, Status::SeeOther);
    let rules = documents::Entity::find()
        .filter(documents::Column::CaseId.eq(case))
        .filter(documents::Column::Kind.eq("rules"))
        .one(app.db())
        .await
        .expect("meetings test")
        .expect("a rules version");

    // Too soon: 14 clear days cannot be given by post for a meeting 16 days away.
    let too_soon = day(app, 16);
    app.page(&format!("/cases/{case}/meetings")).await;
    let fields = |date: &str| {
        let (y, m, d) = parts(date);
        vec![
            ("kind", "founding".to_string()),
            ("date.day", d),
            ("date.month", m),
            ("date.year", y),
            ("time", "18:30".to_string()),
            ("place", "The canteen".to_string()),
        ]
    };
    let r = post(
        app,
        &format!("/cases/{case}/meetings/new"),
        &fields(&too_soon),
    )
    .await;
    let status = r.status();
    let body = r.into_string().await.expect("meetings test");
    assert_eq!(status, Status::UnprocessableEntity, "{body}");
    assert!(
        body.contains("too soon for a notice that is posted"),
        "{body}"
    );
    assert!(
        body.contains("value=\"18:30\""),
        "the form keeps what was typed"
    );
    assert_eq!(
        meetings::Entity::find()
            .count(app.db())
            .await
            .expect("meetings test"),
        0
    );

    // Moved a month on, it is in time every way.
    let r = post(
        app,
        &format!("/cases/{case}/meetings/new"),
        &fields(&day(app, 30)),
    )
    .await;
    assert_eq!(r.status(), Status::SeeOther);
    let meeting = meetings::Entity::find()
        .one(app.db())
        .await
        .expect("meetings test")
        .expect("meetings test")
        .id;
    let base = format!("/cases/{case}/meetings/{meeting}");
    // The draft rules name founders who have no account here: the rep takes them off the
    // list, and must say why.
    let named_only = coopkit::db::entities::meeting_attendees::Entity::find()
        .filter(coopkit::db::entities::meeting_attendees::Column::MeetingId.eq(meeting))
        .filter(coopkit::db::entities::meeting_attendees::Column::UserId.is_null())
        .all(app.db())
        .await
        .expect("meetings test");
    assert_eq!(
        named_only.len(),
        5,
        "the five founders the example rules name"
    );
    for (i, person) in named_only.iter().enumerate() {
        let reason = if i == 0 {
            ""
        } else {
            "Named in the sample rules only"
        };
        let fields = [
            ("attendee", person.id.to_string()),
            ("entitled", "no".to_string()),
            ("reason", reason.to_string()),
        ];
        let r = post(app, &format!("{base}/entitlement"), &fields).await;
        if i == 0 {
            assert_eq!(r.status(), Status::UnprocessableEntity);
            assert!(r
                .into_string()
                .await
                .expect("meetings test")
                .contains("Say why"));
            let fields = [
                ("attendee", person.id.to_string()),
                ("entitled", "no".to_string()),
                ("reason", "Named in the sample rules only".to_string()),
            ];
            let r = post(app, &format!("{base}/entitlement"), &fields).await;
            assert_eq!(r.status(), Status::SeeOther);
        } else {
            assert_eq!(r.status(), Status::SeeOther);
        }
    }
    let (_, page) = app.page(&base).await;
    assert!(page.contains("Members must get 14 clear days"), "{page}");
    assert!(!page.contains("too late"));

    let r = post(
        app,
        &format!("{base}/resolutions"),
        &[
            ("text", "That the co-op adopts the rules, version 1.".into()),
            ("kind", "special".into()),
            ("approves", "rules".into()),
            ("document_id", rules.id.to_string()),
        ],
    )
    .await;
    assert_eq!(r.status(), Status::SeeOther);
    let r = post(
        app,
        &format!("{base}/resolutions"),
        &[
            ("text", "That the members elect the first board.".into()),
            ("kind", "ordinary".into()),
            ("approves", "election".into()),
            ("candidates", "Asha Patel\nBen Ng\nCara Doyle".into()),
            ("seats", "2".into()),
        ],
    )
    .await;
    assert_eq!(r.status(), Status::SeeOther);
    Founding {
        case,
        meeting,
        workers,
    }
}

pub(super) async fn vote(
    app: &TestApp,
    f: &Founding,
    fields: &[(&str, String)],
) -> (Status, String) {
    let path = format!("/cases/{}/meetings/{}/vote", f.case, f.meeting);
    app.page(&path).await;
    let r = post(app, &path, fields).await;
    (r.status(), r.into_string().await.unwrap_or_default())
}

pub(super) async fn resolution_fields(app: &TestApp, f: &Founding) -> (String, String) {
    let rows = coopkit::db::entities::resolutions::Entity::find()
        .filter(coopkit::db::entities::resolutions::Column::MeetingId.eq(f.meeting))
        .all(app.db())
        .await
        .expect("meetings test");
    (format!("r{}", rows[0].id), format!("r{}", rows[1].id))
}

pub async fn open_ballot(app: &TestApp, f: &Founding) {
    let base = format!("/cases/{}/meetings/{}", f.case, f.meeting);
    let r = post(app, &format!("{base}/ballot"), &closing(app, 2)).await;
    assert_eq!(r.status(), Status::SeeOther);
}

/// The ballot form's fields for a ballot that opens now and closes `days` from today at 18:00.
pub(super) fn closing(app: &TestApp, days: i64) -> Vec<(&'static str, String)> {
    let (y, m, d) = parts(&day(app, days));
    vec![
        ("closes.day", d),
        ("closes.month", m),
        ("closes.year", y),
        ("close_time", "18:00".into()),
    ]
}

/// The notice form's fields: sent today, this way.
pub(super) fn sent_today(app: &TestApp, method: &str) -> Vec<(&'static str, String)> {
    let (y, m, d) = parts(&day(app, 0));
    vec![
        ("method", method.to_string()),
        ("sent_on.day", d),
        ("sent_on.month", m),
        ("sent_on.year", y),
    ]
}
