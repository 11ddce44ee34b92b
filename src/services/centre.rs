//! The education centre's overview: the dashboard, the filtered case list and its exports.
//! Only centre staff and admins may use the dashboard and exports; reps get their own cases
//! in the list.

use sea_orm::DatabaseConnection;

use super::auth::Actor;
use crate::clock::Clock;
use crate::db::entities::cases;
use crate::db::repo::{self, case_list::CaseFilter, centre::DueTask};
use crate::error::{AppError, AppResult};

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
    pub awaiting_signoff: Vec<cases::Model>,
    pub tasks_due: Vec<DueTask>,
    pub quiet: Vec<cases::Model>,
    pub mine: Vec<cases::Model>,
}

pub fn require_centre(actor: &Actor) -> AppResult<()> {
    if actor.is_centre() {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "only the education centre's staff can do this",
        ))
    }
}

pub async fn dashboard(
    db: &DatabaseConnection,
    clock: &Clock,
    actor: &Actor,
) -> AppResult<Dashboard> {
    require_centre(actor)?;
    let due_by = (clock.today() + chrono::Duration::days(DUE_SOON_DAYS))
        .format("%Y-%m-%d")
        .to_string();
    Ok(Dashboard {
        by_stage: repo::centre::counts_by_stage(db).await?,
        awaiting_signoff: repo::centre::awaiting_signoff(db, PANEL_ROWS + 1).await?,
        tasks_due: repo::centre::tasks_due_by(db, &due_by, PANEL_ROWS + 1).await?,
        quiet: repo::centre::quiet_since(db, clock.now() - QUIET_AFTER_SECS, PANEL_ROWS + 1)
            .await?,
        mine: repo::centre::advised_by(db, actor.id, PANEL_ROWS + 1).await?,
    })
}

/// One page of the list as this person may see it: reps and workers only their own cases,
/// whatever the filter says.
pub async fn list_page(
    db: &DatabaseConnection,
    actor: &Actor,
    mut filter: CaseFilter,
    after: Option<i64>,
    limit: u64,
) -> AppResult<Vec<cases::Model>> {
    if !actor.is_centre() {
        filter.member_id = Some(actor.id);
    }
    let last = match after {
        Some(id) => repo::cases::find(db, id).await?,
        None => None,
    };
    Ok(repo::case_list::page(db, &filter, last.as_ref(), limit).await?)
}

/// Staff and admins by id, for naming advisors and assignees.
/// Centre staff by id, for naming advisors, assignees and note authors.
pub async fn advisors(env: &super::Env<'_>) -> AppResult<std::collections::HashMap<i64, String>> {
    advisor_names(env.db()).await
}

pub async fn advisor_names(
    db: &DatabaseConnection,
) -> AppResult<std::collections::HashMap<i64, String>> {
    Ok(repo::people::advisors(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect())
}

/// The filtered list as CSV, safe to open in a spreadsheet.
pub async fn export_csv(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: CaseFilter,
) -> AppResult<String> {
    use crate::domain::case::{CaseStatus, Pathway, Trigger};
    use crate::domain::centre::csv_row;
    require_centre(actor)?;
    let rows = repo::case_list::all(db, &filter).await?;
    let advisors = advisor_names(db).await?;
    let mut out = csv_row(&[
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
    ]);
    for c in &rows {
        out.push_str(&csv_row(&[
            c.reference.clone(),
            c.name.clone(),
            Pathway::parse(&c.pathway).map_or(c.pathway.clone(), |p| p.label().into()),
            c.current_stage.clone(),
            CaseStatus::parse(&c.status).map_or(c.status.clone(), |s| s.label().into()),
            c.advisor_id
                .and_then(|id| advisors.get(&id).cloned())
                .unwrap_or_default(),
            c.sector.clone(),
            Trigger::parse(&c.trigger).map_or(c.trigger.clone(), |t| t.label().into()),
            c.employer.clone(),
            c.union_name.clone(),
            c.union_branch.clone(),
            c.worker_count.to_string(),
            iso_date(c.created_at),
            iso_date(c.updated_at),
        ]));
    }
    Ok(out)
}

fn iso_date(seconds: i64) -> String {
    chrono::DateTime::from_timestamp(seconds, 0)
        .map(|t| t.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}
