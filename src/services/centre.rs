//! The education centre's overview: the dashboard, the filtered case list and its exports.
//! Only centre staff and admins may use the dashboard and exports; reps get their own cases
//! in the list.

use std::collections::HashMap;

use super::auth::Actor;
use super::Env;
use crate::db::entities::cases;
use crate::db::repo;
use crate::domain::access;
use crate::domain::case::Case;
use crate::domain::case_filter::CaseFilter;
use crate::domain::ids::{CaseId, UserId};
use crate::domain::spreadsheet::to_csv;
use crate::error::AppResult;

pub use crate::db::repo::centre::DueTask;

/// How long a case may go without any change before the dashboard calls it quiet.
pub const QUIET_AFTER_SECS: i64 = 30 * 24 * 60 * 60;
/// Tasks due within this many days show on the dashboard.
pub const DUE_SOON_DAYS: i64 = 14;
/// The most rows each dashboard panel lists; one more is read to know there are more.
pub const PANEL_ROWS: u64 = 8;

/// Everything the dashboard shows, in five queries.
pub struct Dashboard {
    /// (pathway, stage, open cases there).
    pub by_stage: Vec<(String, String, i64)>,
    pub awaiting_signoff: Vec<Case>,
    pub tasks_due: Vec<DueTask>,
    pub quiet: Vec<Case>,
    pub mine: Vec<Case>,
}

/// Work that belongs to the centre whatever the case (the rule is `access::require_centre`).
pub fn require_centre(actor: &Actor) -> AppResult<()> {
    Ok(access::require_centre(actor.role)?)
}

/// Rows become typed cases here, so the pages never re-read stored strings.
fn typed(rows: Vec<cases::Model>) -> AppResult<Vec<Case>> {
    Ok(rows
        .into_iter()
        .map(Case::try_from)
        .collect::<Result<_, _>>()?)
}

pub async fn dashboard(env: &Env<'_>, actor: &Actor) -> AppResult<Dashboard> {
    require_centre(actor)?;
    let (db, clock) = (env.db(), env.clock);
    let due_by = (clock.today() + chrono::Duration::days(DUE_SOON_DAYS))
        .format("%Y-%m-%d")
        .to_string();
    let quiet_since = clock.now() - QUIET_AFTER_SECS;
    Ok(Dashboard {
        by_stage: repo::centre::counts_by_stage(db).await?,
        awaiting_signoff: typed(repo::centre::awaiting_signoff(db, PANEL_ROWS + 1).await?)?,
        tasks_due: repo::centre::tasks_due_by(db, &due_by, PANEL_ROWS + 1).await?,
        quiet: typed(repo::centre::quiet_since(db, quiet_since, PANEL_ROWS + 1).await?)?,
        mine: typed(repo::centre::advised_by(db, actor.id, PANEL_ROWS + 1).await?)?,
    })
}

/// How many cases the list shows at a time.
pub const LIST_PAGE_SIZE: u64 = 50;

/// One page of the case list.
pub struct ListPage {
    pub cases: Vec<Case>,
    /// Whether more cases follow the last one shown.
    pub more: bool,
    /// Centre staff by id, for the advisor column and filter.
    pub advisors: HashMap<i64, String>,
}

/// One page of the list as this person may see it, after the case `after`: reps and workers
/// only their own cases, whatever the filter says.
pub async fn list_page(
    env: &Env<'_>,
    actor: &Actor,
    mut filter: CaseFilter,
    after: Option<CaseId>,
) -> AppResult<ListPage> {
    if !actor.is_centre() {
        filter.member_id = Some(UserId(actor.id));
    }
    let last = match after {
        Some(id) => repo::cases::find(env.db(), id.get()).await?,
        None => None,
    };
    // One more than a page is read to know whether another page follows.
    let rows = repo::case_list::page(env.db(), &filter, last.as_ref(), LIST_PAGE_SIZE + 1).await?;
    let more = rows.len() as u64 > LIST_PAGE_SIZE;
    let mut cases = typed(rows)?;
    cases.truncate(LIST_PAGE_SIZE as usize);
    Ok(ListPage {
        cases,
        more,
        advisors: advisors(env).await?,
    })
}

/// Centre staff by id, for naming advisors, assignees and note authors.
pub async fn advisors(env: &Env<'_>) -> AppResult<HashMap<i64, String>> {
    Ok(repo::people::advisors(env.db())
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect())
}

/// The filtered list as CSV, safe to open in a spreadsheet.
pub async fn export_csv(env: &Env<'_>, actor: &Actor, filter: CaseFilter) -> AppResult<String> {
    require_centre(actor)?;
    let rows = typed(repo::case_list::all(env.db(), &filter).await?)?;
    let advisors = advisors(env).await?;
    let header = [
        "Reference",
        "Name",
        "Pathway",
        "Stage",
        "Status",
        "Advisor",
        "Sector",
        "What started it",
        "Employer",
        "Union",
        "Union branch",
        "Workers",
        "Opened",
        "Last change",
    ];
    let lines = rows.into_iter().map(|c| {
        [
            c.reference,
            c.name,
            c.pathway.label().into(),
            env.library.stage_title(c.pathway.as_str(), &c.current_stage),
            c.status.label().into(),
            c.advisor_id
                .and_then(|id| advisors.get(&id.get()).cloned())
                .unwrap_or_default(),
            c.sector,
            c.trigger.label().into(),
            c.employer,
            c.union_name,
            c.union_branch,
            c.worker_count.to_string(),
            iso_date(c.created_at),
            iso_date(c.updated_at),
        ]
    });
    Ok(to_csv(header, lines))
}

fn iso_date(seconds: i64) -> String {
    chrono::DateTime::from_timestamp(seconds, 0)
        .map(|t| t.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}
