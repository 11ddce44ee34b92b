//! Staff's work on a case: its advisor and status, tasks, notes and the timeline. Every
//! change is one transaction with its entry in the case's event log.

use sea_orm::DatabaseConnection;
use serde_json::json;

use super::auth::Actor;
use super::cases::{self, find_visible, Access, OpenCase};
use super::centre::require_centre;
use super::Env;
use crate::clock::Clock;
use crate::db::begin_case_write;
use crate::db::entities::{case_events, cases as case_rows, note_revisions, notes, tasks};
use crate::db::repo;
use crate::domain::access::{self, Need};
use crate::domain::case::CaseStatus;
use crate::domain::centre::{
    check_note, check_status_change, check_task, event_group, NoteVisibility, StatusAction,
};
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::CaseId;
use crate::domain::user::Role;
use crate::error::{AppError, AppResult};

const STALE: &str = "Someone else changed this case while you were looking at it. The page now shows their change: check it and try again.";

/// Makes a staff member or admin the case's advisor (or nobody, with `None`).
pub async fn assign(
    db: &DatabaseConnection,
    clock: &Clock,
    actor: &Actor,
    case_id: i64,
    version: i64,
    advisor_id: Option<i64>,
) -> AppResult<String> {
    require_centre(actor)?;
    let (case, _) = find_visible(db, actor, case_id).await?;
    let advisor = match advisor_id {
        Some(id) => Some(
            repo::users::find(db, id)
                .await?
                .filter(|u| !u.disabled && (u.role == "staff" || u.role == "admin"))
                .ok_or_else(|| AppError::Conflict("that person cannot advise cases".into()))?,
        ),
        None => None,
    };
    let now = clock.now();
    let txn = begin_case_write(db, case.id).await?;
    let saved = repo::centre::update_versioned(
        &txn,
        case.id,
        version,
        vec![(case_rows::Column::AdvisorId, advisor_id.into())],
        now,
    )
    .await?;
    if !saved {
        return Err(AppError::Conflict(STALE.into()));
    }
    let summary = match &advisor {
        Some(a) => format!("{} made {} the advisor", actor.name, a.name),
        None => format!("{} removed the advisor", actor.name),
    };
    repo::events::record(
        &txn,
        case.id,
        Some(actor.id),
        "advisor_assigned",
        &summary,
        &json!({ "advisor_id": advisor_id, "previous": case.advisor_id }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(summary)
}

/// Puts a case on hold, withdraws, completes or reopens it. `Ok(Err(_))` carries messages
/// for the form.
pub async fn change_status(
    db: &DatabaseConnection,
    clock: &Clock,
    actor: &Actor,
    case_id: i64,
    version: i64,
    action: &str,
    reason: &str,
) -> AppResult<Result<CaseStatus, FieldErrors>> {
    require_centre(actor)?;
    let (case, _) = find_visible(db, actor, case_id).await?;
    let from = CaseStatus::parse(&case.status).unwrap_or(CaseStatus::Active);
    let Some(action) = StatusAction::parse(action) else {
        let mut errors = FieldErrors::new();
        errors.add("action", "Choose what to do with the case");
        return Ok(Err(errors));
    };
    let to = match check_status_change(action, from, reason) {
        Ok(to) => to,
        Err(errors) => return Ok(Err(errors)),
    };
    let now = clock.now();
    let txn = begin_case_write(db, case.id).await?;
    let saved = repo::centre::update_versioned(
        &txn,
        case.id,
        version,
        vec![(case_rows::Column::Status, to.as_str().into())],
        now,
    )
    .await?;
    if !saved {
        return Err(AppError::Conflict(STALE.into()));
    }
    let mut summary = format!(
        "{} changed the status from {} to {}",
        actor.name,
        from.label().to_lowercase(),
        to.label().to_lowercase()
    );
    if !reason.trim().is_empty() {
        summary.push_str(&format!(": {}", reason.trim()));
    }
    repo::events::record(
        &txn,
        case.id,
        Some(actor.id),
        "status_changed",
        &summary,
        &json!({ "from": from.as_str(), "to": to.as_str(), "reason": reason.trim() }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(to))
}

/// Whether this account may be given a task on this case: an active account of centre staff
/// (staff or admin) or a member of this case. Anyone else would learn of a case that is not
/// theirs from their task list.
async fn may_be_assigned(db: &DatabaseConnection, case_id: i64, user_id: i64) -> AppResult<bool> {
    let Some(user) = repo::users::find(db, user_id)
        .await?
        .filter(|u| !u.disabled)
    else {
        return Ok(false);
    };
    let centre = Role::parse(&user.role).is_some_and(Role::is_centre);
    Ok(centre
        || repo::cases::membership(db, case_id, user_id)
            .await?
            .is_some())
}

/// Adds a task to a case. The assignee must be centre staff or someone on the case.
#[allow(clippy::too_many_arguments)]
pub async fn add_task(
    db: &DatabaseConnection,
    clock: &Clock,
    actor: &Actor,
    case_id: i64,
    title: &str,
    due: &str,
    assignee_id: Option<i64>,
) -> AppResult<Result<tasks::Model, FieldErrors>> {
    require_centre(actor)?;
    let (case, _) = find_visible(db, actor, case_id).await?;
    let checked = check_task(title, due);
    let assignee_ok = match assignee_id {
        Some(id) => may_be_assigned(db, case.id, id).await?,
        None => true,
    };
    let input = match (checked, assignee_ok) {
        (Ok(input), true) => input,
        (checked, _) => {
            let mut errors = checked.err().unwrap_or_default();
            if !assignee_ok {
                errors.add(
                    "assignee",
                    "Choose someone from the list: centre staff or someone on this case",
                );
            }
            return Ok(Err(errors));
        }
    };
    let now = clock.now();
    let txn = begin_case_write(db, case.id).await?;
    let task = repo::tasks::insert(
        &txn,
        repo::tasks::NewTask {
            case_id: case.id,
            title: &input.title,
            due_on: input.due_on.as_deref(),
            assignee_id,
            checklist_key: None,
            created_by: actor.id,
        },
        now,
    )
    .await?;
    repo::events::record(
        &txn,
        case.id,
        Some(actor.id),
        "task_added",
        &format!("{} added the task \"{}\"", actor.name, input.title),
        &json!({ "task_id": task.id, "due_on": input.due_on }),
        now,
    )
    .await?;
    repo::centre::touch(&txn, case.id, now).await?;
    txn.commit().await?;
    Ok(Ok(task))
}

/// Adds one task for each checklist item of the case's current stage that has no task yet.
/// `items` are (key, label) from the stage's definition. Returns how many were added.
pub async fn add_checklist_tasks(
    db: &DatabaseConnection,
    clock: &Clock,
    actor: &Actor,
    case_id: i64,
    items: &[(String, String)],
) -> AppResult<usize> {
    require_centre(actor)?;
    let (case, _) = find_visible(db, actor, case_id).await?;
    let existing = repo::tasks::for_case(db, case.id).await?;
    let now = clock.now();
    let txn = begin_case_write(db, case.id).await?;
    let mut added = 0;
    for (key, label) in items {
        if existing
            .iter()
            .any(|t| t.checklist_key.as_deref() == Some(key))
        {
            continue;
        }
        repo::tasks::insert(
            &txn,
            repo::tasks::NewTask {
                case_id: case.id,
                title: label,
                due_on: None,
                assignee_id: case.advisor_id,
                checklist_key: Some(key),
                created_by: actor.id,
            },
            now,
        )
        .await?;
        added += 1;
    }
    if added > 0 {
        repo::events::record(
            &txn,
            case.id,
            Some(actor.id),
            "task_added",
            &format!(
                "{} added {added} tasks from the {} checklist",
                actor.name, case.current_stage
            ),
            &json!({ "stage": case.current_stage, "count": added }),
            now,
        )
        .await?;
        repo::centre::touch(&txn, case.id, now).await?;
    }
    txn.commit().await?;
    Ok(added)
}

/// Ticks a task off, or back on.
pub async fn set_task_done(
    db: &DatabaseConnection,
    clock: &Clock,
    actor: &Actor,
    case_id: i64,
    task_id: i64,
    version: i64,
    done: bool,
) -> AppResult<()> {
    require_centre(actor)?;
    let (case, _) = find_visible(db, actor, case_id).await?;
    let task = repo::tasks::find(db, task_id)
        .await?
        .filter(|t| t.case_id == case.id)
        .ok_or(AppError::NotFound)?;
    let now = clock.now();
    let txn = begin_case_write(db, case.id).await?;
    if !repo::tasks::set_done(&txn, task.id, version, done.then_some(actor.id), now).await? {
        return Err(AppError::Conflict(STALE.into()));
    }
    let (kind, verb) = if done {
        ("task_done", "finished")
    } else {
        ("task_reopened", "reopened")
    };
    repo::events::record(
        &txn,
        case.id,
        Some(actor.id),
        kind,
        &format!("{} {verb} the task \"{}\"", actor.name, task.title),
        &json!({ "task_id": task.id }),
        now,
    )
    .await?;
    repo::centre::touch(&txn, case.id, now).await?;
    txn.commit().await?;
    Ok(())
}

/// The notes this person may read: all for the centre, shared ones for reps, none for workers.
pub async fn notes_for(
    db: &DatabaseConnection,
    access: Access,
    case_id: i64,
) -> AppResult<Vec<notes::Model>> {
    match access {
        Access::Centre => Ok(repo::notes::for_case(db, case_id, false).await?),
        Access::Rep => Ok(repo::notes::for_case(db, case_id, true).await?),
        Access::Worker => Ok(Vec::new()),
    }
}

pub async fn add_note(
    db: &DatabaseConnection,
    clock: &Clock,
    actor: &Actor,
    case_id: i64,
    body: &str,
    visibility: &str,
) -> AppResult<Result<(), FieldErrors>> {
    require_centre(actor)?;
    let (case, _) = find_visible(db, actor, case_id).await?;
    let (body, visibility) = match check_note(body, visibility) {
        Ok(ok) => ok,
        Err(errors) => return Ok(Err(errors)),
    };
    let now = clock.now();
    let txn = begin_case_write(db, case.id).await?;
    let note =
        repo::notes::insert(&txn, case.id, &body, visibility.as_str(), actor.id, now).await?;
    repo::events::record(
        &txn,
        case.id,
        Some(actor.id),
        "note_added",
        &note_summary(actor, "added", visibility),
        &json!({ "note_id": note.id, "visibility": visibility.as_str() }),
        now,
    )
    .await?;
    repo::centre::touch(&txn, case.id, now).await?;
    txn.commit().await?;
    Ok(Ok(()))
}

/// Edits a note, keeping what it said before.
#[allow(clippy::too_many_arguments)]
/// What a person typed to change a note, and the version of the note they started from.
pub struct NoteEdit<'a> {
    pub version: i64,
    pub body: &'a str,
    pub visibility: &'a str,
}

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
