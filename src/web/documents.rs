//! The Documents tab of a case: the versions of each document, making a draft or a final
//! version, reading a version as HTML, downloading its PDF and comparing two versions of the
//! rules clause by clause. The question pages are in `rules_form` and `plan_form`.

use std::sync::Arc;

use rocket::form::{Form, FromForm};
use rocket::http::{ContentType, Header, Status};
use rocket::request::FlashMessage;
use rocket::{get, post, routes, Responder, Route, State};
use rocket_dyn_templates::Template;
use sea_orm::DatabaseConnection;
use serde::Serialize;

use super::case_header::CaseHeader;
use super::page::{PageContext, PageOrRedirect};
use super::plan_form;
use crate::clock::{format_timestamp, Clock};
use crate::db::entities::{cases, documents as doc_rows};
use crate::docgen::{self, compare, DocumentMeta};
use crate::domain::field_errors::FieldErrors;
use crate::domain::{finance, rules};
use crate::error::{AppError, AppResult};
use crate::services::cases::Access;
use crate::services::render::{self, Engine, Kind, Problem};
use crate::services::{auth::Actor, documents};

pub fn routes() -> Vec<Route> {
    routes![index, make, show, download, compare_versions]
}

#[derive(Serialize)]
struct VersionView {
    id: i64,
    version: i32,
    draft: bool,
    who: String,
    when: String,
    pages: i32,
    published: bool,
}

#[derive(Serialize)]
struct KindView {
    key: &'static str,
    label: &'static str,
    questions: String,
    versions: Vec<VersionView>,
    comparable: bool,
}

#[derive(Serialize)]
struct ProblemView {
    message: String,
    href: String,
}

#[derive(Serialize)]
struct IndexView {
    header: CaseHeader,
    may_edit: bool,
    kinds: Vec<KindView>,
    problems_title: String,
    problems: Vec<ProblemView>,
}

async fn index_view(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
) -> AppResult<(IndexView, cases::Model)> {
    let (case, access, rows) = documents::list(db, actor, id).await?;
    let kinds = Kind::ALL
        .iter()
        .map(|kind| {
            let versions: Vec<VersionView> = rows
                .iter()
                .filter(|(r, _)| r.kind == kind.as_str())
                .map(|(r, who)| VersionView {
                    id: r.id,
                    version: r.version,
                    draft: r.draft,
                    who: who.clone(),
                    when: format_timestamp(r.created_at),
                    pages: r.page_count,
                    published: r.published,
                })
                .collect();
            KindView {
                key: kind.as_str(),
                label: kind.label(),
                questions: questions_href(&case, *kind),
                comparable: *kind == Kind::Rules && versions.len() >= 2,
                versions,
            }
        })
        .collect();
    let view = IndexView {
        header: CaseHeader::new(&case, access, "/documents"),
        may_edit: access != Access::Worker,
        kinds,
        problems_title: String::new(),
        problems: Vec::new(),
    };
    Ok((view, case))
}

fn questions_href(case: &cases::Model, kind: Kind) -> String {
    match kind {
        Kind::Rules => format!("/cases/{}/documents/rules", case.id),
        Kind::BusinessPlan => format!(
            "/cases/{}/documents/business-plan/{}",
            case.id,
            plan_form::first_page(case)
        ),
    }
}

#[get("/cases/<id>/documents")]
async fn index(
    actor: &Actor,
    id: i64,
    db: &State<DatabaseConnection>,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let (view, _) = index_view(db, actor, id).await?;
    Ok(PageContext::for_actor(actor, flash).render("case_documents/index", "Documents", view))
}

#[derive(FromForm)]
struct MakeForm {
    #[field(default = String::new())]
    kind: String,
    #[field(default = String::new())]
    final_version: String,
}

#[post("/cases/<id>/documents/make", data = "<form>")]
async fn make(
    actor: &Actor,
    id: i64,
    form: Form<MakeForm>,
    db: &State<DatabaseConnection>,
    engine: &State<Arc<Engine>>,
    clock: &State<Clock>,
) -> AppResult<PageOrRedirect> {
    let kind = Kind::parse(&form.kind).ok_or(AppError::NotFound)?;
    let draft = form.final_version != "yes";
    let outcome = documents::generate(db, engine, clock, actor, id, kind, draft).await?;
    let (problems, title) = match outcome {
        documents::Outcome::Made(doc) => {
            let what = if draft { "Draft" } else { "Final" };
            return Ok(PageOrRedirect::success(
                format!("/cases/{id}/documents/versions/{}", doc.id),
                &format!(
                    "{what} version {} of the {} made",
                    doc.version,
                    kind.label().to_lowercase()
                ),
            ));
        }
        documents::Outcome::NeedsAnswers(errors) => (
            answer_problems(&errors),
            format!(
                "The {} cannot be made yet: some answers are missing or not right",
                kind.label().to_lowercase()
            ),
        ),
        documents::Outcome::Refused(problems) => (
            problems,
            format!(
                "The {} cannot be made final yet. A draft can still be made. Fix these first:",
                kind.label().to_lowercase()
            ),
        ),
    };
    let (mut view, case) = index_view(db, actor, id).await?;
    let rules_answers = documents::answers(db, id, Kind::Rules).await?.0;
    view.problems = problems
        .iter()
        .map(|p| ProblemView {
            message: p.message.clone(),
            href: fix_href(
                &case,
                p.fixed_in.unwrap_or(kind),
                p.field.as_deref(),
                &rules_answers,
            ),
        })
        .collect();
    view.problems_title = title;
    let page =
        PageContext::for_actor(actor, None).render("case_documents/index", "Documents", view);
    Ok(PageOrRedirect::invalid(page))
}

fn answer_problems(errors: &FieldErrors) -> Vec<Problem> {
    errors
        .iter()
        .map(|e| Problem {
            message: e.message.clone(),
            field: Some(e.field.clone()),
            fixed_in: None,
        })
        .collect()
}

/// The question page (and the question on it) that fixes a problem.
fn fix_href(
    case: &cases::Model,
    kind: Kind,
    field: Option<&str>,
    rules_answers: &serde_json::Map<String, serde_json::Value>,
) -> String {
    let base = format!("/cases/{}/documents", case.id);
    match kind {
        Kind::Rules => {
            let form = rules::read_answers(rules_answers).ok().map(|o| o.form);
            let page = field.and_then(|f| {
                form.map(rules::form_pages)?
                    .into_iter()
                    .find(|p| p.fields.iter().any(|q| q.key == f))
            });
            match (page, field) {
                (Some(p), Some(f)) => format!("{base}/rules/{}#{f}", p.key),
                _ => format!("{base}/rules"),
            }
        }
        Kind::BusinessPlan => {
            let page = field.and_then(|f| {
                finance::form_pages().into_iter().find(|p| match &p.repeat {
                    Some(r) => f.starts_with(&format!("{}[", r.key)) || f == r.key,
                    None => p.fields.iter().any(|q| q.key == f),
                })
            });
            match (page, field) {
                (Some(p), Some(f)) => format!("{base}/business-plan/{}#{f}", p.key),
                // Unplaced problems are about the money raised: the sources page fixes them.
                _ => format!("{base}/business-plan/bp_sources"),
            }
        }
    }
}

/// What a stored version needs to be shown again exactly as it was made.
fn stored_meta(case: &cases::Model, doc: &doc_rows::Model) -> DocumentMeta {
    let kind = Kind::parse(&doc.kind).unwrap_or(Kind::Rules);
    let (title, subject) = match kind {
        Kind::Rules => (format!("Rules of {}", doc.coop_name), "Model rules"),
        Kind::BusinessPlan => (format!("Business plan: {}", doc.coop_name), "Business plan"),
    };
    DocumentMeta {
        title,
        author: String::new(),
        subject: format!("{subject}, case {}", case.reference),
        coop_name: doc.coop_name.clone(),
        reference: case.reference.clone(),
        version: u32::try_from(doc.version).unwrap_or(0),
        draft: doc.draft,
    }
}

#[derive(Serialize)]
struct ShowView {
    header: CaseHeader,
    kind: &'static str,
    version: i32,
    draft: bool,
    pages: i32,
    hash: String,
    download: String,
    html: String,
}

#[get("/cases/<id>/documents/versions/<doc_id>")]
async fn show(
    actor: &Actor,
    id: i64,
    doc_id: i64,
    db: &State<DatabaseConnection>,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let (case, access, doc) = documents::find(db, actor, id, doc_id).await?;
    let html = render::stored_html(stored_meta(&case, &doc), doc.markup.clone()).await?;
    let kind = Kind::parse(&doc.kind).unwrap_or(Kind::Rules);
    let view = ShowView {
        header: CaseHeader::new(&case, access, "/documents"),
        kind: kind.label(),
        version: doc.version,
        draft: doc.draft,
        pages: doc.page_count,
        hash: doc.content_hash.chars().take(12).collect(),
        download: format!("/cases/{id}/documents/versions/{doc_id}/pdf"),
        html,
    };
    let title = format!("{} version {}", kind.label(), doc.version);
    Ok(PageContext::for_actor(actor, flash).render("case_documents/show", title, view))
}

#[derive(Responder)]
#[response(content_type = "pdf")]
struct PdfFile {
    bytes: Vec<u8>,
    disposition: Header<'static>,
}

/// `PCEC-2026-0001-rules-v3.pdf`, with anything but letters, digits and dashes dropped so the
/// header cannot be broken by an odd reference.
fn file_name(reference: &str, kind: Kind, version: i32) -> String {
    let safe: String = reference
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    format!("{safe}-{}-v{version}.pdf", kind.slug())
}

#[get("/cases/<id>/documents/versions/<doc_id>/pdf")]
async fn download(
    actor: &Actor,
    id: i64,
    doc_id: i64,
    db: &State<DatabaseConnection>,
) -> AppResult<PdfFile> {
    let (case, _, doc) = documents::find(db, actor, id, doc_id).await?;
    let kind = Kind::parse(&doc.kind).unwrap_or(Kind::Rules);
    let name = file_name(&case.reference, kind, doc.version);
    let _ = ContentType::PDF;
    Ok(PdfFile {
        bytes: doc.pdf,
        disposition: Header::new(
            "Content-Disposition",
            format!("attachment; filename=\"{name}\""),
        ),
    })
}

#[derive(Serialize)]
struct PieceView {
    text: String,
    inserted: bool,
    deleted: bool,
}

#[derive(Serialize)]
struct ClauseView {
    title: String,
    old_number: Option<u32>,
    new_number: Option<u32>,
    added: bool,
    removed: bool,
    changed: bool,
    pieces: Vec<PieceView>,
}

#[derive(Serialize)]
struct CompareView {
    header: CaseHeader,
    from: i32,
    to: i32,
    clauses: Vec<ClauseView>,
    unchanged: usize,
}

#[get("/cases/<id>/documents/compare?<from>&<to>")]
async fn compare_versions(
    actor: &Actor,
    id: i64,
    from: i64,
    to: i64,
    db: &State<DatabaseConnection>,
) -> AppResult<Template> {
    let (case, access, old) = documents::find(db, actor, id, from).await?;
    let (_, _, new) = documents::find(db, actor, id, to).await?;
    if old.kind != Kind::Rules.as_str() || new.kind != Kind::Rules.as_str() {
        return Err(AppError::NotFound);
    }
    let diff = compare::compare_clauses(&docgen::parse(&old.markup)?, &docgen::parse(&new.markup)?);
    let unchanged = diff
        .iter()
        .filter(|d| d.change == compare::Change::Same)
        .count();
    let clauses = diff
        .into_iter()
        .filter(|d| d.change != compare::Change::Same)
        .map(|d| ClauseView {
            title: d.title,
            old_number: d.old_number,
            new_number: d.new_number,
            added: d.change == compare::Change::Added,
            removed: d.change == compare::Change::Removed,
            changed: d.change == compare::Change::Changed,
            pieces: d
                .pieces
                .into_iter()
                .map(|p| PieceView {
                    text: p.text,
                    inserted: p.kind == compare::PieceKind::Inserted,
                    deleted: p.kind == compare::PieceKind::Deleted,
                })
                .collect(),
        })
        .collect();
    let view = CompareView {
        header: CaseHeader::new(&case, access, "/documents"),
        from: old.version,
        to: new.version,
        clauses,
        unchanged,
    };
    let title = format!(
        "Rules: version {} compared with version {}",
        old.version, new.version
    );
    let _ = Status::Ok;
    Ok(PageContext::for_actor(actor, None).render("case_documents/compare", title, view))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_keep_only_safe_characters() {
        assert_eq!(
            file_name("PCEC-2026-0001", Kind::Rules, 3),
            "PCEC-2026-0001-rules-v3.pdf"
        );
        assert_eq!(
            file_name("A\"; x=1/..", Kind::BusinessPlan, 1),
            "Ax1-business-plan-v1.pdf"
        );
    }
}
