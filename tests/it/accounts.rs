//! Signing in and out, sessions, throttling, passwords and the first admin.

use coopkit::domain::user::Role;
use coopkit::services::auth;
use rocket::http::Status;

use crate::support::{TestApp, PASSWORD};

#[rocket::async_test]
async fn a_wrong_password_is_refused_with_a_message_by_the_field() {
    let app = TestApp::spawn().await;
    app.create_user(Role::Rep, "rep@example.org").await;
    app.page("/login").await;

    let response = app
        .post_form(
            "/login",
            &[
                ("email", "rep@example.org"),
                ("password", "not the password"),
            ],
        )
        .await;

    assert_eq!(response.status(), Status::UnprocessableEntity);
    let body = response.into_string().await.unwrap_or_default();
    assert!(body.contains("The email address or password is not right"));
    assert!(
        body.contains("value=\"rep@example.org\""),
        "the email typed is kept"
    );
    assert!(
        !body.contains("not the password"),
        "a password is never echoed back"
    );
}

#[rocket::async_test]
async fn an_unknown_email_gets_the_same_answer_as_a_wrong_password() {
    let app = TestApp::spawn().await;
    app.page("/login").await;
    let response = app
        .post_form(
            "/login",
            &[("email", "nobody@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
    assert!(response
        .into_string()
        .await
        .unwrap_or_default()
        .contains("The email address or password is not right"));
}

#[rocket::async_test]
async fn signing_in_leads_to_the_case_list() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let (status, body) = app.page("/cases").await;
    assert_eq!(status, Status::Ok);
    assert!(body.contains("Sign out"));
    assert!(body.contains("Union rep"));
}

#[rocket::async_test]
async fn pages_for_signed_in_people_send_a_signed_out_visitor_to_sign_in() {
    let app = TestApp::spawn().await;
    let response = app.get("/cases").await;
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(
        response.headers().get_one("Location"),
        Some("/login?next=%2Fcases"),
        "and back here after signing in"
    );
}

#[rocket::async_test]
async fn ten_failures_lock_the_account_for_fifteen_minutes() {
    let app = TestApp::spawn().await;
    app.create_user(Role::Rep, "rep@example.org").await;
    app.page("/login").await;
    for _ in 0..10 {
        let response = app
            .post_form(
                "/login",
                &[
                    ("email", "rep@example.org"),
                    ("password", "wrong password!!"),
                ],
            )
            .await;
        assert_eq!(response.status(), Status::UnprocessableEntity);
    }

    let response = app
        .post_form(
            "/login",
            &[("email", "rep@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        response.status(),
        Status::TooManyRequests,
        "even the right password waits"
    );
    assert!(response
        .into_string()
        .await
        .unwrap_or_default()
        .contains("Too many failed attempts"));

    app.clock.advance(15 * 60 + 1);
    let response = app
        .post_form(
            "/login",
            &[("email", "rep@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        response.status(),
        Status::SeeOther,
        "after the window the person can sign in"
    );
}

#[rocket::async_test]
async fn failures_from_one_address_are_throttled_across_accounts() {
    let app = TestApp::spawn().await;
    app.page("/login").await;
    for i in 0..10 {
        let email = format!("guess{i}@example.org");
        app.post_form(
            "/login",
            &[("email", &email), ("password", "wrong password!!")],
        )
        .await;
    }
    app.create_user(Role::Rep, "rep@example.org").await;
    let response = app
        .post_form(
            "/login",
            &[("email", "rep@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(response.status(), Status::TooManyRequests);
}

#[rocket::async_test]
async fn a_session_ends_after_thirty_idle_minutes() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    app.clock.advance(29 * 60);
    assert_eq!(
        app.get("/cases").await.status(),
        Status::Ok,
        "29 minutes idle is fine"
    );
    app.clock.advance(31 * 60);
    assert_eq!(
        app.get("/cases").await.status(),
        Status::SeeOther,
        "31 idle minutes later it has ended"
    );
}

#[rocket::async_test]
async fn a_session_ends_after_twelve_hours_however_busy() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    for _ in 0..25 {
        app.clock.advance(29 * 60);
        let _ = app.get("/cases").await;
    }
    assert_eq!(app.get("/cases").await.status(), Status::SeeOther);
}

#[rocket::async_test]
async fn signing_out_revokes_the_session_on_the_server() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let cookie = app
        .client
        .cookies()
        .iter()
        .find(|c| c.name() == "coopkit_session")
        .map(|c| c.clone().into_owned());
    let cookie = cookie.expect("session cookie set");
    app.sign_out().await;

    // Replaying the old cookie does not bring the session back.
    let response = app.client.get("/cases").cookie(cookie).dispatch().await;
    assert_eq!(response.status(), Status::SeeOther);
}

#[rocket::async_test]
async fn changing_the_password_ends_other_sessions_and_keeps_this_one() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    // A second session for the same person, as if on another phone.
    let user = coopkit::db::repo::users::find_by_email(app.db(), "rep@example.org")
        .await
        .ok()
        .flatten()
        .expect("user");
    let second = auth::start_session(&app.env(), &user, "other phone")
        .await
        .expect("session");

    app.page("/account/password").await;
    let response = app
        .post_form(
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "a brand new passphrase"),
                ("confirm_password", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);

    assert_eq!(
        app.get("/cases").await.status(),
        Status::Ok,
        "this session stays signed in"
    );
    let still_valid = auth::authenticate(&app.env(), &second.token)
        .await
        .expect("check");
    assert!(still_valid.is_none(), "the other session was revoked");
}

#[rocket::async_test]
async fn a_short_new_password_is_refused_by_the_field() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Staff, "staff@example.org").await;
    app.page("/account/password").await;
    let response = app
        .post_form(
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "short"),
                ("confirm_password", "short"),
            ],
        )
        .await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
    let body = response.into_string().await.unwrap_or_default();
    assert!(body.contains("Use at least 12 characters"));
    assert!(
        body.contains("href=\"#new_password\""),
        "the error summary links to the field"
    );
}

#[rocket::async_test]
async fn the_first_admin_link_works_once_and_signs_the_admin_in() {
    let app = TestApp::spawn().await;
    let token = auth::first_admin_link(app.db(), &app.clock)
        .await
        .expect("link")
        .expect("no admin yet");
    let path = format!("/setup/{token}");
    let (status, _) = app.page(&path).await;
    assert_eq!(status, Status::Ok);

    let response = app
        .post_form(
            &path,
            &[
                ("name", "Ada Admin"),
                ("email", "ada@example.org"),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let (status, body) = app.page("/cases").await;
    assert_eq!(status, Status::Ok);
    assert!(body.contains("Centre admin"));

    let (status, body) = app.page(&path).await;
    assert_eq!(status, Status::NotFound);
    assert!(body.contains("already been used"));
    assert!(
        auth::first_admin_link(app.db(), &app.clock)
            .await
            .expect("check")
            .is_none(),
        "no new link once an admin exists"
    );
}

#[rocket::async_test]
async fn the_first_admin_link_expires_after_a_day() {
    let app = TestApp::spawn().await;
    let token = auth::first_admin_link(app.db(), &app.clock)
        .await
        .expect("link")
        .expect("no admin yet");
    app.clock.advance(24 * 60 * 60 + 1);
    let (status, body) = app.page(&format!("/setup/{token}")).await;
    assert_eq!(status, Status::NotFound);
    assert!(body.contains("expired"));
}

#[rocket::async_test]
async fn the_health_check_reports_the_database() {
    let app = TestApp::spawn().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), Status::Ok);
    let body = response.into_string().await.unwrap_or_default();
    assert!(body.contains("\"database\":\"ok\""), "{body}");
}
