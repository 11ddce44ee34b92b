//! `/learning`: the centre's learning library, for the centre and the people of its cases:
//! the list, reading a page or downloading a PDF, and marking a material as read. Staff
//! manage it from `learning_staff`.

use crate::web::templates::Template;
use rocket::http::{ContentType, Header};
use rocket::request::FlashMessage;
use rocket::{get, post, routes, Responder, Route};
use serde::Serialize;

use super::page::{PageContext, PageOrRedirect};
use crate::clock::format_timestamp;
use crate::domain::ids::MaterialId;
use crate::domain::learning::page_text::TextBlock;
use crate::domain::learning::{MaterialFormat, StageTag};
use crate::domain::pathways::PathwayLibrary;
use crate::error::AppResult;
use crate::services::auth::Actor;
use crate::services::learning::{self as service, Material};
use crate::services::Env;

pub fn routes() -> Vec<Route> {
    routes![index, show, pdf, mark_read]
}

/// A material in a list.
#[derive(Serialize)]
pub struct MaterialView {
    pub id: i64,
    pub title: String,
    pub format: &'static str,
    pub is_pdf: bool,
    pub stages: Vec<String>,
    pub read_by_me: bool,
    pub retired: bool,
}

/// "Worker buyout: Members' decision" for a tag.
pub fn stage_name(lib: &PathwayLibrary, tag: &StageTag) -> String {
    match lib.pathway(&tag.pathway) {
        Some(p) => format!("{}: {}", p.title, lib.stage_title(&tag.pathway, &tag.stage)),
        None => tag.value(),
    }
}

/// The tags as the pathways run (first contact before launch), as the staff form lists them,
/// rather than in the order of their keys.
fn in_pathway_order<'a>(lib: &PathwayLibrary, tags: &'a [StageTag]) -> Vec<&'a StageTag> {
    let place = |tag: &StageTag| {
        let pathways = lib.pathways();
        let p = pathways.iter().position(|p| p.key == tag.pathway);
        let s = p.and_then(|i| pathways[i].stages.iter().position(|s| s.key == tag.stage));
        (p.unwrap_or(usize::MAX), s.unwrap_or(usize::MAX))
    };
    let mut ordered: Vec<&StageTag> = tags.iter().collect();
    ordered.sort_by_key(|t| place(t));
    ordered
}

pub fn material_view(lib: &PathwayLibrary, m: &Material) -> MaterialView {
    MaterialView {
        id: m.row.id,
        title: m.row.title.clone(),
        format: m.format.label(),
        is_pdf: m.format == MaterialFormat::Pdf,
        stages: in_pathway_order(lib, &m.tags)
            .into_iter()
            .map(|t| stage_name(lib, t))
            .collect(),
        read_by_me: m.read_by_me,
        retired: m.is_retired(),
    }
}

#[derive(Serialize)]
struct IndexView {
    materials: Vec<MaterialView>,
    may_manage: bool,
}

#[get("/learning")]
async fn index(
    env: Env<'_>,
    actor: &Actor,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let list = service::list(&env, actor).await?;
    let view = IndexView {
        materials: list.iter().map(|m| material_view(env.library, m)).collect(),
        may_manage: actor.is_centre(),
    };
    Ok(PageContext::for_actor(actor, flash).render("learning/index", "Learning library", view))
}

#[derive(Serialize)]
struct ShowView {
    material: MaterialView,
    blocks: Vec<TextBlock>,
    pdf_name: String,
    pdf_size: String,
    updated: String,
    may_manage: bool,
}

/// A file size people read: "340 KB", "2.4 MB".
fn size(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

#[get("/learning/<material>")]
async fn show(
    env: Env<'_>,
    actor: &Actor,
    material: MaterialId,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let reading = service::read(&env, actor, material).await?;
    let title = reading.material.row.title.clone();
    let view = ShowView {
        material: material_view(env.library, &reading.material),
        blocks: reading.blocks,
        pdf_name: reading.material.row.pdf_name.clone(),
        pdf_size: size(reading.pdf_bytes),
        updated: format_timestamp(reading.material.row.updated_at),
        may_manage: actor.is_centre(),
    };
    Ok(PageContext::for_actor(actor, flash).render("learning/show", title, view))
}

#[derive(Responder)]
struct PdfFile {
    bytes: Vec<u8>,
    content_type: ContentType,
    disposition: Header<'static>,
}

#[get("/learning/<material>/pdf")]
async fn pdf(env: Env<'_>, actor: &Actor, material: MaterialId) -> AppResult<PdfFile> {
    let (name, bytes) = service::pdf(&env, actor, material).await?;
    Ok(PdfFile {
        bytes,
        content_type: ContentType::PDF,
        disposition: Header::new(
            "Content-Disposition",
            format!("attachment; filename=\"{name}\""),
        ),
    })
}

#[post("/learning/<material>/read")]
async fn mark_read(env: Env<'_>, actor: &Actor, material: MaterialId) -> AppResult<PageOrRedirect> {
    service::mark_read(&env, actor, material).await?;
    Ok(PageOrRedirect::success(
        format!("/learning/{material}"),
        "Marked as read: it is now in your learning record.",
    ))
}
