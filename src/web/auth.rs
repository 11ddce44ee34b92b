//! Sign in, sign out, change password, and the first admin's set-up page.

use rocket::form::{Form, FromForm};
use rocket::http::{CookieJar, Status};
use rocket::request::FlashMessage;
use rocket::response::{Flash, Redirect};
use rocket::{get, post, routes, Request, Route, State};
use rocket_dyn_templates::Template;
use sea_orm::DatabaseConnection;
use serde::Serialize;

use super::page::{PageContext, PageOrRedirect};
use super::session::{self, ClientAddress, CsrfToken, UserAgent};
use crate::clock::Clock;
use crate::domain::field_errors::FieldErrors;
use crate::error::AppResult;
use crate::services::auth::{self as auth_service, AccountInput, Actor, LinkProblem, SignIn};
use crate::services::passwords::PasswordHasher;

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
}

#[derive(Serialize)]
struct LoginView {
    email: String,
    field_errors: std::collections::BTreeMap<String, String>,
}

#[get("/login")]
fn login_page(csrf: CsrfToken, flash: Option<FlashMessage<'_>>) -> Template {
    let view = LoginView {
        email: String::new(),
        field_errors: Default::default(),
    };
    PageContext::new(None, csrf.0, flash).render("auth/login", "Sign in", view)
}

#[allow(clippy::too_many_arguments)]
#[post("/login", data = "<form>")]
async fn login(
    form: Form<LoginForm>,
    db: &State<DatabaseConnection>,
    hasher: &State<PasswordHasher>,
    clock: &State<Clock>,
    jar: &CookieJar<'_>,
    csrf: CsrfToken,
    address: ClientAddress,
    agent: UserAgent,
    req_secure: SecureCookies,
) -> AppResult<PageOrRedirect> {
    let outcome = auth_service::sign_in(
        db,
        hasher,
        clock,
        &form.email,
        &form.password,
        &address.0,
        &agent.0,
    )
    .await?;
    let mut errors = FieldErrors::new();
    let status = match outcome {
        SignIn::Ok(session) => {
            session::set_session_cookie(jar, session.token, req_secure.0);
            return Ok(PageOrRedirect::success(
                "/cases",
                &format!("Signed in as {}", session.user.name),
            ));
        }
        SignIn::WrongCredentials => {
            errors.add("email", "The email address or password is not right");
            Status::UnprocessableEntity
        }
        SignIn::Throttled => {
            errors.add("email", "Too many failed attempts to sign in. Wait 15 minutes, then try again, or ask the centre to reset your password.");
            Status::TooManyRequests
        }
    };
    let view = LoginView {
        email: form.email.clone(),
        field_errors: errors.by_field(),
    };
    let page = PageContext::new(None, csrf.0, None).render_with_errors(
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
    db: &State<DatabaseConnection>,
    clock: &State<Clock>,
    jar: &CookieJar<'_>,
    secure: SecureCookies,
) -> AppResult<Flash<Redirect>> {
    auth_service::sign_out(db, clock, actor).await?;
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
    db: &State<DatabaseConnection>,
    hasher: &State<PasswordHasher>,
    clock: &State<Clock>,
) -> AppResult<PageOrRedirect> {
    let result = auth_service::change_password(
        db,
        hasher,
        clock,
        actor,
        &form.current_password,
        &form.new_password,
        &form.confirm_password,
    )
    .await?;
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
async fn setup_page(
    token: &str,
    db: &State<DatabaseConnection>,
    clock: &State<Clock>,
    csrf: CsrfToken,
) -> AppResult<(Status, Template)> {
    let check = auth_service::check_link(db, clock, token, "first_admin").await?;
    let (status, problem) = match check {
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
    Ok((
        status,
        PageContext::new(None, csrf.0, None).render(
            "auth/setup",
            "Create the first admin account",
            view,
        ),
    ))
}

#[allow(clippy::too_many_arguments)]
#[post("/setup/<token>", data = "<form>")]
async fn setup(
    token: &str,
    form: Form<SetupForm>,
    db: &State<DatabaseConnection>,
    hasher: &State<PasswordHasher>,
    clock: &State<Clock>,
    csrf: CsrfToken,
    jar: &CookieJar<'_>,
    secure: SecureCookies,
) -> AppResult<PageOrRedirect> {
    let input = AccountInput {
        email: &form.email,
        name: &form.name,
        password: &form.password,
        confirm: &form.confirm,
    };
    let token_id = match auth_service::check_link(db, clock, token, "first_admin").await? {
        Ok(id) => id,
        Err(problem) => return Ok(setup_problem(token, csrf, problem)),
    };
    let errors = auth_service::check_account(db, &input).await?;
    if !errors.is_empty() {
        let view = SetupView {
            token: token.into(),
            name: form.name.clone(),
            email: form.email.clone(),
            problem: None,
            field_errors: errors.by_field(),
        };
        let page = PageContext::new(None, csrf.0, None).render_with_errors(
            "auth/setup",
            "Create the first admin account",
            &errors,
            view,
        );
        return Ok(PageOrRedirect::invalid(page));
    }
    match auth_service::create_first_admin(db, hasher, clock, token_id, &input).await? {
        Ok(user) => {
            let session = auth_service::start_session(db, clock, user, "").await?;
            session::set_session_cookie(jar, session.token, secure.0);
            Ok(PageOrRedirect::success(
                "/cases",
                "Your admin account is ready. You are signed in.",
            ))
        }
        Err(problem) => Ok(setup_problem(token, csrf, problem)),
    }
}

fn setup_problem(token: &str, csrf: CsrfToken, problem: LinkProblem) -> PageOrRedirect {
    let view = SetupView {
        token: token.into(),
        name: String::new(),
        email: String::new(),
        problem: Some(link_message(problem)),
        field_errors: Default::default(),
    };
    let page = PageContext::new(None, csrf.0, None).render(
        "auth/setup",
        "Create the first admin account",
        view,
    );
    PageOrRedirect::Invalid((Status::NotFound, page))
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
