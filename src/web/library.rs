//! `/cases/<id>/documents/library`: what has been published to the workers, to read on
//! screen or download as PDF, mark as read, and (for reps) see who has read it.

use rocket::http::{ContentType, Header};
use rocket::request::FlashMessage;
use rocket::{get, post, routes, Responder, Route, State};
use rocket_dyn_templates::Template;
use sea_orm::DatabaseConnection;
use serde::Serialize;

use super::case_header::CaseHeader;
use super::page::{PageContext, PageOrRedirect};
use crate::clock::{format_timestamp, Clock};
use crate::docgen::DocumentMeta;
use crate::error::{AppError, AppResult};
use crate::services::auth::Actor;
use crate::services::cases::Access;
use crate::services::library::{self as service, kind_label};
use crate::services::render;

pub fn routes() -> Vec<Route> {
    routes![index, show, pdf, mark_read, publish]
}

#[derive(Serialize)]
struct DocView {
    id: i64,
    title: String,
    version: i64,
    date: String,
    read_by_me: bool,
    readers: Vec<String>,
}

#[derive(Serialize)]
struct IndexView {
    header: CaseHeader,
    documents: Vec<DocView>,
    show_readers: bool,
}

#[get("/cases/<id>/documents/library")]
async fn index(
    actor: &Actor,
    id: i64,
    db: &State<DatabaseConnection>,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let lib = service::published_for_case(db, actor, id).await?;
    let documents = lib
        .documents
        .iter()
        .map(|d| DocView {
            id: d.id,
            title: kind_label(&d.kind).to_string(),
            version: d.version,
            date: format_timestamp(d.created_at),
            read_by_me: lib
                .reads
                .iter()
                .any(|(doc, user, _, _)| *doc == d.id && *user == actor.id),
            readers: lib
                .reads
                .iter()
                .filter(|(doc, _, _, _)| *doc == d.id)
                .map(|(_, _, name, at)| format!("{name} ({})", format_timestamp(*at)))
                .collect(),
        })
        .collect();
    let view = IndexView {
        header: CaseHeader::new(&lib.case, lib.access, "/documents"),
        documents,
        show_readers: lib.access != Access::Worker,
    };
    Ok(PageContext::for_actor(actor, flash).render(
        "library/index",
        "Documents for the workers",
        view,
    ))
}

#[derive(Serialize)]
struct ShowView {
    header: CaseHeader,
    id: i64,
    title: String,
    html: String,
    has_pdf: bool,
}

#[get("/cases/<id>/documents/library/<doc>")]
async fn show(
    actor: &Actor,
    id: i64,
    doc: i64,
    db: &State<DatabaseConnection>,
) -> AppResult<Template> {
    let (case, access, row, markup, pdf) = service::published_document(db, actor, id, doc).await?;
    let title = format!("{}, version {}", kind_label(&row.kind), row.version);
    let meta = DocumentMeta {
        title: kind_label(&row.kind).to_string(),
        author: String::new(),
        subject: String::new(),
        coop_name: case.name.clone(),
        reference: case.reference.clone(),
        version: u32::try_from(row.version).unwrap_or(0),
        draft: false,
    };
    let html = render::stored_html(meta, markup).await?;
    let view = ShowView {
        header: CaseHeader::new(&case, access, "/documents"),
        id: row.id,
        title: title.clone(),
        html,
        has_pdf: pdf.is_some(),
    };
    Ok(PageContext::for_actor(actor, None).render("library/show", title, view))
}

#[derive(Responder)]
struct PdfFile {
    bytes: Vec<u8>,
    content_type: ContentType,
    disposition: Header<'static>,
}

#[get("/cases/<id>/documents/library/<doc>/pdf")]
async fn pdf(
    actor: &Actor,
    id: i64,
    doc: i64,
    db: &State<DatabaseConnection>,
) -> AppResult<PdfFile> {
    let (case, _, row, _, pdf) = service::published_document(db, actor, id, doc).await?;
    let bytes = pdf.ok_or(AppError::NotFound)?;
    Ok(PdfFile {
        bytes,
        content_type: ContentType::PDF,
        disposition: Header::new(
            "Content-Disposition",
            format!(
                "attachment; filename=\"{}\"",
                service::pdf_file_name(&case, &row)
            ),
        ),
    })
}

#[post("/cases/<id>/documents/library/<doc>/read")]
async fn mark_read(
    actor: &Actor,
    id: i64,
    doc: i64,
    db: &State<DatabaseConnection>,
    clock: &State<Clock>,
) -> AppResult<PageOrRedirect> {
    service::mark_read(db, clock, actor, id, doc).await?;
    Ok(PageOrRedirect::success(
        format!("/cases/{id}/documents/library"),
        "Marked as read. Thank you.",
    ))
}

/// Used by the documents pages: "publish to workers".
// Ranked after the documents pages, whose /documents/rules/<page> has the same shape.
#[post("/cases/<id>/documents/<doc>/publish", rank = 5)]
async fn publish(
    actor: &Actor,
    id: i64,
    doc: i64,
    db: &State<DatabaseConnection>,
    clock: &State<Clock>,
) -> AppResult<PageOrRedirect> {
    service::publish(db, clock, actor, id, doc).await?;
    Ok(PageOrRedirect::success(
        format!("/cases/{id}/documents/library"),
        "Published: the workers of this case can now read it",
    ))
}
