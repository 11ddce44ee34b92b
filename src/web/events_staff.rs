//! Staff pages for events: the list, and setting one up or changing it. The register is in
//! `events_register`.

use crate::web::templates::Template;
use rocket::form::{Form, FromForm};
use rocket::request::FlashMessage;
use rocket::{get, post, routes, Route};
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

/// Session blocks on the form: a new event shows one, and "Add another session" adds one
/// more each time (a course's third Tuesday), up to the most an event may have.
const MAX_ROWS: usize = crate::domain::events::MAX_SESSIONS;

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
    session_day: Vec<String>,
    #[field(default = Vec::new())]
    session_month: Vec<String>,
    #[field(default = Vec::new())]
    session_year: Vec<String>,
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
    #[field(default = String::new())]
    signup_cutoff_hours: String,
    /// Pressed "Add another session": show the form again with one more block, saving nothing.
    #[field(default = String::new())]
    add_session: String,
}

impl EventForm {
    fn input(&self) -> EventInput {
        let cell = |v: &Vec<String>, i: usize| v.get(i).cloned().unwrap_or_default();
        let rows = self.rows();
        EventInput {
            title: self.title.clone(),
            kind: self.kind.clone(),
            audience: self.audience.clone(),
            sessions: (0..rows)
                .map(|i| SessionInput {
                    date: self.date_of(i),
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
            signup_cutoff_hours: self.signup_cutoff_hours.clone(),
        }
    }

    /// How many session blocks were on the form.
    fn rows(&self) -> usize {
        [
            self.session_day.len(),
            self.session_month.len(),
            self.session_year.len(),
            self.session_start.len(),
            self.session_end.len(),
        ]
        .into_iter()
        .max()
        .unwrap_or(0)
    }

    /// Row `i`'s date as `d/m/y`; empty when all three boxes are, so a spare block is blank.
    fn date_of(&self, i: usize) -> String {
        let part = |v: &Vec<String>| v.get(i).map_or(String::new(), |s| s.trim().to_string());
        let (d, m, y) = (
            part(&self.session_day),
            part(&self.session_month),
            part(&self.session_year),
        );
        if d.is_empty() && m.is_empty() && y.is_empty() {
            String::new()
        } else {
            format!("{d}/{m}/{y}")
        }
    }

    fn wants_another_session(&self) -> bool {
        !self.add_session.is_empty()
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
            session_day: local
                .iter()
                .map(|(s, _)| s.format("%-d").to_string())
                .collect(),
            session_month: local
                .iter()
                .map(|(s, _)| s.format("%-m").to_string())
                .collect(),
            session_year: local
                .iter()
                .map(|(s, _)| s.format("%Y").to_string())
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
            signup_cutoff_hours: match e.event.signup_cutoff_hours {
                0 => String::new(),
                n => n.to_string(),
            },
            add_session: String::new(),
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
struct SessionRow {
    n: usize,
    day: String,
    month: String,
    year: String,
    start: String,
    end: String,
    date_error: Option<String>,
    start_error: Option<String>,
    end_error: Option<String>,
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
    signup_cutoff_hours: String,
    may_add_session: bool,
    field_errors: std::collections::BTreeMap<String, String>,
}

fn form_view(action: String, f: &EventForm, errors: &FieldErrors) -> FormView {
    let cell = |v: &Vec<String>, i: usize| v.get(i).cloned().unwrap_or_default();
    let asked = usize::from(f.wants_another_session());
    let rows = (f.rows() + asked).clamp(1, MAX_ROWS);
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
        sessions: (0..rows)
            .map(|i| {
                let n = i + 1;
                let error = |field: &str| errors.first(&format!("{field}_{n}")).map(str::to_string);
                SessionRow {
                    n,
                    day: cell(&f.session_day, i),
                    month: cell(&f.session_month, i),
                    year: cell(&f.session_year, i),
                    start: cell(&f.session_start, i),
                    end: cell(&f.session_end, i),
                    date_error: error("session_date"),
                    start_error: error("session_start"),
                    end_error: error("session_end"),
                }
            })
            .collect(),
        place: f.place.clone(),
        online_link: f.online_link.clone(),
        capacity: f.capacity.clone(),
        description: f.description.clone(),
        case_id: f.case_id.clone(),
        open: !f.open.is_empty(),
        signup_cutoff_hours: f.signup_cutoff_hours.clone(),
        may_add_session: rows < MAX_ROWS,
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
    if form.wants_another_session() {
        let view = form_view("/staff/events".into(), &form, &FieldErrors::new());
        return Ok(PageOrRedirect::Page(
            PageContext::for_actor(centre.0, None).render("events/form", "Set up an event", view),
        ));
    }
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
    if form.wants_another_session() {
        let view = form_view(
            format!("/staff/events/{id}/edit"),
            &form,
            &FieldErrors::new(),
        );
        return Ok(PageOrRedirect::Page(
            PageContext::for_actor(centre.0, None).render("events/form", "Change the event", view),
        ));
    }
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
