//! Cross-site request forgery protection for every state-changing request.
//!
//! Deny by default: a fairing checks every POST, PUT, PATCH and DELETE before any route sees
//! it, so a new handler cannot forget. Two checks, both required:
//! 1. the browser's own word on where the request comes from: `Sec-Fetch-Site` must be
//!    same-origin (or absent, for old browsers and tools) and `Origin`, when sent, must be
//!    this site;
//! 2. a synchronizer token, derived from the session (or the anonymous visitor) token, sent as
//!    the `X-CSRF-Token` header or as the form field `_csrf`, compared in constant time.
//!
//! Rocket lets a fairing look at only the first 512 bytes of a body, so every form puts
//! `_csrf` first (the `partials/csrf` partial does). A rejected request is rewritten to a
//! route that answers 403 with a friendly page.

use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::{uri::Origin, Method, Status};
use rocket::{Data, Request};

use super::session::expected_csrf;
use crate::services::tokens::constant_time_eq;

pub const REJECTED_PATH: &str = "/csrf-rejected";
const FIELD: &str = "_csrf";

pub struct CsrfGuard;

#[rocket::async_trait]
impl Fairing for CsrfGuard {
    fn info(&self) -> Info {
        Info {
            name: "CSRF protection",
            kind: Kind::Request,
        }
    }

    async fn on_request(&self, req: &mut Request<'_>, data: &mut Data<'_>) {
        if !matches!(
            req.method(),
            Method::Post | Method::Put | Method::Patch | Method::Delete
        ) {
            return;
        }
        let verdict = match origin_problem(req) {
            Some(problem) => Err(problem),
            None => token_problem(req, data).await.map_or(Ok(()), Err),
        };
        if let Err(problem) = verdict {
            tracing::warn!(target: "security", uri = %req.uri(), problem, "CSRF check rejected a request");
            req.set_method(Method::Post);
            req.set_uri(Origin::parse(REJECTED_PATH).expect("constant path parses"));
        }
    }
}

fn origin_problem(req: &Request<'_>) -> Option<&'static str> {
    let headers = req.headers();
    if let Some(site) = headers.get_one("Sec-Fetch-Site") {
        if !matches!(site, "same-origin" | "none") {
            return Some("cross-site request");
        }
    }
    let origin = headers.get_one("Origin")?;
    let host = headers.get_one("Host").unwrap_or_default();
    let origin_host = origin
        .split_once("://")
        .map(|(_, rest)| rest)
        .unwrap_or(origin);
    (origin == "null" || !origin_host.eq_ignore_ascii_case(host))
        .then_some("origin is another site")
}

async fn token_problem(req: &Request<'_>, data: &mut Data<'_>) -> Option<&'static str> {
    let Some(expected) = expected_csrf(req) else {
        return Some("no session or visitor cookie");
    };
    let sent = match req.headers().get_one("X-CSRF-Token") {
        Some(header) => Some(header.to_string()),
        None => token_in_body(data.peek(512).await),
    };
    match sent {
        Some(sent) if constant_time_eq(&sent, &expected) => None,
        Some(_) => Some("wrong token"),
        None => Some("missing token"),
    }
}

/// Finds `_csrf` at the start of a URL-encoded or multipart body.
fn token_in_body(body: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    let urlencoded = text
        .split('&')
        .find_map(|pair| pair.strip_prefix("_csrf="))
        .map(|v| v.to_string());
    urlencoded.or_else(|| {
        let marker = format!("name=\"{FIELD}\"");
        let after = &text[text.find(&marker)? + marker.len()..];
        let value = after.trim_start_matches(['\r', '\n']);
        value
            .split(['\r', '\n'])
            .next()
            .map(|v| v.trim().to_string())
    })
}

#[rocket::post("/csrf-rejected")]
pub fn rejected() -> Status {
    Status::Forbidden
}

#[cfg(test)]
mod tests {
    use super::token_in_body;

    #[test]
    fn finds_the_token_in_either_form_encoding() {
        assert_eq!(token_in_body(b"_csrf=abc&name=x").as_deref(), Some("abc"));
        assert_eq!(token_in_body(b"name=x&_csrf=abc").as_deref(), Some("abc"));
        let multipart =
            b"--b\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\nabc\r\n--b\r\n";
        assert_eq!(token_in_body(multipart).as_deref(), Some("abc"));
        assert_eq!(token_in_body(b"name=x"), None);
    }
}
