//! Members decide (issue 14): a founding meeting on a buyout case, driven through the pages.
//! The rep schedules it and is warned the date is too soon, moves it, puts resolutions (one
//! adopting an exact rules version), sends the notice, opens a secret ballot; workers vote
//! from their accounts, a second vote is refused, nothing is shown until close; the results,
//! the receipts and the minutes follow.

use chrono::Duration;
use coopkit::db::entities::{ballot_box, ballot_participation, documents, meetings};
use coopkit::domain::user::Role;
use rocket::http::Status;
use sea_orm::{ColumnTrait, EntityTrait, Iterable, PaginatorTrait, QueryFilter};

use crate::invitations::{accept_as_new, invite};
use crate::support::TestApp;

pub struct Founding {
    pub case: i64,
    pub meeting: i64,
    pub workers: Vec<String>,
}

/// Posts these fields with the session's CSRF token first, as the browser does.
async fn post<'a>(
    app: &'a TestApp,
    path: &str,
    fields: &[(&str, String)],
) -> rocket::local::asynchronous::LocalResponse<'a> {
    let mut all = vec![("_csrf", app.csrf())];
    all.extend(fields.iter().cloned());
    app.post_raw(path, &all).await
}

fn day(app: &TestApp, days: i64) -> String {
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
        vec![
            ("kind", "founding".to_string()),
            ("date", date.to_string()),
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

async fn vote(app: &TestApp, f: &Founding, fields: &[(&str, String)]) -> (Status, String) {
    let path = format!("/cases/{}/meetings/{}/vote", f.case, f.meeting);
    app.page(&path).await;
    let r = post(app, &path, fields).await;
    (r.status(), r.into_string().await.unwrap_or_default())
}

async fn resolution_fields(app: &TestApp, f: &Founding) -> (String, String) {
    let rows = coopkit::db::entities::resolutions::Entity::find()
        .filter(coopkit::db::entities::resolutions::Column::MeetingId.eq(f.meeting))
        .all(app.db())
        .await
        .expect("meetings test");
    (format!("r{}", rows[0].id), format!("r{}", rows[1].id))
}

pub async fn open_ballot(app: &TestApp, f: &Founding) {
    let base = format!("/cases/{}/meetings/{}", f.case, f.meeting);
    let r = post(
        app,
        &format!("{base}/ballot"),
        &[("close_date", day(app, 2)), ("close_time", "18:00".into())],
    )
    .await;
    assert_eq!(r.status(), Status::SeeOther);
}

#[rocket::async_test]
async fn a_founding_meeting_from_notice_to_minutes_with_a_secret_ballot() {
    let app = TestApp::spawn().await;
    let f = founding_meeting(&app, 5).await;
    let base = format!("/cases/{}/meetings/{}", f.case, f.meeting);

    // The notice, through the document pipeline, recorded as handed over today.
    assert_eq!(
        app.post_form(&format!("{base}/notice"), &[]).await.status(),
        Status::SeeOther
    );
    let (status, notice) = app.page(&format!("{base}/notice")).await;
    assert_eq!(status, Status::Ok);
    assert!(
        notice.contains("That the co-op adopts the rules, version 1."),
        "{notice}"
    );
    assert!(notice.contains("Special resolution"));
    let pdf = app.get(&format!("{base}/notice/pdf")).await;
    assert_eq!(pdf.status(), Status::Ok);
    assert!(pdf
        .into_bytes()
        .await
        .expect("meetings test")
        .starts_with(b"%PDF"));
    let r = post(
        &app,
        &format!("{base}/notice/sent"),
        &[("method", "email".into()), ("sent_on", day(&app, 0))],
    )
    .await;
    assert_eq!(
        r.status(),
        Status::UnprocessableEntity,
        "no SMTP in this test"
    );
    assert!(r
        .into_string()
        .await
        .expect("meetings test")
        .contains("Email is not set up on this server"));
    let r = post(
        &app,
        &format!("{base}/notice/sent"),
        &[("method", "hand".into()), ("sent_on", day(&app, 0))],
    )
    .await;
    assert_eq!(r.status(), Status::SeeOther);

    open_ballot(&app, &f).await;
    let (rules_field, board_field) = resolution_fields(&app, &f).await;
    app.sign_out().await;

    let mut receipts = Vec::new();
    for (i, email) in f.workers.iter().enumerate() {
        app.sign_in(email).await;
        let choice = if i < 4 { "for" } else { "against" };
        let picks: Vec<(&str, String)> = match i {
            0..=2 => vec![
                (board_field.as_str(), "0".into()),
                (board_field.as_str(), "1".into()),
            ],
            _ => vec![(board_field.as_str(), "2".into())],
        };
        // Too many candidates first: refused by the field, nothing stored.
        if i == 0 {
            let mut too_many = vec![(rules_field.as_str(), choice.to_string())];
            for c in ["0", "1", "2"] {
                too_many.push((board_field.as_str(), c.to_string()));
            }
            let (status, body) = vote(&app, &f, &too_many).await;
            assert_eq!(status, Status::UnprocessableEntity);
            assert!(body.contains("Vote for at most 2 candidates"), "{body}");
            assert!(body.contains("checked"), "the choices come back as ticked");
        }
        let mut fields = vec![(rules_field.as_str(), choice.to_string())];
        fields.extend(picks);
        let (status, body) = vote(&app, &f, &fields).await;
        assert_eq!(status, Status::Ok, "{body}");
        assert!(body.contains("Your vote is counted"));
        let code = body
            .split("<code>")
            .nth(1)
            .expect("meetings test")
            .split("</code>")
            .next()
            .expect("meetings test")
            .to_string();
        receipts.push(code);
        // Nothing is shown before close, not even to the voter.
        let (_, page) = app.page(&base).await;
        assert!(!page.contains("Carried"));
        if i == 0 {
            let (status, body) = vote(&app, &f, &fields).await;
            assert_eq!(status, Status::Conflict);
            assert!(body.contains("You have already voted"), "{body}");
        }
        app.sign_out().await;
    }
    assert_eq!(
        ballot_participation::Entity::find()
            .count(app.db())
            .await
            .expect("meetings test"),
        5
    );
    assert_eq!(
        ballot_box::Entity::find()
            .count(app.db())
            .await
            .expect("meetings test"),
        5
    );

    // The rep sees turnout, not choices, until the ballot closes.
    app.sign_in("rep@example.org").await;
    let (_, page) = app.page(&base).await;
    assert!(page.contains("5 of 6 members have voted"), "{page}");
    assert!(!page.contains("Carried"));
    assert_eq!(
        app.post_form(&format!("{base}/ballot/close"), &[])
            .await
            .status(),
        Status::SeeOther
    );
    let (_, page) = app.page(&base).await;
    assert!(page.contains("Carried"), "{page}");
    assert!(
        page.contains("4 for, 1 against: 80% of the 5 votes cast"),
        "{page}"
    );
    assert!(page.contains("Elected: Asha Patel, Ben Ng"), "{page}");
    for code in &receipts {
        assert!(page.contains(code.as_str()), "receipt {code} is listed");
    }
    // A closed ballot takes no more votes.
    app.sign_out().await;
    app.sign_in(&f.workers[1]).await;
    let (status, body) = vote(&app, &f, &[(rules_field.as_str(), "for".into())]).await;
    assert_eq!(status, Status::Conflict);
    assert!(
        body.contains("already voted") || body.contains("closed"),
        "{body}"
    );
    app.sign_out().await;

    // Minutes: drafted, then confirmed and published in the library.
    app.sign_in("rep@example.org").await;
    assert_eq!(
        app.post_form(&format!("{base}/minutes"), &[("confirm", "no")])
            .await
            .status(),
        Status::SeeOther
    );
    let (_, minutes) = app.page(&format!("{base}/minutes")).await;
    assert!(minutes.contains("Draft minutes"), "{minutes}");
    assert!(minutes.contains("Asha Patel"));
    assert_eq!(
        app.post_form(&format!("{base}/minutes"), &[("confirm", "yes")])
            .await
            .status(),
        Status::SeeOther
    );
    let (_, minutes) = app.page(&format!("{base}/minutes")).await;
    assert!(minutes.contains("Confirmed by"), "{minutes}");
    assert_eq!(
        app.post_form(&format!("{base}/minutes"), &[("confirm", "no")])
            .await
            .status(),
        Status::Conflict
    );
    let (_, library) = app
        .page(&format!("/cases/{}/documents/library", f.case))
        .await;
    assert!(library.to_lowercase().contains("minutes"), "{library}");
}

#[rocket::async_test]
async fn no_column_links_a_voter_to_a_choice() {
    let names = |cols: Vec<String>| cols.join(",");
    let paper: Vec<String> = ballot_box::Column::iter()
        .map(|c| format!("{c:?}"))
        .collect();
    let who: Vec<String> = ballot_participation::Column::iter()
        .map(|c| format!("{c:?}"))
        .collect();
    assert_eq!(names(paper), "BoxId,MeetingId,Receipt,Paper");
    assert_eq!(names(who), "MeetingId,UserId");

    let app = TestApp::spawn().await;
    let f = founding_meeting(&app, 2).await;
    open_ballot(&app, &f).await;
    let (rules_field, _) = resolution_fields(&app, &f).await;
    app.sign_out().await;
    app.sign_in(&f.workers[0]).await;
    let (status, _) = vote(&app, &f, &[(rules_field.as_str(), "for".into())]).await;
    assert_eq!(status, Status::Ok);
    let user = coopkit::db::repo::users::find_by_email(app.db(), &f.workers[0])
        .await
        .expect("meetings test")
        .expect("meetings test");
    let stored = ballot_box::Entity::find()
        .one(app.db())
        .await
        .expect("meetings test")
        .expect("meetings test");
    assert!(!stored.paper.contains(&user.email) && !stored.paper.contains(&user.name));
    assert_eq!(
        stored.box_id.len(),
        32,
        "a random 128-bit key, not a sequence"
    );
    // No event names the voter for the vote.
    let events = coopkit::db::repo::events::for_case(app.db(), f.case)
        .await
        .expect("meetings test");
    assert!(
        events
            .iter()
            .filter(|e| e.actor_id == Some(user.id))
            .all(|e| e.kind == "invitation_accepted"),
        "{events:?}"
    );
}

/// Rounds of the concurrency test: each worker sends the same vote twice at the same
/// instant; exactly one is taken every time.
const ROUNDS: usize = 6;

#[rocket::async_test]
async fn a_member_cannot_vote_twice_at_the_same_instant() {
    let app = TestApp::spawn().await;
    let f = founding_meeting(&app, ROUNDS).await;
    open_ballot(&app, &f).await;
    let (rules_field, _) = resolution_fields(&app, &f).await;
    app.sign_out().await;
    let path = format!("/cases/{}/meetings/{}/vote", f.case, f.meeting);
    for (round, email) in f.workers.iter().enumerate() {
        app.sign_in(email).await;
        app.page(&path).await;
        let fields = vec![(rules_field.as_str(), "for".to_string())];
        let (a, b) = tokio::join!(post(&app, &path, &fields), post(&app, &path, &fields));
        let mut statuses = vec![a.status(), b.status()];
        statuses.sort_by_key(|s| s.code);
        assert_eq!(
            statuses,
            vec![Status::Ok, Status::Conflict],
            "round {round}"
        );
        let papers = ballot_box::Entity::find()
            .count(app.db())
            .await
            .expect("count");
        let voted = ballot_participation::Entity::find()
            .count(app.db())
            .await
            .expect("count");
        assert_eq!(
            (papers, voted),
            (round as u64 + 1, round as u64 + 1),
            "round {round}"
        );
        app.sign_out().await;
    }
}

#[rocket::async_test]
async fn the_notice_is_emailed_to_each_member_where_email_is_set_up() {
    let sink = crate::smtp_sink::SmtpSink::start().await;
    let app = TestApp::spawn_with(&[
        ("smtp_host", "127.0.0.1".into()),
        ("smtp_port", sink.port.to_string()),
        ("smtp_from", "coopkit <noreply@example.org>".into()),
    ])
    .await;
    let f = founding_meeting(&app, 2).await;
    let base = format!("/cases/{}/meetings/{}", f.case, f.meeting);
    let r = post(
        &app,
        &format!("{base}/notice/sent"),
        &[("method", "email".into()), ("sent_on", day(&app, 0))],
    )
    .await;
    assert_eq!(
        r.status(),
        Status::UnprocessableEntity,
        "the notice must be made first"
    );
    assert!(r
        .into_string()
        .await
        .unwrap_or_default()
        .contains("Make the notice first"));
    assert_eq!(
        app.post_form(&format!("{base}/notice"), &[]).await.status(),
        Status::SeeOther
    );
    let r = post(
        &app,
        &format!("{base}/notice/sent"),
        &[("method", "email".into()), ("sent_on", day(&app, 0))],
    )
    .await;
    assert_eq!(r.status(), Status::SeeOther);
    // The invitations went through the same server: keep only the notices.
    let mail: Vec<_> = sink
        .received()
        .into_iter()
        .filter(|m| m.data.contains("Notice of founding meeting"))
        .collect();
    let to: Vec<String> = mail.iter().flat_map(|m| m.to.clone()).collect();
    assert_eq!(mail.len(), 3, "two workers and the rep: {to:?}");
    assert!(to.iter().any(|t| t.contains("worker0@example.org")));
    assert!(
        mail[0].data.contains("Notice of founding meeting"),
        "{}",
        mail[0].data
    );
    let (_, page) = app.page(&base).await;
    assert!(page.contains("Emailed on"), "{page}");
    // The notice is in the workers' library now.
    app.sign_out().await;
    app.sign_in(&f.workers[0]).await;
    let (status, _) = app.page(&format!("{base}/notice")).await;
    assert_eq!(status, Status::Ok);
}

#[rocket::async_test]
async fn a_calendar_feed_carries_the_meeting_and_stops_when_revoked() {
    let app = TestApp::spawn().await;
    let f = founding_meeting(&app, 1).await;
    app.sign_out().await;
    app.sign_in(&f.workers[0]).await;
    app.page("/calendar").await;
    let r = app.post_form("/calendar/new", &[]).await;
    let body = r.into_string().await.expect("meetings test");
    let link = body
        .split("/calendar/feed/")
        .nth(1)
        .expect("meetings test")
        .split('<')
        .next()
        .expect("meetings test")
        .to_string();
    let feed = app.get(&format!("/calendar/feed/{link}")).await;
    assert_eq!(feed.status(), Status::Ok);
    let ics = feed.into_string().await.expect("meetings test");
    assert!(ics.starts_with("BEGIN:VCALENDAR"));
    assert!(
        ics.contains("SUMMARY:Founding meeting: Riverside Bakers"),
        "{ics}"
    );
    assert!(
        !ics.contains("deadline-"),
        "a worker's feed has no case deadlines"
    );
    app.page("/calendar").await;
    assert_eq!(
        app.post_form("/calendar/revoke", &[]).await.status(),
        Status::SeeOther
    );
    assert_eq!(
        app.get(&format!("/calendar/feed/{link}")).await.status(),
        Status::NotFound
    );
}
