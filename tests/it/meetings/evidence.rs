//! A gate that needs the members' decision is signed off on the evidence of a resolution they
//! carried; the rules version that resolution adopted is the one shown for registration.

use coopkit::db::repo;
use coopkit::domain::user::Role;
use rocket::http::Status;

use super::{founding_meeting, open_ballot, post, resolution_fields, sent_today, vote, Founding};
use crate::support::TestApp;

/// Notice by hand, a secret ballot, five votes (four for the rules), and the close.
async fn decided(app: &TestApp) -> Founding {
    let f = founding_meeting(app, 5).await;
    let base = format!("/cases/{}/meetings/{}", f.case, f.meeting);
    notice_by_hand(app, &f).await;
    open_ballot(app, &f).await;
    let (rules_field, board_field) = resolution_fields(app, &f).await;
    app.sign_out().await;
    for (i, email) in f.workers.iter().enumerate() {
        app.sign_in(email).await;
        let choice = if i < 4 { "for" } else { "against" };
        let fields = vec![
            (rules_field.as_str(), choice.to_string()),
            (board_field.as_str(), (i % 2).to_string()),
        ];
        let (status, body) = vote(app, &f, &fields).await;
        assert_eq!(status, Status::Ok, "{body}");
        app.sign_out().await;
    }
    app.sign_in("rep@example.org").await;
    assert_eq!(
        app.post_form(&format!("{base}/ballot/close"), &[])
            .await
            .status(),
        Status::SeeOther
    );
    f
}

/// The notice made, then recorded as handed to each member today.
async fn notice_by_hand(app: &TestApp, f: &Founding) {
    let base = format!("/cases/{}/meetings/{}", f.case, f.meeting);
    assert_eq!(
        app.post_form(&format!("{base}/notice"), &[]).await.status(),
        Status::SeeOther
    );
    let r = post(
        app,
        &format!("{base}/notice/sent"),
        &sent_today(app, "hand"),
    )
    .await;
    assert_eq!(r.status(), Status::SeeOther);
}

/// The case's rules version the founding meeting is asked to adopt.
async fn rules_version(app: &TestApp, case: i64) -> repo::documents::DocumentRow {
    repo::documents::list(app.db(), case)
        .await
        .expect("versions")
        .into_iter()
        .find(|d| d.kind == "rules")
        .expect("a rules version")
}

async fn waiting(app: &TestApp, case: i64, stage: &str) {
    with_status(app, case, stage, "waiting_for_signoff").await;
}

async fn with_status(app: &TestApp, case: i64, stage: &str, status: &str) {
    let mut row = repo::stages::find_or_create(app.db(), case, stage, app.clock.now())
        .await
        .expect("stage row");
    row.status = status.into();
    assert!(repo::stages::save_if_version(app.db(), row)
        .await
        .expect("saved"));
}

#[rocket::async_test]
async fn staff_sign_the_members_decision_off_on_the_carried_resolution() {
    let app = TestApp::spawn().await;
    let f = decided(&app).await;
    let rules_id: i64 = resolution_fields(&app, &f).await.0[1..]
        .parse()
        .expect("an id");
    let rules = rules_version(&app, f.case).await;
    app.sign_out().await;
    waiting(&app, f.case, "members_vote").await;
    app.signed_in_as(Role::Staff, "staff@example.org").await;
    let stage = format!("/cases/{}/stages/members_vote", f.case);
    let (_, page) = app.page(&stage).await;
    assert!(
        page.contains("That the co-op adopts the rules, version 1."),
        "{page}"
    );
    assert!(
        page.contains("4 for, 1 against: 80% of the 5 votes cast"),
        "{page}"
    );
    assert!(
        page.contains("a special resolution needs at least 75%"),
        "{page}"
    );
    assert!(page.contains("Quorum:"), "{page}");
    // The ballot closed today, before the meeting's day: no page says the meeting, still to
    // come, adopted anything.
    assert!(
        page.contains(
            "Founding meeting of Wednesday 30 December 2026, by the secret ballot that closed on"
        ),
        "{page}"
    );
    assert!(!page.contains("Founding meeting on Wednesday 30 December 2026"));

    // Nothing chosen and no reason; then a resolution that is not this case's.
    let r = app
        .post_form(&format!("{stage}/approve"), &[("evidence", "none")])
        .await;
    assert_eq!(r.status(), Status::UnprocessableEntity);
    let r = app
        .post_form(
            &format!("{stage}/approve"),
            &[("evidence", "987654"), ("override_reason", "kept")],
        )
        .await;
    assert_eq!(r.status(), Status::UnprocessableEntity);
    let body = r.into_string().await.unwrap_or_default();
    assert!(
        body.contains("That is not a resolution this stage can rest on"),
        "{body}"
    );
    assert!(
        body.contains(">kept</textarea>"),
        "the reason comes back as typed"
    );

    let r = app
        .post_form(
            &format!("{stage}/approve"),
            &[("evidence", &rules_id.to_string())],
        )
        .await;
    assert_eq!(r.status(), Status::SeeOther);
    let (_, history) = app.page(&format!("/cases/{}/timeline", f.case)).await;
    assert!(
        history.contains("on the evidence of the resolution"),
        "{history}"
    );
    let event = repo::events::for_case(app.db(), f.case)
        .await
        .expect("events")
        .into_iter()
        .find(|e| e.kind == "stage_approved")
        .expect("the sign-off");
    assert!(event.data.contains(&rules.content_hash), "{}", event.data);

    // The registration page names the version the members adopted, by its fingerprint.
    let (_, legal) = app.page(&format!("/cases/{}/stages/legal", f.case)).await;
    assert!(legal.contains("The rules the members adopted"), "{legal}");
    assert!(legal.contains(&rules.content_hash), "{legal}");
}

/// The stage page that records the meeting offers what coopkit already counted, so the rep
/// does not type the meeting in again; nothing is stored until the rep saves.
#[rocket::async_test]
async fn the_stage_page_offers_the_meetings_own_results() {
    let app = TestApp::spawn().await;
    let f = decided(&app).await;
    with_status(&app, f.case, "members_vote", "in_progress").await;
    let stage = format!(
        "/cases/{}/stages/members_vote/pages/founding_meeting",
        f.case
    );
    let (status, page) = app.page(&stage).await;
    assert_eq!(status, Status::Ok);
    assert!(
        page.contains("From the meeting&#x27;s results in coopkit")
            || page.contains("From the meeting's results in coopkit"),
        "{page}"
    );
    // Six entitled (five workers and the rep), five voted on the rules: four for, one against.
    for (field, value) in [
        ("eligible", "6"),
        ("present", "5"),
        ("votes_for", "4"),
        ("votes_against", "1"),
        ("abstain", "0"),
    ] {
        let input = format!("name=\"{field}\"");
        let at = page
            .find(&input)
            .unwrap_or_else(|| panic!("no {field}: {page}"));
        let tag_end = page[at..].find('>').expect("tag ends") + at;
        assert!(
            page[at..tag_end].contains(&format!("value=\"{value}\"")),
            "{field} should offer {value}: {}",
            &page[at..tag_end]
        );
    }
    // The rules and the board were voted on, and everything passed.
    assert!(
        page.contains("name=\"meeting_date.day\" type=\"text\" inputmode=\"numeric\" value=\"30\""),
        "{page}"
    );
    assert!(
        page.contains(
            "name=\"meeting_date.month\" type=\"text\" inputmode=\"numeric\" value=\"12\""
        ),
        "{page}"
    );
    for chosen in [
        "name=\"resolutions\" value=\"adopt_rules\" checked",
        "name=\"resolutions\" value=\"elect_board\" checked",
        "name=\"vote_result\" value=\"passed\" checked",
    ] {
        assert!(page.contains(chosen), "{chosen}: {page}");
    }
    assert!(!page.contains("name=\"resolutions\" value=\"approve_price\" checked"));
    let saved = repo::answers::for_case(app.db(), f.case)
        .await
        .expect("answers");
    assert!(
        saved.iter().all(|a| a.question_key != "votes_for"),
        "a suggestion is not an answer until the rep saves it"
    );
}

/// Members are never asked to approve a version they cannot read: sending the notice puts it
/// in their library, and the ballot paper links to it.
#[rocket::async_test]
async fn members_can_read_the_version_they_are_asked_to_adopt() {
    let app = TestApp::spawn().await;
    let f = founding_meeting(&app, 3).await;
    let base = format!("/cases/{}/meetings/{}", f.case, f.meeting);
    let rules = rules_version(&app, f.case).await;
    let version_page = format!("/cases/{}/documents/versions/{}", f.case, rules.id);
    app.sign_out().await;
    app.sign_in(&f.workers[0]).await;
    let (status, _) = app.page(&version_page).await;
    assert_eq!(status, Status::NotFound, "not published to workers yet");
    app.sign_out().await;

    app.sign_in("rep@example.org").await;
    notice_by_hand(&app, &f).await;
    open_ballot(&app, &f).await;
    app.sign_out().await;

    app.sign_in(&f.workers[0]).await;
    let (_, paper) = app.page(&format!("{base}/vote")).await;
    assert!(
        paper.contains(&format!("<a href=\"{version_page}\">Read this version</a>")),
        "{paper}"
    );
    let (status, page) = app.page(&version_page).await;
    assert_eq!(status, Status::Ok, "{page}");
}
