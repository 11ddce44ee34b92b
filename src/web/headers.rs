//! Security headers on every response, the server's time for it, and a log line for every
//! request.
//!
//! Rocket's Shield already sends nosniff and a frame policy; this adds a content security
//! policy that allows no inline script (pages work without JavaScript), forbids framing, keeps
//! referrers on this site, and `no-store` so a shared computer's back button or cache never
//! shows a worker's answers to the next person.
//!
//! It also takes away what Rocket adds that it should not: the `Server: Rocket` header (which
//! tells an attacker what to try), and the flash message cookie without `HttpOnly`; and when
//! coopkit is reached over HTTPS (its own TLS, or `behind_tls_proxy`) it sends HSTS, so a
//! browser never tries plain HTTP for it again.

use std::time::Instant;

use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::Header;
use rocket::{Data, Request, Response};

pub struct SecurityHeaders;

/// How long a browser remembers to use HTTPS only: a year, the usual figure.
const HSTS_SECS: u32 = 365 * 24 * 60 * 60;

/// Rocket's flash cookie (`_flash`) is readable by scripts and not `Secure`; it carries a
/// message shown once, but every cookie of this site is HttpOnly, and Secure over HTTPS.
fn harden_flash_cookie(res: &mut Response<'_>, secure: bool) {
    let cookies: Vec<String> = res
        .headers()
        .get("Set-Cookie")
        .map(str::to_string)
        .collect();
    if !cookies.iter().any(|c| c.starts_with("_flash=")) {
        return;
    }
    res.remove_header("Set-Cookie");
    for cookie in cookies {
        let mut cookie = cookie;
        if cookie.starts_with("_flash=") {
            if !cookie.contains("HttpOnly") {
                cookie.push_str("; HttpOnly");
            }
            if secure && !cookie.contains("Secure") {
                cookie.push_str("; Secure");
            }
        }
        res.adjoin_header(Header::new("Set-Cookie", cookie));
    }
}

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

#[rocket::async_trait]
impl Fairing for SecurityHeaders {
    fn info(&self) -> Info {
        Info {
            name: "Security headers and request log",
            kind: Kind::Request | Kind::Response,
        }
    }

    async fn on_request(&self, req: &mut Request<'_>, _: &mut Data<'_>) {
        req.local_cache(Instant::now);
    }

    async fn on_response<'r>(&self, req: &'r Request<'_>, res: &mut Response<'r>) {
        res.set_header(Header::new("Content-Security-Policy", CSP));
        res.set_header(Header::new("X-Content-Type-Options", "nosniff"));
        res.set_header(Header::new("X-Frame-Options", "DENY"));
        res.set_header(Header::new("Referrer-Policy", "same-origin"));
        res.remove_header("Server");
        let secure = super::session::secure_cookies(req);
        if secure {
            res.set_header(Header::new(
                "Strict-Transport-Security",
                format!("max-age={HSTS_SECS}"),
            ));
        }
        harden_flash_cookie(res, secure);
        let is_static = req.uri().path().starts_with("/static/");
        if is_static {
            res.set_header(Header::new("Cache-Control", "public, max-age=3600"));
        } else {
            res.set_header(Header::new("Cache-Control", "no-store"));
        }
        let micros = req.local_cache(Instant::now).elapsed().as_micros() as u64;
        // The server's own time for the request, which browsers' developer tools show and the
        // load benchmark reads: under load, the time a client waits is mostly queueing.
        res.set_header(Header::new(
            "Server-Timing",
            format!("app;dur={}.{:03}", micros / 1000, micros % 1000),
        ));
        // The query string is left out: it could hold a one-time token.
        tracing::info!(
            target: "request",
            method = %req.method(),
            path = %req.uri().path(),
            status = res.status().code,
            micros,
        );
    }
}
