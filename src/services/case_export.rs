//! One case with everything recorded about it, as JSON: for funders' reports and for a
//! person's request for their data.
//!
//! Only the centre exports. The survey goes in as the survey page shows it to the centre,
//! through the same privacy gate (`survey::page`): the centre may read each response with its
//! author's name (as on the survey page and in its CSV), and the totals; the threshold below
//! which totals are withheld protects workers' view only, which this export never reaches.

use sea_orm::ConnectionTrait;
use serde_json::{json, Map, Value};

use super::auth::Actor;
use super::cases;
use super::Env;
use crate::db::repo;
use crate::domain::access::{self, Need};
use crate::domain::case::Case;
use crate::domain::ids::CaseId;
use crate::error::AppResult;
use crate::services::render::Kind;

/// Everything recorded about a case, for the centre only.
pub async fn case_json(env: &Env<'_>, actor: &Actor, id: CaseId) -> AppResult<Value> {
    access::require_centre(actor.role)?;
    let case = cases::open(env, actor, id, Need::CentreEyesOnly)
        .await?
        .case;
    let (db, case_id) = (env.db(), id.get());
    let members = repo::centre::members(db, case_id).await?;
    let events = repo::events::for_case(db, case_id).await?;
    let tasks = repo::tasks::for_case(db, case_id).await?;
    let notes = repo::notes::for_case(db, case_id, false).await?;
    let mut out = Map::new();
    out.insert("format".into(), json!("coopkit-case-export/1"));
    out.insert("case".into(), case_value(&case));
    out.insert(
        "people".into(),
        members
            .iter()
            .map(|(m, u)| json!({ "name": u.name, "email": u.email, "role_on_case": m.role, "added_at": m.created_at }))
            .collect(),
    );
    out.insert(
        "events".into(),
        events
            .iter()
            .map(|e| json!({
                "at": e.created_at, "kind": e.kind, "summary": e.summary, "actor_id": e.actor_id,
                "data": serde_json::from_str::<Value>(&e.data).unwrap_or(Value::Null),
            }))
            .collect(),
    );
    out.insert(
        "tasks".into(),
        tasks
            .iter()
            .map(|t| json!({ "title": t.title, "due_on": t.due_on, "assignee_id": t.assignee_id, "done_at": t.done_at, "created_at": t.created_at }))
            .collect(),
    );
    out.insert(
        "notes".into(),
        notes
            .iter()
            .map(|n| json!({ "body": n.body, "visibility": n.visibility, "author_id": n.author_id, "created_at": n.created_at, "updated_at": n.updated_at }))
            .collect(),
    );
    add_other_sections(db, &case, &mut out).await?;
    add_document_answers(env, case_id, &mut out).await?;
    add_survey(env, actor, id, &mut out).await?;
    Ok(Value::Object(out))
}

fn case_value(c: &Case) -> Value {
    json!({
        "id": c.id, "reference": c.reference, "name": c.name, "pathway": c.pathway.as_str(),
        "sector": c.sector, "employer": c.employer, "union_name": c.union_name,
        "union_branch": c.union_branch, "worker_count": c.worker_count,
        "trigger": c.trigger.as_str(), "description": c.description,
        "status": c.status.as_str(), "current_stage": c.current_stage,
        "advisor_id": c.advisor_id, "created_at": c.created_at, "updated_at": c.updated_at,
    })
}

/// The case's answers to pathway questions, its stages with their sign-offs, and the list
/// of its generated documents (the documents themselves are downloaded separately).
async fn add_other_sections(
    db: &impl ConnectionTrait,
    case: &Case,
    out: &mut Map<String, Value>,
) -> AppResult<()> {
    let case_id = case.id.get();
    let mut answers = Map::new();
    for row in repo::answers::for_case(db, case_id).await? {
        let value = serde_json::from_str(&row.value).unwrap_or(Value::String(row.value));
        if !value.is_null() {
            answers.insert(row.question_key, value);
        }
    }
    out.insert("answers".into(), Value::Object(answers));
    let stages: Vec<Value> = repo::stages::for_case(db, case_id)
        .await?
        .into_iter()
        .map(|s| {
            json!({ "stage": s.stage_key, "status": s.status,
                "checklist": serde_json::from_str::<Value>(&s.checklist).unwrap_or(Value::Null),
                "signed_off_by": s.signed_off_name, "signed_off_at": s.signed_off_at,
                "signoff_note": s.signoff_note, "updated_at": s.updated_at })
        })
        .collect();
    out.insert("stages".into(), Value::Array(stages));
    let documents: Vec<Value> = repo::documents::list(db, case_id)
        .await?
        .into_iter()
        .map(|d| {
            json!({ "id": d.id, "kind": d.kind, "version": d.version, "draft": d.draft,
                "content_hash": d.content_hash, "pages": d.page_count, "published": d.published,
                "created_by": d.created_by, "created_at": d.created_at })
        })
        .collect();
    out.insert("documents".into(), Value::Array(documents));
    Ok(())
}

/// The answers the rules and the business plan are made from, as last saved (empty objects
/// when nobody has started them).
async fn add_document_answers(
    env: &Env<'_>,
    case_id: i64,
    out: &mut Map<String, Value>,
) -> AppResult<()> {
    for (key, kind) in [
        ("rules_answers", Kind::Rules),
        ("plan_answers", Kind::BusinessPlan),
    ] {
        let (answers, _) = super::documents::answers(env.db(), case_id, kind).await?;
        out.insert(key.into(), Value::Object(answers));
    }
    Ok(())
}

/// The workers' survey: whether it is closed, its totals and each response, as far as the
/// survey's own privacy rules let this person see them (a section is left out, not emptied,
/// when they may not).
async fn add_survey(
    env: &Env<'_>,
    actor: &Actor,
    id: CaseId,
    out: &mut Map<String, Value>,
) -> AppResult<()> {
    let page = super::survey::survey(env, actor, id).await?;
    let mut survey = Map::new();
    survey.insert("closed".into(), json!(page.closed));
    if let Some(totals) = &page.totals {
        survey.insert("totals".into(), json!(totals));
    }
    if let Some(answers) = &page.answers {
        let responses: Vec<Value> = answers
            .iter()
            .map(|r| {
                json!({ "name": r.name, "would_join": r.would_join,
                    "capital_pence": r.capital_pence, "capital_band": r.capital_band,
                    "capital_term": r.capital_term, "hours_per_week": r.hours_per_week,
                    "skills": r.skills, "worries": r.worries,
                    "worries_other": r.worries_other })
            })
            .collect();
        survey.insert("responses".into(), Value::Array(responses));
    }
    out.insert("survey".into(), Value::Object(survey));
    Ok(())
}
