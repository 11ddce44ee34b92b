//! Each stage's page: guidance, form pages, checklist and gate; and saving the checklist.

use std::collections::{BTreeMap, HashSet};

use rocket::data::Data;
use rocket::request::FlashMessage;
use rocket::{get, post, routes, Route, State};
use rocket_dyn_templates::Template;
use sea_orm::DatabaseConnection;
use serde::Serialize;

use super::answers::page_path;
use super::case_header::CaseHeader;
use super::page::{PageContext, PageOrRedirect};
use super::questions::Fields;
use crate::clock::Clock;
use crate::db::entities::cases;
use crate::domain::field_errors::FieldErrors;
use crate::domain::pathways::definition::{GateKind, Note, Stage};
use crate::domain::pathways::glossary::Segment;
use crate::domain::pathways::{
    show_if_holds, stage_progress, Answers, PathwayLibrary, StageProgress,
};
use crate::domain::stages::{parse_checklist, Checklist, ChecklistMark, StageStatus};
use crate::error::{AppError, AppResult};
use crate::services::gates::{self, checklist_of};
use crate::services::pathways::{self as svc, CaseState};
use crate::services::{self, auth::Actor, cases::Access};

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

/// The stage page's content; `missing` lists what stops a sign-off request, when one failed.
fn stage_view(
    lib: &PathwayLibrary,
    (case, access): (&cases::Model, Access),
    state: &CaseState,
    stage: &Stage,
    errors: &FieldErrors,
    missing: Vec<String>,
    typed: Option<Checklist>,
) -> StageView {
    let st = state.stage(&stage.key);
    let status = st.map_or(StageStatus::CannotStart, |s| s.status);
    let row = st.and_then(|s| s.row.as_ref());
    let progress = stage_progress(lib, &case.pathway, &stage.key, &state.answers);
    let may_edit = access != Access::Worker && status.is_open();
    let pages = page_links(lib, case, stage, state, progress.as_ref());
    // A checklist with a problem comes back as it was ticked, not as it was stored.
    let ticks = typed.unwrap_or_else(|| checklist_of(row));
    let checklist = checklist_rows(stage, &ticks, errors);
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
        signed_off: row
            .filter(|_| status == StageStatus::Completed)
            .and_then(|r| {
                r.signed_off_at.map(|at| {
                    format!(
                        "Signed off by {} on {}",
                        r.signed_off_name,
                        crate::clock::format_timestamp(at)
                    )
                })
            }),
        note: row.map(|r| r.signoff_note.clone()).unwrap_or_default(),
    });
    let mut linked = HashSet::new();
    let warnings = note_views(lib, &stage.warnings, &state.answers, &mut linked);
    let guidance = note_views(lib, &stage.guidance, &state.answers, &mut linked);
    StageView {
        header: CaseHeader::new(case, access, ""),
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
        checklist_version: row.map_or(0, |r| r.version),
        gate,
        may_edit,
        is_centre: access == Access::Centre,
        waiting: status == StageStatus::WaitingForSignoff,
        completed: status == StageStatus::Completed,
        returned_note: row
            .filter(|_| status.is_open())
            .map(|r| r.returned_note.clone())
            .unwrap_or_default(),
        field_errors: errors.by_field(),
        missing,
    }
}

/// The stage's form pages that apply to the case, each with how far it has got.
fn page_links(
    lib: &PathwayLibrary,
    case: &cases::Model,
    stage: &Stage,
    state: &CaseState,
    progress: Option<&StageProgress>,
) -> Vec<PageLink> {
    lib.stage_pages(&case.pathway, &stage.key)
        .into_iter()
        .filter(|p| progress.is_some_and(|pr| pr.visible_pages.contains(&p.key)))
        .map(|p| {
            let missing = progress.is_some_and(|pr| pr.missing.iter().any(|m| m.page == p.key));
            let any = p
                .questions
                .iter()
                .any(|q| state.answers.contains_key(&q.key));
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

pub(super) struct Loaded<'a> {
    pub case: cases::Model,
    pub access: Access,
    pub stage: &'a Stage,
}

pub(super) async fn load_stage<'a>(
    db: &DatabaseConnection,
    lib: &'a PathwayLibrary,
    actor: &Actor,
    id: i64,
    stage: &str,
) -> AppResult<Loaded<'a>> {
    let (case, access) = services::cases::find_visible(db, actor, id).await?;
    let stage = lib.stage(&case.pathway, stage).ok_or(AppError::NotFound)?;
    Ok(Loaded {
        case,
        access,
        stage,
    })
}

/// The stage page again, with problems (422).
pub(super) async fn stage_again(
    db: &DatabaseConnection,
    lib: &PathwayLibrary,
    actor: &Actor,
    l: &Loaded<'_>,
    errors: &FieldErrors,
    missing: Vec<String>,
    typed: Option<Checklist>,
) -> AppResult<PageOrRedirect> {
    let state = svc::load(db, lib, &l.case).await?;
    let view = stage_view(
        lib,
        (&l.case, l.access),
        &state,
        l.stage,
        errors,
        missing,
        typed,
    );
    let page = PageContext::for_actor(actor, None).render_with_errors(
        "stages/show",
        l.stage.title.clone(),
        errors,
        view,
    );
    Ok(PageOrRedirect::invalid(page))
}

pub(super) fn back_to(l: &Loaded<'_>, message: &str) -> PageOrRedirect {
    PageOrRedirect::success(
        format!("/cases/{}/stages/{}", l.case.id, l.stage.key),
        message,
    )
}

#[get("/cases/<id>/stages/<stage>")]
async fn stage_page(
    actor: &Actor,
    id: i64,
    stage: &str,
    db: &State<DatabaseConnection>,
    lib: &State<PathwayLibrary>,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let l = load_stage(db, lib, actor, id, stage).await?;
    let state = svc::load(db.inner(), lib, &l.case).await?;
    let view = stage_view(
        lib,
        (&l.case, l.access),
        &state,
        l.stage,
        &FieldErrors::new(),
        Vec::new(),
        None,
    );
    Ok(PageContext::for_actor(actor, flash).render("stages/show", l.stage.title.clone(), view))
}

#[allow(clippy::too_many_arguments)]
#[post("/cases/<id>/stages/<stage>/checklist", data = "<data>")]
async fn checklist(
    actor: &Actor,
    id: i64,
    stage: &str,
    data: Data<'_>,
    db: &State<DatabaseConnection>,
    clock: &State<Clock>,
    lib: &State<PathwayLibrary>,
) -> AppResult<PageOrRedirect> {
    let fields = Fields::read(data).await?;
    let l = load_stage(db, lib, actor, id, stage).await?;
    svc::ensure_editor(l.access)?;
    let states: BTreeMap<String, String> = l
        .stage
        .checklist
        .iter()
        .map(|i| (i.key.clone(), fields.text(&i.key)))
        .collect();
    let reasons: BTreeMap<String, String> = l
        .stage
        .checklist
        .iter()
        .map(|i| (i.key.clone(), fields.text(&format!("{}-reason", i.key))))
        .collect();
    let version = fields
        .get("version")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    match parse_checklist(l.stage, &states, &reasons) {
        Ok(list) => {
            gates::save_checklist(
                db,
                clock,
                lib,
                actor,
                (&l.case, l.access),
                l.stage,
                (list, version),
            )
            .await?;
            Ok(back_to(&l, "Checklist saved"))
        }
        Err(errors) => {
            let typed = states
                .iter()
                .filter_map(|(key, state): (&String, &String)| {
                    let mark = match state.as_str() {
                        "done" => ChecklistMark::Done,
                        "na" => ChecklistMark::Na {
                            reason: reasons.get(key).cloned().unwrap_or_default(),
                        },
                        _ => return None,
                    };
                    Some((key.clone(), mark))
                })
                .collect();
            stage_again(db, lib, actor, &l, &errors, Vec::new(), Some(typed)).await
        }
    }
}
