//! A case's progress through its pathway: its answers and the status of each stage, and the
//! stage and form pages opened for someone. Saving a form page is `page_save`; the checklist
//! and the gates are `gates`.

use sea_orm::{
    sea_query::{Expr, ExprTrait},
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};
use serde_json::{json, Value};

use super::auth::Actor;
use super::cases::{open, OpenCase};
use super::Env;
use crate::db::entities::cases;
use crate::db::repo;
use crate::domain::access::Need;
use crate::domain::case::Case;
use crate::domain::ids::CaseId;
use crate::domain::pathways::definition::{Page, Stage};
use crate::domain::pathways::{Answers, PathwayLibrary};
use crate::domain::stages::{derive_statuses, StageRecord, StageStatus};
use crate::error::{AppError, AppResult};

/// A case's answers and stages as read from the database.
pub struct CaseState {
    /// Answers given (cleared ones left out).
    pub answers: Answers,
    /// The stages of the case's pathway in order, with their status and stored record.
    pub stages: Vec<StageState>,
}

pub struct StageState {
    pub key: String,
    pub status: StageStatus,
    /// `None` until someone touches the stage.
    pub record: Option<StageRecord>,
}

impl CaseState {
    pub fn stage(&self, key: &str) -> Option<&StageState> {
        self.stages.iter().find(|s| s.key == key)
    }

    /// The stored record of a stage, if it has one.
    pub fn record(&self, key: &str) -> Option<&StageRecord> {
        self.stage(key).and_then(|s| s.record.as_ref())
    }
}

/// Where a stage is named in an address: the case and the stage's key.
#[derive(Debug, Clone, Copy)]
pub struct StageAt<'a> {
    pub case: CaseId,
    pub stage: &'a str,
}

/// A form page named in an address: the case, the stage and the page's key.
#[derive(Debug, Clone, Copy)]
pub struct PageAt<'a> {
    pub case: CaseId,
    pub stage: &'a str,
    pub page: &'a str,
}

/// A stage of a case, opened for someone who may follow the case.
pub struct StagePage<'e> {
    pub opened: OpenCase,
    pub stage: &'e Stage,
    pub state: CaseState,
}

/// A stage's page, for everyone on the case (workers follow it too).
pub async fn stage<'e>(env: &Env<'e>, actor: &Actor, at: StageAt<'_>) -> AppResult<StagePage<'e>> {
    let opened = open(env, actor, at.case, Need::Follow).await?;
    let stage = stage_of(env.library, &opened.case, at.stage)?;
    let state = read(env.db(), env.library, &opened.case).await?;
    Ok(StagePage {
        opened,
        stage,
        state,
    })
}

/// A form page of a stage, opened for someone who may change the case's answers, while the
/// stage is open to changes.
pub struct FormPage<'e> {
    pub opened: OpenCase,
    pub stage: &'e Stage,
    pub page: &'e Page,
    pub answers: Answers,
}

pub async fn form_page<'e>(
    env: &Env<'e>,
    actor: &Actor,
    at: PageAt<'_>,
) -> AppResult<FormPage<'e>> {
    let opened = open(env, actor, at.case, Need::Work).await?;
    let (stage, page) = stage_and_page(env.library, &opened.case, at.stage, at.page)?;
    let state = read(env.db(), env.library, &opened.case).await?;
    ensure_open(&state, &stage.key)?;
    Ok(FormPage {
        opened,
        stage,
        page,
        answers: state.answers,
    })
}

/// The case's answers and stages, for a page that has opened it.
pub async fn state(env: &Env<'_>, opened: &OpenCase) -> AppResult<CaseState> {
    read(env.db(), env.library, &opened.case).await
}

/// The state of a case from its row, for pages not yet opening cases through `cases::open`.
pub async fn load(
    db: &impl ConnectionTrait,
    lib: &PathwayLibrary,
    case: &cases::Model,
) -> AppResult<CaseState> {
    read(db, lib, &Case::try_from(case.clone())?).await
}

pub(in crate::services) async fn read(
    db: &impl ConnectionTrait,
    lib: &PathwayLibrary,
    case: &Case,
) -> AppResult<CaseState> {
    let mut answers = Answers::new();
    for row in repo::answers::for_case(db, case.id.get()).await? {
        let value: Value = serde_json::from_str(&row.value).map_err(|e| {
            AppError::Internal(format!("answer {} is not JSON: {e}", row.question_key))
        })?;
        if !Value::is_null(&value) {
            answers.insert(row.question_key, value);
        }
    }
    let pathway = lib.pathway(case.pathway.as_str()).ok_or_else(|| {
        AppError::Internal(format!("no pathway file for {}", case.pathway.as_str()))
    })?;
    let mut rows = repo::stages::for_case(db, case.id.get()).await?;
    let mut records = Vec::with_capacity(pathway.stages.len());
    for stage in &pathway.stages {
        let record = match rows.iter().position(|r| r.stage_key == stage.key) {
            Some(at) => Some(StageRecord::try_from(&rows.swap_remove(at))?),
            None => None,
        };
        records.push(record);
    }
    let stored: Vec<Option<StageStatus>> = records
        .iter()
        .map(|r| r.as_ref().map(|r| r.status))
        .collect();
    let stages = derive_statuses(&stored)
        .into_iter()
        .zip(&pathway.stages)
        .zip(records)
        .map(|((status, stage), record)| StageState {
            key: stage.key.clone(),
            status,
            record,
        })
        .collect();
    Ok(CaseState { answers, stages })
}

/// The stage of the case's pathway named in an address, or 404.
pub(in crate::services) fn stage_of<'a>(
    lib: &'a PathwayLibrary,
    case: &Case,
    stage: &str,
) -> AppResult<&'a Stage> {
    lib.stage(case.pathway.as_str(), stage)
        .ok_or(AppError::NotFound)
}

/// The stage and page of a case's pathway named in an address, or 404.
fn stage_and_page<'a>(
    lib: &'a PathwayLibrary,
    case: &Case,
    stage: &str,
    page: &str,
) -> AppResult<(&'a Stage, &'a Page)> {
    let stage = stage_of(lib, case, stage)?;
    if !stage.pages.iter().any(|p| p == page) {
        return Err(AppError::NotFound);
    }
    Ok((stage, lib.page(page).ok_or(AppError::NotFound)?))
}

/// Answers may change only while a stage is open (not started or in progress).
pub(in crate::services) fn ensure_open(state: &CaseState, stage: &str) -> AppResult<StageStatus> {
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
pub(in crate::services) async fn start_stage(
    db: &impl ConnectionTrait,
    actor: &Actor,
    case: CaseId,
    stage: &Stage,
    now: i64,
) -> AppResult<()> {
    let mut row = repo::stages::find_or_create(db, case.get(), &stage.key, now).await?;
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
        case.get(),
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
pub(in crate::services) async fn touch_case(
    db: &impl ConnectionTrait,
    case: CaseId,
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
        .filter(cases::Column::Id.eq(case.get()))
        .exec(db)
        .await?;
    Ok(())
}

/// Marks the case as waiting for a centre sign-off since `since`, or no longer waiting. The
/// dashboard lists waiting cases from this column, so it needs no join over every stage.
pub(in crate::services) async fn set_awaiting_signoff(
    db: &impl ConnectionTrait,
    case: CaseId,
    since: Option<i64>,
) -> AppResult<()> {
    cases::Entity::update_many()
        .col_expr(cases::Column::AwaitingSignoffSince, Expr::value(since))
        .filter(cases::Column::Id.eq(case.get()))
        .exec(db)
        .await?;
    Ok(())
}
