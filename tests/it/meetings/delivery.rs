//! How members hear of a meeting: the notice by email, and their calendar feed.

use rocket::http::Status;

use super::{founding_meeting, post, sent_today};
use crate::support::TestApp;

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
        &sent_today(&app, "email"),
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
        &sent_today(&app, "email"),
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
    // Each email carries the notice itself, as a PDF.
    assert!(
        mail.iter()
            .all(|m| m.data.contains("application/pdf") && m.data.contains("filename=\"notice-")),
        "{}",
        mail[0].data
    );
    // And a link to the meeting, where the member reads the notice and votes: the notice
    // says to vote in coopkit, so the email must lead there.
    let link = format!("{base}\n");
    assert!(
        mail.iter().all(|m| unfolded(m).contains(&link)),
        "{}",
        unfolded(&mail[0])
    );
    let (_, page) = app.page(&base).await;
    assert!(page.contains("Emailed on"), "{page}");
    // The delivery log: to whom, how and whether the mail server took it.
    assert!(page.contains("Who the notice went to"), "{page}");
    assert!(page.contains("worker0@example.org"), "{page}");
    assert_eq!(
        page.matches("Accepted by the mail server").count(),
        3 + 1,
        "{page}"
    );
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

/// A message's text with quoted-printable's soft line breaks and escaped `=` undone.
fn unfolded(mail: &crate::smtp_sink::Received) -> String {
    mail.data.replace("=\n", "").replace("=3D", "=")
}
