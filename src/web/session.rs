//! Who is asking: session cookies and the guards that turn them into an `Actor`.
//!
//! The session cookie is private (encrypted and authenticated with the secret key), HttpOnly
//! and SameSite=Strict; it gets `Secure` and the `__Host-` prefix when coopkit is served over
//! TLS or behind a TLS proxy. Its value is the raw session token; the database keeps only a
//! hash of it.
//!
//! It is a browser-session cookie (no `Max-Age`, no `Expires`): the server alone decides how
//! long a session lives (30 minutes idle, 12 hours at most), and the cookie claims nothing it
//! could contradict. A lifetime on the cookie would keep it on disk across a browser restart,
//! which on a shared computer is what must not happen; without one, closing the browser
//! forgets it. Rocket would otherwise give a private cookie a week.

use rocket::http::{Cookie, CookieJar, SameSite, Status};
use rocket::outcome::{try_outcome, IntoOutcome};
use rocket::request::{FromRequest, Outcome, Request};

use crate::config::AppConfig;
use crate::services::{self, auth::Actor, tokens, Env};

const SESSION: &str = "coopkit_session";
const VISITOR: &str = "coopkit_visitor";

/// Whether cookies must be `Secure` with the `__Host-` prefix.
pub fn secure_cookies(req: &Request<'_>) -> bool {
    let tls = req.rocket().config().tls_enabled();
    let proxy = req
        .rocket()
        .state::<AppConfig>()
        .is_some_and(|c| c.behind_tls_proxy);
    tls || proxy
}

fn cookie_name(base: &'static str, secure: bool) -> String {
    if secure {
        format!("__Host-{base}")
    } else {
        base.to_string()
    }
}

fn build_cookie(name: String, value: String, secure: bool) -> Cookie<'static> {
    Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure)
        // `None` is "until the browser closes", which stops Rocket adding its week.
        .expires(None::<rocket::time::OffsetDateTime>)
        .build()
}

pub fn set_session_cookie(jar: &CookieJar<'_>, token: String, secure: bool) {
    jar.add_private(build_cookie(cookie_name(SESSION, secure), token, secure));
}

pub fn clear_session_cookie(jar: &CookieJar<'_>, secure: bool) {
    jar.remove_private(build_cookie(
        cookie_name(SESSION, secure),
        String::new(),
        secure,
    ));
}

pub fn session_token(req: &Request<'_>) -> Option<String> {
    let name = cookie_name(SESSION, secure_cookies(req));
    req.cookies()
        .get_private(&name)
        .map(|c| c.value().to_string())
}

/// The anonymous visitor's token, which the CSRF token of a signed-out form (sign-in, set-up,
/// enquiry) is derived from.
pub fn visitor_token(req: &Request<'_>) -> Option<String> {
    let name = cookie_name(VISITOR, secure_cookies(req));
    req.cookies()
        .get_private(&name)
        .map(|c| c.value().to_string())
}

/// The CSRF token expected from this request's forms, if it has a session or visitor cookie.
pub fn expected_csrf(req: &Request<'_>) -> Option<String> {
    session_token(req)
        .or_else(|| visitor_token(req))
        .map(|t| tokens::csrf_token_for(&t))
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for &'r Actor {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        let actor = req
            .local_cache_async(async {
                let token = session_token(req)?;
                let env = req.guard::<Env<'_>>().await.succeeded()?;
                match services::auth::authenticate(&env, &token).await {
                    Ok(actor) => actor,
                    Err(e) => {
                        tracing::error!(error = %e, "could not check a session");
                        None
                    }
                }
            })
            .await;
        actor.as_ref().or_forward(Status::Unauthorized)
    }
}

/// Centre staff or admin.
pub struct Centre<'r>(pub &'r Actor);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Centre<'r> {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        let actor = try_outcome!(req.guard::<&Actor>().await);
        match crate::domain::access::require_centre(actor.role) {
            Ok(()) => Outcome::Success(Centre(actor)),
            Err(_) => {
                req.local_cache(|| crate::error::Refusal("this page is for centre staff"));
                Outcome::Forward(Status::Forbidden)
            }
        }
    }
}

/// A centre admin.
pub struct Admin<'r>(pub &'r Actor);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Admin<'r> {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        let actor = try_outcome!(req.guard::<&Actor>().await);
        match crate::domain::access::require_admin(actor.role) {
            Ok(()) => Outcome::Success(Admin(actor)),
            Err(_) => {
                req.local_cache(|| crate::error::Refusal("this page is for admins"));
                Outcome::Forward(Status::Forbidden)
            }
        }
    }
}

/// The CSRF token to put in this page's forms. For a signed-out visitor it makes sure a
/// visitor cookie exists first.
pub struct CsrfToken(pub String);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for CsrfToken {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        if let Some(expected) = expected_csrf(req) {
            return Outcome::Success(CsrfToken(expected));
        }
        let secure = secure_cookies(req);
        let token = tokens::new_token();
        req.cookies().add_private(build_cookie(
            cookie_name(VISITOR, secure),
            token.clone(),
            secure,
        ));
        Outcome::Success(CsrfToken(tokens::csrf_token_for(&token)))
    }
}

/// The client's address for throttling. Rocket reads it from the connection unless
/// `ip_header` is configured for a trusted proxy.
pub struct ClientAddress(pub String);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for ClientAddress {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        let address = req
            .client_ip()
            .map(|ip| ip.to_string())
            .unwrap_or_else(|| "unknown".into());
        Outcome::Success(ClientAddress(address))
    }
}

pub struct UserAgent(pub String);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for UserAgent {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        Outcome::Success(UserAgent(
            req.headers()
                .get_one("User-Agent")
                .unwrap_or_default()
                .to_string(),
        ))
    }
}
