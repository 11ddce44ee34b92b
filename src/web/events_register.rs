//! An event's register for staff: who is booked and waiting, attendance per session (a
//! phone-friendly list of tick boxes), feedback, and "make an enquiry" for an attendee.

use crate::web::templates::Template;
use rocket::form::{Form, FromForm};
use rocket::request::FlashMessage;
use rocket::{get, post, routes, Route};
use serde::Serialize;

use super::events_public::{event_view, EventView};
use super::page::{PageContext, PageOrRedirect};
use super::session::Centre;
use crate::domain::events::london::describe_session;
use crate::domain::ids::EventId;
use crate::error::AppResult;
use crate::services::event_mail::Outbox;
use crate::services::events;
use crate::services::Env;

pub fn routes() -> Vec<Route> {
    routes![register, attendance, enquiry, cancel]
}

#[derive(Serialize)]
struct Mark {
    session_id: i64,
    present: bool,
    unmarked: bool,
}

#[derive(Serialize)]
struct Line {
    registration_id: i64,
    name: String,
    email: String,
    organisation: String,
    access_needs: String,
    seats: i32,
    state: &'static str,
    booked: bool,
    position: Option<usize>,
    marks: Vec<Mark>,
    attended: bool,
    useful: Option<i16>,
    enquiry_id: Option<i64>,
}

#[derive(Serialize)]
struct SessionView {
    id: i64,
    when: String,
}

#[derive(Serialize)]
struct RegisterView {
    event: EventView,
    sessions: Vec<SessionView>,
    lines: Vec<Line>,
    booked: usize,
    waiting: usize,
    feedback: Vec<(i16, &'static str, String)>,
}

#[get("/staff/events/<id>")]
async fn register(
    env: Env<'_>,
    centre: Centre<'_>,
    id: EventId,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let r = events::register(&env, centre.0, id).await?;
    let sessions: Vec<SessionView> = r
        .event
        .sessions
        .iter()
        .map(|s| SessionView {
            id: s.id,
            when: describe_session(s.starts_at, s.ends_at),
        })
        .collect();
    let lines: Vec<Line> = r
        .lines
        .iter()
        .map(|l| Line {
            registration_id: l.registration.id,
            name: l.person.name.clone(),
            email: l.person.email.clone(),
            organisation: l.person.organisation.clone(),
            access_needs: l.registration.access_needs.clone(),
            seats: l.registration.seats,
            state: l.state.label(),
            booked: l.state.holds_seats(),
            position: l.position,
            marks: sessions
                .iter()
                .zip(&l.marks)
                .map(|(s, m)| Mark {
                    session_id: s.id,
                    present: *m == Some(true),
                    unmarked: m.is_none(),
                })
                .collect(),
            attended: l.marks.contains(&Some(true)),
            useful: l.feedback.as_ref().map(|f| f.useful),
            enquiry_id: l.registration.enquiry_id,
        })
        .collect();
    let view = RegisterView {
        event: event_view(&r.event),
        booked: lines.iter().filter(|l| l.booked).count(),
        waiting: lines.iter().filter(|l| l.position.is_some()).count(),
        feedback: r
            .feedback
            .iter()
            .map(|f| {
                let next = crate::domain::events::feedback::WhatNext::parse(&f.what_next)
                    .map_or("", |w| w.label());
                (f.useful, next, f.comments.clone())
            })
            .collect(),
        sessions,
        lines,
    };
    let title = r.event.event.title.clone();
    Ok(PageContext::for_actor(centre.0, flash).render("events/register", title, view))
}

#[derive(FromForm)]
struct AttendanceForm {
    #[field(default = 0)]
    session: i64,
    #[field(default = Vec::new())]
    present: Vec<i64>,
}

#[post("/staff/events/<id>/attendance", data = "<form>")]
async fn attendance(
    env: Env<'_>,
    centre: Centre<'_>,
    id: EventId,
    form: Form<AttendanceForm>,
) -> AppResult<PageOrRedirect> {
    events::mark_attendance(&env, centre.0, id, form.session, &form.present).await?;
    Ok(PageOrRedirect::success(
        format!("/staff/events/{id}"),
        "The register is saved.",
    ))
}

#[derive(FromForm)]
struct EnquiryForm {
    #[field(default = 0)]
    registration: i64,
}

#[post("/staff/events/<id>/enquiry", data = "<form>")]
async fn enquiry(
    env: Env<'_>,
    centre: Centre<'_>,
    id: EventId,
    form: Form<EnquiryForm>,
) -> AppResult<PageOrRedirect> {
    let enquiry = events::to_enquiry(&env, centre.0, id, form.registration).await?;
    Ok(PageOrRedirect::success(
        format!("/enquiries/{enquiry}"),
        "The attendee is now an enquiry, linked to the event.",
    ))
}

/// Cancels the event for everyone: places and waiting list, with an email to each person.
#[post("/staff/events/<id>/cancel")]
async fn cancel(
    env: Env<'_>,
    outbox: Outbox<'_>,
    centre: Centre<'_>,
    id: EventId,
) -> AppResult<PageOrRedirect> {
    events::cancel(&env, &outbox, centre.0, id).await?;
    Ok(PageOrRedirect::success(
        format!("/staff/events/{id}"),
        "The event is cancelled, and everyone booked or waiting has been told.",
    ))
}
