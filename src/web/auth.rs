//! Sign in, sign out, change password, and the first admin's set-up page.

use crate::web::templates::Template;
use rocket::form::{Form, FromForm};
use rocket::http::{CookieJar, Status};
use rocket::request::FlashMessage;
use rocket::response::{Flash, Redirect};
use rocket::{get, post, routes, Request, Route, State};
use serde::Serialize;

use super::page::{PageContext, PageOrRedirect};
use super::session::{self, ClientAddress, CsrfToken, UserAgent};
use crate::domain::field_errors::FieldErrors;
use crate::error::AppResult;
use crate::services::auth::{
    self as auth_service, AccountInput, Actor, Client, LinkProblem, SetupRefused, SignIn,
};
use crate::services::passwords::PasswordHasher;
use crate::services::Env;

pub fn routes() -> Vec<Route> {
    routes![
        login_page,
        login,
        logout,
        password_page,
        change_password,
        setup_page,
        setup
    ]
}

#[derive(FromForm, Default)]
pub struct LoginForm {
    #[field(default = String::new())]
    email: String,
    #[field(default = String::new())]
    password: String,
    /// The page to return to after signing in, carried through the form.
    #[field(default = String::new())]
    next: String,
}

#[derive(Serialize)]
struct LoginView {
    email: String,
    next: Option<String>,
    field_errors: std::collections::BTreeMap<String, String>,
}

/// `next` when it is a path on this site, and nothing else: a link someone else made must not
/// send a person who has just signed in to another site (an open redirect). A single leading
/// `/` and no `//`, no backslash (browsers read `/\` as `//`), no scheme, no control
/// characters.
pub fn safe_next(next: &str) -> Option<&str> {
    let local = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.contains("://")
        && !next.chars().any(|c| c.is_control() || c.is_whitespace())
        && next.len() <= 2000;
    local.then_some(next)
}

#[get("/login?<next>")]
fn login_page(csrf: CsrfToken, flash: Option<FlashMessage<'_>>, next: Option<&str>) -> Template {
    let view = LoginView {
        email: String::new(),
        next: next.and_then(safe_next).map(str::to_string),
        field_errors: Default::default(),
    };
    PageContext::new(None, csrf.0, flash).render("auth/login", "Sign in", view)
}

#[post("/login", data = "<form>")]
async fn login(
    form: Form<LoginForm>,
    request: AccountRequest<'_>,
    address: ClientAddress,
    jar: &CookieJar<'_>,
) -> AppResult<PageOrRedirect> {
    let client = Client {
        address: &address.0,
        user_agent: &request.agent.0,
    };
    let (env, hasher) = (&request.env, request.hasher);
    let outcome = auth_service::sign_in(env, hasher, &form.email, &form.password, &client).await?;
    let mut errors = FieldErrors::new();
    let status = match outcome {
        SignIn::Ok(session) => {
            session::set_session_cookie(jar, session.token, request.secure.0);
            let to = safe_next(&form.next).unwrap_or("/cases").to_string();
            return Ok(PageOrRedirect::success(
                to,
                &format!("Signed in as {}", session.user.name),
            ));
        }
        SignIn::WrongCredentials => {
            errors.add("email", "The email address or password is not right");
            Status::UnprocessableEntity
        }
        SignIn::Throttled => {
            errors.add("email", "Too many failed attempts to sign in. Wait 15 minutes, then try again, or use \"Forgot your password?\" below.");
            Status::TooManyRequests
        }
    };
    let view = LoginView {
        email: form.email.clone(),
        next: safe_next(&form.next).map(str::to_string),
        field_errors: errors.by_field(),
    };
    let page = PageContext::new(None, request.csrf.0, None).render_with_errors(
        "auth/login",
        "Sign in",
        &errors,
        view,
    );
    Ok(PageOrRedirect::Invalid((status, page)))
}

#[post("/logout")]
async fn logout(
    actor: &Actor,
    env: Env<'_>,
    jar: &CookieJar<'_>,
    secure: SecureCookies,
) -> AppResult<Flash<Redirect>> {
    auth_service::sign_out(&env, actor).await?;
    session::clear_session_cookie(jar, secure.0);
    Ok(Flash::success(
        Redirect::to("/login"),
        "You have signed out",
    ))
}

#[derive(FromForm, Default)]
pub struct PasswordForm {
    #[field(default = String::new())]
    current_password: String,
    #[field(default = String::new())]
    new_password: String,
    #[field(default = String::new())]
    confirm_password: String,
}

#[derive(Serialize, Default)]
struct PasswordView {
    field_errors: std::collections::BTreeMap<String, String>,
}

#[get("/account/password")]
fn password_page(actor: &Actor, flash: Option<FlashMessage<'_>>) -> Template {
    PageContext::for_actor(actor, flash).render(
        "auth/password",
        "Change your password",
        PasswordView::default(),
    )
}

#[post("/account/password", data = "<form>")]
async fn change_password(
    actor: &Actor,
    form: Form<PasswordForm>,
    env: Env<'_>,
    hasher: &State<PasswordHasher>,
) -> AppResult<PageOrRedirect> {
    let typed = (
        form.current_password.as_str(),
        form.new_password.as_str(),
        form.confirm_password.as_str(),
    );
    let result = auth_service::change_password(&env, hasher, actor, typed).await?;
    Ok(match result {
        Ok(()) => PageOrRedirect::success("/cases", "Your password has been changed. Any other place you were signed in has been signed out."),
        Err(errors) => {
            // Passwords are never sent back into a page, even a page for their owner.
            let view = PasswordView { field_errors: errors.by_field() };
            PageOrRedirect::invalid(PageContext::for_actor(actor, None).render_with_errors("auth/password", "Change your password", &errors, view))
        }
    })
}

#[derive(FromForm, Default)]
pub struct SetupForm {
    #[field(default = String::new())]
    name: String,
    #[field(default = String::new())]
    email: String,
    #[field(default = String::new())]
    password: String,
    #[field(default = String::new())]
    confirm: String,
}

#[derive(Serialize)]
struct SetupView {
    token: String,
    name: String,
    email: String,
    problem: Option<&'static str>,
    field_errors: std::collections::BTreeMap<String, String>,
}

fn link_message(problem: LinkProblem) -> &'static str {
    match problem {
        LinkProblem::Unknown => {
            "This set-up link is not valid. Check you copied the whole link from the server's log."
        }
        LinkProblem::Used => {
            "This set-up link has already been used. Sign in with the admin account it created."
        }
        LinkProblem::Expired => {
            "This set-up link has expired. Restart coopkit to print a new one in its log."
        }
    }
}

#[get("/setup/<token>")]
async fn setup_page(token: &str, env: Env<'_>, csrf: CsrfToken) -> AppResult<(Status, Template)> {
    let (status, problem) = match auth_service::check_setup_link(&env, token).await? {
        Ok(_) => (Status::Ok, None),
        Err(problem) => (Status::NotFound, Some(link_message(problem))),
    };
    let view = SetupView {
        token: token.into(),
        name: String::new(),
        email: String::new(),
        problem,
        field_errors: Default::default(),
    };
    Ok((status, setup_template(csrf, &FieldErrors::new(), view)))
}

#[post("/setup/<token>", data = "<form>")]
async fn setup(
    token: &str,
    form: Form<SetupForm>,
    request: AccountRequest<'_>,
    jar: &CookieJar<'_>,
) -> AppResult<PageOrRedirect> {
    let input = AccountInput {
        email: &form.email,
        name: &form.name,
        password: &form.password,
        confirm: &form.confirm,
    };
    let created =
        auth_service::create_first_admin(&request.env, request.hasher, token, &input).await?;
    let (problem, errors) = match created {
        Ok(session) => {
            session::set_session_cookie(jar, session.token, request.secure.0);
            return Ok(PageOrRedirect::success(
                "/cases",
                "Your admin account is ready. You are signed in.",
            ));
        }
        Err(SetupRefused::Link(problem)) => (Some(link_message(problem)), FieldErrors::new()),
        Err(SetupRefused::Invalid(errors)) => (None, errors),
    };
    // A bad link is 404 and empties the form; a bad form keeps what was typed (not passwords).
    let (status, name, email) = match problem {
        Some(_) => (Status::NotFound, String::new(), String::new()),
        None => (
            Status::UnprocessableEntity,
            form.name.clone(),
            form.email.clone(),
        ),
    };
    let view = SetupView {
        token: token.into(),
        name,
        email,
        problem,
        field_errors: errors.by_field(),
    };
    let page = setup_template(request.csrf, &errors, view);
    Ok(PageOrRedirect::Invalid((status, page)))
}

fn setup_template(csrf: CsrfToken, errors: &FieldErrors, view: SetupView) -> Template {
    PageContext::new(None, csrf.0, None).render_with_errors(
        "auth/setup",
        "Create the first admin account",
        errors,
        view,
    )
}

/// The request guards that making an account or signing in needs besides the form.
pub struct AccountRequest<'r> {
    pub env: Env<'r>,
    pub hasher: &'r PasswordHasher,
    pub csrf: CsrfToken,
    pub agent: UserAgent,
    pub secure: SecureCookies,
}

#[rocket::async_trait]
impl<'r> rocket::request::FromRequest<'r> for AccountRequest<'r> {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> rocket::request::Outcome<Self, ()> {
        use rocket::outcome::try_outcome;
        let env = try_outcome!(req.guard::<Env<'r>>().await.map_error(|(s, _)| (s, ())));
        let hasher = try_outcome!(req.guard::<&State<PasswordHasher>>().await);
        let csrf = try_outcome!(req.guard::<CsrfToken>().await);
        let agent = try_outcome!(req.guard::<UserAgent>().await);
        let secure = try_outcome!(req.guard::<SecureCookies>().await);
        rocket::request::Outcome::Success(AccountRequest {
            env,
            hasher: hasher.inner(),
            csrf,
            agent,
            secure,
        })
    }
}

/// Whether this request's cookies must be Secure (TLS or a TLS proxy in front).
pub struct SecureCookies(pub bool);

#[rocket::async_trait]
impl<'r> rocket::request::FromRequest<'r> for SecureCookies {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> rocket::request::Outcome<Self, ()> {
        rocket::request::Outcome::Success(SecureCookies(session::secure_cookies(req)))
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_a_path_on_this_site_is_a_place_to_return_to() {
        assert_eq!(safe_next("/cases/3/progress"), Some("/cases/3/progress"));
        assert_eq!(
            safe_next("/cases?status=active"),
            Some("/cases?status=active")
        );
        for outside in [
            "",
            "cases",
            "//evil.example/x",
            "/\\evil.example",
            "https://evil.example",
            "/redirect?to=https://evil.example",
            "javascript:alert(1)",
            "/a b",
            "/a\nLocation: x",
        ] {
            assert_eq!(safe_next(outside), None, "{outside:?}");
        }
    }
}
