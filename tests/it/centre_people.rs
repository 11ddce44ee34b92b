//! Admins managing accounts: create, disable, password links, and the audit page.

// A panic in a test is a failed test with its line, which is what we want.
#![allow(clippy::unwrap_used)]

use coopkit::domain::user::Role;
use rocket::http::Status;

use crate::support::{TestApp, PASSWORD};

async fn reset_link_from(response: rocket::local::asynchronous::LocalResponse<'_>) -> String {
    let body = response.into_string().await.unwrap();
    let start = body.find("/reset/").expect("the page shows a link");
    body[start..].split('<').next().unwrap().to_string()
}

#[rocket::async_test]
async fn an_admin_creates_an_account_and_the_link_works_once() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Admin, "admin@example.org").await;
    app.page("/admin/people/new").await;
    let invalid = app
        .post_form(
            "/admin/people",
            &[("name", ""), ("email", "not an email"), ("role", "worker")],
        )
        .await;
    assert_eq!(invalid.status(), Status::UnprocessableEntity);
    let response = app
        .post_form(
            "/admin/people",
            &[
                ("name", "Rita Rep"),
                ("email", "rita@example.org"),
                ("role", "rep"),
            ],
        )
        .await;
    assert_eq!(response.status(), Status::Ok);
    let link = reset_link_from(response).await;
    app.sign_out().await;

    let (status, page) = app.page(&link).await;
    assert_eq!(status, Status::Ok);
    assert!(page.contains("Hello Rita Rep"));
    let response = app
        .post_form(&link, &[("password", PASSWORD), ("confirm", PASSWORD)])
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let (status, page) = app.page(&link).await;
    assert_eq!(status, Status::NotFound, "the link works once");
    assert!(page.contains("already been used"));
    app.sign_in("rita@example.org").await;
}

#[rocket::async_test]
async fn a_reset_link_expires_after_an_hour() {
    let app = TestApp::spawn().await;
    let rep = app.create_user(Role::Rep, "rep@example.org").await;
    app.signed_in_as(Role::Admin, "admin@example.org").await;
    app.page(&format!("/admin/people/{rep}")).await;
    let link = reset_link_from(
        app.post_form(&format!("/admin/people/{rep}/reset-link"), &[])
            .await,
    )
    .await;
    app.clock.advance(61 * 60);
    app.sign_out().await;
    let (status, page) = app.page(&link).await;
    assert_eq!(status, Status::NotFound);
    assert!(page.contains("expired"));
}

#[rocket::async_test]
async fn a_disabled_account_is_signed_out_and_cannot_sign_in() {
    let app = TestApp::spawn().await;
    let staff = app.create_user(Role::Staff, "staff@example.org").await;
    // The staff member is signed in elsewhere.
    let other = rocket::local::asynchronous::Client::tracked(coopkit::build_with_clock(
        app.client.rocket().figment().clone(),
        app.clock.clone(),
    ))
    .await;
    drop(other);
    app.sign_in("staff@example.org").await;
    assert_eq!(app.page("/dashboard").await.0, Status::Ok);
    app.sign_out().await;
    app.signed_in_as(Role::Admin, "admin@example.org").await;
    app.page(&format!("/admin/people/{staff}")).await;
    let response = app
        .post_form(&format!("/admin/people/{staff}/disable"), &[])
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    app.sign_out().await;

    app.page("/login").await;
    let response = app
        .post_form(
            "/login",
            &[("email", "staff@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_ne!(
        response.status(),
        Status::SeeOther,
        "a disabled account cannot sign in"
    );

    app.sign_in("admin@example.org").await;
    let audit = app.page("/admin/audit").await.1;
    assert!(audit.contains("disabled the account of staff"));
}

#[rocket::async_test]
async fn only_admins_manage_people() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Staff, "staff@example.org").await;
    assert_eq!(app.page("/admin/people").await.0, Status::Forbidden);
    assert_eq!(app.page("/admin/audit").await.0, Status::Forbidden);
}
