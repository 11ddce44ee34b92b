//! `/join/<token>`: following an invitation link. A new person makes an account; someone
//! signed in joins with theirs; a spent, withdrawn or expired link says so plainly (404).

use rocket::form::{Form, FromForm};
use rocket::http::{CookieJar, Status};
use rocket::{get, post, routes, Route, State};
use sea_orm::DatabaseConnection;
use serde::Serialize;

use super::auth::SecureCookies;
use super::page::{PageContext, PageOrRedirect};
use super::session::{self, CsrfToken, UserAgent};
use crate::clock::Clock;
use crate::error::AppResult;
use crate::services::auth::{self as auth_service, Actor};
use crate::services::joining::{self, JoinProblem};
use crate::services::passwords::PasswordHasher;

pub fn routes() -> Vec<Route> {
    routes![show, join_new, join_signed_in]
}

#[derive(FromForm, Default)]
pub struct JoinForm {
    #[field(default = String::new())]
    name: String,
    #[field(default = String::new())]
    password: String,
    #[field(default = String::new())]
    confirm: String,
}

#[derive(Serialize, Default)]
struct JoinView {
    token: String,
    problem: Option<&'static str>,
    case_name: String,
    invited_name: String,
    email: String,
    as_rep: bool,
    account_exists: bool,
    signed_in: bool,
    name: String,
    field_errors: std::collections::BTreeMap<String, String>,
}

const TITLE: &str = "Join a co-op case";

fn problem_page(
    actor: Option<&Actor>,
    csrf: CsrfToken,
    token: &str,
    problem: JoinProblem,
) -> PageOrRedirect {
    let view = JoinView {
        token: token.into(),
        problem: Some(problem.message()),
        ..Default::default()
    };
    let page =
        PageContext::new(actor, csrf.0, None).render("join/show", "This link does not work", view);
    let status = if problem.is_forbidden() {
        Status::Forbidden
    } else {
        Status::NotFound
    };
    PageOrRedirect::Invalid((status, page))
}

async fn view_for(
    db: &DatabaseConnection,
    clock: &Clock,
    actor: Option<&Actor>,
    token: &str,
) -> AppResult<Result<JoinView, JoinProblem>> {
    let found = joining::check(db, clock, token).await?;
    if let (Ok(found), Some(actor)) = (&found, actor) {
        if !joining::is_for(&found.invitation, actor) {
            return Ok(Err(JoinProblem::OtherPerson));
        }
    }
    Ok(found.map(|found| JoinView {
        token: token.into(),
        problem: None,
        case_name: found.case.name,
        invited_name: found.invitation.name.clone(),
        email: found.invitation.email,
        as_rep: found.invitation.role == "rep",
        account_exists: found.account_exists,
        signed_in: actor.is_some(),
        name: found.invitation.name,
        field_errors: Default::default(),
    }))
}

#[get("/join/<token>")]
async fn show(
    token: &str,
    actor: Option<&Actor>,
    db: &State<DatabaseConnection>,
    clock: &State<Clock>,
    csrf: CsrfToken,
) -> AppResult<PageOrRedirect> {
    Ok(match view_for(db, clock, actor, token).await? {
        Ok(view) => PageOrRedirect::Page(PageContext::new(actor, csrf.0, None).render(
            "join/show",
            TITLE,
            view,
        )),
        Err(problem) => problem_page(actor, csrf, token, problem),
    })
}

#[allow(clippy::too_many_arguments)]
#[post("/join/<token>", data = "<form>")]
async fn join_new(
    token: &str,
    form: Form<JoinForm>,
    db: &State<DatabaseConnection>,
    hasher: &State<PasswordHasher>,
    clock: &State<Clock>,
    csrf: CsrfToken,
    jar: &CookieJar<'_>,
    secure: SecureCookies,
    agent: UserAgent,
) -> AppResult<PageOrRedirect> {
    let outcome = joining::join_new(
        db,
        hasher,
        clock,
        token,
        &form.name,
        &form.password,
        &form.confirm,
    )
    .await?;
    match outcome {
        Err(problem) => Ok(problem_page(None, csrf, token, problem)),
        Ok(Err(errors)) => {
            let mut view = match view_for(db, clock, None, token).await? {
                Ok(view) => view,
                Err(problem) => return Ok(problem_page(None, csrf, token, problem)),
            };
            view.name = form.name.clone();
            view.field_errors = errors.by_field();
            let page = PageContext::new(None, csrf.0, None).render_with_errors(
                "join/show",
                TITLE,
                &errors,
                view,
            );
            Ok(PageOrRedirect::invalid(page))
        }
        Ok(Ok((user, case_id))) => {
            let session = auth_service::start_session(db, clock, user, &agent.0).await?;
            session::set_session_cookie(jar, session.token, secure.0);
            Ok(PageOrRedirect::success(
                format!("/cases/{case_id}/progress"),
                "Welcome! Your account is ready and you are signed in.",
            ))
        }
    }
}

#[post("/join/<token>/accept")]
async fn join_signed_in(
    token: &str,
    actor: &Actor,
    db: &State<DatabaseConnection>,
    clock: &State<Clock>,
    csrf: CsrfToken,
) -> AppResult<PageOrRedirect> {
    Ok(
        match joining::join_existing(db, clock, actor, token).await? {
            Ok(case_id) => PageOrRedirect::success(
                format!("/cases/{case_id}/progress"),
                "You have joined the case",
            ),
            Err(problem) => problem_page(Some(actor), csrf, token, problem),
        },
    )
}
