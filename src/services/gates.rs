//! The stage checklist and the gate at the end of each stage: a rep (or staff) asks for
//! sign-off, staff approve it or send it back, and staff may reopen a completed stage. Each
//! step is one transaction with its event on the case's timeline.

use sea_orm::{DatabaseConnection, DatabaseTransaction};

use serde_json::json;

use super::auth::Actor;
use super::cases::Access;
use super::pathways::{
    ensure_editor, ensure_open, load, set_awaiting_signoff, start_stage, touch_case, CaseState,
};
use crate::clock::Clock;
use crate::db::begin_case_write;
use crate::db::entities::{case_stages, cases};
use crate::db::repo;
use crate::domain::field_errors::FieldErrors;
use crate::domain::pathways::definition::{GateKind, Stage};
use crate::domain::pathways::{stage_progress, PathwayLibrary};
use crate::domain::stages::{unticked, Checklist, StageStatus};
use crate::error::{AppError, AppResult};

/// The case and how the actor may act on it, passed together.
pub type On<'a> = (&'a cases::Model, Access);

fn ensure_centre(access: Access) -> AppResult<()> {
    match access {
        Access::Centre => Ok(()),
        _ => Err(AppError::Forbidden("only centre staff sign stages off")),
    }
}

/// The stored checklist of a stage row (empty when none).
pub fn checklist_of(row: Option<&case_stages::Model>) -> Checklist {
    row.and_then(|r| serde_json::from_str(&r.checklist).ok())
        .unwrap_or_default()
}

/// Saves the ticks of a stage's checklist. `version` is the stage row's version when the page
/// was opened (0 for none): a checklist someone else saved since is not overwritten.
pub async fn save_checklist(
    db: &DatabaseConnection,
    clock: &Clock,
    lib: &PathwayLibrary,
    actor: &Actor,
    (case, access): On<'_>,
    stage: &Stage,
    (checklist, version): (Checklist, i64),
) -> AppResult<()> {
    ensure_editor(access)?;
    let now = clock.now();
    let txn = begin_case_write(db, case.id).await?;
    let state = load(&txn, lib, case).await?;
    ensure_open(&state, &stage.key)?;
    start_stage(&txn, actor, case, stage, now).await?;
    let mut row = repo::stages::find_or_create(&txn, case.id, &stage.key, now).await?;
    let opened = state
        .stage(&stage.key)
        .and_then(|s| s.row.as_ref())
        .map_or(0, |r| r.version);
    if opened != version {
        return Err(AppError::Conflict(
            "someone else saved this checklist".into(),
        ));
    }
    let old = checklist_of(Some(&row));
    row.checklist =
        serde_json::to_string(&checklist).map_err(|e| AppError::Internal(e.to_string()))?;
    row.updated_at = now;
    if !repo::stages::save_if_version(&txn, row).await? {
        return Err(AppError::Conflict(
            "someone else saved this checklist".into(),
        ));
    }
    let summary = format!(
        "{} updated the checklist of \"{}\"",
        actor.name, stage.title
    );
    let data = json!({ "stage": stage.key, "old": old, "new": checklist });
    repo::events::record(
        &txn,
        case.id,
        Some(actor.id),
        "checklist_updated",
        &summary,
        &data,
        now,
    )
    .await?;
    touch_case(&txn, case.id, None, now).await?;
    txn.commit().await?;
    Ok(())
}

/// What still stops a stage from being signed off, in plain English; empty when nothing.
pub fn what_is_missing(
    lib: &PathwayLibrary,
    case: &cases::Model,
    state: &CaseState,
    stage: &Stage,
) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(progress) = stage_progress(lib, &case.pathway, &stage.key, &state.answers) {
        out.extend(
            progress
                .missing
                .iter()
                .map(|m| format!("Answer \"{}\"", m.label)),
        );
        out.extend(
            progress
                .criteria
                .iter()
                .filter(|c| !c.met)
                .map(|c| format!("Not yet true: {}", c.message)),
        );
    }
    let checklist = checklist_of(state.stage(&stage.key).and_then(|s| s.row.as_ref()));
    out.extend(
        unticked(stage, &checklist)
            .iter()
            .map(|l| format!("Tick \"{l}\" on the checklist, or say why it does not apply")),
    );
    out
}

/// A rep or staff member asks for the stage to be signed off. Refused with what is missing
/// while answers, criteria or the checklist are incomplete.
pub async fn request_signoff(
    db: &DatabaseConnection,
    clock: &Clock,
    lib: &PathwayLibrary,
    actor: &Actor,
    (case, access): On<'_>,
    stage: &Stage,
) -> AppResult<Result<(), Vec<String>>> {
    ensure_editor(access)?;
    if stage.gate.is_none() {
        return Err(AppError::Conflict("this stage has no gate".into()));
    }
    let now = clock.now();
    let txn = begin_case_write(db, case.id).await?;
    let state = load(&txn, lib, case).await?;
    ensure_open(&state, &stage.key)?;
    let missing = what_is_missing(lib, case, &state, stage);
    if !missing.is_empty() {
        return Ok(Err(missing));
    }
    let summary = format!(
        "{} asked for \"{}\" to be signed off",
        actor.name, stage.title
    );
    change_status(
        &txn,
        (case, actor),
        stage,
        StageStatus::WaitingForSignoff,
        now,
        ("signoff_requested", summary),
        |_| {},
    )
    .await?;
    set_awaiting_signoff(&txn, case.id, Some(now)).await?;
    txn.commit().await?;
    Ok(Ok(()))
}

/// What staff write when deciding on a gate.
pub struct Decision {
    pub note: String,
    /// For a vote gate: the minutes of the members' vote have been received.
    pub minutes_received: bool,
}

/// Staff sign the stage off: it is completed and the next stage opens.
pub async fn approve(
    db: &DatabaseConnection,
    clock: &Clock,
    lib: &PathwayLibrary,
    actor: &Actor,
    (case, access): On<'_>,
    stage: &Stage,
    decision: &Decision,
) -> AppResult<Result<(), FieldErrors>> {
    ensure_centre(access)?;
    let mut errors = FieldErrors::new();
    let vote = stage
        .gate
        .as_ref()
        .is_some_and(|g| g.kind == GateKind::Vote);
    if vote && !decision.minutes_received {
        errors.add(
            "minutes_received",
            "Confirm that you have received the minutes of the members' vote",
        );
    }
    if decision.note.chars().count() > 2000 {
        errors.add("note", "Keep the note to 2,000 characters or fewer");
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let now = clock.now();
    let txn = begin_case_write(db, case.id).await?;
    let state = load(&txn, lib, case).await?;
    ensure_status(&state, stage, StageStatus::WaitingForSignoff)?;
    let note = decision.note.trim().to_string();
    let summary = format!("{} signed off \"{}\"", actor.name, stage.title);
    let (by, name) = (actor.id, actor.name.clone());
    change_status(
        &txn,
        (case, actor),
        stage,
        StageStatus::Completed,
        now,
        ("stage_approved", summary),
        |row| {
            row.signed_off_by = Some(by);
            row.signed_off_name = name;
            row.signed_off_at = Some(now);
            row.signoff_note = note;
            row.returned_note = String::new();
        },
    )
    .await?;
    let next = lib
        .next_stage(&case.pathway, &stage.key)
        .map_or(stage.key.as_str(), |s| s.key.as_str());
    touch_case(&txn, case.id, Some(next), now).await?;
    set_awaiting_signoff(&txn, case.id, None).await?;
    txn.commit().await?;
    Ok(Ok(()))
}

/// Staff send a stage back to the rep with a comment saying what to do.
pub async fn send_back(
    db: &DatabaseConnection,
    clock: &Clock,
    lib: &PathwayLibrary,
    actor: &Actor,
    on: On<'_>,
    stage: &Stage,
    comment: &str,
) -> AppResult<Result<(), FieldErrors>> {
    reverse(
        db,
        clock,
        lib,
        actor,
        on,
        stage,
        comment,
        StageStatus::WaitingForSignoff,
    )
    .await
}

/// Staff reopen a completed stage so its answers can change again.
pub async fn reopen(
    db: &DatabaseConnection,
    clock: &Clock,
    lib: &PathwayLibrary,
    actor: &Actor,
    on: On<'_>,
    stage: &Stage,
    reason: &str,
) -> AppResult<Result<(), FieldErrors>> {
    reverse(
        db,
        clock,
        lib,
        actor,
        on,
        stage,
        reason,
        StageStatus::Completed,
    )
    .await
}

/// Sending back and reopening both return a stage to "in progress" with a written reason.
#[allow(clippy::too_many_arguments)]
async fn reverse(
    db: &DatabaseConnection,
    clock: &Clock,
    lib: &PathwayLibrary,
    actor: &Actor,
    (case, access): On<'_>,
    stage: &Stage,
    comment: &str,
    from: StageStatus,
) -> AppResult<Result<(), FieldErrors>> {
    ensure_centre(access)?;
    let comment = comment.trim().to_string();
    let field = if from == StageStatus::Completed {
        "reason"
    } else {
        "comment"
    };
    let mut errors = FieldErrors::new();
    if comment.is_empty() {
        errors.add(
            field,
            if from == StageStatus::Completed {
                "Say why the stage is being reopened"
            } else {
                "Say what needs to change before the stage can be signed off"
            },
        );
    } else if comment.chars().count() > 2000 {
        errors.add(field, "Keep it to 2,000 characters or fewer");
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let now = clock.now();
    let txn = begin_case_write(db, case.id).await?;
    let state = load(&txn, lib, case).await?;
    ensure_status(&state, stage, from)?;
    let (kind, verb) = if from == StageStatus::Completed {
        ("stage_reopened", "reopened")
    } else {
        ("stage_sent_back", "sent back")
    };
    let summary = format!("{} {verb} \"{}\": {comment}", actor.name, stage.title);
    change_status(
        &txn,
        (case, actor),
        stage,
        StageStatus::InProgress,
        now,
        (kind, summary),
        |row| {
            row.returned_note = comment.clone();
        },
    )
    .await?;
    let current = if from == StageStatus::Completed {
        Some(stage.key.as_str())
    } else {
        None
    };
    touch_case(&txn, case.id, current, now).await?;
    set_awaiting_signoff(&txn, case.id, None).await?;
    txn.commit().await?;
    Ok(Ok(()))
}

fn ensure_status(state: &CaseState, stage: &Stage, wanted: StageStatus) -> AppResult<()> {
    let status = state.stage(&stage.key).ok_or(AppError::NotFound)?.status;
    if status != wanted {
        return Err(AppError::Conflict(format!(
            "stage {} is {}",
            stage.key,
            status.label()
        )));
    }
    Ok(())
}

/// Writes the new status (and whatever `edit` changes) with its event.
async fn change_status(
    txn: &DatabaseTransaction,
    (case, actor): (&cases::Model, &Actor),
    stage: &Stage,
    status: StageStatus,
    now: i64,
    (kind, summary): (&str, String),
    edit: impl FnOnce(&mut case_stages::Model),
) -> AppResult<()> {
    let mut row = repo::stages::find_or_create(txn, case.id, &stage.key, now).await?;
    let from = row.status.clone();
    row.status = status.as_str().into();
    row.updated_at = now;
    edit(&mut row);
    let data = json!({ "stage": stage.key, "from": from, "to": status.as_str(), "note": row.signoff_note, "comment": row.returned_note });
    if !repo::stages::save_if_version(txn, row).await? {
        return Err(AppError::Conflict("the stage changed while saving".into()));
    }
    repo::events::record(txn, case.id, Some(actor.id), kind, &summary, &data, now).await?;
    Ok(())
}
