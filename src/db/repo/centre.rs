//! Reads and writes of cases for the education centre: the dashboard's figures, advisors,
//! status, and who belongs to a case.

use sea_orm::{
    sea_query::{Expr, ExprTrait, Query},
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, JoinType, QueryFilter,
    QueryOrder, QuerySelect, RelationTrait,
};

use crate::db::entities::{
    case_members::{self, Entity as CaseMembers},
    cases::{self, Entity as Cases},
    tasks::{self, Entity as Tasks},
    users::{self, Entity as Users},
};

/// Statuses of cases that are still being worked on.
pub const OPEN_STATUSES: [&str; 2] = ["active", "on_hold"];

/// How many open cases stand at each stage of each pathway: (pathway, stage, count).
/// Read from `case_stage_counts`, which triggers on `cases` keep right (migration 31), so the
/// cost does not grow with the number of cases.
pub async fn counts_by_stage(
    db: &impl ConnectionTrait,
) -> Result<Vec<(String, String, i64)>, DbErr> {
    let stmt = Query::select()
        .columns(["pathway", "stage"])
        // SUM is NUMERIC on PostgreSQL; the cast makes it a BIGINT on both backends.
        .expr_as(Expr::cust("CAST(SUM(n) AS BIGINT)"), "n")
        .from("case_stage_counts")
        .and_where(Expr::col("status").is_in(OPEN_STATUSES))
        .group_by_columns(["pathway", "stage"])
        .to_owned();
    db.query_all(&stmt)
        .await?
        .iter()
        .map(|r| {
            Ok((
                r.try_get::<String>("", "pathway")?,
                r.try_get::<String>("", "stage")?,
                r.try_get::<i64>("", "n")?,
            ))
        })
        .collect()
}

/// Cases whose stage waits for a centre sign-off, longest waiting first.
pub async fn awaiting_signoff(
    db: &impl ConnectionTrait,
    limit: u64,
) -> Result<Vec<cases::Model>, DbErr> {
    Cases::find()
        .filter(cases::Column::AwaitingSignoffSince.is_not_null())
        .order_by_asc(cases::Column::AwaitingSignoffSince)
        .limit(limit)
        .all(db)
        .await
}

/// Active cases nothing has happened on since `before`, quietest first.
pub async fn quiet_since(
    db: &impl ConnectionTrait,
    before: i64,
    limit: u64,
) -> Result<Vec<cases::Model>, DbErr> {
    Cases::find()
        .filter(cases::Column::Status.eq("active"))
        .filter(cases::Column::UpdatedAt.lt(before))
        .order_by_asc(cases::Column::UpdatedAt)
        .order_by_asc(cases::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// Open cases this advisor looks after, most recently changed first.
pub async fn advised_by(
    db: &impl ConnectionTrait,
    advisor_id: i64,
    limit: u64,
) -> Result<Vec<cases::Model>, DbErr> {
    Cases::find()
        .filter(cases::Column::AdvisorId.eq(advisor_id))
        .filter(cases::Column::Status.is_in(OPEN_STATUSES))
        .order_by_desc(cases::Column::UpdatedAt)
        .order_by_desc(cases::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// Cases with these ids (for naming the cases of a list of tasks).
pub async fn by_ids(db: &impl ConnectionTrait, ids: Vec<i64>) -> Result<Vec<cases::Model>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Cases::find()
        .filter(cases::Column::Id.is_in(ids))
        .all(db)
        .await
}

/// Changes columns of a case if nobody changed it since `version` was read, bumping the
/// version and the last-change time. Returns whether it was saved.
pub async fn update_versioned(
    db: &impl ConnectionTrait,
    id: i64,
    version: i64,
    changes: Vec<(cases::Column, sea_orm::Value)>,
    now: i64,
) -> Result<bool, DbErr> {
    let mut update = Cases::update_many()
        .col_expr(cases::Column::Version, Expr::value(version + 1))
        .col_expr(cases::Column::UpdatedAt, Expr::value(now));
    for (column, value) in changes {
        update = update.col_expr(column, Expr::value(value));
    }
    let result = update
        .filter(cases::Column::Id.eq(id))
        .filter(cases::Column::Version.eq(version))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Records that something happened on a case (a note, a task), for "no activity" and the
/// list's "last change", without touching its version: nobody's form of the case goes stale.
pub async fn touch(db: &impl ConnectionTrait, id: i64, now: i64) -> Result<(), DbErr> {
    Cases::update_many()
        .col_expr(cases::Column::UpdatedAt, Expr::value(now))
        .filter(cases::Column::Id.eq(id))
        .exec(db)
        .await
        .map(|_| ())
}

/// The people on a case with their role there, by name.
pub async fn members(
    db: &impl ConnectionTrait,
    case_id: i64,
) -> Result<Vec<(case_members::Model, users::Model)>, DbErr> {
    let rows = CaseMembers::find()
        .filter(case_members::Column::CaseId.eq(case_id))
        .all(db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|m| m.user_id).collect();
    let people = Users::find()
        .filter(users::Column::Id.is_in(ids))
        .all(db)
        .await?;
    let mut out: Vec<_> = rows
        .into_iter()
        .filter_map(|m| {
            let user = people.iter().find(|u| u.id == m.user_id)?.clone();
            Some((m, user))
        })
        .collect();
    out.sort_by(|a, b| a.1.name.cmp(&b.1.name));
    Ok(out)
}

pub async fn remove_member(
    db: &impl ConnectionTrait,
    case_id: i64,
    user_id: i64,
) -> Result<bool, DbErr> {
    let result = CaseMembers::delete_many()
        .filter(case_members::Column::CaseId.eq(case_id))
        .filter(case_members::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// An open task with its case and assignee named, for the dashboard.
#[derive(Debug, Clone, FromQueryResult)]
pub struct DueTask {
    pub id: i64,
    pub case_id: i64,
    pub title: String,
    pub due_on: Option<String>,
    pub assignee_id: Option<i64>,
    pub case_name: String,
    pub case_reference: String,
    pub assignee_name: Option<String>,
}

/// Open tasks of open cases due on or before `date` (ISO), soonest first, in one query.
pub async fn tasks_due_by(
    db: &impl ConnectionTrait,
    date: &str,
    limit: u64,
) -> Result<Vec<DueTask>, DbErr> {
    Tasks::find()
        .select_only()
        .column(tasks::Column::Id)
        .column(tasks::Column::CaseId)
        .column(tasks::Column::Title)
        .column(tasks::Column::DueOn)
        .column(tasks::Column::AssigneeId)
        .column_as(cases::Column::Name, "case_name")
        .column_as(cases::Column::Reference, "case_reference")
        .column_as(users::Column::Name, "assignee_name")
        .join(JoinType::InnerJoin, tasks::Relation::Case.def())
        .join(JoinType::LeftJoin, tasks::Relation::Assignee.def())
        .filter(tasks::Column::DoneAt.is_null())
        .filter(tasks::Column::DueOn.lte(date))
        .filter(cases::Column::Status.is_in(OPEN_STATUSES))
        .order_by_asc(tasks::Column::DueOn)
        .order_by_asc(tasks::Column::Id)
        .limit(limit)
        .into_model::<DueTask>()
        .all(db)
        .await
}
