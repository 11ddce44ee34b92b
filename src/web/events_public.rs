//! The public side of events: the list of upcoming open events, an event's page with its
//! sign-up form (no account needed), each person's booking page behind their own link (to
//! cancel, and to give feedback after attending), and the calendar feed.

use crate::web::templates::Template;
use rocket::form::{Form, FromForm};
use rocket::http::Status;
use rocket::request::{FlashMessage, FromRequest, Outcome, Request};
use rocket::response::Redirect;
use rocket::{get, post, routes, Route};
use serde::Serialize;

use super::enquire::{role_choices, RoleView};
use super::page::{PageContext, PageOrRedirect};
use super::session::{ClientAddress, CsrfToken};
use crate::domain::events::feedback::{FeedbackInput, WhatNext};
use crate::domain::events::london::describe_session;
use crate::domain::events::registration::{RegistrationState, SignUpInput};
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::EventId;
use crate::error::AppResult;
use crate::services::auth::Actor;
use crate::services::event_mail::Outbox;
use crate::services::event_signup::{self, Booking, EventWithSessions, SignedUp, MAX_PER_WINDOW};
use crate::services::events as staff_events;
use crate::services::mail::Mailer;
use crate::services::Env;

pub fn routes() -> Vec<Route> {
    routes![index, show, sign_up, booking, cancel, feedback]
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Outbox<'r> {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        let rocket = req.rocket();
        match (
            rocket.state::<Mailer>(),
            rocket.state::<crate::config::AppConfig>(),
        ) {
            (Some(mailer), Some(config)) => {
                let c = rocket.config();
                Outcome::Success(Outbox {
                    mailer,
                    base_url: config.base_url(&c.address.to_string(), c.port),
                })
            }
            _ => Outcome::Error((Status::InternalServerError, ())),
        }
    }
}

/// An event as the public pages show it.
#[derive(Serialize)]
pub struct EventView {
    pub id: i64,
    pub title: String,
    pub kind: &'static str,
    pub audience: &'static str,
    pub sessions: Vec<String>,
    pub place: String,
    pub online: bool,
    pub description: String,
    pub capacity: i32,
    pub places_left: u32,
    pub full: bool,
    pub taking_sign_ups: bool,
    pub cancelled: bool,
    /// "Sign-up closes on Monday 15 March 2027 at 12:00", when there is a cut-off.
    pub signup_closes: Option<String>,
}

pub fn event_view(e: &EventWithSessions) -> EventView {
    use crate::domain::events::{Audience, EventKind};
    EventView {
        id: e.event.id,
        title: e.event.title.clone(),
        kind: EventKind::parse(&e.event.kind).map_or("Event", EventKind::label),
        audience: Audience::parse(&e.event.audience).map_or("", Audience::label),
        sessions: e
            .sessions
            .iter()
            .map(|s| describe_session(s.starts_at, s.ends_at))
            .collect(),
        place: e.event.place.clone(),
        online: !e.event.online_link.is_empty(),
        description: e.event.description.clone(),
        capacity: e.event.capacity,
        places_left: e.places_left,
        full: e.places_left == 0,
        taking_sign_ups: e.taking_sign_ups,
        cancelled: e.cancelled,
        signup_closes: e.signup_closes_at.map(|at| {
            let local = crate::domain::events::london::to_local(at);
            format!(
                "{} at {}",
                crate::domain::events::london::long_date(local.date()),
                crate::domain::events::london::clock(local)
            )
        }),
    }
}

#[derive(Serialize)]
struct ListView {
    events: Vec<EventView>,
}

#[get("/events")]
async fn index(env: Env<'_>, actor: Option<&Actor>, csrf: CsrfToken) -> AppResult<Template> {
    let events = staff_events::upcoming_open(&env, 50).await?;
    let view = ListView {
        events: events.iter().map(event_view).collect(),
    };
    Ok(PageContext::new(actor, csrf.0, None).render("events/index", "Events and courses", view))
}

#[derive(FromForm, Default)]
struct SignUpForm {
    #[field(default = String::new())]
    name: String,
    #[field(default = String::new())]
    email: String,
    #[field(default = String::new())]
    organisation: String,
    #[field(default = String::new())]
    role: String,
    #[field(default = String::new())]
    access_needs: String,
    #[field(default = String::new())]
    support_worker: String,
    /// The honeypot: hidden from people by CSS; bots fill it.
    #[field(default = String::new())]
    website: String,
}

impl SignUpForm {
    fn input(&self) -> SignUpInput {
        SignUpInput {
            name: self.name.clone(),
            email: self.email.clone(),
            organisation: self.organisation.clone(),
            role: self.role.clone(),
            access_needs: self.access_needs.clone(),
            support_worker: !self.support_worker.is_empty(),
        }
    }
}

#[derive(Serialize)]
struct Choice {
    id: String,
    value: &'static str,
    label: &'static str,
    checked: bool,
}

#[derive(Serialize)]
struct ShowView {
    event: EventView,
    name: String,
    email: String,
    organisation: String,
    access_needs: String,
    support_worker: bool,
    roles: Vec<RoleView>,
    field_errors: std::collections::BTreeMap<String, String>,
}

fn show_view(e: &EventWithSessions, form: &SignUpForm, errors: &FieldErrors) -> ShowView {
    ShowView {
        event: event_view(e),
        name: form.name.clone(),
        email: form.email.clone(),
        organisation: form.organisation.clone(),
        access_needs: form.access_needs.clone(),
        support_worker: !form.support_worker.is_empty(),
        roles: role_choices(&form.role),
        field_errors: errors.by_field(),
    }
}

#[get("/events/<id>")]
async fn show(
    env: Env<'_>,
    actor: Option<&Actor>,
    csrf: CsrfToken,
    id: EventId,
) -> AppResult<Template> {
    let event = event_signup::public_event(&env, id).await?;
    let title = event.event.title.clone();
    let view = show_view(
        &event,
        &<SignUpForm as Default>::default(),
        &FieldErrors::new(),
    );
    Ok(PageContext::new(actor, csrf.0, None).render("events/show", title, view))
}

#[allow(clippy::too_many_arguments)]
#[post("/events/<id>/sign-up", data = "<form>")]
async fn sign_up(
    env: Env<'_>,
    outbox: Outbox<'_>,
    actor: Option<&Actor>,
    csrf: CsrfToken,
    address: ClientAddress,
    id: EventId,
    form: Form<SignUpForm>,
) -> AppResult<PageOrRedirect> {
    let outcome =
        event_signup::sign_up(&env, &outbox, &address.0, id, &form.input(), &form.website).await?;
    let (status, errors) = match outcome {
        SignedUp::Stored { token } => {
            return Ok(PageOrRedirect::Plain(Redirect::to(format!(
                "/events/booking/{token}"
            ))))
        }
        SignedUp::Ignored => return Ok(PageOrRedirect::Plain(Redirect::to("/events"))),
        SignedUp::Invalid(errors) => (Status::UnprocessableEntity, errors),
        SignedUp::TooMany => {
            let mut errors = FieldErrors::new();
            errors.add("sign-up", format!("We have had {MAX_PER_WINDOW} sign-ups from your connection in the last hour, which is our limit to keep out spam. Please try again in an hour, or phone the centre. What you typed is still below."));
            (Status::TooManyRequests, errors)
        }
    };
    let event = event_signup::public_event(&env, id).await?;
    let title = event.event.title.clone();
    let page = PageContext::new(actor, csrf.0, None).render_with_errors(
        "events/show",
        title,
        &errors,
        show_view(&event, &form, &errors),
    );
    Ok(PageOrRedirect::Invalid((status, page)))
}

#[derive(FromForm, Default)]
struct FeedbackForm {
    #[field(default = String::new())]
    useful: String,
    #[field(default = String::new())]
    what_next: String,
    #[field(default = String::new())]
    comments: String,
    #[field(default = String::new())]
    may_quote: String,
}

#[derive(Serialize)]
struct BookingView {
    token: String,
    event: EventView,
    name: String,
    booked: bool,
    waiting: bool,
    cancelled: bool,
    position: Option<usize>,
    may_cancel: bool,
    may_give_feedback: bool,
    feedback_given: bool,
    /// The meeting link, for people with a place only (the public page keeps it back).
    online_link: String,
    useful: Vec<Choice>,
    what_next: Vec<Choice>,
    comments: String,
    may_quote: bool,
    field_errors: std::collections::BTreeMap<String, String>,
}

fn booking_view(
    token: &str,
    b: &Booking,
    form: &FeedbackForm,
    errors: &FieldErrors,
) -> BookingView {
    const SCALE: [(&str, &str); 5] = [
        ("1", "1: not useful"),
        ("2", "2"),
        ("3", "3"),
        ("4", "4"),
        ("5", "5: very useful"),
    ];
    BookingView {
        token: token.to_string(),
        event: event_view(&b.event),
        name: b.name.clone(),
        booked: b.state == RegistrationState::Registered,
        waiting: b.state == RegistrationState::Waitlisted,
        cancelled: b.state == RegistrationState::Cancelled,
        position: b.position,
        may_cancel: b.may_cancel,
        may_give_feedback: b.may_give_feedback,
        feedback_given: b.feedback_given,
        online_link: if b.state == RegistrationState::Registered && !b.event.cancelled {
            b.event.event.online_link.clone()
        } else {
            String::new()
        },
        useful: SCALE
            .iter()
            .enumerate()
            .map(|(i, (value, label))| Choice {
                id: if i == 0 {
                    "useful".into()
                } else {
                    format!("useful-{value}")
                },
                value,
                label,
                checked: form.useful == *value,
            })
            .collect(),
        what_next: WhatNext::ALL
            .iter()
            .enumerate()
            .map(|(i, w)| Choice {
                id: if i == 0 {
                    "what_next".into()
                } else {
                    format!("what_next-{}", w.as_str())
                },
                value: w.as_str(),
                label: w.label(),
                checked: form.what_next == w.as_str(),
            })
            .collect(),
        comments: form.comments.clone(),
        may_quote: !form.may_quote.is_empty(),
        field_errors: errors.by_field(),
    }
}

#[get("/events/booking/<token>")]
async fn booking(
    env: Env<'_>,
    actor: Option<&Actor>,
    csrf: CsrfToken,
    flash: Option<FlashMessage<'_>>,
    token: &str,
) -> AppResult<Template> {
    let b = event_signup::booking(&env, token).await?;
    let view = booking_view(
        token,
        &b,
        &<FeedbackForm as Default>::default(),
        &FieldErrors::new(),
    );
    Ok(PageContext::new(actor, csrf.0, flash).render("events/booking", "Your booking", view))
}

#[post("/events/booking/<token>/cancel")]
async fn cancel(env: Env<'_>, outbox: Outbox<'_>, token: &str) -> AppResult<PageOrRedirect> {
    let was = event_signup::cancel(&env, &outbox, token).await?;
    Ok(PageOrRedirect::success(
        format!("/events/booking/{token}"),
        if was == RegistrationState::Waitlisted {
            "You have left the waiting list. Thank you for letting us know."
        } else {
            "Your booking is cancelled. Thank you for letting us know: your place goes to the next person waiting."
        },
    ))
}

#[post("/events/booking/<token>/feedback", data = "<form>")]
async fn feedback(
    env: Env<'_>,
    actor: Option<&Actor>,
    csrf: CsrfToken,
    token: &str,
    form: Form<FeedbackForm>,
) -> AppResult<PageOrRedirect> {
    let input = FeedbackInput {
        useful: form.useful.clone(),
        what_next: form.what_next.clone(),
        comments: form.comments.clone(),
        may_quote: !form.may_quote.is_empty(),
    };
    match event_signup::give_feedback(&env, token, &input).await? {
        Ok(()) => Ok(PageOrRedirect::success(
            format!("/events/booking/{token}"),
            "Thank you for your feedback.",
        )),
        Err(errors) => {
            let b = event_signup::booking(&env, token).await?;
            let page = PageContext::new(actor, csrf.0, None).render_with_errors(
                "events/booking",
                "Your booking",
                &errors,
                booking_view(token, &b, &form, &errors),
            );
            Ok(PageOrRedirect::invalid(page))
        }
    }
}
