//! Each stage's page: guidance, form pages, checklist and gate; and saving the checklist.

use std::collections::{BTreeMap, HashSet};

use crate::web::templates::Template;
use rocket::data::Data;
use rocket::request::FlashMessage;
use rocket::{get, post, routes, Route};
use serde::Serialize;

use super::answers::page_path;
use super::case_header::CaseHeader;
use super::learning_case::{before_stage, BeforeStageView};
use super::page::{PageContext, PageOrRedirect};
use super::questions::Fields;
use crate::domain::access::CaseRole;
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::CaseId;
use crate::domain::pathways::definition::{GateKind, Note, Stage};
use crate::domain::pathways::glossary::Segment;
use crate::domain::pathways::{
    show_if_holds, stage_progress, Answers, PathwayLibrary, StageProgress,
};
use crate::domain::stages::{Checklist, ChecklistMark, StageStatus};
use crate::error::AppResult;
use crate::services::gate_evidence::{self, StageEvidence};
use crate::services::gates::{self, ChecklistPost};
use crate::services::pathways::{self as svc, StageAt, StagePage};
use crate::services::{auth::Actor, Env};

pub fn routes() -> Vec<Route> {
    routes![stage_page, checklist]
}

#[derive(Serialize)]
struct StageView {
    header: CaseHeader,
    key: String,
    title: String,
    purpose: String,
    warnings: Vec<NoteView>,
    guidance: Vec<NoteView>,
    who: String,
    duration: String,
    help: String,
    status: &'static str,
    status_tag: &'static str,
    pages: Vec<PageLink>,
    checklist: Vec<ChecklistRow>,
    checklist_version: i64,
    gate: Option<GateView>,
    may_edit: bool,
    is_centre: bool,
    waiting: bool,
    completed: bool,
    returned_note: String,
    field_errors: BTreeMap<String, String>,
    missing: Vec<String>,
    /// The members' decisions this stage rests on, and the rules version they adopted.
    evidence: StageEvidence,
    /// The evidence and reason as posted, when a sign-off was refused.
    posted_evidence: Option<i64>,
    posted_override: String,
    /// "Before this stage, members usually learn…" (`learning_case`).
    learning: BeforeStageView,
}

/// A guidance block or warning that applies to the case: its paragraphs, with glossary
/// terms linked where they first appear on the page, and the law it rests on.
#[derive(Serialize)]
struct NoteView {
    paragraphs: Vec<Vec<Segment>>,
    sources: Vec<String>,
}

/// The blocks whose conditions hold for this case, in order. Warnings come first on the
/// page, so they are linked first and share `linked` with the guidance.
fn note_views(
    lib: &PathwayLibrary,
    notes: &[Note],
    answers: &Answers,
    linked: &mut HashSet<String>,
) -> Vec<NoteView> {
    notes
        .iter()
        .filter(|n| show_if_holds(lib, n.show_if.as_ref(), answers))
        .map(|n| NoteView {
            paragraphs: n
                .paragraphs()
                .iter()
                .map(|p| lib.glossary().link(p, linked))
                .collect(),
            sources: n.sources.clone(),
        })
        .collect()
}

#[derive(Serialize)]
struct PageLink {
    title: String,
    href: String,
    status: &'static str,
    tag: &'static str,
}

#[derive(Serialize)]
struct ChecklistRow {
    key: String,
    label: String,
    hint: Option<String>,
    done: bool,
    na: bool,
    reason: String,
    reason_field: String,
    error: Option<String>,
}

#[derive(Serialize)]
struct GateView {
    description: String,
    vote: bool,
    criteria: Vec<(String, bool)>,
    signed_off: Option<String>,
    note: String,
}

/// What the stage page shows again after a refused request: the messages, what stops a
/// sign-off (when that was asked), and the checklist as ticked (when that was saved).
#[derive(Default)]
pub(super) struct Again {
    pub errors: FieldErrors,
    pub missing: Vec<String>,
    pub ticked: Option<Checklist>,
    /// A refused sign-off's choice of evidence and reason, to show as they were.
    pub evidence: String,
    pub override_reason: String,
}

impl Again {
    /// A form's problems.
    pub fn errors(errors: FieldErrors) -> Self {
        Again {
            errors,
            ..Again::default()
        }
    }

    /// A checklist's problems, and the checklist as ticked.
    pub fn ticked(errors: FieldErrors, ticked: Checklist) -> Self {
        Again {
            ticked: Some(ticked),
            ..Again::errors(errors)
        }
    }
}

/// The stage page's content.
fn stage_view(
    lib: &PathwayLibrary,
    opened: &StagePage<'_>,
    again: &Again,
    evidence: StageEvidence,
) -> StageView {
    let (stage, state) = (opened.stage, &opened.state);
    let case = &opened.opened.case;
    let role = opened.opened.role;
    let st = state.stage(&stage.key);
    let status = st.map_or(StageStatus::CannotStart, |s| s.status);
    let record = state.record(&stage.key);
    let progress = stage_progress(lib, case.pathway.as_str(), &stage.key, &state.answers);
    let may_edit = role.works_on_case() && status.is_open();
    let pages = page_links(lib, opened, progress.as_ref());
    // A checklist with a problem comes back as it was ticked, not as it was stored.
    let ticks = again
        .ticked
        .clone()
        .or_else(|| record.map(|r| r.checklist.clone()))
        .unwrap_or_default();
    let checklist = checklist_rows(stage, &ticks, &again.errors);
    let gate = stage.gate.as_ref().map(|g| GateView {
        description: g.description.clone(),
        vote: g.kind == GateKind::Vote,
        criteria: progress
            .as_ref()
            .map(|p| {
                p.criteria
                    .iter()
                    .map(|c| (c.message.clone(), c.met))
                    .collect()
            })
            .unwrap_or_default(),
        signed_off: record
            .filter(|_| status == StageStatus::Completed)
            .and_then(|r| r.signed_off.as_ref())
            .map(|s| {
                format!(
                    "Signed off by {} on {}",
                    s.name,
                    crate::clock::format_timestamp(s.at)
                )
            }),
        note: record.map(|r| r.signoff_note.clone()).unwrap_or_default(),
    });
    let mut linked = HashSet::new();
    let warnings = note_views(lib, &stage.warnings, &state.answers, &mut linked);
    let guidance = note_views(lib, &stage.guidance, &state.answers, &mut linked);
    StageView {
        header: CaseHeader::of(&opened.opened, ""),
        key: stage.key.clone(),
        title: stage.title.clone(),
        purpose: stage.purpose.clone(),
        warnings,
        guidance,
        who: stage.who.clone(),
        duration: stage.duration.clone(),
        help: stage.help.clone(),
        status: status.label(),
        status_tag: status.tag(),
        pages,
        checklist,
        checklist_version: record.map_or(0, |r| r.version),
        gate,
        may_edit,
        is_centre: role == CaseRole::Centre,
        waiting: status == StageStatus::WaitingForSignoff,
        completed: status == StageStatus::Completed,
        returned_note: record
            .filter(|_| status.is_open())
            .map(|r| r.returned_note.clone())
            .unwrap_or_default(),
        field_errors: again.errors.by_field(),
        missing: again.missing.clone(),
        evidence,
        posted_evidence: again.evidence.trim().parse().ok(),
        posted_override: again.override_reason.clone(),
        learning: BeforeStageView::default(),
    }
}

/// The stage's form pages that apply to the case, each with how far it has got.
fn page_links(
    lib: &PathwayLibrary,
    opened: &StagePage<'_>,
    progress: Option<&StageProgress>,
) -> Vec<PageLink> {
    let (case, stage) = (&opened.opened.case, opened.stage);
    let answers = &opened.state.answers;
    lib.stage_pages(case.pathway.as_str(), &stage.key)
        .into_iter()
        .filter(|p| progress.is_some_and(|pr| pr.visible_pages.contains(&p.key)))
        .map(|p| {
            let missing = progress.is_some_and(|pr| pr.missing.iter().any(|m| m.page == p.key));
            let any = p.questions.iter().any(|q| answers.contains_key(&q.key));
            let (status, tag) = match (any, missing) {
                (false, _) => ("Not started", "tag-blue"),
                (true, true) => ("In progress", "tag-yellow"),
                (true, false) => ("Completed", "tag-green"),
            };
            PageLink {
                title: p.title.clone(),
                href: page_path(case.id, &stage.key, &p.key),
                status,
                tag,
            }
        })
        .collect()
}

/// The checklist as ticked, with any message for a missing reason.
fn checklist_rows(stage: &Stage, ticks: &Checklist, errors: &FieldErrors) -> Vec<ChecklistRow> {
    stage
        .checklist
        .iter()
        .map(|item| {
            let mark = ticks.get(&item.key);
            ChecklistRow {
                key: item.key.clone(),
                label: item.label.clone(),
                hint: item.hint.clone(),
                done: mark == Some(&ChecklistMark::Done),
                na: matches!(mark, Some(ChecklistMark::Na { .. })),
                reason: match mark {
                    Some(ChecklistMark::Na { reason }) => reason.clone(),
                    _ => String::new(),
                },
                reason_field: format!("{}-reason", item.key),
                error: errors
                    .first(&format!("{}-reason", item.key))
                    .map(String::from),
            }
        })
        .collect()
}

/// The stage page again, with problems (422).
pub(super) async fn stage_again(
    env: &Env<'_>,
    actor: &Actor,
    at: StageAt<'_>,
    again: Again,
) -> AppResult<PageOrRedirect> {
    let opened = svc::stage(env, actor, at).await?;
    let evidence = evidence_of(env, &opened).await?;
    let mut view = stage_view(env.library, &opened, &again, evidence);
    view.learning = before_stage(env, &opened.opened, &opened.stage.key).await?;
    let page = PageContext::for_actor(actor, None).render_with_errors(
        "stages/show",
        opened.stage.title.clone(),
        &again.errors,
        view,
    );
    Ok(PageOrRedirect::invalid(page))
}

/// The members' decisions shown on a stage with a vote gate or the registration page.
async fn evidence_of(env: &Env<'_>, opened: &StagePage<'_>) -> AppResult<StageEvidence> {
    let case = &opened.opened.case;
    let registration = env
        .library
        .stage_pages(case.pathway.as_str(), &opened.stage.key)
        .iter()
        .any(|p| p.key == "registration");
    gate_evidence::for_stage(env, &opened.opened, opened.stage, registration).await
}

/// Back to the stage page with a message.
pub(super) fn back_to(at: StageAt<'_>, message: &str) -> PageOrRedirect {
    PageOrRedirect::success(format!("/cases/{}/stages/{}", at.case, at.stage), message)
}

#[get("/cases/<id>/stages/<stage>")]
async fn stage_page(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    stage: &str,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let opened = svc::stage(&env, actor, StageAt { case: id, stage }).await?;
    let evidence = evidence_of(&env, &opened).await?;
    let mut view = stage_view(env.library, &opened, &Again::default(), evidence);
    view.learning = before_stage(&env, &opened.opened, &opened.stage.key).await?;
    let title = opened.stage.title.clone();
    Ok(PageContext::for_actor(actor, flash).render("stages/show", title, view))
}

#[post("/cases/<id>/stages/<stage>/checklist", data = "<data>")]
async fn checklist(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    stage: &str,
    data: Data<'_>,
) -> AppResult<PageOrRedirect> {
    let fields = Fields::read(data).await?;
    let at = StageAt { case: id, stage };
    let by_name = fields.by_name();
    let post = ChecklistPost {
        fields: &by_name,
        version: fields.version(),
    };
    match gates::save_checklist(&env, actor, at, post).await? {
        Ok(()) => Ok(back_to(at, "Checklist saved")),
        Err((errors, ticked)) => stage_again(&env, actor, at, Again::ticked(errors, ticked)).await,
    }
}
