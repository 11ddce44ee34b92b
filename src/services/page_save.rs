//! Saving a form page of a stage without overwriting what someone else saved meanwhile.
//!
//! A form page carries, per question, the stored answer as it was when the page was opened.
//! On saving, a question whose stored answer has changed since, and where this person typed
//! something different, is a clash: nothing is saved and the person chooses.

use std::collections::BTreeMap;

use sea_orm::DatabaseTransaction;
use serde_json::{json, Value};

use super::auth::Actor;
use super::pathways::{ensure_open, read, start_stage, touch_case, FormPage};
use super::Env;
use crate::db::begin_case_write;
use crate::db::repo;
use crate::domain::access::{self, Need};
use crate::domain::ids::CaseId;
use crate::domain::pathways::definition::Page;
use crate::domain::pathways::{
    apply_page, display_answer, validate_page, Answers, PageRejected, SubmittedValue,
};
use crate::error::{AppError, AppResult};

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

/// Saves a form page opened with `pathways::form_page`. Answers someone else changed since the
/// page was opened are never overwritten: if this person's value for such a question differs,
/// nothing is saved and the clashes come back for them to choose. Returns, with the outcome,
/// the case's answers as they stand afterwards.
pub async fn save_page(
    env: &Env<'_>,
    actor: &Actor,
    form: &FormPage<'_>,
    submission: &PageSubmission,
) -> AppResult<(SaveOutcome, Answers)> {
    access::decide(Some(form.opened.role), Need::Work)?;
    let (lib, case, page) = (env.library, &form.opened.case, form.page);
    let now = env.clock.now();
    let txn = begin_case_write(env.db(), case.id.get()).await?;
    let state = read(&txn, lib, case).await?;
    ensure_open(&state, &form.stage.key)?;
    let validated = match validate_page(
        lib,
        &page.key,
        &submission.values,
        &state.answers,
        env.clock.today(),
    ) {
        Ok(v) => v,
        Err(rejected) => return Ok((SaveOutcome::Invalid(rejected), state.answers)),
    };
    let mut updated = apply_page(lib, &page.key, &state.answers, validated.clone());
    keep_their_changes(page, &state.answers, &mut updated, submission);
    let clashes = clashes(page, &state.answers, &updated, submission);
    if !clashes.is_empty() {
        let mine = validated;
        return Ok((SaveOutcome::Conflict { clashes, mine }, state.answers));
    }
    write_changes(&txn, actor, case.id, page, (&state.answers, &updated), now).await?;
    start_stage(&txn, actor, case.id, form.stage, now).await?;
    touch_case(&txn, case.id, None, now).await?;
    txn.commit().await?;
    Ok((SaveOutcome::Saved, updated))
}

/// Writes each answer of the page that changed, with its old and new value on the event log.
/// Each write is conditional on the version read, so a save made meanwhile is never lost.
async fn write_changes(
    txn: &DatabaseTransaction,
    actor: &Actor,
    case: CaseId,
    page: &Page,
    (before, after): (&Answers, &Answers),
    now: i64,
) -> AppResult<()> {
    let case_id = case.get();
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
