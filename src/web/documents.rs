//! The Documents tab of a case: the versions of each document, making a draft or a final
//! version, reading a version as HTML, downloading its PDF and comparing two versions of the
//! rules clause by clause. The question pages are in `rules_form` and `plan_form`.

use std::sync::Arc;

use crate::web::templates::Template;
use rocket::form::{Form, FromForm};
use rocket::http::Header;
use rocket::request::FlashMessage;
use rocket::{get, post, routes, Responder, Route, State};
use serde::Serialize;

use super::case_header::CaseHeader;
use super::page::{PageContext, PageOrRedirect};
use super::plan_form;
use crate::clock::format_timestamp;
use crate::domain::case::Case;
use crate::domain::field_errors::FieldErrors;
use crate::domain::finance;
use crate::domain::ids::{CaseId, DocumentId};
use crate::domain::rules::{self, LegalForm};
use crate::error::{AppError, AppResult};
use crate::services::documents::{self, Change, Overview, PieceKind};
use crate::services::render::{Engine, Kind, Problem};
use crate::services::{auth::Actor, Env};

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

fn index_view(overview: &Overview) -> IndexView {
    let case = &overview.opened.case;
    let kinds = Kind::ALL
        .iter()
        .map(|kind| {
            let versions: Vec<VersionView> = overview
                .versions
                .iter()
                .filter(|v| v.kind == *kind)
                .map(|v| VersionView {
                    id: v.id.get(),
                    version: v.version,
                    draft: v.draft,
                    who: v.who.clone(),
                    when: format_timestamp(v.created_at),
                    pages: v.pages,
                    published: v.published,
                })
                .collect();
            KindView {
                key: kind.as_str(),
                label: kind.label(),
                questions: questions_href(case, *kind),
                comparable: *kind == Kind::Rules && versions.len() >= 2,
                versions,
            }
        })
        .collect();
    IndexView {
        header: CaseHeader::of(&overview.opened, "/documents"),
        may_edit: overview.opened.role.works_on_case(),
        kinds,
        problems_title: String::new(),
        problems: Vec::new(),
    }
}

fn questions_href(case: &Case, kind: Kind) -> String {
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
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let view = index_view(&documents::overview(&env, actor, id).await?);
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
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    form: Form<MakeForm>,
    engine: &State<Arc<Engine>>,
) -> AppResult<PageOrRedirect> {
    let kind = Kind::parse(&form.kind).ok_or(AppError::NotFound)?;
    let draft = form.final_version != "yes";
    let outcome = documents::generate(&env, engine, actor, id, (kind, draft)).await?;
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
    let overview = documents::overview(&env, actor, id).await?;
    let view = with_problems(index_view(&overview), (kind, &problems), title, &overview);
    let page =
        PageContext::for_actor(actor, None).render("case_documents/index", "Documents", view);
    Ok(PageOrRedirect::invalid(page))
}

/// The documents tab with what stopped a version being made, each linked to its question.
fn with_problems(
    mut view: IndexView,
    (kind, problems): (Kind, &[Problem]),
    title: String,
    overview: &Overview,
) -> IndexView {
    let id = overview.opened.id();
    view.problems = problems
        .iter()
        .map(|p| ProblemView {
            message: p.message.clone(),
            href: fix_href(
                id,
                p.fixed_in.unwrap_or(kind),
                p.field.as_deref(),
                overview.rules_form,
            ),
        })
        .collect();
    view.problems_title = title;
    view
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
fn fix_href(id: CaseId, kind: Kind, field: Option<&str>, form: Option<LegalForm>) -> String {
    let base = format!("/cases/{id}/documents");
    match kind {
        Kind::Rules => {
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
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    doc_id: DocumentId,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let (found, html) = documents::read(&env, actor, id, doc_id).await?;
    let (kind, doc) = (found.kind, &found.doc);
    let view = ShowView {
        header: CaseHeader::of(&found.opened, "/documents"),
        kind: kind.label(),
        version: doc.version,
        draft: doc.draft,
        pages: doc.page_count,
        hash: crate::services::render::short_fingerprint(&doc.content_hash).to_string(),
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
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    doc_id: DocumentId,
) -> AppResult<PdfFile> {
    let found = documents::find(&env, actor, id, doc_id).await?;
    let name = file_name(&found.opened.case.reference, found.kind, found.doc.version);
    Ok(PdfFile {
        bytes: found.doc.pdf,
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
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    from: i64,
    to: i64,
) -> AppResult<Template> {
    let versions = (DocumentId(from), DocumentId(to));
    let comparison = documents::compare(&env, actor, id, versions).await?;
    let unchanged = comparison
        .clauses
        .iter()
        .filter(|d| d.change == Change::Same)
        .count();
    let clauses = comparison
        .clauses
        .into_iter()
        .filter(|d| d.change != Change::Same)
        .map(|d| ClauseView {
            title: d.title,
            old_number: d.old_number,
            new_number: d.new_number,
            added: d.change == Change::Added,
            removed: d.change == Change::Removed,
            changed: d.change == Change::Changed,
            pieces: d
                .pieces
                .into_iter()
                .map(|p| PieceView {
                    text: p.text,
                    inserted: p.kind == PieceKind::Inserted,
                    deleted: p.kind == PieceKind::Deleted,
                })
                .collect(),
        })
        .collect();
    let title = format!(
        "Rules: version {} compared with version {}",
        comparison.from, comparison.to
    );
    let view = CompareView {
        header: CaseHeader::of(&comparison.opened, "/documents"),
        from: comparison.from,
        to: comparison.to,
        clauses,
        unchanged,
    };
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
