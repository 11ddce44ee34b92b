//! The document library of a case: the versions published to its workers, reading them,
//! downloading the PDF, marking them read, and publishing.
//!
//! Everything here answers 404 for anyone who is not a member of the case or centre staff
//! (through `find_visible`), and for documents that are not published (except to publish
//! them, which reps and the centre do).

use sea_orm::DatabaseConnection;
use serde_json::json;

use super::auth::Actor;
use super::cases::{find_visible, Access};
use crate::clock::Clock;
use crate::db::begin_case_write;
use crate::db::entities::cases;
use crate::db::repo;
use crate::db::repo::library::DocRow;
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
    pub case: cases::Model,
    pub access: Access,
    pub documents: Vec<DocRow>,
    /// (document id, user id, name, read at): all reads for reps and the centre, else the
    /// actor's own.
    pub reads: Vec<(i64, i64, String, i64)>,
}

/// Published documents of a case (the interface the documents feature publishes into).
pub async fn published_for_case(
    db: &DatabaseConnection,
    actor: &Actor,
    case_id: i64,
) -> AppResult<Library> {
    let (case, access) = find_visible(db, actor, case_id).await?;
    let documents = repo::library::published_for_case(db, case_id).await?;
    let mut reads = repo::library::reads_for_case(db, case_id).await?;
    if access == Access::Worker {
        reads.retain(|(_, user, _, _)| *user == actor.id);
    }
    Ok(Library {
        case,
        access,
        documents,
        reads,
    })
}

/// A published document with its markup and PDF.
pub async fn published_document(
    db: &DatabaseConnection,
    actor: &Actor,
    case_id: i64,
    document_id: i64,
) -> AppResult<(cases::Model, Access, DocRow, String, Option<Vec<u8>>)> {
    let (case, access) = find_visible(db, actor, case_id).await?;
    let (doc, markup, pdf) = repo::library::find(db, case_id, document_id)
        .await?
        .filter(|(d, _, _)| d.published)
        .ok_or(AppError::NotFound)?;
    Ok((case, access, doc, markup, pdf))
}

pub async fn mark_read(
    db: &DatabaseConnection,
    clock: &Clock,
    actor: &Actor,
    case_id: i64,
    document_id: i64,
) -> AppResult<()> {
    let (_, _, doc, _, _) = published_document(db, actor, case_id, document_id).await?;
    let now = clock.now();
    let txn = begin_case_write(db, case_id).await?;
    repo::library::mark_read(&txn, case_id, doc.id, actor.id, now).await?;
    repo::events::record(
        &txn,
        case_id,
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
    db: &DatabaseConnection,
    clock: &Clock,
    actor: &Actor,
    case_id: i64,
    document_id: i64,
) -> AppResult<()> {
    let (_, access) = find_visible(db, actor, case_id).await?;
    if access == Access::Worker {
        return Err(AppError::Forbidden("reps and the centre publish documents"));
    }
    let now = clock.now();
    let txn = begin_case_write(db, case_id).await?;
    if !repo::library::publish(&txn, case_id, document_id).await? {
        return Err(AppError::NotFound);
    }
    repo::events::record(
        &txn,
        case_id,
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
pub fn pdf_file_name(case: &cases::Model, doc: &DocRow) -> String {
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
