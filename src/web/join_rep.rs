//! `/join-as-rep/<token>`: the enquirer makes their account and lands on their case.

use rocket::form::{Form, FromForm};
use rocket::http::{CookieJar, Status};
use rocket::{get, post, routes, Route, State};
use rocket_dyn_templates::Template;
use sea_orm::DatabaseConnection;
use serde::Serialize;

use super::auth::SecureCookies;
use super::page::{PageContext, PageOrRedirect};
use super::session::{self, CsrfToken, UserAgent};
use crate::clock::Clock;
use crate::domain::field_errors::FieldErrors;
use crate::error::AppResult;
use crate::services::auth::{self as auth_service, AccountInput, Actor, LinkProblem};
use crate::services::passwords::PasswordHasher;
use crate::services::rep_invitations::{self, JoinProblem};

pub fn routes() -> Vec<Route> {
    routes![page, join]
}

const TITLE: &str = "Join your case";

#[derive(FromForm, Default)]
struct JoinForm {
    #[field(default = String::new())]
    name: String,
    #[field(default = String::new())]
    email: String,
    #[field(default = String::new())]
    password: String,
    #[field(default = String::new())]
    confirm: String,
}

#[derive(Serialize, Default)]
struct JoinView {
    token: String,
    case_name: String,
    name: String,
    email: String,
    problem: Option<&'static str>,
    field_errors: std::collections::BTreeMap<String, String>,
}

fn link_message(problem: LinkProblem) -> &'static str {
    match problem {
        LinkProblem::Unknown => "This invitation link is not valid. Check you copied the whole link from the centre's message, or ask the centre for a new one.",
        LinkProblem::Used => "This invitation has already been used. If you made your account with it, sign in.",
        LinkProblem::Expired => "This invitation has expired. Ask the centre to send you a new one.",
    }
}

fn problem_page(csrf: CsrfToken, problem: LinkProblem) -> (Status, Template) {
    let view = JoinView {
        problem: Some(link_message(problem)),
        ..Default::default()
    };
    (
        Status::NotFound,
        PageContext::new(None, csrf.0, None).render("join/rep", TITLE, view),
    )
}

const OTHER_PERSON: &str = "This invitation was sent to another email address, so it cannot be used with the account you are signed in with. If it was meant for you, ask the centre to send a new invitation to your account's email address; if it is for someone else, pass the link on to them.";

/// Signed in as someone who is not the person invited (403).
fn other_person_page(actor: &Actor, csrf: CsrfToken) -> (Status, Template) {
    let view = JoinView {
        problem: Some(OTHER_PERSON),
        ..Default::default()
    };
    (
        Status::Forbidden,
        PageContext::new(Some(actor), csrf.0, None).render("join/rep", TITLE, view),
    )
}

#[get("/join-as-rep/<token>")]
async fn page(
    token: &str,
    actor: Option<&Actor>,
    db: &State<DatabaseConnection>,
    clock: &State<Clock>,
    csrf: CsrfToken,
) -> AppResult<(Status, Template)> {
    let invitation = match rep_invitations::find(db, clock, token).await? {
        Ok(invitation) => invitation,
        Err(problem) => return Ok(problem_page(csrf, problem)),
    };
    if let Some(actor) = actor.filter(|a| !rep_invitations::is_for(&invitation, &a.email)) {
        return Ok(other_person_page(actor, csrf));
    }
    let view = JoinView {
        token: token.to_string(),
        case_name: invitation.case_name,
        name: invitation.name,
        email: invitation.email,
        ..Default::default()
    };
    Ok((
        Status::Ok,
        PageContext::new(None, csrf.0, None).render("join/rep", TITLE, view),
    ))
}

#[allow(clippy::too_many_arguments)]
#[post("/join-as-rep/<token>", data = "<form>")]
async fn join(
    token: &str,
    actor: Option<&Actor>,
    form: Form<JoinForm>,
    db: &State<DatabaseConnection>,
    hasher: &State<PasswordHasher>,
    clock: &State<Clock>,
    csrf: CsrfToken,
    jar: &CookieJar<'_>,
    secure: SecureCookies,
    agent: UserAgent,
) -> AppResult<PageOrRedirect> {
    if let Some(actor) = actor {
        if let Ok(invitation) = rep_invitations::find(db, clock, token).await? {
            if !rep_invitations::is_for(&invitation, &actor.email) {
                return Ok(PageOrRedirect::Invalid(other_person_page(actor, csrf)));
            }
        }
    }
    let input = AccountInput {
        email: &form.email,
        name: &form.name,
        password: &form.password,
        confirm: &form.confirm,
    };
    match rep_invitations::join(db, hasher, clock, token, &input).await? {
        Ok((user, case_id)) => {
            let session = auth_service::start_session(db, clock, user, &agent.0).await?;
            session::set_session_cookie(jar, session.token, secure.0);
            Ok(PageOrRedirect::success(
                format!("/cases/{case_id}"),
                "Welcome. Your account is ready and you are the rep on this case.",
            ))
        }
        Err(JoinProblem::Link(problem)) => {
            let (status, page) = problem_page(csrf, problem);
            Ok(PageOrRedirect::Invalid((status, page)))
        }
        Err(JoinProblem::Invalid(errors)) => {
            let case_name = match rep_invitations::find(db, clock, token).await? {
                Ok(invitation) => invitation.case_name,
                Err(_) => String::new(),
            };
            Ok(PageOrRedirect::invalid(invalid_page(
                token, case_name, &form, csrf, &errors,
            )))
        }
    }
}

fn invalid_page(
    token: &str,
    case_name: String,
    form: &JoinForm,
    csrf: CsrfToken,
    errors: &FieldErrors,
) -> Template {
    // Passwords are never sent back into a page.
    let view = JoinView {
        token: token.to_string(),
        case_name,
        name: form.name.clone(),
        email: form.email.clone(),
        problem: None,
        field_errors: errors.by_field(),
    };
    PageContext::new(None, csrf.0, None).render_with_errors("join/rep", TITLE, errors, view)
}
