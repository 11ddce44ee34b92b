//! `/cases/<id>/documents/library`: what has been published to the workers, to read on
//! screen or download as PDF, mark as read, and (for reps) see who has read it.

use crate::web::templates::Template;
use rocket::http::{ContentType, Header};
use rocket::request::FlashMessage;
use rocket::{get, post, routes, Responder, Route};
use serde::Serialize;

use super::case_header::CaseHeader;
use super::page::{PageContext, PageOrRedirect};
use crate::clock::format_timestamp;
use crate::domain::ids::{CaseId, DocumentId};
use crate::error::AppResult;
use crate::services::auth::Actor;
use crate::services::library::{self as service, kind_label};
use crate::services::Env;

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
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let lib = service::published_for_case(&env, actor, id).await?;
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
        header: CaseHeader::of(&lib.opened, "/documents"),
        documents,
        show_readers: lib.opened.role.works_on_case(),
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
async fn show(env: Env<'_>, actor: &Actor, id: CaseId, doc: DocumentId) -> AppResult<Template> {
    let (published, html) = service::read(&env, actor, id, doc).await?;
    let row = &published.doc;
    let title = format!("{}, version {}", kind_label(&row.kind), row.version);
    let view = ShowView {
        header: CaseHeader::of(&published.opened, "/documents"),
        id: row.id,
        title: title.clone(),
        html,
        has_pdf: published.pdf.is_some(),
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
async fn pdf(env: Env<'_>, actor: &Actor, id: CaseId, doc: DocumentId) -> AppResult<PdfFile> {
    let (name, bytes) = service::pdf(&env, actor, id, doc).await?;
    Ok(PdfFile {
        bytes,
        content_type: ContentType::PDF,
        disposition: Header::new(
            "Content-Disposition",
            format!("attachment; filename=\"{name}\""),
        ),
    })
}

#[post("/cases/<id>/documents/library/<doc>/read")]
async fn mark_read(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    doc: DocumentId,
) -> AppResult<PageOrRedirect> {
    service::mark_read(&env, actor, id, doc).await?;
    Ok(PageOrRedirect::success(
        format!("/cases/{id}/documents/library"),
        "Marked as read. Thank you.",
    ))
}

/// Used by the documents pages: "publish to workers".
// Ranked after the documents pages, whose /documents/rules/<page> has the same shape.
#[post("/cases/<id>/documents/<doc>/publish", rank = 5)]
async fn publish(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    doc: DocumentId,
) -> AppResult<PageOrRedirect> {
    service::publish(&env, actor, id, doc).await?;
    Ok(PageOrRedirect::success(
        format!("/cases/{id}/documents/library"),
        "Published: the workers of this case can now read it",
    ))
}
