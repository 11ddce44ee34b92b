//! The stage checklist and the gate at the end of each stage: a rep (or staff) asks for
//! sign-off, staff approve it or send it back, and staff may reopen a completed stage. Each
//! step opens the case for what it needs (`Need::Work` or `Need::Decide`) and is one
//! transaction with its event on the case's timeline.

use std::collections::BTreeMap;

use sea_orm::DatabaseTransaction;
use serde_json::json;

use super::auth::Actor;
use super::cases::{open, OpenCase};
use super::gate_evidence;
use super::pathways::{
    ensure_open, read, set_awaiting_signoff, stage_of, start_stage, touch_case, CaseState, StageAt,
};
use super::Env;
use crate::db::begin_case_write;
use crate::db::entities::case_stages;
use crate::db::repo;
use crate::domain::access::Need;
use crate::domain::case::Case;
use crate::domain::field_errors::FieldErrors;
use crate::domain::pathways::definition::{GateKind, Stage};
use crate::domain::pathways::{stage_progress, PathwayLibrary};
use crate::domain::stages::{read_checklist, unticked, Checklist, StageStatus};
use crate::error::{AppError, AppResult};

/// The case opened for `need`, and the stage named in the address.
async fn open_stage<'e>(
    env: &Env<'e>,
    actor: &Actor,
    at: StageAt<'_>,
    need: Need,
) -> AppResult<(OpenCase, &'e Stage)> {
    let opened = open(env, actor, at.case, need).await?;
    let stage = stage_of(env.library, &opened.case, at.stage)?;
    Ok((opened, stage))
}

/// A posted checklist: the fields by name, and the stage row's version when the page was
/// opened (0 for none).
pub struct ChecklistPost<'a> {
    pub fields: &'a BTreeMap<String, String>,
    pub version: i64,
}

/// Saves the ticks of a stage's checklist; a checklist someone else saved since the page was
/// opened is not overwritten. A problem comes back with the marks as ticked, to show again.
pub async fn save_checklist(
    env: &Env<'_>,
    actor: &Actor,
    at: StageAt<'_>,
    post: ChecklistPost<'_>,
) -> AppResult<Result<(), (FieldErrors, Checklist)>> {
    let (opened, stage) = open_stage(env, actor, at, Need::Work).await?;
    let checklist = match read_checklist(stage, post.fields) {
        Ok(list) => list,
        Err(problem) => return Ok(Err(problem)),
    };
    let case = &opened.case;
    let now = env.clock.now();
    let txn = begin_case_write(env.db(), case.id.get()).await?;
    let state = read(&txn, env.library, case).await?;
    ensure_open(&state, &stage.key)?;
    start_stage(&txn, actor, case.id, stage, now).await?;
    let mut row = repo::stages::find_or_create(&txn, case.id.get(), &stage.key, now).await?;
    let opened_version = state.record(&stage.key).map_or(0, |r| r.version);
    if opened_version != post.version {
        return Err(AppError::Conflict(
            "someone else saved this checklist".into(),
        ));
    }
    let old = repo::stages::checklist(&row)?;
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
        case.id.get(),
        Some(actor.id),
        "checklist_updated",
        &summary,
        &data,
        now,
    )
    .await?;
    touch_case(&txn, case.id, None, now).await?;
    txn.commit().await?;
    Ok(Ok(()))
}

/// What still stops a stage from being signed off, in plain English; empty when nothing.
fn what_is_missing(
    lib: &PathwayLibrary,
    case: &Case,
    state: &CaseState,
    stage: &Stage,
) -> Vec<String> {
    let mut out = Vec::new();
    let progress = stage_progress(lib, case.pathway.as_str(), &stage.key, &state.answers);
    if let Some(progress) = progress {
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
    let checklist = state
        .record(&stage.key)
        .map(|r| r.checklist.clone())
        .unwrap_or_default();
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
    env: &Env<'_>,
    actor: &Actor,
    at: StageAt<'_>,
) -> AppResult<Result<(), Vec<String>>> {
    let (opened, stage) = open_stage(env, actor, at, Need::Work).await?;
    if stage.gate.is_none() {
        return Err(AppError::Conflict("this stage has no gate".into()));
    }
    let case = &opened.case;
    let now = env.clock.now();
    let txn = begin_case_write(env.db(), case.id.get()).await?;
    let state = read(&txn, env.library, case).await?;
    ensure_open(&state, &stage.key)?;
    let missing = what_is_missing(env.library, case, &state, stage);
    if !missing.is_empty() {
        return Ok(Err(missing));
    }
    let summary = format!(
        "{} asked for \"{}\" to be signed off",
        actor.name, stage.title
    );
    let change = Change {
        to: StageStatus::WaitingForSignoff,
        kind: "signoff_requested",
        summary,
        evidence: serde_json::Value::Null,
    };
    change_status(&txn, (case, actor), stage, change, now, |_| {}).await?;
    set_awaiting_signoff(&txn, case.id, Some(now)).await?;
    txn.commit().await?;
    Ok(Ok(()))
}

/// What staff write when deciding on a gate.
pub struct Decision {
    pub note: String,
    /// For a vote gate: the id of the carried resolution that is the evidence, as posted.
    pub evidence: String,
    /// For a vote gate signed off without such a resolution: why.
    pub override_reason: String,
}

fn check_decision(decision: &Decision) -> FieldErrors {
    let mut errors = FieldErrors::new();
    if decision.note.chars().count() > 2000 {
        errors.add("note", "Keep the note to 2,000 characters or fewer");
    }
    if decision.override_reason.chars().count() > 2000 {
        errors.add(
            "override_reason",
            "Keep the reason to 2,000 characters or fewer",
        );
    }
    errors
}

/// Staff sign the stage off: it is completed and the next stage opens. A vote gate rests on
/// a carried resolution, or on a reason staff give for going without one; either is kept in
/// the event log. Returns the stage, to name it to the person.
pub async fn approve<'e>(
    env: &Env<'e>,
    actor: &Actor,
    at: StageAt<'_>,
    decision: &Decision,
) -> AppResult<Result<&'e Stage, FieldErrors>> {
    let (opened, stage) = open_stage(env, actor, at, Need::Decide).await?;
    let errors = check_decision(decision);
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let case = &opened.case;
    let now = env.clock.now();
    let txn = begin_case_write(env.db(), case.id.get()).await?;
    let state = read(&txn, env.library, case).await?;
    ensure_status(&state, stage, StageStatus::WaitingForSignoff)?;
    let vote = stage
        .gate
        .as_ref()
        .is_some_and(|g| g.kind == GateKind::Vote);
    let (evidence, because) = if vote {
        let posted = (
            decision.evidence.as_str(),
            decision.override_reason.as_str(),
        );
        match gate_evidence::chosen(&txn, &opened, stage, posted, now).await? {
            Ok(found) => found,
            Err(errors) => return Ok(Err(errors)),
        }
    } else {
        (serde_json::Value::Null, String::new())
    };
    let note = decision.note.trim().to_string();
    let change = Change {
        to: StageStatus::Completed,
        kind: "stage_approved",
        summary: format!("{} signed off \"{}\"{because}", actor.name, stage.title),
        evidence,
    };
    let (by, name) = (actor.id, actor.name.clone());
    change_status(&txn, (case, actor), stage, change, now, |row| {
        row.signed_off_by = Some(by);
        row.signed_off_name = name;
        row.signed_off_at = Some(now);
        row.signoff_note = note;
        row.returned_note = String::new();
    })
    .await?;
    let next = env
        .library
        .next_stage(case.pathway.as_str(), &stage.key)
        .map_or(stage.key.as_str(), |s| s.key.as_str());
    touch_case(&txn, case.id, Some(next), now).await?;
    set_awaiting_signoff(&txn, case.id, None).await?;
    txn.commit().await?;
    Ok(Ok(stage))
}

/// Staff send a stage back to the rep with a comment saying what to do.
pub async fn send_back(
    env: &Env<'_>,
    actor: &Actor,
    at: StageAt<'_>,
    comment: &str,
) -> AppResult<Result<(), FieldErrors>> {
    reverse(env, actor, at, comment, StageStatus::WaitingForSignoff).await
}

/// Staff reopen a completed stage so its answers can change again.
pub async fn reopen(
    env: &Env<'_>,
    actor: &Actor,
    at: StageAt<'_>,
    reason: &str,
) -> AppResult<Result<(), FieldErrors>> {
    reverse(env, actor, at, reason, StageStatus::Completed).await
}

/// The written reason for sending a stage back (`from` waiting) or reopening it (`from`
/// completed), checked; the field it belongs to differs.
fn check_reason(comment: &str, from: StageStatus) -> FieldErrors {
    let reopening = from == StageStatus::Completed;
    let field = if reopening { "reason" } else { "comment" };
    let mut errors = FieldErrors::new();
    if comment.is_empty() {
        errors.add(
            field,
            if reopening {
                "Say why the stage is being reopened"
            } else {
                "Say what needs to change before the stage can be signed off"
            },
        );
    } else if comment.chars().count() > 2000 {
        errors.add(field, "Keep it to 2,000 characters or fewer");
    }
    errors
}

/// Sending back and reopening both return a stage to "in progress" with a written reason.
async fn reverse(
    env: &Env<'_>,
    actor: &Actor,
    at: StageAt<'_>,
    comment: &str,
    from: StageStatus,
) -> AppResult<Result<(), FieldErrors>> {
    let (opened, stage) = open_stage(env, actor, at, Need::Decide).await?;
    let comment = comment.trim().to_string();
    let errors = check_reason(&comment, from);
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let case = &opened.case;
    let now = env.clock.now();
    let txn = begin_case_write(env.db(), case.id.get()).await?;
    let state = read(&txn, env.library, case).await?;
    ensure_status(&state, stage, from)?;
    let reopening = from == StageStatus::Completed;
    let (kind, verb) = if reopening {
        ("stage_reopened", "reopened")
    } else {
        ("stage_sent_back", "sent back")
    };
    let change = Change {
        to: StageStatus::InProgress,
        kind,
        summary: format!("{} {verb} \"{}\": {comment}", actor.name, stage.title),
        evidence: serde_json::Value::Null,
    };
    change_status(&txn, (case, actor), stage, change, now, |row| {
        row.returned_note = comment.clone();
    })
    .await?;
    let current = reopening.then_some(stage.key.as_str());
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

/// A change of a stage's status and the event that records it.
struct Change {
    to: StageStatus,
    kind: &'static str,
    summary: String,
    /// What the decision rested on, for a vote gate (null otherwise).
    evidence: serde_json::Value,
}

/// Writes the new status (and whatever `edit` changes) with its event.
async fn change_status(
    txn: &DatabaseTransaction,
    (case, actor): (&Case, &Actor),
    stage: &Stage,
    change: Change,
    now: i64,
    edit: impl FnOnce(&mut case_stages::Model),
) -> AppResult<()> {
    let mut row = repo::stages::find_or_create(txn, case.id.get(), &stage.key, now).await?;
    let from = row.status.clone();
    row.status = change.to.as_str().into();
    row.updated_at = now;
    edit(&mut row);
    let mut data = json!({ "stage": stage.key, "from": from, "to": change.to.as_str(), "note": row.signoff_note, "comment": row.returned_note });
    if let (Some(map), serde_json::Value::Object(more)) = (data.as_object_mut(), change.evidence) {
        map.extend(more);
    }
    if !repo::stages::save_if_version(txn, row).await? {
        return Err(AppError::Conflict("the stage changed while saving".into()));
    }
    let (kind, summary) = (change.kind, &change.summary);
    repo::events::record(
        txn,
        case.id.get(),
        Some(actor.id),
        kind,
        summary,
        &data,
        now,
    )
    .await?;
    Ok(())
}
