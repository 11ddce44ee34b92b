//! The document library of a case: the versions published to its workers, reading them,
//! downloading the PDF, marking them read, and publishing.
//!
//! Everything here answers 404 for anyone who is not a member of the case or centre staff
//! (through `cases::open`), and for documents that are not published (except to publish
//! them, which reps and the centre do).

use serde_json::json;

use super::auth::Actor;
use super::cases::{self, OpenCase};
use super::render;
use super::Env;
use crate::db::begin_case_write;
use crate::db::repo;
use crate::db::repo::library::DocRow;
use crate::docgen::DocumentMeta;
use crate::domain::access::Need;
use crate::domain::case::Case;
use crate::domain::ids::{CaseId, DocumentId};
use crate::error::{AppError, AppResult};

/// A kind of document in words.
pub fn kind_label(kind: &str) -> &str {
    match kind {
        "rules" => "The co-op's rules",
        "business_plan" => "Business plan",
        "readiness" => "Readiness check",
        other => other,
    }
}

pub struct Library {
    pub opened: OpenCase,
    pub documents: Vec<DocRow>,
    /// (document id, user id, name, read at): all reads for reps and the centre, else the
    /// actor's own.
    pub reads: Vec<(i64, i64, String, i64)>,
}

/// Published documents of a case (the interface the documents feature publishes into).
pub async fn published_for_case(env: &Env<'_>, actor: &Actor, id: CaseId) -> AppResult<Library> {
    let opened = cases::open(env, actor, id, Need::Follow).await?;
    let documents = repo::library::published_for_case(env.db(), id.get()).await?;
    let mut reads = repo::library::reads_for_case(env.db(), id.get()).await?;
    if !opened.role.works_on_case() {
        reads.retain(|(_, user, _, _)| *user == actor.id);
    }
    Ok(Library {
        opened,
        documents,
        reads,
    })
}

/// A published document with its markup and PDF.
pub struct Published {
    pub opened: OpenCase,
    pub doc: DocRow,
    pub markup: String,
    pub pdf: Option<Vec<u8>>,
}

async fn published_document(
    env: &Env<'_>,
    actor: &Actor,
    id: CaseId,
    document_id: DocumentId,
) -> AppResult<Published> {
    let opened = cases::open(env, actor, id, Need::Follow).await?;
    let (doc, markup, pdf) = repo::library::find(env.db(), id.get(), document_id.get())
        .await?
        .filter(|(d, _, _)| d.published)
        .ok_or(AppError::NotFound)?;
    Ok(Published {
        opened,
        doc,
        markup,
        pdf,
    })
}

/// A published document and its HTML, laid out from the stored markup.
pub async fn read(
    env: &Env<'_>,
    actor: &Actor,
    id: CaseId,
    document_id: DocumentId,
) -> AppResult<(Published, String)> {
    let published = published_document(env, actor, id, document_id).await?;
    let case = &published.opened.case;
    let meta = DocumentMeta {
        title: kind_label(&published.doc.kind).to_string(),
        author: String::new(),
        subject: String::new(),
        coop_name: case.name.clone(),
        reference: case.reference.clone(),
        version: u32::try_from(published.doc.version).unwrap_or(0),
        draft: false,
    };
    let html = render::stored_html(meta, published.markup.clone()).await?;
    Ok((published, html))
}

/// A published document's PDF and the name to save it under; 404 when it has none.
pub async fn pdf(
    env: &Env<'_>,
    actor: &Actor,
    id: CaseId,
    document_id: DocumentId,
) -> AppResult<(String, Vec<u8>)> {
    let published = published_document(env, actor, id, document_id).await?;
    let name = pdf_file_name(&published.opened.case, &published.doc);
    Ok((name, published.pdf.ok_or(AppError::NotFound)?))
}

pub async fn mark_read(
    env: &Env<'_>,
    actor: &Actor,
    id: CaseId,
    document_id: DocumentId,
) -> AppResult<()> {
    let doc = published_document(env, actor, id, document_id).await?.doc;
    let now = env.clock.now();
    let txn = begin_case_write(env.db(), id.get()).await?;
    repo::library::mark_read(&txn, id.get(), doc.id, actor.id, now).await?;
    repo::events::record(
        &txn,
        id.get(),
        Some(actor.id),
        "document_read",
        &format!(
            "{} read {} version {}",
            actor.name,
            kind_label(&doc.kind),
            doc.version
        ),
        &json!({ "document_id": doc.id }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Publishes a document version to the case's workers (reps and the centre).
pub async fn publish(
    env: &Env<'_>,
    actor: &Actor,
    id: CaseId,
    document_id: DocumentId,
) -> AppResult<()> {
    // Asked before the write lock, so that someone who may not publish cannot hold it.
    cases::open(env, actor, id, Need::Work).await?;
    let now = env.clock.now();
    let txn = begin_case_write(env.db(), id.get()).await?;
    if !repo::library::publish(&txn, id.get(), document_id.get()).await? {
        return Err(AppError::NotFound);
    }
    repo::events::record(
        &txn,
        id.get(),
        Some(actor.id),
        "document_published",
        &format!("{} published a document to the workers", actor.name),
        &json!({ "document_id": document_id }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A file name safe in any browser and file system: `PCEC-2026-0001-rules-v3.pdf`.
fn pdf_file_name(case: &Case, doc: &DocRow) -> String {
    let clean = |s: &str| {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '-'
                }
            })
            .collect::<String>()
    };
    format!(
        "{}-{}-v{}.pdf",
        clean(&case.reference),
        clean(&doc.kind),
        doc.version
    )
}
