//! A case's tasks: something to do by a date, for someone.

use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::db::entities::tasks::{self, Entity as Tasks};

pub struct NewTask<'a> {
    pub case_id: i64,
    pub title: &'a str,
    pub due_on: Option<&'a str>,
    pub assignee_id: Option<i64>,
    pub checklist_key: Option<&'a str>,
    pub created_by: i64,
}

pub async fn insert(
    db: &impl ConnectionTrait,
    task: NewTask<'_>,
    now: i64,
) -> Result<tasks::Model, DbErr> {
    tasks::ActiveModel {
        case_id: Set(task.case_id),
        title: Set(task.title.to_string()),
        due_on: Set(task.due_on.map(str::to_string)),
        assignee_id: Set(task.assignee_id),
        checklist_key: Set(task.checklist_key.map(str::to_string)),
        done_at: Set(None),
        done_by: Set(None),
        created_by: Set(task.created_by),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// A case's tasks: open ones first by due date (undated last), then done ones.
pub async fn for_case(db: &impl ConnectionTrait, case_id: i64) -> Result<Vec<tasks::Model>, DbErr> {
    let mut all = Tasks::find()
        .filter(tasks::Column::CaseId.eq(case_id))
        .order_by_asc(tasks::Column::Id)
        .all(db)
        .await?;
    all.sort_by(|a, b| {
        (a.done_at.is_some(), a.due_on.is_none(), &a.due_on, a.id).cmp(&(
            b.done_at.is_some(),
            b.due_on.is_none(),
            &b.due_on,
            b.id,
        ))
    });
    Ok(all)
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<tasks::Model>, DbErr> {
    Tasks::find_by_id(id).one(db).await
}

/// Marks a task done or not done, if nobody changed it since `version` was read.
pub async fn set_done(
    db: &impl ConnectionTrait,
    id: i64,
    version: i64,
    done_by: Option<i64>,
    now: i64,
) -> Result<bool, DbErr> {
    let result = Tasks::update_many()
        .col_expr(tasks::Column::DoneAt, Expr::value(done_by.map(|_| now)))
        .col_expr(tasks::Column::DoneBy, Expr::value(done_by))
        .col_expr(tasks::Column::UpdatedAt, Expr::value(now))
        .col_expr(tasks::Column::Version, Expr::value(version + 1))
        .filter(tasks::Column::Id.eq(id))
        .filter(tasks::Column::Version.eq(version))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Open tasks due on or before `date` (ISO), soonest first, across all cases.
pub async fn open_due_by(
    db: &impl ConnectionTrait,
    date: &str,
    limit: u64,
) -> Result<Vec<tasks::Model>, DbErr> {
    Tasks::find()
        .filter(tasks::Column::DoneAt.is_null())
        .filter(tasks::Column::DueOn.lte(date))
        .order_by_asc(tasks::Column::DueOn)
        .order_by_asc(tasks::Column::Id)
        .limit(limit)
        .all(db)
        .await
}
