//! CSRF protection, security headers and cookie flags.

use coopkit::domain::user::Role;
use rocket::http::{ContentType, Header, Status};

use crate::support::{valid_case_form, TestApp};

#[rocket::async_test]
async fn a_form_without_its_token_is_refused_with_a_friendly_page() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let fields: Vec<(&str, String)> = valid_case_form("Forged Works")
        .into_iter()
        .map(|(k, v)| (k, v.to_string()))
        .collect();

    let response = app.post_raw("/cases", &fields).await;

    assert_eq!(response.status(), Status::Forbidden);
    assert!(response
        .into_string()
        .await
        .unwrap_or_default()
        .contains("only accepts forms sent from its own pages"));
}

#[rocket::async_test]
async fn a_form_with_a_wrong_token_is_refused() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let mut fields = vec![("_csrf", "not-the-token".to_string())];
    fields.extend(
        valid_case_form("Forged Works")
            .into_iter()
            .map(|(k, v)| (k, v.to_string())),
    );
    assert_eq!(
        app.post_raw("/cases", &fields).await.status(),
        Status::Forbidden
    );
}

#[rocket::async_test]
async fn a_cross_site_request_is_refused_even_with_the_token() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let body = format!("_csrf={}&name=x", app.csrf());
    let response = app
        .client
        .post("/cases")
        .header(ContentType::Form)
        .header(Header::new("Origin", "https://evil.example"))
        .header(Header::new("Host", "localhost:8000"))
        .body(body.clone())
        .dispatch()
        .await;
    assert_eq!(response.status(), Status::Forbidden);
    let response = app
        .client
        .post("/cases")
        .header(ContentType::Form)
        .header(Header::new("Sec-Fetch-Site", "cross-site"))
        .body(body)
        .dispatch()
        .await;
    assert_eq!(response.status(), Status::Forbidden);
}

#[rocket::async_test]
async fn the_token_may_come_as_a_header() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let response = app
        .client
        .post("/logout")
        .header(ContentType::Form)
        .header(Header::new("X-CSRF-Token", app.csrf()))
        .dispatch()
        .await;
    assert_eq!(response.status(), Status::SeeOther);
}

#[rocket::async_test]
async fn signing_in_needs_the_visitor_token_too() {
    let app = TestApp::spawn().await;
    app.create_user(Role::Rep, "rep@example.org").await;
    app.page("/login").await;
    let fields = vec![
        ("email", "rep@example.org".to_string()),
        ("password", crate::support::PASSWORD.to_string()),
    ];
    assert_eq!(
        app.post_raw("/login", &fields).await.status(),
        Status::Forbidden
    );
}

#[rocket::async_test]
async fn every_page_carries_the_security_headers() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    for path in ["/login", "/cases", "/cases/new", "/no-such-page"] {
        let response = app.get(path).await;
        let headers = response.headers();
        let csp = headers
            .get_one("Content-Security-Policy")
            .unwrap_or_default();
        assert!(
            csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"),
            "{path}: {csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{path}: no inline script");
        assert_eq!(
            headers.get_one("X-Content-Type-Options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(
            headers.get_one("Referrer-Policy"),
            Some("same-origin"),
            "{path}"
        );
        assert_eq!(headers.get_one("Cache-Control"), Some("no-store"), "{path}");
        let timing = headers.get_one("Server-Timing").unwrap_or_default();
        let millis = timing.strip_prefix("app;dur=").map(str::parse::<f64>);
        assert!(
            matches!(millis, Some(Ok(ms)) if ms >= 0.0),
            "{path}: {timing}"
        );
    }
}

#[rocket::async_test]
async fn the_session_cookie_is_private_http_only_and_strict() {
    let app = TestApp::spawn().await;
    app.create_user(Role::Rep, "rep@example.org").await;
    app.page("/login").await;
    let response = app
        .post_form(
            "/login",
            &[
                ("email", "rep@example.org"),
                ("password", crate::support::PASSWORD),
            ],
        )
        .await;
    let set_cookie: Vec<&str> = response.headers().get("Set-Cookie").collect();
    let session = set_cookie
        .iter()
        .find(|c| c.starts_with("coopkit_session="))
        .expect("session cookie");
    assert!(session.contains("HttpOnly"));
    assert!(session.contains("SameSite=Strict"));
    assert!(session.contains("Path=/"));
    let value = session
        .trim_start_matches("coopkit_session=")
        .split(';')
        .next()
        .unwrap_or_default();
    assert!(
        value.len() > 60,
        "the value is encrypted, not the bare token"
    );
}

/// Every form on a page must carry the real token, including forms drawn inside loops (where
/// the template's current context is a row, not the page).
#[rocket::async_test]
async fn every_form_on_a_page_carries_the_sessions_token() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let case = app.open_case("Ribble Print Works").await;
    for path in [
        format!("/cases/{case}"),
        format!("/cases/{case}/documents"),
        format!("/cases/{case}/stages/intake"),
        format!("/cases/{case}/invitations"),
        format!("/cases/{case}/survey"),
    ] {
        let (status, body) = app.page(&path).await;
        assert_eq!(status, Status::Ok, "{path}");
        let tokens: Vec<&str> = body
            .split("name=\"_csrf\" value=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect();
        assert!(!tokens.is_empty(), "{path} has forms");
        for token in tokens {
            assert_eq!(
                token,
                app.csrf(),
                "{path}: a form has the wrong or an empty token"
            );
        }
    }
}
