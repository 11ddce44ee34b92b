//! "Check your answers": every answer of a stage on one page, each with a link to change it,
//! and the button to ask for sign-off.

use rocket::request::FlashMessage;
use rocket::{get, routes, Route, State};
use rocket_dyn_templates::Template;
use sea_orm::DatabaseConnection;
use serde::Serialize;

use super::answers::page_path;
use super::case_header::CaseHeader;
use super::page::PageContext;
use crate::domain::pathways::{display_answer, is_page_visible, visible_questions, PathwayLibrary};
use crate::error::AppResult;
use crate::services::pathways as svc;
use crate::services::{self, auth::Actor, cases::Access};

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
    actor: &Actor,
    id: i64,
    stage: &str,
    db: &State<DatabaseConnection>,
    lib: &State<PathwayLibrary>,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let (case, access) = services::cases::find_visible(db, actor, id).await?;
    let stage = lib
        .stage(&case.pathway, stage)
        .ok_or(crate::error::AppError::NotFound)?;
    let state = svc::load(db.inner(), lib, &case).await?;
    let status = state.stage(&stage.key).map(|s| s.status);
    let may_edit = access != Access::Worker && status.is_some_and(|s| s.is_open());
    let pages = lib
        .stage_pages(&case.pathway, &stage.key)
        .into_iter()
        .filter(|p| is_page_visible(lib, p, &state.answers))
        .map(|p| CheckPage {
            title: p.title.clone(),
            rows: visible_questions(lib, p, &state.answers)
                .into_iter()
                .map(|q| CheckRow {
                    label: q.label.clone(),
                    answer: display_answer(q, state.answers.get(&q.key)),
                    change: format!("{}#{}", page_path(case.id, &stage.key, &p.key), q.key),
                })
                .collect(),
        })
        .collect();
    let view = CheckView {
        header: CaseHeader::new(&case, access, ""),
        stage_key: stage.key.clone(),
        stage_title: stage.title.clone(),
        pages,
        may_edit,
        may_request: may_edit && stage.gate.is_some(),
    };
    Ok(PageContext::for_actor(actor, flash).render(
        "stages/check",
        format!("Check your answers: {}", stage.title),
        view,
    ))
}
