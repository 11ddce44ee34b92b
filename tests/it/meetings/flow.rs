//! The whole story of a founding meeting, from notice to confirmed minutes.

use coopkit::db::entities::{ballot_box, ballot_participation};
use rocket::http::Status;
use sea_orm::{EntityTrait, PaginatorTrait};

use super::{founding_meeting, open_ballot, post, resolution_fields, sent_today, vote};
use crate::support::TestApp;

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
        &sent_today(&app, "email"),
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
        &sent_today(&app, "hand"),
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
            // The paper says what kind each resolution is, in words that read as a sentence:
            // the kind's label already ends in brackets, so it is not bracketed again.
            assert!(
                body.contains("-kind\">Special resolution (the rules")
                    && body.contains("majority)</p>"),
                "{body}"
            );
            assert!(!body.contains("majority))"), "{body}");
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
    // The day the notice went out reads like the meeting's own date, in words.
    let sent = coopkit::domain::calendar::long_date(app.clock.today());
    assert!(
        minutes.contains(&format!("Handed to each member on {sent} to ")),
        "{minutes}"
    );
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
