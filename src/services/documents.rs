//! Document use cases: saving the answers a document is made from, making a draft or final
//! version, and reading versions back. Centre staff and the case's reps may do all of it
//! (`Need::Work`); workers see only versions published to them
//! (`domain::access::may_see_document`); anyone else gets 404.

use std::sync::Arc;

use sea_orm::DatabaseConnection;
use serde_json::{json, Map, Value};

use super::auth::Actor;
use super::cases::{self, OpenCase};
use super::render::{self, Engine, Facts, Kind, PrepareError, Problem};
use super::Env;
use crate::db::begin_case_write;
use crate::db::entities::documents;
use crate::db::repo;
use crate::docgen::{self, compare, DocumentMeta};
use crate::domain::access::{self, Need};
use crate::domain::case::{stored, Case};
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::{CaseId, DocumentId};
use crate::domain::rules::{self, LegalForm};
use crate::error::{AppError, AppResult};

/// What the compare page shows, as `docgen::compare` works it out.
pub use crate::docgen::compare::{Change, ClauseDiff, PieceKind};

/// A kind's saved answers (an empty object when none yet) and their version (0 when none).
///
/// No access check: for use cases that have opened the case already, and for the deadlines
/// page until it moves to `Env`.
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

/// A document's answers as someone about to edit them sees them.
pub struct Editing {
    pub opened: OpenCase,
    pub answers: Map<String, Value>,
    /// The version the answers were read at, sent back with the form.
    pub version: i64,
}

/// The case and a kind's saved answers, for someone who may draft its documents.
pub async fn editing(env: &Env<'_>, actor: &Actor, id: CaseId, kind: Kind) -> AppResult<Editing> {
    let opened = cases::open(env, actor, id, Need::Work).await?;
    let (answers, version) = answers(env.db(), id.get(), kind).await?;
    Ok(Editing {
        opened,
        answers,
        version,
    })
}

/// The pledges of the case's workers' survey, offered to the business plan as member capital.
/// Totals only, never who pledged what; taking the opened case means access was asked.
pub async fn survey_pledges(
    env: &Env<'_>,
    opened: &OpenCase,
) -> AppResult<crate::domain::survey::PledgeTotals> {
    super::survey::pledge_totals(env.db(), opened.id().get()).await
}

/// Saves answers unless someone else saved since `expected_version`; returns whether saved.
pub async fn save_answers(
    env: &Env<'_>,
    actor: &Actor,
    id: CaseId,
    kind: Kind,
    (answers, expected_version): (&Map<String, Value>, i64),
) -> AppResult<bool> {
    // Asked before the write lock, so that someone who may not edit cannot hold it.
    cases::open(env, actor, id, Need::Work).await?;
    let now = env.clock.now();
    let txn = begin_case_write(env.db(), id.get()).await?;
    let text = Value::Object(answers.clone()).to_string();
    let saved = repo::documents::save_answers(
        &txn,
        id.get(),
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
        id.get(),
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
    env: &Env<'_>,
    engine: &Arc<Engine>,
    actor: &Actor,
    id: CaseId,
    (kind, draft): (Kind, bool),
) -> AppResult<Outcome> {
    let opened = cases::open(env, actor, id, Need::Work).await?;
    let db = env.db();
    let (mut saved, _) = answers(db, id.get(), kind).await?;
    let version = repo::documents::next_version(db, id.get(), kind.as_str()).await?;
    let facts = Facts {
        reference: opened.case.reference.clone(),
        coop_name: coop_name(db, &opened.case).await?,
        author: actor.name.clone(),
        version: u32::try_from(version).unwrap_or(1),
        draft,
        today: env.clock.today(),
        made_at: env.clock.now(),
    };
    // Each document is checked against the other where the case has both.
    let other = match kind {
        Kind::Rules => Kind::BusinessPlan,
        Kind::BusinessPlan => Kind::Rules,
    };
    let (mut other_answers, _) = answers(db, id.get(), other).await?;
    // A plan taking members' money from the survey is made with the survey as it stands.
    let plan = match kind {
        Kind::BusinessPlan => &mut saved,
        Kind::Rules => &mut other_answers,
    };
    if crate::domain::finance::member_money::from_survey(plan) {
        let totals = survey_pledges(env, &opened).await?;
        let pledges = crate::domain::finance::member_money::SurveyPledges {
            members: totals.members_pledged,
            total_pence: totals.total_pence,
        };
        if let Err(message) = crate::domain::finance::member_money::apply_survey(plan, pledges) {
            let mut errors = FieldErrors::new();
            errors.add("members_money_from", message);
            if kind == Kind::BusinessPlan {
                return Ok(Outcome::NeedsAnswers(errors));
            }
        }
    }
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
        Ok::<_, PrepareError>(Ok((prepared, Rendered { pdf, pages })))
    })
    .await?;
    let (prepared, rendered) = match made {
        Err(PrepareError::Answers(errors)) => return Ok(Outcome::NeedsAnswers(errors)),
        Err(PrepareError::Docgen(e)) => return Err(e.into()),
        Ok(Err(problems)) => return Ok(Outcome::Refused(problems)),
        Ok(Ok(made)) => made,
    };
    let doc = store(env, actor, id, &prepared, rendered).await?;
    Ok(Outcome::Made(doc))
}

/// A laid-out PDF and its page count.
struct Rendered {
    pdf: Vec<u8>,
    pages: usize,
}

async fn store(
    env: &Env<'_>,
    actor: &Actor,
    id: CaseId,
    prepared: &render::Prepared,
    rendered: Rendered,
) -> AppResult<documents::Model> {
    let (db, now, kind) = (env.db(), env.clock.now(), prepared.kind);
    let version = i32::try_from(prepared.meta.version).unwrap_or(i32::MAX);
    let answers = repo::documents::answers(db, id.get(), kind.as_str())
        .await?
        .map_or_else(|| "{}".to_string(), |a| a.answers);
    let txn = begin_case_write(db, id.get()).await?;
    let doc = repo::documents::insert(
        &txn,
        repo::documents::NewDocument {
            case_id: id.get(),
            kind: kind.as_str(),
            version,
            draft: prepared.meta.draft,
            coop_name: prepared.meta.coop_name.clone(),
            content_hash: render::content_hash(&prepared.markup),
            answers,
            markup: prepared.markup.clone(),
            pdf: rendered.pdf,
            page_count: i32::try_from(rendered.pages).unwrap_or(i32::MAX),
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
        id.get(),
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
async fn coop_name(db: &DatabaseConnection, case: &Case) -> AppResult<String> {
    let (rules, _) = answers(db, case.id.get(), Kind::Rules).await?;
    Ok(rules
        .get("name")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map_or_else(|| case.name.clone(), str::to_string))
}

/// One version as the documents tab lists it.
pub struct VersionLine {
    pub id: DocumentId,
    pub kind: Kind,
    pub version: i32,
    pub draft: bool,
    pub pages: i32,
    pub published: bool,
    /// The name of who made it.
    pub who: String,
    pub created_at: i64,
}

/// The documents tab: the versions the actor may see, and the rules' legal form (which
/// question pages there are) when one is chosen.
pub struct Overview {
    pub opened: OpenCase,
    pub versions: Vec<VersionLine>,
    pub rules_form: Option<LegalForm>,
}

/// The documents tab of a case for this person.
pub async fn overview(env: &Env<'_>, actor: &Actor, id: CaseId) -> AppResult<Overview> {
    let opened = cases::open(env, actor, id, Need::Follow).await?;
    let db = env.db();
    let mut versions = Vec::new();
    for row in repo::documents::list(db, id.get()).await? {
        // A meeting's notice and minutes are shown with the meeting and in the library.
        if super::meeting_docs::is_meeting_document(&row.kind) {
            continue;
        }
        if !access::may_see_document(opened.role, row.published) {
            continue;
        }
        let who = repo::users::find(db, row.created_by)
            .await?
            .map_or_else(|| "someone".to_string(), |u| u.name);
        versions.push(VersionLine {
            id: DocumentId(row.id),
            kind: stored("documents.kind", &row.kind, Kind::parse)?,
            version: row.version,
            draft: row.draft,
            pages: row.page_count,
            published: row.published,
            who,
            created_at: row.created_at,
        });
    }
    let (rules_answers, _) = answers(db, id.get(), Kind::Rules).await?;
    let rules_form = rules::read_answers(&rules_answers).ok().map(|o| o.form);
    Ok(Overview {
        opened,
        versions,
        rules_form,
    })
}

/// One stored version, typed.
pub struct Found {
    pub opened: OpenCase,
    pub kind: Kind,
    pub doc: documents::Model,
}

/// One version, if the actor may see it (workers: published versions only).
pub async fn find(
    env: &Env<'_>,
    actor: &Actor,
    id: CaseId,
    document_id: DocumentId,
) -> AppResult<Found> {
    let opened = cases::open(env, actor, id, Need::Follow).await?;
    let doc = repo::documents::find(env.db(), id.get(), document_id.get())
        .await?
        .filter(|d| access::may_see_document(opened.role, d.published))
        .filter(|d| !super::meeting_docs::is_meeting_document(&d.kind))
        .ok_or(AppError::NotFound)?;
    let kind = stored("documents.kind", &doc.kind, Kind::parse)?;
    Ok(Found { opened, kind, doc })
}

/// One version and its HTML, laid out again from its stored markup exactly as it was made.
pub async fn read(
    env: &Env<'_>,
    actor: &Actor,
    id: CaseId,
    document_id: DocumentId,
) -> AppResult<(Found, String)> {
    let found = find(env, actor, id, document_id).await?;
    let meta = stored_meta(&found);
    let html = render::stored_html(meta, found.doc.markup.clone()).await?;
    Ok((found, html))
}

/// What a stored version needs to be shown again exactly as it was made.
fn stored_meta(found: &Found) -> DocumentMeta {
    let doc = &found.doc;
    let (title, subject) = match found.kind {
        Kind::Rules => (format!("Rules of {}", doc.coop_name), "Model rules"),
        Kind::BusinessPlan => (format!("Business plan: {}", doc.coop_name), "Business plan"),
    };
    DocumentMeta {
        title,
        author: String::new(),
        subject: format!("{subject}, case {}", found.opened.case.reference),
        coop_name: doc.coop_name.clone(),
        reference: found.opened.case.reference.clone(),
        version: u32::try_from(doc.version).unwrap_or(0),
        draft: doc.draft,
    }
}

/// Two versions of the rules compared clause by clause.
pub struct Comparison {
    pub opened: OpenCase,
    pub from: i32,
    pub to: i32,
    pub clauses: Vec<ClauseDiff>,
}

/// Compares two versions of the case's rules; 404 unless both are rules the actor may see.
pub async fn compare(
    env: &Env<'_>,
    actor: &Actor,
    id: CaseId,
    (from, to): (DocumentId, DocumentId),
) -> AppResult<Comparison> {
    let old = find(env, actor, id, from).await?;
    let new = find(env, actor, id, to).await?;
    if old.kind != Kind::Rules || new.kind != Kind::Rules {
        return Err(AppError::NotFound);
    }
    let (old_markup, new_markup) = (old.doc.markup, new.doc.markup);
    // Parsing and diffing two documents is CPU work, like laying one out.
    let clauses = render::run_limited(move || {
        let (old, new) = (docgen::parse(&old_markup)?, docgen::parse(&new_markup)?);
        Ok::<_, docgen::DocgenError>(compare::compare_clauses(&old, &new))
    })
    .await??;
    Ok(Comparison {
        opened: old.opened,
        from: old.doc.version,
        to: new.doc.version,
        clauses,
    })
}
