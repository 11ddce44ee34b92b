//! `/join/<token>`: following an invitation link, the one way into a case for workers and reps.
//! A new person makes an account; someone signed in joins with theirs; a spent, withdrawn or
//! expired link says so plainly (404).
//!
//! `/join-as-rep/<token>` is where the centre's rep links pointed before they became ordinary
//! invitations (issue 16); links already sent by email still work, through the same flow.

use rocket::form::{Form, FromForm};
use rocket::http::{CookieJar, Status};
use rocket::{get, post, routes, Route};
use serde::Serialize;

use super::auth::AccountRequest;
use super::page::{PageContext, PageOrRedirect};
use super::session::{self, CsrfToken};
use crate::domain::field_errors::FieldErrors;
use crate::domain::invitations::InviteRole;
use crate::error::AppResult;
use crate::services::auth::Actor;
use crate::services::joining::{self, Invitation, JoinProblem, Joined, NotJoined};
use crate::services::Env;

pub fn routes() -> Vec<Route> {
    routes![
        show,
        join_new,
        join_signed_in,
        show_old_rep_link,
        join_old_rep_link
    ]
}

/// What the join form sends; an old rep form also sends `email`, which the invitation fixes.
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

impl JoinView {
    fn of(token: &str, invitation: Invitation, signed_in: bool) -> Self {
        JoinView {
            token: token.into(),
            problem: None,
            case_name: invitation.case_name,
            invited_name: invitation.name.clone(),
            email: invitation.email,
            as_rep: invitation.role == InviteRole::Rep,
            account_exists: invitation.account_exists,
            signed_in,
            name: invitation.name,
            field_errors: Default::default(),
        }
    }
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

/// Reps land on their case's overview, workers on the progress page written for them.
fn landing(joined: &Joined) -> String {
    match joined.role {
        InviteRole::Rep => format!("/cases/{}", joined.case_id),
        InviteRole::Worker => format!("/cases/{}/progress", joined.case_id),
    }
}

#[get("/join/<token>")]
async fn show(
    token: &str,
    actor: Option<&Actor>,
    env: Env<'_>,
    csrf: CsrfToken,
) -> AppResult<PageOrRedirect> {
    Ok(match joining::check(&env, actor, token).await? {
        Ok(invitation) => {
            let view = JoinView::of(token, invitation, actor.is_some());
            PageOrRedirect::Page(PageContext::new(actor, csrf.0, None).render(
                "join/show",
                TITLE,
                view,
            ))
        }
        Err(problem) => problem_page(actor, csrf, token, problem),
    })
}

#[post("/join/<token>", data = "<form>")]
async fn join_new(
    token: &str,
    form: Form<JoinForm>,
    request: AccountRequest<'_>,
    jar: &CookieJar<'_>,
) -> AppResult<PageOrRedirect> {
    let AccountRequest {
        env,
        hasher,
        csrf,
        agent,
        secure,
    } = request;
    let typed = (
        form.name.as_str(),
        form.password.as_str(),
        form.confirm.as_str(),
    );
    match joining::join_new(&env, hasher, token, typed, &agent.0).await? {
        Ok(joined) => {
            session::set_session_cookie(jar, joined.session_token, secure.0);
            Ok(PageOrRedirect::success(
                landing(&joined.joined),
                "Welcome! Your account is ready and you are signed in.",
            ))
        }
        Err(NotJoined::Link(problem)) => Ok(problem_page(None, csrf, token, problem)),
        Err(NotJoined::Invalid(errors)) => invalid_page(&env, csrf, token, &form, &errors).await,
    }
}

/// The join form again with what was typed (never the passwords) and what is wrong.
async fn invalid_page(
    env: &Env<'_>,
    csrf: CsrfToken,
    token: &str,
    form: &JoinForm,
    errors: &FieldErrors,
) -> AppResult<PageOrRedirect> {
    let invitation = match joining::check(env, None, token).await? {
        Ok(invitation) => invitation,
        Err(problem) => return Ok(problem_page(None, csrf, token, problem)),
    };
    let mut view = JoinView::of(token, invitation, false);
    view.name = form.name.clone();
    view.field_errors = errors.by_field();
    let page =
        PageContext::new(None, csrf.0, None).render_with_errors("join/show", TITLE, errors, view);
    Ok(PageOrRedirect::invalid(page))
}

#[post("/join/<token>/accept")]
async fn join_signed_in(
    token: &str,
    actor: &Actor,
    env: Env<'_>,
    csrf: CsrfToken,
) -> AppResult<PageOrRedirect> {
    Ok(match joining::join_existing(&env, actor, token).await? {
        Ok(joined) => PageOrRedirect::success(landing(&joined), "You have joined the case"),
        Err(problem) => problem_page(Some(actor), csrf, token, problem),
    })
}

/// A rep link sent before rep links were invitations: the same page as `/join/<token>`.
#[get("/join-as-rep/<token>")]
async fn show_old_rep_link(
    token: &str,
    actor: Option<&Actor>,
    env: Env<'_>,
    csrf: CsrfToken,
) -> AppResult<PageOrRedirect> {
    show(token, actor, env, csrf).await
}

/// The old rep form, if a page of it was open during the upgrade: joins as `/join/<token>`.
#[post("/join-as-rep/<token>", data = "<form>")]
async fn join_old_rep_link(
    token: &str,
    actor: Option<&Actor>,
    form: Form<JoinForm>,
    request: AccountRequest<'_>,
    jar: &CookieJar<'_>,
) -> AppResult<PageOrRedirect> {
    if let Some(actor) = actor {
        return Ok(
            match joining::check(&request.env, Some(actor), token).await? {
                Ok(_) => {
                    PageOrRedirect::success(format!("/join/{token}"), "Join with your account")
                }
                Err(problem) => problem_page(Some(actor), request.csrf, token, problem),
            },
        );
    }
    join_new(token, form, request, jar).await
}
