//! Form pages of a stage: showing, checking and saving them.

use std::collections::BTreeMap;

use rocket::data::Data;
use rocket::request::FlashMessage;
use rocket::{get, post, routes, Route, State};
use rocket_dyn_templates::Template;
use sea_orm::DatabaseConnection;
use serde::Serialize;
use serde_json::Value;

use super::case_header::CaseHeader;
use super::page::{PageContext, PageOrRedirect};
use super::questions::{self, Fields, QuestionView};
use crate::clock::Clock;
use crate::db::entities::cases;
use crate::domain::field_errors::FieldErrors;
use crate::domain::pathways::definition::{Page, QuestionType, Stage};
use crate::domain::pathways::{
    form_value, is_page_visible, visible_questions, Answers, PathwayLibrary, SubmittedValue,
};
use crate::error::AppResult;
use crate::services::pathways::{self as svc, PageSubmission, SaveOutcome};
use crate::services::{self, auth::Actor, cases::Access};

pub fn routes() -> Vec<Route> {
    routes![form_page, save]
}

#[derive(Serialize)]
struct FormView {
    header: CaseHeader,
    stage_key: String,
    stage_title: String,
    page_key: String,
    title: String,
    intro: Option<String>,
    questions: Vec<QuestionView>,
    action: String,
}

/// The form page's values: what was typed when there is something, else the stored answer,
/// else what the case record already says (the intake page repeats the opening form).
fn form_view(
    (case, access): (&cases::Model, Access),
    lib: &PathwayLibrary,
    (stage, page): (&Stage, &Page),
    answers: &Answers,
    typed: Option<&BTreeMap<String, SubmittedValue>>,
    errors: &FieldErrors,
    opened_with: &BTreeMap<String, Option<Value>>,
) -> FormView {
    let prefill = case_prefill(case);
    // What the case record says counts for showing follow-up questions too, so a union
    // named when the case was opened shows the union question at once.
    let mut known = prefill.clone();
    known.extend(answers.clone());
    let merged = merged_for_visibility(page, &known, typed);
    let questions = visible_questions(lib, page, &merged)
        .into_iter()
        .map(|q| {
            let value = typed
                .and_then(|t| t.get(&q.key))
                .cloned()
                .unwrap_or_else(|| {
                    form_value(q, answers.get(&q.key).or_else(|| prefill.get(&q.key)))
                });
            let orig = opened_with
                .get(&q.key)
                .map_or(answers.get(&q.key), Option::as_ref);
            questions::view(q, &value, errors.first(&q.key), orig)
        })
        .collect();
    FormView {
        header: CaseHeader::new(case, access, ""),
        stage_key: stage.key.clone(),
        stage_title: stage.title.clone(),
        page_key: page.key.clone(),
        title: page.title.clone(),
        intro: page.intro.clone(),
        questions,
        action: page_path(case.id, &stage.key, &page.key),
    }
}

/// Answers as they would be with what was typed, so a follow-up question revealed by a typed
/// answer stays shown when the page comes back with errors. Only the kinds of answer that
/// `show_if` tests (choices and whole numbers) matter here.
fn merged_for_visibility(
    page: &Page,
    answers: &Answers,
    typed: Option<&BTreeMap<String, SubmittedValue>>,
) -> Answers {
    let mut merged = answers.clone();
    let Some(typed) = typed else { return merged };
    for q in &page.questions {
        let value = match typed.get(&q.key) {
            Some(SubmittedValue::Text { text }) if q.kind == QuestionType::Number => {
                text.trim().parse::<i64>().ok().map(Value::from)
            }
            Some(SubmittedValue::Text { text }) if !text.trim().is_empty() => {
                Some(Value::from(text.trim()))
            }
            Some(SubmittedValue::List { items }) => Some(Value::from(items.clone())),
            _ => None,
        };
        match value {
            Some(v) => merged.insert(q.key.clone(), v),
            None => merged.remove(&q.key),
        };
    }
    merged
}

/// Values the case record already holds for intake questions of the same meaning.
fn case_prefill(case: &cases::Model) -> Answers {
    let trigger = match case.trigger.as_str() {
        "owner_retiring" => Some("owner_retiring"),
        "sale" => Some("owner_selling"),
        "closure" => Some("closure_announced"),
        "administration" => Some("administration"),
        "redundancies" => Some("redundancy_proposal"),
        _ => None,
    };
    let mut out = Answers::new();
    out.insert("pathway".into(), Value::from(case.pathway.clone()));
    out.insert("case_name".into(), Value::from(case.name.clone()));
    let group = if case.employer.is_empty() {
        &case.name
    } else {
        &case.employer
    };
    out.insert("group_name".into(), Value::from(group.clone()));
    out.insert("headcount".into(), Value::from(case.worker_count));
    if let Some(t) = trigger {
        out.insert("trigger".into(), Value::from(t));
    }
    let union_present = if case.union_name.is_empty() {
        "no"
    } else {
        "yes"
    };
    out.insert("union_present".into(), Value::from(union_present));
    if !case.union_name.is_empty() {
        // Matches the option value when the union was typed as its usual name ("Unite").
        out.insert(
            "union_name".into(),
            Value::from(case.union_name.to_lowercase()),
        );
    }
    out
}

pub fn page_path(case: i64, stage: &str, page: &str) -> String {
    format!("/cases/{case}/stages/{stage}/pages/{page}")
}

pub(super) async fn open_page<'a>(
    db: &DatabaseConnection,
    lib: &'a PathwayLibrary,
    actor: &Actor,
    (id, stage, page): (i64, &str, &str),
) -> AppResult<(cases::Model, Access, &'a Stage, &'a Page, svc::CaseState)> {
    let (case, access) = services::cases::find_visible(db, actor, id).await?;
    svc::ensure_editor(access)?;
    let (stage, page) = svc::stage_and_page(lib, &case, stage, page)?;
    let state = svc::load(db, lib, &case).await?;
    svc::ensure_open(&state, &stage.key)?;
    Ok((case, access, stage, page, state))
}

#[get("/cases/<id>/stages/<stage>/pages/<page>")]
async fn form_page(
    actor: &Actor,
    id: i64,
    stage: &str,
    page: &str,
    db: &State<DatabaseConnection>,
    lib: &State<PathwayLibrary>,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let (case, access, stage, page, state) = open_page(db, lib, actor, (id, stage, page)).await?;
    let view = form_view(
        (&case, access),
        lib,
        (stage, page),
        &state.answers,
        None,
        &FieldErrors::new(),
        &BTreeMap::new(),
    );
    Ok(PageContext::for_actor(actor, flash).render("stages/form", page.title.clone(), view))
}

#[allow(clippy::too_many_arguments)]
#[post("/cases/<id>/stages/<stage>/pages/<page>", data = "<data>")]
async fn save(
    actor: &Actor,
    id: i64,
    stage: &str,
    page: &str,
    data: Data<'_>,
    db: &State<DatabaseConnection>,
    clock: &State<Clock>,
    lib: &State<PathwayLibrary>,
) -> AppResult<PageOrRedirect> {
    let fields = Fields::read(data).await?;
    let (case, access, stage, page, _) = open_page(db, lib, actor, (id, stage, page)).await?;
    let submission = questions::submission(page, &fields);
    let later = fields.get("action") == Some("later");
    finish_save(
        db,
        clock,
        lib,
        actor,
        (&case, access),
        (stage, page),
        submission,
        later,
    )
    .await
}

/// Saves and picks the answer: the next page, the form again with problems, or the conflict.
#[allow(clippy::too_many_arguments)]
pub(super) async fn finish_save(
    db: &DatabaseConnection,
    clock: &Clock,
    lib: &PathwayLibrary,
    actor: &Actor,
    (case, access): (&cases::Model, Access),
    (stage, page): (&Stage, &Page),
    submission: PageSubmission,
    later: bool,
) -> AppResult<PageOrRedirect> {
    match svc::save_page(
        db,
        clock,
        lib,
        actor,
        (case, access),
        (stage, page),
        &submission,
    )
    .await?
    {
        SaveOutcome::Saved if later => Ok(PageOrRedirect::success(
            format!("/cases/{}/stages/{}", case.id, stage.key),
            "Your answers are saved. You can come back to them at any time.",
        )),
        SaveOutcome::Saved => {
            let state = svc::load(db, lib, case).await?;
            Ok(PageOrRedirect::success(
                next_page(lib, case, stage, page, &state.answers),
                "Your answers are saved",
            ))
        }
        SaveOutcome::Invalid(rejected) => {
            let state = svc::load(db, lib, case).await?;
            let view = form_view(
                (case, access),
                lib,
                (stage, page),
                &state.answers,
                Some(&rejected.typed),
                &rejected.errors,
                &submission.opened_with,
            );
            let template = PageContext::for_actor(actor, None).render_with_errors(
                "stages/form",
                page.title.clone(),
                &rejected.errors,
                view,
            );
            Ok(PageOrRedirect::invalid(template))
        }
        SaveOutcome::Conflict { clashes, mine } => {
            let state = svc::load(db, lib, case).await?;
            let view = super::conflicts::conflict_view(
                (case, access),
                lib,
                (stage, page),
                &state.answers,
                &clashes,
                &mine,
            );
            let template = PageContext::for_actor(actor, None).render(
                "stages/conflict",
                "Someone else changed these answers",
                view,
            );
            Ok(PageOrRedirect::Invalid((
                rocket::http::Status::Conflict,
                template,
            )))
        }
    }
}

/// The stage's next page that applies to the case, or "check your answers" after the last.
fn next_page(
    lib: &PathwayLibrary,
    case: &cases::Model,
    stage: &Stage,
    page: &Page,
    answers: &Answers,
) -> String {
    let pages = lib.stage_pages(&case.pathway, &stage.key);
    let at = pages.iter().position(|p| p.key == page.key).unwrap_or(0);
    pages
        .iter()
        .skip(at + 1)
        .find(|p| is_page_visible(lib, p, answers))
        .map_or_else(
            || format!("/cases/{}/stages/{}/check", case.id, stage.key),
            |p| page_path(case.id, &stage.key, &p.key),
        )
}
