//! Signing in returns to the page asked for (only ever a page of this site), and "Forgot your
//! password?" sends a one-time link by email where email is set up.

use coopkit::domain::user::Role;
use rocket::http::Status;

use crate::smtp_sink::SmtpSink;
use crate::support::{TestApp, PASSWORD};

async fn sign_in(app: &TestApp, from: &str, email: &str, next: &str) -> Option<String> {
    app.page(from).await;
    let response = app
        .post_form(
            "/login",
            &[("email", email), ("password", PASSWORD), ("next", next)],
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    response.headers().get_one("Location").map(str::to_string)
}

#[rocket::async_test]
async fn signing_in_returns_to_the_page_asked_for() {
    let app = TestApp::spawn().await;
    app.create_user(Role::Staff, "sam@example.org").await;
    let response = app.get("/enquiries?status=new").await;
    let login = response.headers().get_one("Location").expect("to sign in");
    assert_eq!(login, "/login?next=%2Fenquiries%3Fstatus%3Dnew");
    let (_, page) = app.page(login).await;
    assert!(
        page.contains(r#"name="next" value="/enquiries?status&#x3D;new""#)
            || page.contains(r#"name="next" value="/enquiries?status=new""#),
        "the form carries where to go: {page}"
    );
    let to = sign_in(&app, login, "sam@example.org", "/enquiries?status=new").await;
    assert_eq!(to.as_deref(), Some("/enquiries?status=new"));
}

#[rocket::async_test]
async fn signing_in_never_sends_anyone_to_another_site() {
    let app = TestApp::spawn().await;
    app.create_user(Role::Staff, "sam@example.org").await;
    for outside in [
        "https://evil.example/login",
        "//evil.example/login",
        "/\\evil.example",
    ] {
        let (status, page) = app
            .page(&format!(
                "/login?next={}",
                rocket::http::RawStr::new(outside).percent_encode()
            ))
            .await;
        assert_eq!(status, Status::Ok);
        assert!(!page.contains("evil.example"), "not carried: {outside}");
        let to = sign_in(&app, "/login", "sam@example.org", outside).await;
        assert_eq!(to.as_deref(), Some("/cases"), "{outside}");
        app.sign_out().await;
    }
}

#[rocket::async_test]
async fn without_email_the_page_says_to_ask_the_centre() {
    let app = TestApp::spawn().await;
    let (_, login) = app.page("/login").await;
    assert!(login.contains("href=\"/forgot-password\""));
    let (status, page) = app.page("/forgot-password").await;
    assert_eq!(status, Status::Ok);
    assert!(page.contains("ask the education centre"));
    assert!(!page.contains("Send me a link"));
}

fn reset_path(mail: &str) -> String {
    let unfolded = mail.replace("=\r\n", "").replace("=\n", "");
    let start = unfolded.find("/reset/").expect("a reset link");
    unfolded[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || "/-_".contains(*c))
        .collect()
}

async fn ask_for_link(app: &TestApp, email: &str) -> (Status, String) {
    app.page("/forgot-password").await;
    let response = app.post_form("/forgot-password", &[("email", email)]).await;
    (
        response.status(),
        response.into_string().await.unwrap_or_default(),
    )
}

/// The email goes out in the background: wait a little for it.
async fn wait_for_mail(sink: &SmtpSink, count: usize) {
    for _ in 0..100 {
        if sink.received().len() >= count {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[rocket::async_test]
async fn a_forgotten_password_is_reset_through_an_emailed_link() {
    let sink = SmtpSink::start().await;
    let app = TestApp::spawn_with(&[
        ("smtp_host", "127.0.0.1".into()),
        ("smtp_port", sink.port.to_string()),
        ("smtp_from", "coopkit <noreply@example.org>".into()),
    ])
    .await;
    app.create_user(Role::Rep, "rita@example.org").await;

    let (status, known) = ask_for_link(&app, "Rita@example.org").await;
    assert_eq!(status, Status::Ok);
    let (status, unknown) = ask_for_link(&app, "nobody@example.org").await;
    assert_eq!(status, Status::Ok);
    let said = |page: &str| page.contains("If there is an account for");
    assert!(said(&known) && said(&unknown), "the same answer either way");
    wait_for_mail(&sink, 1).await;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let mail = sink.received();
    assert_eq!(mail.len(), 1, "only the account's address gets an email");
    assert_eq!(mail[0].to, ["rita@example.org"]);

    let link = reset_path(&mail[0].data);
    let (status, _) = app.page(&link).await;
    assert_eq!(status, Status::Ok);
    let new_password = "a brand new passphrase";
    let response = app
        .post_form(
            &link,
            &[("password", new_password), ("confirm", new_password)],
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(app.page(&link).await.0, Status::NotFound, "it works once");
    app.page("/login").await;
    let response = app
        .post_form(
            "/login",
            &[("email", "rita@example.org"), ("password", new_password)],
        )
        .await;
    assert_eq!(
        response.status(),
        Status::SeeOther,
        "the new password works"
    );
}

#[rocket::async_test]
async fn reset_emails_are_limited_per_address() {
    let sink = SmtpSink::start().await;
    let app = TestApp::spawn_with(&[
        ("smtp_host", "127.0.0.1".into()),
        ("smtp_port", sink.port.to_string()),
        ("smtp_from", "coopkit <noreply@example.org>".into()),
    ])
    .await;
    app.create_user(Role::Rep, "rita@example.org").await;
    let limit = coopkit::services::password_reset::MAX_PER_EMAIL as usize;
    for _ in 0..limit {
        assert_eq!(ask_for_link(&app, "rita@example.org").await.0, Status::Ok);
    }
    let (status, page) = ask_for_link(&app, "rita@example.org").await;
    assert_eq!(status, Status::TooManyRequests);
    assert!(page.contains("Wait an hour"));
    assert!(page.contains("value=\"rita@example.org\""), "input kept");
    // An address without an account is limited the same way: the limit tells nothing.
    for _ in 0..limit {
        ask_for_link(&app, "nobody@example.org").await;
    }
    assert_eq!(
        ask_for_link(&app, "nobody@example.org").await.0,
        Status::TooManyRequests
    );
    wait_for_mail(&sink, limit).await;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(sink.received().len(), limit);

    let (status, page) = ask_for_link(&app, "not an email").await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(page.contains("id=\"email-error\""), "{page}");
}
