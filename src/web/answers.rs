//! Form pages of a stage: showing, checking and saving them.

use std::collections::BTreeMap;

use crate::web::templates::Template;
use rocket::data::Data;
use rocket::request::FlashMessage;
use rocket::{get, post, routes, Route};
use serde::Serialize;
use serde_json::Value;

use super::case_header::CaseHeader;
use super::follow_ups::{self, When};
use super::page::{PageContext, PageOrRedirect};
use super::questions::{self, Fields, QuestionView};
use crate::domain::case::{Case, Trigger};
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::CaseId;
use crate::domain::pathways::definition::Question;
use crate::domain::pathways::reveal::{page_layout, PlacedQuestion, RevealWhen};
use crate::domain::pathways::{
    form_value, is_page_visible, Answers, PathwayLibrary, SubmittedValue,
};
use crate::domain::suggest::{self, usual_in_hint, Known, Suggestion};
use crate::error::AppResult;
use crate::services::page_save::{self, Clash, PageSubmission, SaveOutcome};
use crate::services::pathways::{self as svc, FormPage, PageAt};
use crate::services::suggestions;
use crate::services::{auth::Actor, Env};

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

/// What a form page shows again after a refused save: what was typed, the messages, and the
/// answers the page was first opened with (so a later save still spots others' changes).
struct Retry<'a> {
    typed: &'a BTreeMap<String, SubmittedValue>,
    errors: &'a FieldErrors,
    opened_with: &'a BTreeMap<String, Option<Value>>,
}

/// The form page's values: what was typed when there is something, else the stored answer,
/// else what the case record already says (the intake page repeats the opening form), else a
/// suggestion from what the case knows (`case_knows`, on a page opened afresh), which says where
/// it came from. Every follow-up question is in the page, after the answer that calls for it
/// (`follow_ups`).
fn form_view(
    lib: &PathwayLibrary,
    form: &FormPage<'_>,
    retry: Option<Retry<'_>>,
    case_knows: Option<&Known>,
) -> FormView {
    let (case, stage, page) = (&form.opened.case, form.stage, form.page);
    let answers = &form.answers;
    let prefill = case_prefill(case);
    // What the case record says counts for conditions on other pages too, so a union named
    // when the case was opened asks the union's questions at once.
    let mut known = prefill.clone();
    known.extend(answers.clone());
    let typed = retry.as_ref().map(|r| r.typed);
    let one = |q: &Question| {
        let held = answers.get(&q.key).or_else(|| prefill.get(&q.key));
        let suggested = match (typed, held, case_knows) {
            (None, None, Some(case_knows)) => suggestion(q, case_knows),
            _ => None,
        };
        let value = typed
            .and_then(|t| t.get(&q.key))
            .cloned()
            .unwrap_or_else(|| form_value(q, held.or(suggested.as_ref().map(|s| &s.value))));
        let orig = retry
            .as_ref()
            .and_then(|r| r.opened_with.get(&q.key))
            .map_or(answers.get(&q.key), Option::as_ref);
        let error = retry.as_ref().and_then(|r| r.errors.first(&q.key));
        let mut view = questions::view(q, &value, error, orig);
        if let Some(s) = suggested {
            view.hint = Some(match view.hint {
                Some(hint) => format!("{hint} {}", s.note),
                None => s.note,
            });
        }
        view
    };
    let questions = placed_views(&page_layout(lib, page, &known), &one);
    FormView {
        header: CaseHeader::of(&form.opened, ""),
        stage_key: stage.key.clone(),
        stage_title: stage.title.clone(),
        page_key: page.key.clone(),
        title: page.title.clone(),
        intro: page.intro.clone(),
        questions,
        action: page_path(case.id, &stage.key, &page.key),
    }
}

/// Each question's view with its follow-ups attached, depth first.
fn placed_views(
    placed: &[PlacedQuestion<'_>],
    one: &dyn Fn(&Question) -> QuestionView,
) -> Vec<QuestionView> {
    placed
        .iter()
        .map(|p| {
            let mut view = one(p.question);
            let blocks = p
                .follow_ups
                .iter()
                .map(|group| {
                    let when = match &group.when {
                        RevealWhen::AnyOf(values) => When::AnyOf(values.clone()),
                        RevealWhen::AtLeast(floor) => When::AtLeast(*floor),
                    };
                    (when, placed_views(&group.questions, one))
                })
                .collect();
            follow_ups::attach(&mut view, blocks);
            view
        })
        .collect()
}

/// What a stage question offers when nothing is answered: what its `suggest` names, else the
/// usual figure its hint states, else its `default`, each saying where it came from.
fn suggestion(q: &Question, known: &Known) -> Option<Suggestion> {
    let options: Vec<(&str, &str)> = q
        .options
        .iter()
        .map(|o| (o.value.as_str(), o.label.as_str()))
        .collect();
    q.suggest
        .as_ref()
        .and_then(|s| s.suggest(known, &options))
        .or_else(|| q.hint.as_deref().and_then(usual_in_hint))
        .or_else(|| q.default.clone().map(suggest::usual))
}

/// Values the case record already holds for intake questions of the same meaning.
fn case_prefill(case: &Case) -> Answers {
    let trigger = match case.trigger {
        Trigger::OwnerRetiring => Some("owner_retiring"),
        Trigger::Sale => Some("owner_selling"),
        Trigger::Closure => Some("closure_announced"),
        Trigger::Administration => Some("administration"),
        Trigger::Redundancies => Some("redundancy_proposal"),
        Trigger::NewVenture => None,
    };
    let mut out = Answers::new();
    out.insert("pathway".into(), Value::from(case.pathway.as_str()));
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

pub fn page_path(case: CaseId, stage: &str, page: &str) -> String {
    format!("/cases/{case}/stages/{stage}/pages/{page}")
}

#[get("/cases/<id>/stages/<stage>/pages/<page>")]
async fn form_page(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    stage: &str,
    page: &str,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let form = svc::form_page(
        &env,
        actor,
        PageAt {
            case: id,
            stage,
            page,
        },
    )
    .await?;
    let known = suggestions::known(&env, &form.opened).await?;
    let view = form_view(env.library, &form, None, Some(&known));
    let title = form.page.title.clone();
    Ok(PageContext::for_actor(actor, flash).render("stages/form", title, view))
}

#[post("/cases/<id>/stages/<stage>/pages/<page>", data = "<data>")]
async fn save(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    stage: &str,
    page: &str,
    data: Data<'_>,
) -> AppResult<PageOrRedirect> {
    let fields = Fields::read(data).await?;
    let form = svc::form_page(
        &env,
        actor,
        PageAt {
            case: id,
            stage,
            page,
        },
    )
    .await?;
    let submission = questions::submission(form.page, &fields);
    let later = fields.get("action") == Some("later");
    finish_save(&env, actor, form, submission, later).await
}

/// Saves and picks the answer: the next page (or the stage page when the person will come
/// back `later`), the form again with problems, or the conflict.
pub(super) async fn finish_save(
    env: &Env<'_>,
    actor: &Actor,
    mut form: FormPage<'_>,
    submission: PageSubmission,
    later: bool,
) -> AppResult<PageOrRedirect> {
    let (outcome, answers) = page_save::save_page(env, actor, &form, &submission).await?;
    form.answers = answers;
    let lib = env.library;
    Ok(match outcome {
        SaveOutcome::Saved if later => PageOrRedirect::success(
            format!("/cases/{}/stages/{}", form.opened.id(), form.stage.key),
            "Your answers are saved. You can come back to them at any time.",
        ),
        SaveOutcome::Saved => {
            PageOrRedirect::success(next_page(lib, &form), "Your answers are saved")
        }
        SaveOutcome::Invalid(rejected) => {
            let retry = Retry {
                typed: &rejected.typed,
                errors: &rejected.errors,
                opened_with: &submission.opened_with,
            };
            let view = form_view(lib, &form, Some(retry), None);
            let title = form.page.title.clone();
            PageOrRedirect::invalid(PageContext::for_actor(actor, None).render_with_errors(
                "stages/form",
                title,
                &rejected.errors,
                view,
            ))
        }
        SaveOutcome::Conflict { clashes, mine } => conflict(lib, actor, &form, &clashes, &mine),
    })
}

/// The conflict page (409): someone else saved some of these answers meanwhile.
fn conflict(
    lib: &PathwayLibrary,
    actor: &Actor,
    form: &FormPage<'_>,
    clashes: &[Clash],
    mine: &Answers,
) -> PageOrRedirect {
    let view = super::conflicts::conflict_view(lib, form, clashes, mine);
    let template = PageContext::for_actor(actor, None).render(
        "stages/conflict",
        "Someone else changed these answers",
        view,
    );
    PageOrRedirect::Invalid((rocket::http::Status::Conflict, template))
}

/// The stage's next page that applies to the case, or "check your answers" after the last.
fn next_page(lib: &PathwayLibrary, form: &FormPage<'_>) -> String {
    let (id, stage) = (form.opened.id(), form.stage);
    let pages = lib.stage_pages(form.opened.case.pathway.as_str(), &stage.key);
    let at = pages
        .iter()
        .position(|p| p.key == form.page.key)
        .unwrap_or(0);
    pages
        .iter()
        .skip(at + 1)
        .find(|p| is_page_visible(lib, p, &form.answers))
        .map_or_else(
            || format!("/cases/{id}/stages/{}/check", stage.key),
            |p| page_path(id, &stage.key, &p.key),
        )
}
