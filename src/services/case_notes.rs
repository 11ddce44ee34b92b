//! Notes on a case (staff-only or shared with reps), each edit keeping the text it replaced,
//! and the case's timeline, which leaves out staff-only notes for reps. Every change is one
//! transaction with its entry in the case's event log.

use serde_json::json;

use super::auth::Actor;
use super::case_work::STALE;
use super::cases::{self, OpenCase};
use super::Env;
use crate::db::begin_case_write;
use crate::db::entities::{case_events, note_revisions, notes};
use crate::db::repo;
use crate::domain::access::{self, CaseRole, Need};
use crate::domain::centre::{check_note, event_group, NoteVisibility};
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::CaseId;
use crate::error::{AppError, AppResult};

/// The notes of an opened case its reader may read: all for the centre, shared ones for reps,
/// none for workers.
pub(in crate::services) async fn readable(
    env: &Env<'_>,
    opened: &OpenCase,
) -> AppResult<Vec<notes::Model>> {
    let case_id = opened.id().get();
    Ok(match opened.role {
        CaseRole::Centre => repo::notes::for_case(env.db(), case_id, false).await?,
        CaseRole::Rep => repo::notes::for_case(env.db(), case_id, true).await?,
        CaseRole::Worker => Vec::new(),
    })
}

/// Adds a note; `Ok(Err(_))` carries messages for the form.
pub async fn add_note(
    env: &Env<'_>,
    actor: &Actor,
    case_id: CaseId,
    (body, visibility): (&str, &str),
) -> AppResult<Result<(), FieldErrors>> {
    access::require_centre(actor.role)?;
    let case_id = cases::open(env, actor, case_id, Need::Decide)
        .await?
        .id()
        .get();
    let (body, visibility) = match check_note(body, visibility) {
        Ok(ok) => ok,
        Err(errors) => return Ok(Err(errors)),
    };
    let now = env.clock.now();
    let txn = begin_case_write(env.db(), case_id).await?;
    let note =
        repo::notes::insert(&txn, case_id, &body, visibility.as_str(), actor.id, now).await?;
    repo::events::record(
        &txn,
        case_id,
        Some(actor.id),
        "note_added",
        &note_summary(actor, "added", visibility),
        &json!({ "note_id": note.id, "visibility": visibility.as_str() }),
        now,
    )
    .await?;
    repo::centre::touch(&txn, case_id, now).await?;
    txn.commit().await?;
    Ok(Ok(()))
}

/// What a person typed to change a note, and the version of the note they started from.
pub struct NoteEdit<'a> {
    pub version: i64,
    pub body: &'a str,
    pub visibility: &'a str,
}

/// Edits a note, keeping what it said before.
pub async fn edit_note(
    env: &Env<'_>,
    actor: &Actor,
    (case_id, note_id): (CaseId, i64),
    edit: NoteEdit<'_>,
) -> AppResult<Result<(), FieldErrors>> {
    access::require_centre(actor.role)?;
    let (db, clock) = (env.db(), env.clock);
    let opened = cases::open(env, actor, case_id, Need::Decide).await?;
    let case = &opened.case;
    let note = repo::notes::find(db, note_id)
        .await?
        .filter(|n| n.case_id == case.id.get())
        .ok_or(AppError::NotFound)?;
    let NoteEdit {
        version,
        body,
        visibility,
    } = edit;
    let (body, visibility) = match check_note(body, visibility) {
        Ok(ok) => ok,
        Err(errors) => return Ok(Err(errors)),
    };
    if note.version != version {
        return Err(AppError::Conflict(STALE.into()));
    }
    let now = clock.now();
    let txn = begin_case_write(db, case_id.get()).await?;
    if !repo::notes::edit(&txn, &note, &body, visibility.as_str(), actor.id, now).await? {
        return Err(AppError::Conflict(STALE.into()));
    }
    // A note that was staff-only stays off the reps' timeline even once shared: its event
    // says which way it went.
    repo::events::record(
        &txn,
        case_id.get(),
        Some(actor.id),
        "note_edited",
        &note_summary(actor, "edited", visibility),
        &json!({ "note_id": note.id, "visibility": visibility.as_str(), "was": note.visibility }),
        now,
    )
    .await?;
    repo::centre::touch(&txn, case_id.get(), now).await?;
    txn.commit().await?;
    Ok(Ok(()))
}

fn note_summary(actor: &Actor, verb: &str, visibility: NoteVisibility) -> String {
    match visibility {
        NoteVisibility::Staff => format!("{} {verb} a staff-only note", actor.name),
        NoteVisibility::Shared => format!("{} {verb} a note shared with reps", actor.name),
    }
}

/// A case's events oldest first, only of `group` when given; reps do not see events about
/// staff-only notes.
pub async fn timeline(
    env: &Env<'_>,
    actor: &Actor,
    case_id: CaseId,
    group: Option<&str>,
) -> AppResult<(OpenCase, Vec<case_events::Model>)> {
    let opened = cases::open(env, actor, case_id, Need::WorkingPages).await?;
    let staff_view = access::sees_staff_only(opened.role);
    let events = repo::events::for_case(env.db(), case_id.get())
        .await?
        .into_iter()
        .filter(|e| staff_view || !is_staff_only(e))
        .filter(|e| group.is_none_or(|g| event_group(&e.kind) == g))
        .collect();
    Ok((opened, events))
}

/// A note with the texts it replaced, for the centre's "edit a note" page.
pub async fn note_with_history(
    env: &Env<'_>,
    actor: &Actor,
    case_id: CaseId,
    note_id: i64,
) -> AppResult<(OpenCase, notes::Model, Vec<note_revisions::Model>)> {
    let opened = cases::open(env, actor, case_id, Need::CentreEyesOnly).await?;
    let note = repo::notes::find(env.db(), note_id)
        .await?
        .filter(|n| n.case_id == case_id.get())
        .ok_or(AppError::NotFound)?;
    let revisions = repo::notes::revisions(env.db(), note.id).await?;
    Ok((opened, note, revisions))
}

fn is_staff_only(event: &case_events::Model) -> bool {
    event.kind.starts_with("note_")
        && serde_json::from_str::<serde_json::Value>(&event.data)
            .map(|d| d["visibility"] == "staff" || d["was"] == "staff")
            .unwrap_or(true)
}
