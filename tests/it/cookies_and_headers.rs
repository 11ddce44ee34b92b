//! What every response says about itself: the session cookie's lifetime agrees with the
//! server's, the flash cookie is HttpOnly, no `Server` header names the framework, and HSTS is
//! sent when coopkit is reached over HTTPS.

use coopkit::domain::user::Role;
use rocket::http::Status;
use rocket::local::asynchronous::{Client, LocalResponse};

use crate::support::{TestApp, PASSWORD};

async fn sign_in_response(app: &TestApp) -> LocalResponse<'_> {
    app.create_user(Role::Rep, "rep@example.org").await;
    app.page("/login").await;
    let response = app
        .post_form(
            "/login",
            &[("email", "rep@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    response
}

fn cookie<'a>(response: &'a LocalResponse<'_>, name: &str) -> &'a str {
    response
        .headers()
        .get("Set-Cookie")
        .find(|c| c.starts_with(&format!("{name}=")))
        .unwrap_or_else(|| panic!("a {name} cookie"))
}

#[rocket::async_test]
async fn the_session_cookie_claims_no_lifetime_beyond_the_browser_session() {
    let app = TestApp::spawn().await;
    let response = sign_in_response(&app).await;
    let session = cookie(&response, "coopkit_session").to_ascii_lowercase();
    // The server ends a session after 30 idle minutes or 12 hours; a cookie kept for a week
    // (Rocket's default) said otherwise and outlived a browser restart.
    assert!(!session.contains("max-age"), "{session}");
    assert!(!session.contains("expires"), "{session}");
    assert!(session.contains("httponly"));
}

#[rocket::async_test]
async fn the_flash_cookie_is_http_only() {
    let app = TestApp::spawn().await;
    let response = sign_in_response(&app).await;
    let flash = cookie(&response, "_flash");
    assert!(flash.contains("HttpOnly"), "{flash}");
    assert!(!flash.contains("Secure"), "plain HTTP in tests: {flash}");
    // The message still reaches the next page.
    let (_, html) = app.page("/cases").await;
    assert!(html.contains("Signed in as rep"), "{html}");
}

#[rocket::async_test]
async fn no_response_names_the_server_software() {
    let app = TestApp::spawn().await;
    for path in ["/", "/login", "/check", "/no-such-page", "/healthz"] {
        let response = app.get(path).await;
        assert_eq!(response.headers().get_one("Server"), None, "{path}");
        assert_eq!(
            response.headers().get_one("Strict-Transport-Security"),
            None,
            "{path}: no HSTS over plain HTTP"
        );
    }
}

#[rocket::async_test]
async fn behind_a_tls_proxy_every_response_asks_for_https_only() {
    // Headers do not depend on the backend: a SQLite file is enough on either run.
    let dir = tempfile::tempdir().expect("a folder");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("c.db").display());
    let figment = coopkit::config::figment()
        .merge(("database_url", url))
        .merge(("log_level", "off"))
        .merge(("behind_tls_proxy", true));
    let client = Client::tracked(coopkit::build(figment))
        .await
        .expect("the app starts");
    for path in ["/", "/login", "/check", "/no-such-page"] {
        let response = client.get(path).dispatch().await;
        let hsts = response
            .headers()
            .get_one("Strict-Transport-Security")
            .unwrap_or_default();
        assert_eq!(hsts, "max-age=31536000", "{path}");
        assert_eq!(response.headers().get_one("Server"), None, "{path}");
    }
}
