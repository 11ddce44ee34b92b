//! The case page: the task list of the case's stages (GOV.UK "complete multiple tasks"),
//! the next legal deadlines, a compact summary of the case, and its latest activity.

use rocket::request::FlashMessage;
use rocket::{get, routes, Route, State};
use rocket_dyn_templates::Template;
use sea_orm::DatabaseConnection;
use serde::Serialize;

use super::case_header::CaseHeader;
use super::cases::CaseSummary;
use super::deadlines::{answers_with_rules, deadline_views, DeadlineView};
use super::page::PageContext;
use crate::clock::{format_timestamp, Clock};
use crate::db::repo;
use crate::domain::case::Trigger;
use crate::domain::pathways::PathwayLibrary;
use crate::domain::stages::StageStatus;
use crate::error::AppResult;
use crate::services::pathways as svc;
use crate::services::{self, auth::Actor, cases::Access};

pub fn routes() -> Vec<Route> {
    routes![show]
}

#[derive(Serialize)]
struct TaskListView {
    header: CaseHeader,
    case: CaseSummary,
    sector: String,
    employer: String,
    union: String,
    worker_count: i32,
    trigger: &'static str,
    description: String,
    completed: usize,
    total: usize,
    stages: Vec<StageRow>,
    deadlines: Vec<DeadlineView>,
    show_deadlines: bool,
    events: Vec<EventView>,
}

#[derive(Serialize)]
struct StageRow {
    title: String,
    purpose: String,
    href: Option<String>,
    status: &'static str,
    tag: &'static str,
}

#[derive(Serialize)]
struct EventView {
    summary: String,
    when: String,
}

/// How many deadlines and events the case page shows; the tabs show them all.
const SHORT_LIST: usize = 3;
const RECENT_EVENTS: usize = 5;

#[get("/cases/<id>")]
async fn show(
    actor: &Actor,
    id: i64,
    db: &State<DatabaseConnection>,
    lib: &State<PathwayLibrary>,
    clock: &State<Clock>,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let (case, access) = services::cases::find_visible(db, actor, id).await?;
    let state = svc::load(db.inner(), lib, &case).await?;
    let events = repo::events::for_case(db.inner(), id).await?;
    let pathway = lib.pathway(&case.pathway);
    let stages: Vec<StageRow> = state
        .stages
        .iter()
        .filter_map(|s| {
            let def = pathway?.stages.iter().find(|d| d.key == s.key)?;
            Some(StageRow {
                title: def.title.clone(),
                purpose: def.purpose.clone(),
                href: (s.status != StageStatus::CannotStart)
                    .then(|| format!("/cases/{}/stages/{}", case.id, s.key)),
                status: s.status.label(),
                tag: s.status.tag(),
            })
        })
        .collect();
    let show_deadlines = access != Access::Worker;
    let deadlines = if show_deadlines {
        let answers = answers_with_rules(db.inner(), case.id, &state.answers).await?;
        deadline_views(lib, &answers, clock.today())
            .into_iter()
            .filter(|d| d.days_remaining.is_some_and(|n| n >= 0))
            .take(SHORT_LIST)
            .collect()
    } else {
        Vec::new()
    };
    let view = TaskListView {
        header: CaseHeader::new(&case, access, ""),
        case: CaseSummary::from(&case),
        sector: case.sector.clone(),
        employer: case.employer.clone(),
        union: [case.union_name.as_str(), case.union_branch.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        worker_count: case.worker_count,
        trigger: Trigger::parse(&case.trigger).map_or("Unknown", Trigger::label),
        description: case.description.clone(),
        completed: state
            .stages
            .iter()
            .filter(|s| s.status == StageStatus::Completed)
            .count(),
        total: state.stages.len(),
        stages,
        deadlines,
        show_deadlines,
        events: events
            .iter()
            .rev()
            .take(RECENT_EVENTS)
            .map(|e| EventView {
                summary: e.summary.clone(),
                when: format_timestamp(e.created_at),
            })
            .collect(),
    };
    Ok(PageContext::for_actor(actor, flash).render("cases/show", case.name.clone(), view))
}
