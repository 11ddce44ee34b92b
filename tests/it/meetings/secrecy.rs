//! The ballot's secrecy and its one vote per member, in the schema and under races.

use coopkit::db::entities::{ballot_box, ballot_participation};
use rocket::http::Status;
use sea_orm::{EntityTrait, Iterable, PaginatorTrait};

use super::{founding_meeting, open_ballot, post, resolution_fields, vote};
use crate::support::TestApp;

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
