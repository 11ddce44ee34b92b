//! The centre's dashboard: what needs staff today, and where every case stands.

use crate::web::templates::Template;
use chrono::NaiveDate;
use rocket::{get, routes, Route};
use serde::Serialize;

use super::case_list::stage_title;
use super::page::PageContext;
use super::session::Centre;
use crate::clock::format_timestamp;
use crate::domain::case::{Case, Pathway};
use crate::domain::centre::{urgency, Urgency};
use crate::domain::pathways::PathwayLibrary;
use crate::error::AppResult;
use crate::services::centre::{Dashboard, DueTask};
use crate::services::{self, Env};

pub fn routes() -> Vec<Route> {
    routes![dashboard]
}

/// Geometry of the bar chart, in SVG units (the chart scales to the screen's width).
const CHART_WIDTH: i64 = 400;
const ROW_HEIGHT: i64 = 46;
const BAR_HEIGHT: i64 = 18;
/// Room on the right of the longest bar for its number.
const VALUE_ROOM: i64 = 50;

#[derive(Serialize)]
struct ChartRow {
    label: String,
    count: i64,
    label_y: i64,
    bar_y: i64,
    bar_width: i64,
    value_x: i64,
    value_y: i64,
    stage_key: String,
}

#[derive(Serialize)]
struct Chart {
    pathway: String,
    pathway_key: String,
    title_id: String,
    total: i64,
    height: i64,
    width: i64,
    bar_height: i64,
    rows: Vec<ChartRow>,
}

/// One chart per pathway, its stages in their order (stages the files do not know last).
fn charts(counts: &[(String, String, i64)], library: &PathwayLibrary) -> Vec<Chart> {
    Pathway::ALL
        .iter()
        .map(|p| {
            let key = p.as_str();
            let mut stages: Vec<String> = library
                .pathway(key)
                .map(|pw| pw.stages.iter().map(|s| s.key.clone()).collect())
                .unwrap_or_default();
            for (pathway, stage, _) in counts {
                if pathway == key && !stages.contains(stage) {
                    stages.push(stage.clone());
                }
            }
            let count_of = |stage: &str| {
                counts
                    .iter()
                    .filter(|(pw, st, _)| pw == key && st == stage)
                    .map(|(_, _, n)| *n)
                    .sum::<i64>()
            };
            let max = stages.iter().map(|s| count_of(s)).max().unwrap_or(0).max(1);
            let rows: Vec<ChartRow> = stages
                .iter()
                .enumerate()
                .map(|(i, stage)| {
                    let count = count_of(stage);
                    let top = i as i64 * ROW_HEIGHT;
                    let bar_width = (count * (CHART_WIDTH - VALUE_ROOM)) / max;
                    ChartRow {
                        label: stage_title(library, *p, stage),
                        count,
                        label_y: top + 16,
                        bar_y: top + 22,
                        bar_width: bar_width.max(if count > 0 { 2 } else { 0 }),
                        value_x: bar_width + 8,
                        value_y: top + 22 + BAR_HEIGHT - 4,
                        stage_key: stage.clone(),
                    }
                })
                .collect();
            Chart {
                pathway: p.label().to_string(),
                pathway_key: key.to_string(),
                title_id: format!("chart-{key}"),
                total: rows.iter().map(|r| r.count).sum(),
                height: rows.len() as i64 * ROW_HEIGHT + 4,
                width: CHART_WIDTH,
                bar_height: BAR_HEIGHT,
                rows,
            }
        })
        .collect()
}

#[derive(Serialize)]
struct CaseLine {
    id: i64,
    reference: String,
    name: String,
    stage: String,
    when: String,
}

fn line(c: &Case, library: &PathwayLibrary, when: i64) -> CaseLine {
    CaseLine {
        id: c.id.get(),
        reference: c.reference.clone(),
        name: c.name.clone(),
        stage: stage_title(library, c.pathway, &c.current_stage),
        when: format_timestamp(when),
    }
}

#[derive(Serialize)]
struct TaskLine {
    case_id: i64,
    case_name: String,
    case_reference: String,
    title: String,
    due: String,
    overdue: bool,
    assignee: String,
    mine: bool,
}

/// A panel's rows, and how many to say there are: "8" or "more than 8".
#[derive(Serialize)]
struct Panel<T: Serialize> {
    rows: Vec<T>,
    count: String,
    alert: bool,
}

fn panel<T: Serialize>(mut rows: Vec<T>) -> Panel<T> {
    let limit = services::centre::PANEL_ROWS as usize;
    let count = if rows.len() > limit {
        rows.truncate(limit);
        format!("{limit}+")
    } else {
        rows.len().to_string()
    };
    Panel {
        alert: !rows.is_empty(),
        rows,
        count,
    }
}

#[derive(Serialize)]
struct DashboardView {
    charts: Vec<Chart>,
    awaiting: Panel<CaseLine>,
    tasks: Panel<TaskLine>,
    overdue: String,
    quiet: Panel<CaseLine>,
    mine: Panel<CaseLine>,
}

#[get("/dashboard")]
async fn dashboard(centre: Centre<'_>, env: Env<'_>) -> AppResult<Template> {
    let actor = centre.0;
    let d = services::centre::dashboard(&env, actor).await?;
    let view = dashboard_view(&d, env.library, actor.id, env.clock.today());
    Ok(PageContext::for_actor(actor, None).render("centre/dashboard", "Dashboard", view))
}

fn dashboard_view(
    d: &Dashboard,
    library: &PathwayLibrary,
    me: i64,
    today: NaiveDate,
) -> DashboardView {
    let tasks: Vec<TaskLine> = d
        .tasks_due
        .iter()
        .map(|t| task_line(t, me, today))
        .collect();
    let overdue = tasks.iter().filter(|t| t.overdue).count();
    let limit = services::centre::PANEL_ROWS as usize;
    let lines = |cases: &[Case]| {
        cases
            .iter()
            .map(|c| line(c, library, c.updated_at))
            .collect()
    };
    DashboardView {
        charts: charts(&d.by_stage, library),
        awaiting: panel(
            d.awaiting_signoff
                .iter()
                .map(|c| line(c, library, c.awaiting_signoff_since.unwrap_or(c.updated_at)))
                .collect(),
        ),
        // Tasks are read soonest first, so every overdue one comes before those due later.
        overdue: if overdue > limit {
            format!("{limit}+")
        } else {
            overdue.to_string()
        },
        tasks: panel(tasks),
        quiet: panel(lines(&d.quiet)),
        mine: panel(lines(&d.mine)),
    }
}

fn task_line(t: &DueTask, me: i64, today: NaiveDate) -> TaskLine {
    TaskLine {
        case_id: t.case_id,
        case_name: t.case_name.clone(),
        case_reference: t.case_reference.clone(),
        title: t.title.clone(),
        due: t.due_on.as_deref().map(human_date).unwrap_or_default(),
        overdue: urgency(t.due_on.as_deref(), false, today) == Urgency::Overdue,
        assignee: t.assignee_name.clone().unwrap_or_default(),
        mine: t.assignee_id == Some(me),
    }
}

/// `2026-12-01` as people read it: `1 Dec 2026`.
pub fn human_date(iso: &str) -> String {
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(|d| d.format("%-d %b %Y").to_string())
        .unwrap_or_else(|_| iso.to_string())
}
