//! "Check your answers": every answer of a stage on one page, each with a link to change it,
//! and the button to ask for sign-off.

use crate::web::templates::Template;
use rocket::request::FlashMessage;
use rocket::{get, routes, Route};
use serde::Serialize;

use super::answers::page_path;
use super::case_header::CaseHeader;
use super::page::PageContext;
use crate::domain::ids::CaseId;
use crate::domain::pathways::{display_answer, is_page_visible, visible_questions, PathwayLibrary};
use crate::error::AppResult;
use crate::services::pathways::{self as svc, StageAt, StagePage};
use crate::services::{auth::Actor, Env};

pub fn routes() -> Vec<Route> {
    routes![check]
}

#[derive(Serialize)]
struct CheckView {
    header: CaseHeader,
    stage_key: String,
    stage_title: String,
    pages: Vec<CheckPage>,
    may_edit: bool,
    may_request: bool,
}

#[derive(Serialize)]
struct CheckPage {
    title: String,
    rows: Vec<CheckRow>,
}

#[derive(Serialize)]
struct CheckRow {
    label: String,
    answer: String,
    change: String,
}

#[get("/cases/<id>/stages/<stage>/check")]
async fn check(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    stage: &str,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let opened = svc::stage(&env, actor, StageAt { case: id, stage }).await?;
    let stage = opened.stage;
    let status = opened.state.stage(&stage.key).map(|s| s.status);
    let may_edit = opened.opened.role.works_on_case() && status.is_some_and(|s| s.is_open());
    let view = CheckView {
        header: CaseHeader::of(&opened.opened, ""),
        stage_key: stage.key.clone(),
        stage_title: stage.title.clone(),
        pages: check_pages(env.library, &opened),
        may_edit,
        may_request: may_edit && stage.gate.is_some(),
    };
    Ok(PageContext::for_actor(actor, flash).render(
        "stages/check",
        format!("Check your answers: {}", stage.title),
        view,
    ))
}

/// The stage's pages that apply to the case, each with its answered questions.
fn check_pages(lib: &PathwayLibrary, opened: &StagePage<'_>) -> Vec<CheckPage> {
    let (id, stage) = (opened.opened.id(), opened.stage);
    let answers = &opened.state.answers;
    lib.stage_pages(opened.opened.case.pathway.as_str(), &stage.key)
        .into_iter()
        .filter(|p| is_page_visible(lib, p, answers))
        .map(|p| CheckPage {
            title: p.title.clone(),
            rows: visible_questions(lib, p, answers)
                .into_iter()
                .map(|q| CheckRow {
                    label: q.label.clone(),
                    answer: display_answer(q, answers.get(&q.key)),
                    change: format!("{}#{}", page_path(id, &stage.key, &p.key), q.key),
                })
                .collect(),
        })
        .collect()
}
