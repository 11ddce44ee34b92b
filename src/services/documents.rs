//! Document use cases: saving the answers a document is made from, making a draft or final
//! version, and reading versions back. Centre staff and the case's reps may do all of it;
//! workers see only versions published to them; anyone else gets 404.

use std::sync::Arc;

use sea_orm::DatabaseConnection;
use serde_json::{json, Map, Value};

use super::auth::Actor;
use super::cases::{find_visible, Access};
use super::render::{self, Engine, Facts, Kind, PrepareError, Problem};
use crate::clock::Clock;
use crate::db::begin_case_write;
use crate::db::entities::{cases, documents};
use crate::db::repo::{self, documents::DocumentRow};
use crate::domain::field_errors::FieldErrors;
use crate::error::{AppError, AppResult};

/// The case, if the actor may work on its documents (not workers).
pub async fn editable_case(
    db: &DatabaseConnection,
    actor: &Actor,
    case_id: i64,
) -> AppResult<(cases::Model, Access)> {
    let (case, access) = find_visible(db, actor, case_id).await?;
    if access == Access::Worker {
        return Err(AppError::Forbidden(
            "documents are drafted by the reps and the centre",
        ));
    }
    Ok((case, access))
}

/// A kind's saved answers (an empty object when none yet) and their version (0 when none).
pub async fn answers(
    db: &DatabaseConnection,
    case_id: i64,
    kind: Kind,
) -> AppResult<(Map<String, Value>, i64)> {
    Ok(
        match repo::documents::answers(db, case_id, kind.as_str()).await? {
            Some(row) => (
                serde_json::from_str(&row.answers).unwrap_or_default(),
                row.version,
            ),
            None => (Map::new(), 0),
        },
    )
}

/// Saves answers unless someone else saved since `expected_version`; returns whether saved.
pub async fn save_answers(
    db: &DatabaseConnection,
    clock: &Clock,
    actor: &Actor,
    case_id: i64,
    kind: Kind,
    answers: &Map<String, Value>,
    expected_version: i64,
) -> AppResult<bool> {
    let now = clock.now();
    let txn = begin_case_write(db, case_id).await?;
    let text = Value::Object(answers.clone()).to_string();
    let saved = repo::documents::save_answers(
        &txn,
        case_id,
        kind.as_str(),
        &text,
        expected_version,
        actor.id,
        now,
    )
    .await?;
    if !saved {
        return Ok(false);
    }
    repo::events::record(
        &txn,
        case_id,
        Some(actor.id),
        "document_answers_saved",
        &format!("{} answers saved by {}", kind.label(), actor.name),
        &json!({ "kind": kind.as_str(), "version": expected_version + 1 }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(true)
}

/// What happened when someone asked for a new version.
pub enum Outcome {
    Made(documents::Model),
    /// The answers cannot be read at all yet.
    NeedsAnswers(FieldErrors),
    /// A final version was asked for but these things stop it.
    Refused(Vec<Problem>),
}

/// Makes a new draft or final version from the saved answers and stores it.
pub async fn generate(
    db: &DatabaseConnection,
    engine: &Arc<Engine>,
    clock: &Clock,
    actor: &Actor,
    case_id: i64,
    kind: Kind,
    draft: bool,
) -> AppResult<Outcome> {
    let (case, _) = editable_case(db, actor, case_id).await?;
    let (saved, _) = answers(db, case_id, kind).await?;
    let version = repo::documents::next_version(db, case_id, kind.as_str()).await?;
    let facts = Facts {
        reference: case.reference.clone(),
        coop_name: coop_name(db, &case).await?,
        author: actor.name.clone(),
        version: u32::try_from(version).unwrap_or(1),
        draft,
        today: clock.today(),
        made_at: clock.now(),
    };
    // Each document is checked against the other where the case has both.
    let other = match kind {
        Kind::Rules => Kind::BusinessPlan,
        Kind::BusinessPlan => Kind::Rules,
    };
    let (other_answers, _) = answers(db, case_id, other).await?;
    let other_answers = (!other_answers.is_empty()).then_some(other_answers);
    let engine = Arc::clone(engine);
    let answers_json = Value::Object(saved.clone());
    // Layout is CPU work: keep it off the async workers, within the render slots, so pages
    // keep being served.
    let made = render::run_limited(move || {
        let prepared = match kind {
            Kind::Rules => render::prepare_rules_with_plan(
                &engine,
                &saved,
                &facts,
                other_answers.map(Value::Object).as_ref(),
            ),
            Kind::BusinessPlan => render::prepare_plan_with_rules(
                &engine,
                &answers_json,
                &facts,
                other_answers.as_ref(),
            ),
        }?;
        if !draft && !prepared.final_problems.is_empty() {
            return Ok(Err(prepared.final_problems));
        }
        let (pdf, pages) = render::pdf(&engine, &prepared)?;
        Ok::<_, PrepareError>(Ok((prepared, pdf, pages)))
    })
    .await?;
    let (prepared, pdf, pages) = match made {
        Err(PrepareError::Answers(errors)) => return Ok(Outcome::NeedsAnswers(errors)),
        Err(PrepareError::Docgen(e)) => return Err(e.into()),
        Ok(Err(problems)) => return Ok(Outcome::Refused(problems)),
        Ok(Ok(made)) => made,
    };
    let doc = store(db, clock, actor, &case, kind, &prepared, pdf, pages).await?;
    Ok(Outcome::Made(doc))
}

#[allow(clippy::too_many_arguments)]
async fn store(
    db: &DatabaseConnection,
    clock: &Clock,
    actor: &Actor,
    case: &cases::Model,
    kind: Kind,
    prepared: &render::Prepared,
    pdf: Vec<u8>,
    pages: usize,
) -> AppResult<documents::Model> {
    let now = clock.now();
    let version = i32::try_from(prepared.meta.version).unwrap_or(i32::MAX);
    let answers = repo::documents::answers(db, case.id, kind.as_str())
        .await?
        .map_or_else(|| "{}".to_string(), |a| a.answers);
    let txn = begin_case_write(db, case.id).await?;
    let doc = repo::documents::insert(
        &txn,
        repo::documents::NewDocument {
            case_id: case.id,
            kind: kind.as_str(),
            version,
            draft: prepared.meta.draft,
            coop_name: prepared.meta.coop_name.clone(),
            content_hash: render::content_hash(&prepared.markup),
            answers,
            markup: prepared.markup.clone(),
            pdf,
            page_count: i32::try_from(pages).unwrap_or(i32::MAX),
            created_by: actor.id,
            created_at: now,
        },
    )
    .await
    // The unique (case, kind, version) index: someone else made this version number first.
    .map_err(|_| {
        AppError::Conflict("someone else made a version at the same moment; try again".into())
    })?;
    let what = if prepared.meta.draft {
        "draft"
    } else {
        "final"
    };
    repo::events::record(
        &txn,
        case.id,
        Some(actor.id),
        "document_generated",
        &format!(
            "{} version {version} ({what}) made by {}",
            kind.label(),
            actor.name
        ),
        &json!({ "kind": kind.as_str(), "version": version, "draft": prepared.meta.draft, "document_id": doc.id }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(doc)
}

/// The co-op's name: from the rules answers when the rules have been started, else the
/// case's name (a business plan has no name question of its own).
async fn coop_name(db: &DatabaseConnection, case: &cases::Model) -> AppResult<String> {
    let (rules, _) = answers(db, case.id, Kind::Rules).await?;
    Ok(rules
        .get("name")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map_or_else(|| case.name.clone(), str::to_string))
}

/// The versions the actor may see, with the name of who made each.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    case_id: i64,
) -> AppResult<(cases::Model, Access, Vec<(DocumentRow, String)>)> {
    let (case, access) = find_visible(db, actor, case_id).await?;
    let rows = repo::documents::list(db, case_id).await?;
    let mut out = Vec::new();
    for row in rows {
        if access == Access::Worker && !row.published {
            continue;
        }
        let who = repo::users::find(db, row.created_by)
            .await?
            .map_or_else(|| "someone".to_string(), |u| u.name);
        out.push((row, who));
    }
    Ok((case, access, out))
}

/// One version, if the actor may see it (workers: published versions only).
pub async fn find(
    db: &DatabaseConnection,
    actor: &Actor,
    case_id: i64,
    document_id: i64,
) -> AppResult<(cases::Model, Access, documents::Model)> {
    let (case, access) = find_visible(db, actor, case_id).await?;
    let doc = repo::documents::find(db, case_id, document_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if access == Access::Worker && !doc.published {
        return Err(AppError::NotFound);
    }
    Ok((case, access, doc))
}
