//! A case's progress through its pathway: loading its answers and stages, and saving a form
//! page without overwriting what someone else saved meanwhile.

use std::collections::BTreeMap;

use sea_orm::{
    sea_query::{Expr, ExprTrait},
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter,
};
use serde_json::{json, Value};

use super::auth::Actor;
use super::cases::Access;
use crate::clock::Clock;
use crate::db::begin_case_write;
use crate::db::entities::{case_stages, cases};
use crate::db::repo;
use crate::domain::pathways::definition::{Page, Stage};
use crate::domain::pathways::{
    apply_page, display_answer, validate_page, Answers, PageRejected, PathwayLibrary,
    SubmittedValue,
};
use crate::domain::stages::{derive_statuses, StageStatus};
use crate::error::{AppError, AppResult};

/// A case's answers and stages as read from the database.
pub struct CaseState {
    /// Answers given (cleared ones left out).
    pub answers: Answers,
    /// The stages of the case's pathway in order, with their status and stored row.
    pub stages: Vec<StageState>,
}

pub struct StageState {
    pub key: String,
    pub status: StageStatus,
    pub row: Option<case_stages::Model>,
}

impl CaseState {
    pub fn stage(&self, key: &str) -> Option<&StageState> {
        self.stages.iter().find(|s| s.key == key)
    }
}

pub async fn load(
    db: &impl ConnectionTrait,
    lib: &PathwayLibrary,
    case: &cases::Model,
) -> AppResult<CaseState> {
    let answers = repo::answers::for_case(db, case.id)
        .await?
        .into_iter()
        .filter_map(|row| {
            let value: Value = serde_json::from_str(&row.value).ok()?;
            (!Value::is_null(&value)).then_some((row.question_key, value))
        })
        .collect();
    let mut rows = repo::stages::for_case(db, case.id).await?;
    let keys: Vec<String> = lib
        .pathway(&case.pathway)
        .map(|p| p.stages.iter().map(|s| s.key.clone()).collect())
        .unwrap_or_default();
    let mut ordered: Vec<Option<case_stages::Model>> = keys
        .iter()
        .map(|k| {
            let at = rows.iter().position(|r| &r.stage_key == k)?;
            Some(rows.swap_remove(at))
        })
        .collect();
    let stored: Vec<Option<StageStatus>> = ordered
        .iter()
        .map(|r| r.as_ref().and_then(|r| StageStatus::parse(&r.status)))
        .collect();
    let stages = derive_statuses(&stored)
        .into_iter()
        .zip(keys)
        .zip(ordered.iter_mut())
        .map(|((status, key), row)| StageState {
            key,
            status,
            row: row.take(),
        })
        .collect();
    Ok(CaseState { answers, stages })
}

/// The stage and page of a case's pathway named in an address, or 404.
pub fn stage_and_page<'a>(
    lib: &'a PathwayLibrary,
    case: &cases::Model,
    stage: &str,
    page: &str,
) -> AppResult<(&'a Stage, &'a Page)> {
    let stage = lib.stage(&case.pathway, stage).ok_or(AppError::NotFound)?;
    if !stage.pages.iter().any(|p| p == page) {
        return Err(AppError::NotFound);
    }
    Ok((stage, lib.page(page).ok_or(AppError::NotFound)?))
}

/// Reps and staff change answers; workers follow the case but do not edit it.
pub fn ensure_editor(access: Access) -> AppResult<()> {
    match access {
        Access::Worker => Err(AppError::Forbidden(
            "workers cannot change a case's answers",
        )),
        _ => Ok(()),
    }
}

/// One question saved by someone else since the page was opened, with both values.
#[derive(Debug, Clone)]
pub struct Clash {
    pub key: String,
    pub label: String,
    pub theirs: Option<Value>,
    pub yours: Option<Value>,
}

pub enum SaveOutcome {
    Saved,
    Invalid(PageRejected),
    /// Nothing was saved; `mine` is the page as validated, to offer again.
    Conflict {
        clashes: Vec<Clash>,
        mine: Answers,
    },
}

/// A submitted form page: the values typed and, per question, the stored value the form was
/// opened with (`None` when it had no answer).
pub struct PageSubmission {
    pub values: BTreeMap<String, SubmittedValue>,
    pub opened_with: BTreeMap<String, Option<Value>>,
}

/// Saves one form page of a stage. Answers someone else changed since the page was opened are
/// never overwritten: if this person's value for such a question differs, nothing is saved
/// and the clashes come back for them to choose.
pub async fn save_page(
    db: &DatabaseConnection,
    clock: &Clock,
    lib: &PathwayLibrary,
    actor: &Actor,
    (case, access): (&cases::Model, Access),
    (stage, page): (&Stage, &Page),
    submission: &PageSubmission,
) -> AppResult<SaveOutcome> {
    ensure_editor(access)?;
    let now = clock.now();
    let txn = begin_case_write(db, case.id).await?;
    let state = load(&txn, lib, case).await?;
    ensure_open(&state, &stage.key)?;
    let validated = match validate_page(
        lib,
        &page.key,
        &submission.values,
        &state.answers,
        clock.today(),
    ) {
        Ok(v) => v,
        Err(rejected) => return Ok(SaveOutcome::Invalid(rejected)),
    };
    let mut updated = apply_page(lib, &page.key, &state.answers, validated.clone());
    keep_their_changes(page, &state.answers, &mut updated, submission);
    let clashes = clashes(page, &state.answers, &updated, submission);
    if !clashes.is_empty() {
        return Ok(SaveOutcome::Conflict {
            clashes,
            mine: validated,
        });
    }
    write_changes(&txn, actor, case.id, page, (&state.answers, &updated), now).await?;
    start_stage(&txn, actor, case, stage, now).await?;
    touch_case(&txn, case.id, None, now).await?;
    txn.commit().await?;
    Ok(SaveOutcome::Saved)
}

/// Writes each answer of the page that changed, with its old and new value on the event log.
/// Each write is conditional on the version read, so a save made meanwhile is never lost.
async fn write_changes(
    txn: &DatabaseTransaction,
    actor: &Actor,
    case_id: i64,
    page: &Page,
    (before, after): (&Answers, &Answers),
    now: i64,
) -> AppResult<()> {
    let rows = repo::answers::for_case(txn, case_id).await?;
    for q in &page.questions {
        let (old, new) = (before.get(&q.key), after.get(&q.key));
        if old == new {
            continue;
        }
        let stored = new.cloned().unwrap_or(Value::Null);
        match rows.iter().find(|r| r.question_key == q.key) {
            Some(row) => {
                if !repo::answers::update_if_version(
                    txn,
                    row.id,
                    row.version,
                    &stored,
                    actor.id,
                    now,
                )
                .await?
                {
                    return Err(AppError::Conflict("an answer changed while saving".into()));
                }
            }
            // Someone else gave the first answer at the same instant: the unique index refuses
            // the second, which is a conflict to show, not a fault.
            None => repo::answers::insert(txn, case_id, &q.key, &stored, actor.id, now)
                .await
                .map_err(|e| match e.sql_err() {
                    Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
                        AppError::Conflict("an answer was given while saving".into())
                    }
                    _ => AppError::Db(e),
                })?,
        }
        let summary = format!(
            "{} changed \"{}\" from {} to {}",
            actor.name,
            q.label,
            display_answer(q, old),
            display_answer(q, new)
        );
        let data = json!({ "question": q.key, "page": page.key, "old": old, "new": new });
        repo::events::record(
            txn,
            case_id,
            Some(actor.id),
            "answer_changed",
            &summary,
            &data,
            now,
        )
        .await?;
    }
    Ok(())
}

/// An answer this person left as it was when they opened the page, but someone else changed
/// meanwhile, keeps the other person's value: saving the page must not quietly undo it.
fn keep_their_changes(
    page: &Page,
    stored: &Answers,
    updated: &mut Answers,
    submission: &PageSubmission,
) {
    for q in &page.questions {
        let Some(opened) = submission.opened_with.get(&q.key) else {
            continue;
        };
        let now_stored = stored.get(&q.key);
        if opened.as_ref() != now_stored && updated.get(&q.key) == opened.as_ref() {
            match now_stored {
                Some(value) => updated.insert(q.key.clone(), value.clone()),
                None => updated.remove(&q.key),
            };
        }
    }
}

/// Questions whose stored answer is no longer what the form was opened with, and where this
/// person's new value differs from the stored one.
fn clashes(
    page: &Page,
    stored: &Answers,
    updated: &Answers,
    submission: &PageSubmission,
) -> Vec<Clash> {
    page.questions
        .iter()
        .filter_map(|q| {
            let now_stored = stored.get(&q.key);
            let opened = submission
                .opened_with
                .get(&q.key)
                .map_or(now_stored, Option::as_ref);
            let mine = updated.get(&q.key);
            (opened != now_stored && mine != now_stored).then(|| Clash {
                key: q.key.clone(),
                label: q.label.clone(),
                theirs: now_stored.cloned(),
                yours: mine.cloned(),
            })
        })
        .collect()
}

/// Answers may change only while a stage is open (not started or in progress).
pub fn ensure_open(state: &CaseState, stage: &str) -> AppResult<StageStatus> {
    let status = state.stage(stage).ok_or(AppError::NotFound)?.status;
    if !status.is_open() {
        return Err(AppError::Conflict(format!(
            "stage {stage} is {}",
            status.label()
        )));
    }
    Ok(status)
}

/// Marks a not-started stage as in progress, on the first saved answer or tick.
pub async fn start_stage(
    db: &impl ConnectionTrait,
    actor: &Actor,
    case: &cases::Model,
    stage: &Stage,
    now: i64,
) -> AppResult<()> {
    let mut row = repo::stages::find_or_create(db, case.id, &stage.key, now).await?;
    if row.status != StageStatus::NotStarted.as_str() {
        return Ok(());
    }
    row.status = StageStatus::InProgress.as_str().into();
    row.updated_at = now;
    if !repo::stages::save_if_version(db, row).await? {
        return Err(AppError::Conflict("the stage changed while saving".into()));
    }
    let summary = format!("{} started the stage \"{}\"", actor.name, stage.title);
    repo::events::record(
        db,
        case.id,
        Some(actor.id),
        "stage_started",
        &summary,
        &json!({ "stage": stage.key }),
        now,
    )
    .await?;
    Ok(())
}

/// Records that the case changed (and, when given, which stage it is at now).
pub async fn touch_case(
    db: &impl ConnectionTrait,
    case_id: i64,
    current_stage: Option<&str>,
    now: i64,
) -> AppResult<()> {
    let mut update = cases::Entity::update_many()
        .col_expr(cases::Column::UpdatedAt, Expr::value(now))
        .col_expr(
            cases::Column::Version,
            Expr::col(cases::Column::Version).add(1),
        );
    if let Some(stage) = current_stage {
        update = update.col_expr(cases::Column::CurrentStage, Expr::value(stage));
    }
    update
        .filter(cases::Column::Id.eq(case_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Marks the case as waiting for a centre sign-off since `since`, or no longer waiting. The
/// dashboard lists waiting cases from this column, so it needs no join over every stage.
pub async fn set_awaiting_signoff(
    db: &impl ConnectionTrait,
    case_id: i64,
    since: Option<i64>,
) -> AppResult<()> {
    cases::Entity::update_many()
        .col_expr(cases::Column::AwaitingSignoffSince, Expr::value(since))
        .filter(cases::Column::Id.eq(case_id))
        .exec(db)
        .await?;
    Ok(())
}
