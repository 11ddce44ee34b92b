//! A case's timeline (every event, filterable by kind) and editing a note with its history.

use crate::web::templates::Template;
use rocket::form::{Form, FromForm};
use rocket::request::FlashMessage;
use rocket::{get, post, routes, Route};
use serde::Serialize;

use super::case_header::CaseHeader;
use super::case_list::{FilterSelect, Opt};
use super::page::{PageContext, PageOrRedirect};
use crate::clock::format_timestamp;
use crate::domain::centre::{NoteVisibility, EVENT_GROUPS};
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::CaseId;
use crate::error::{AppError, AppResult};
use crate::services::{self, auth::Actor, case_notes, Env};

pub fn routes() -> Vec<Route> {
    routes![timeline, note_page, edit_note]
}

#[derive(Serialize)]
struct EventLine {
    summary: String,
    when: String,
    kind: String,
}

#[derive(Serialize)]
struct TimelineView {
    header: CaseHeader,
    events: Vec<EventLine>,
    kinds: FilterSelect,
    filtered: bool,
}

#[get("/cases/<id>/timeline?<kind>")]
async fn timeline(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    kind: Option<&str>,
) -> AppResult<Template> {
    let group = kind.filter(|k| EVENT_GROUPS.iter().any(|(v, _, _)| v == k) || *k == "other");
    let (opened, events) = case_notes::timeline(&env, actor, id, group).await?;
    let view = TimelineView {
        header: CaseHeader::of(&opened, "/timeline"),
        events: events
            .iter()
            .map(|e| EventLine {
                summary: e.summary.clone(),
                when: format_timestamp(e.created_at),
                kind: e.kind.clone(),
            })
            .collect(),
        kinds: FilterSelect {
            name: "kind",
            label: "Show",
            any: "Everything",
            options: EVENT_GROUPS
                .iter()
                .map(|(v, l, _)| (*v, *l))
                .chain([("other", "Other")])
                .map(|(v, l)| Opt {
                    value: v.into(),
                    label: l.into(),
                    selected: group == Some(v),
                })
                .collect(),
        },
        filtered: group.is_some(),
    };
    Ok(PageContext::for_actor(actor, None).render(
        "centre/timeline",
        format!("Timeline: {}", opened.case.name),
        view,
    ))
}

#[derive(FromForm, Default, Serialize, Clone)]
struct NoteForm {
    #[field(default = String::new())]
    body: String,
    #[field(default = String::new())]
    visibility: String,
    #[field(default = String::new())]
    version: String,
}

#[derive(Serialize)]
struct Revision {
    body: String,
    visibility: &'static str,
    replaced: String,
    by: String,
}

#[derive(Serialize)]
struct NoteEditView {
    header: CaseHeader,
    note_id: i64,
    form: NoteForm,
    shared_checked: bool,
    revisions: Vec<Revision>,
    field_errors: std::collections::BTreeMap<String, String>,
}

/// What the note page shows again with a problem: the text typed, and the messages.
struct Retry<'a> {
    form: NoteForm,
    errors: &'a FieldErrors,
}

async fn note_view(
    env: &Env<'_>,
    actor: &Actor,
    (id, note_id): (CaseId, i64),
    retry: Option<Retry<'_>>,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let (opened, note, revisions) = case_notes::note_with_history(env, actor, id, note_id).await?;
    let names = services::centre::advisors(env).await?;
    let no_errors = FieldErrors::new();
    let (form, errors) = match retry {
        Some(Retry { form, errors }) => (Some(form), errors),
        None => (None, &no_errors),
    };
    let form = form.unwrap_or(NoteForm {
        body: note.body.clone(),
        visibility: note.visibility.clone(),
        version: note.version.to_string(),
    });
    let view = NoteEditView {
        header: CaseHeader::of(&opened, "/tasks"),
        note_id: note.id,
        shared_checked: form.visibility == "shared",
        form,
        revisions: revisions
            .iter()
            .map(|r| Revision {
                body: r.body.clone(),
                visibility: NoteVisibility::parse(&r.visibility).map_or("", NoteVisibility::label),
                replaced: format_timestamp(r.edited_at),
                by: names.get(&r.edited_by).cloned().unwrap_or_default(),
            })
            .collect(),
        field_errors: errors.by_field(),
    };
    Ok(PageContext::for_actor(actor, flash).render_with_errors(
        "centre/note",
        "Edit a note",
        errors,
        view,
    ))
}

#[get("/cases/<id>/notes/<note_id>")]
async fn note_page(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    note_id: i64,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    note_view(&env, actor, (id, note_id), None, flash).await
}

#[post("/cases/<id>/notes/<note_id>", data = "<form>")]
async fn edit_note(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    note_id: i64,
    form: Form<NoteForm>,
) -> AppResult<PageOrRedirect> {
    let edit = case_notes::NoteEdit {
        version: form.version.trim().parse().unwrap_or(0),
        body: &form.body,
        visibility: &form.visibility,
    };
    match case_notes::edit_note(&env, actor, (id, note_id), edit).await {
        Ok(Ok(())) => Ok(PageOrRedirect::success(
            format!("/cases/{id}/tasks#notes"),
            "Note saved; its earlier text is kept",
        )),
        Ok(Err(errors)) => {
            let retry = Retry {
                form: form.into_inner(),
                errors: &errors,
            };
            Ok(PageOrRedirect::invalid(
                note_view(&env, actor, (id, note_id), Some(retry), None).await?,
            ))
        }
        Err(AppError::Conflict(message)) => {
            Ok(PageOrRedirect::Redirect(rocket::response::Flash::error(
                rocket::response::Redirect::to(format!("/cases/{id}/notes/{note_id}")),
                message,
            )))
        }
        Err(e) => Err(e),
    }
}
