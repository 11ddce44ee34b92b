//! HTTP: routes, guards, pages. Handlers are thin: they read the request, call a service and
//! pick a page or a redirect.

pub mod answers;
pub mod auth;
pub mod calendar;
pub mod case_header;
pub mod case_list;
pub mod case_people;
pub mod case_work;
pub mod cases;
pub mod check;
pub mod check_answers;
pub mod check_form;
pub mod conflicts;
pub mod context;
pub mod csrf;
pub mod dashboard;
pub mod deadlines;
pub mod doc_fields;
pub mod documents;
pub mod enquire;
pub mod enquiries;
pub mod events_calendar;
pub mod events_public;
pub mod events_register;
pub mod events_staff;
pub mod follow_ups;
pub mod form_body;
pub mod front_door;
pub mod gates;
pub mod glossary;
pub mod headers;
pub mod health;
pub mod impact;
pub mod invitations;
pub mod join;
pub mod learning;
pub mod learning_case;
pub mod learning_staff;
pub mod library;
pub mod meeting_admin;
pub mod meeting_docs;
pub mod meeting_votes;
pub mod meetings;
pub mod outgoing;
pub mod page;
pub mod password_reset;
pub mod people;
pub mod plan_answers;
pub mod plan_form;
pub mod progress;
pub mod public;
pub mod questions;
pub mod rules_form;
pub mod rules_founders;
pub mod session;
pub mod stages;
pub mod survey;
pub mod tasklist;
pub mod templates;
pub mod timeline;

use handlebars::Handlebars;
use rocket::http::Status;
use rocket::response::Redirect;
use rocket::{catch, catchers, get, routes, Catcher, Request, Route};

use crate::web::templates::Template;
use serde::Serialize;

use crate::services::auth::Actor;

pub fn routes() -> Vec<Route> {
    let mut all = routes![home, csrf::rejected];
    all.extend(auth::routes());
    all.extend(password_reset::routes());
    all.extend(cases::routes());
    all.extend(case_list::routes());
    all.extend(dashboard::routes());
    all.extend(case_work::routes());
    all.extend(timeline::routes());
    all.extend(people::routes());
    all.extend(case_people::routes());
    all.extend(health::routes());
    all.extend(public::routes());
    all.extend(check::routes());
    all.extend(enquire::routes());
    all.extend(enquiries::routes());
    all.extend(join::routes());
    all.extend(invitations::routes());
    all.extend(library::routes());
    all.extend(meetings::routes());
    all.extend(meeting_votes::routes());
    all.extend(meeting_docs::routes());
    all.extend(meeting_admin::routes());
    all.extend(calendar::routes());
    all.extend(progress::routes());
    all.extend(survey::routes());
    all.extend(documents::routes());
    all.extend(rules_form::routes());
    all.extend(plan_form::routes());
    all.extend(answers::routes());
    all.extend(check_answers::routes());
    all.extend(conflicts::routes());
    all.extend(stages::routes());
    all.extend(gates::routes());
    all.extend(tasklist::routes());
    all.extend(deadlines::routes());
    all.extend(glossary::routes());
    all.extend(events_calendar::routes());
    all.extend(events_public::routes());
    all.extend(events_register::routes());
    all.extend(events_staff::routes());
    all.extend(impact::routes());
    all.extend(learning::routes());
    all.extend(learning_staff::routes());
    all.extend(learning_case::routes());
    all
}

pub fn catchers() -> Vec<Catcher> {
    catchers![
        bad_request,
        unauthorized,
        forbidden,
        not_found,
        conflict,
        unprocessable,
        too_large,
        too_many,
        server_error
    ]
}

/// Handlebars settings for pages. Strict mode stays off here (document templates use it):
/// the field partials take optional parameters (a hint, an error, a width), and strict mode
/// treats every absent optional parameter as a fault. Page tests assert on what is rendered
/// instead.
pub fn customize(hbs: &mut Handlebars<'static>) {
    hbs.set_strict_mode(false);
    hbs.set_dev_mode(false);
}

/// Signed-in people go to their cases; for everyone else the guard forwards to the public
/// home page (`public::home`).
#[get("/")]
fn home(_actor: &Actor) -> Redirect {
    Redirect::to("/cases")
}

#[derive(Serialize)]
struct ErrorView {
    title: &'static str,
    user: Option<()>,
    csrf: String,
    flash: Option<()>,
    errors: Vec<()>,
    data: ErrorData,
}

#[derive(Serialize)]
struct ErrorData {
    code: u16,
    heading: &'static str,
    message: &'static str,
}

pub(crate) fn error_page(
    status: Status,
    heading: &'static str,
    message: &'static str,
) -> (Status, Template) {
    let view = ErrorView {
        title: heading,
        user: None,
        csrf: String::new(),
        flash: None,
        errors: Vec::new(),
        data: ErrorData {
            code: status.code,
            heading,
            message,
        },
    };
    (status, Template::render("errors/error", view))
}

#[catch(400)]
fn bad_request() -> (Status, Template) {
    error_page(
        Status::BadRequest,
        "This form could not be read",
        "What was sent is not something coopkit's pages send. Nothing has been saved. Go back, reload the page and try again.",
    )
}

/// Signed out: sign in first, then come back to the page asked for (a form's data cannot be
/// replayed, so only a page that was fetched is remembered).
#[catch(401)]
fn unauthorized(req: &Request<'_>) -> Redirect {
    let asked = req.uri().to_string();
    match req.method() {
        rocket::http::Method::Get if auth::safe_next(&asked).is_some() => Redirect::to(format!(
            "/login?next={}",
            rocket::http::RawStr::new(&asked).percent_encode()
        )),
        _ => Redirect::to("/login"),
    }
}

#[catch(403)]
fn forbidden(req: &Request<'_>) -> (Status, Template) {
    // A refusal is the access rules working, not a fault: info, with the reason.
    let reason = req
        .local_cache(|| crate::error::Refusal("no reason given"))
        .0;
    tracing::info!(method = %req.method(), path = %req.uri().path(), reason, "access refused");
    if req.uri().path() == csrf::REJECTED_PATH {
        return error_page(
            Status::Forbidden,
            "This form could not be sent",
            "For your safety, coopkit only accepts forms sent from its own pages. This can happen when a page was open for a long time or you signed in again in another tab. Go back, reload the page and try again: what you typed may need typing again.",
        );
    }
    error_page(
        Status::Forbidden,
        "You cannot do that",
        "Your account does not allow this. If you think it should, ask the education centre.",
    )
}

#[catch(404)]
fn not_found() -> (Status, Template) {
    error_page(Status::NotFound, "Page not found", "There is nothing here, or it is not shared with you. Check the address, or go back to your cases.")
}

#[catch(409)]
fn conflict() -> (Status, Template) {
    error_page(
        Status::Conflict,
        "This has changed since you opened it",
        "Someone else changed this part of the case while you had the page open, or it is waiting for sign-off and cannot be changed now. Nothing you sent has been saved. Go back to the case, open the page again to see it as it is now, and make your change again if it is still needed.",
    )
}

#[catch(422)]
fn unprocessable() -> (Status, Template) {
    error_page(
        Status::UnprocessableEntity,
        "Something in the form was not right",
        "Go back and check what you entered.",
    )
}

#[catch(413)]
fn too_large() -> (Status, Template) {
    error_page(
        Status::PayloadTooLarge,
        "This form is too long",
        "What was sent is longer than coopkit accepts. Nothing has been saved. Go back, shorten the longest answers and try again.",
    )
}

#[catch(429)]
fn too_many() -> (Status, Template) {
    error_page(
        Status::TooManyRequests,
        "Too many attempts",
        "Wait a few minutes, then try again.",
    )
}

#[catch(500)]
fn server_error() -> (Status, Template) {
    error_page(
        Status::InternalServerError,
        "Sorry, something went wrong",
        "The problem has been logged. Nothing you saved before this page is lost. Try again in a moment; if it keeps happening, contact the education centre.",
    )
}
