//! Staff pages for events: the list, and setting one up or changing it. The register is in
//! `events_register`.

use rocket::form::{Form, FromForm};
use rocket::request::FlashMessage;
use rocket::{get, post, routes, Route};
use rocket_dyn_templates::Template;
use serde::Serialize;

use super::events_public::{event_view, EventView};
use super::page::{PageContext, PageOrRedirect};
use super::session::Centre;
use crate::domain::events::london::to_local;
use crate::domain::events::{Audience, EventInput, EventKind, SessionInput};
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::EventId;
use crate::error::AppResult;
use crate::services::event_mail::Outbox;
use crate::services::event_signup::EventWithSessions;
use crate::services::events;
use crate::services::Env;

pub fn routes() -> Vec<Route> {
    routes![index, new, create, edit, update]
}

/// Rows of session fields on the form: enough for a term-long course.
const SESSION_ROWS: usize = 6;

#[derive(Serialize)]
struct ListView {
    events: Vec<EventView>,
}

#[get("/staff/events")]
async fn index(
    env: Env<'_>,
    centre: Centre<'_>,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let list = events::list(&env, centre.0).await?;
    let view = ListView {
        events: list.iter().map(event_view).collect(),
    };
    Ok(PageContext::for_actor(centre.0, flash).render("events/staff_index", "Events", view))
}

#[derive(FromForm, Default)]
struct EventForm {
    #[field(default = 0)]
    version: i64,
    #[field(default = String::new())]
    title: String,
    #[field(default = String::new())]
    kind: String,
    #[field(default = String::new())]
    audience: String,
    #[field(default = Vec::new())]
    session_date: Vec<String>,
    #[field(default = Vec::new())]
    session_start: Vec<String>,
    #[field(default = Vec::new())]
    session_end: Vec<String>,
    #[field(default = String::new())]
    place: String,
    #[field(default = String::new())]
    online_link: String,
    #[field(default = String::new())]
    capacity: String,
    #[field(default = String::new())]
    description: String,
    #[field(default = String::new())]
    case_id: String,
    #[field(default = String::new())]
    open: String,
}

impl EventForm {
    fn input(&self) -> EventInput {
        let cell = |v: &Vec<String>, i: usize| v.get(i).cloned().unwrap_or_default();
        let rows = self
            .session_date
            .len()
            .max(self.session_start.len())
            .max(self.session_end.len());
        EventInput {
            title: self.title.clone(),
            kind: self.kind.clone(),
            audience: self.audience.clone(),
            sessions: (0..rows)
                .map(|i| SessionInput {
                    date: cell(&self.session_date, i),
                    start: cell(&self.session_start, i),
                    end: cell(&self.session_end, i),
                })
                .collect(),
            place: self.place.clone(),
            online_link: self.online_link.clone(),
            capacity: self.capacity.clone(),
            description: self.description.clone(),
            case_id: self.case_id.clone(),
            open: !self.open.is_empty(),
        }
    }

    /// The form filled from a stored event, as UK clock times.
    fn from_event(e: &EventWithSessions) -> Self {
        let local: Vec<_> = e
            .sessions
            .iter()
            .map(|s| (to_local(s.starts_at), to_local(s.ends_at)))
            .collect();
        EventForm {
            version: e.event.version,
            title: e.event.title.clone(),
            kind: e.event.kind.clone(),
            audience: e.event.audience.clone(),
            session_date: local
                .iter()
                .map(|(s, _)| s.format("%Y-%m-%d").to_string())
                .collect(),
            session_start: local
                .iter()
                .map(|(s, _)| s.format("%H:%M").to_string())
                .collect(),
            session_end: local
                .iter()
                .map(|(_, e)| e.format("%H:%M").to_string())
                .collect(),
            place: e.event.place.clone(),
            online_link: e.event.online_link.clone(),
            capacity: e.event.capacity.to_string(),
            description: e.event.description.clone(),
            case_id: e.event.case_id.map(|c| c.to_string()).unwrap_or_default(),
            open: if e.event.is_open {
                "yes".into()
            } else {
                String::new()
            },
        }
    }
}

#[derive(Serialize)]
struct Option_ {
    value: &'static str,
    label: &'static str,
    selected: bool,
}

#[derive(Serialize)]
struct SessionCell {
    id: String,
    name: &'static str,
    label: &'static str,
    value: String,
    error: Option<String>,
}

#[derive(Serialize)]
struct SessionRow {
    n: usize,
    cells: Vec<SessionCell>,
}

#[derive(Serialize)]
struct FormView {
    action: String,
    version: i64,
    title: String,
    kinds: Vec<Option_>,
    audiences: Vec<Option_>,
    sessions: Vec<SessionRow>,
    place: String,
    online_link: String,
    capacity: String,
    description: String,
    case_id: String,
    open: bool,
    field_errors: std::collections::BTreeMap<String, String>,
}

fn form_view(action: String, f: &EventForm, errors: &FieldErrors) -> FormView {
    let cell = |v: &Vec<String>, i: usize| v.get(i).cloned().unwrap_or_default();
    FormView {
        action,
        version: f.version,
        title: f.title.clone(),
        kinds: EventKind::ALL
            .iter()
            .map(|k| Option_ {
                value: k.as_str(),
                label: k.label(),
                selected: f.kind == k.as_str(),
            })
            .collect(),
        audiences: Audience::ALL
            .iter()
            .map(|a| Option_ {
                value: a.as_str(),
                label: a.label(),
                selected: f.audience == a.as_str(),
            })
            .collect(),
        sessions: (0..SESSION_ROWS.max(f.session_date.len()))
            .map(|i| {
                let n = i + 1;
                let make = |name: &'static str, label: &'static str, values: &Vec<String>| {
                    let id = format!("{name}_{n}");
                    SessionCell {
                        error: errors.first(&id).map(str::to_string),
                        id,
                        name,
                        label,
                        value: cell(values, i),
                    }
                };
                SessionRow {
                    n,
                    cells: vec![
                        make("session_date", "Date", &f.session_date),
                        make("session_start", "Starts", &f.session_start),
                        make("session_end", "Ends", &f.session_end),
                    ],
                }
            })
            .collect(),
        place: f.place.clone(),
        online_link: f.online_link.clone(),
        capacity: f.capacity.clone(),
        description: f.description.clone(),
        case_id: f.case_id.clone(),
        open: !f.open.is_empty(),
        field_errors: errors.by_field(),
    }
}

#[get("/staff/events/new")]
fn new(centre: Centre<'_>) -> Template {
    let form = EventForm {
        open: "yes".into(),
        ..Default::default()
    };
    let view = form_view("/staff/events".into(), &form, &FieldErrors::new());
    PageContext::for_actor(centre.0, None).render("events/form", "Set up an event", view)
}

#[post("/staff/events", data = "<form>")]
async fn create(
    env: Env<'_>,
    centre: Centre<'_>,
    form: Form<EventForm>,
) -> AppResult<PageOrRedirect> {
    match events::create(&env, centre.0, &form.input()).await? {
        Ok(id) => Ok(PageOrRedirect::success(
            format!("/staff/events/{id}"),
            "The event is set up.",
        )),
        Err(errors) => {
            let view = form_view("/staff/events".into(), &form, &errors);
            Ok(PageOrRedirect::invalid(
                PageContext::for_actor(centre.0, None).render_with_errors(
                    "events/form",
                    "Set up an event",
                    &errors,
                    view,
                ),
            ))
        }
    }
}

#[get("/staff/events/<id>/edit")]
async fn edit(env: Env<'_>, centre: Centre<'_>, id: EventId) -> AppResult<Template> {
    let event = events::find(&env, centre.0, id).await?;
    let view = form_view(
        format!("/staff/events/{id}/edit"),
        &EventForm::from_event(&event),
        &FieldErrors::new(),
    );
    Ok(PageContext::for_actor(centre.0, None).render("events/form", "Change the event", view))
}

#[post("/staff/events/<id>/edit", data = "<form>")]
async fn update(
    env: Env<'_>,
    outbox: Outbox<'_>,
    centre: Centre<'_>,
    id: EventId,
    form: Form<EventForm>,
) -> AppResult<PageOrRedirect> {
    match events::update(&env, &outbox, centre.0, id, form.version, &form.input()).await? {
        Ok(()) => Ok(PageOrRedirect::success(
            format!("/staff/events/{id}"),
            "The event is saved.",
        )),
        Err(errors) => {
            let view = form_view(format!("/staff/events/{id}/edit"), &form, &errors);
            Ok(PageOrRedirect::invalid(
                PageContext::for_actor(centre.0, None).render_with_errors(
                    "events/form",
                    "Change the event",
                    &errors,
                    view,
                ),
            ))
        }
    }
}
