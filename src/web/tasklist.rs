//! The case page: the task list of the case's stages (GOV.UK "complete multiple tasks"),
//! the next legal deadlines, a compact summary of the case, and its latest activity.

use crate::web::templates::Template;
use chrono::NaiveDate;
use rocket::request::FlashMessage;
use rocket::{get, routes, Route};
use serde::Serialize;

use super::case_header::CaseHeader;
use super::cases::CaseSummary;
use super::deadlines::{deadline_views, DeadlineView};
use super::page::PageContext;
use crate::clock::format_timestamp;
use crate::domain::case::Case;
use crate::domain::ids::CaseId;
use crate::domain::pathways::{Answers, PathwayLibrary};
use crate::domain::stages::StageStatus;
use crate::error::AppResult;
use crate::services::case_page::{self, Overview};
use crate::services::pathways::CaseState;
use crate::services::{auth::Actor, Env};

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
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let o = case_page::overview(&env, actor, id, RECENT_EVENTS).await?;
    let title = o.opened.case.name.clone();
    let view = case_view(&env, &o);
    Ok(PageContext::for_actor(actor, flash).render("cases/show", title, view))
}

fn case_view(env: &Env<'_>, o: &Overview) -> TaskListView {
    let case = &o.opened.case;
    TaskListView {
        header: CaseHeader::of(&o.opened, ""),
        case: CaseSummary::from(case),
        sector: case.sector.clone(),
        employer: case.employer.clone(),
        union: [case.union_name.as_str(), case.union_branch.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        worker_count: case.worker_count,
        trigger: case.trigger.label(),
        description: case.description.clone(),
        completed: o
            .state
            .stages
            .iter()
            .filter(|s| s.status == StageStatus::Completed)
            .count(),
        total: o.state.stages.len(),
        stages: stage_rows(env.library, case, &o.state),
        deadlines: o
            .deadline_answers
            .as_ref()
            .map(|answers| upcoming(env.library, answers, env.clock.today()))
            .unwrap_or_default(),
        show_deadlines: o.deadline_answers.is_some(),
        events: o
            .recent
            .iter()
            .map(|e| EventView {
                summary: e.summary.clone(),
                when: format_timestamp(e.created_at),
            })
            .collect(),
    }
}

/// The case's stages in their order, each linked once it can be started.
fn stage_rows(library: &PathwayLibrary, case: &Case, state: &CaseState) -> Vec<StageRow> {
    let pathway = library.pathway(case.pathway.as_str());
    state
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
        .collect()
}

/// The next few deadlines still to come.
fn upcoming(library: &PathwayLibrary, answers: &Answers, today: NaiveDate) -> Vec<DeadlineView> {
    deadline_views(library, answers, today)
        .into_iter()
        .filter(|d| d.days_remaining.is_some_and(|n| n >= 0))
        .take(SHORT_LIST)
        .collect()
}
