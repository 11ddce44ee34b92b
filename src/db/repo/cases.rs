use sea_orm::{
    sea_query::{Expr, ExprTrait, OnConflict, Query},
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::db::entities::{
    case_members::{self, Entity as CaseMembers},
    cases::{self, Entity as Cases},
};
use crate::domain::case::{stored, Case, CaseStatus, NewCase, Pathway, Trigger, UnknownValue};
use crate::domain::ids::{CaseId, UserId};

/// Takes the next number of the year's reference sequence. Runs inside the transaction that
/// opens the case: the row lock (PostgreSQL) or the write lock (SQLite) keeps numbers unique.
pub async fn next_reference_number(db: &impl ConnectionTrait, year: i32) -> Result<i32, DbErr> {
    let stmt = Query::insert()
        .into_table("reference_counters")
        .columns(["year", "last_number"])
        .values_panic([year.into(), 1.into()])
        .on_conflict(
            OnConflict::column("year")
                .value(
                    "last_number",
                    Expr::col(("reference_counters", "last_number")).add(1),
                )
                .to_owned(),
        )
        .returning_col("last_number")
        .to_owned();
    let row = db
        .query_one(&stmt)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("reference counter".into()))?;
    row.try_get::<i32>("", "last_number")
}

pub async fn insert(
    db: &impl ConnectionTrait,
    case: &NewCase,
    reference: &str,
    created_by: i64,
    now: i64,
) -> Result<cases::Model, DbErr> {
    cases::ActiveModel {
        reference: Set(reference.to_string()),
        name: Set(case.name.clone()),
        pathway: Set(case.pathway.as_str().to_string()),
        sector: Set(case.sector.clone()),
        employer: Set(case.employer.clone()),
        union_name: Set(case.union_name.clone()),
        union_branch: Set(case.union_branch.clone()),
        worker_count: Set(case.worker_count),
        trigger: Set(case.trigger.as_str().to_string()),
        description: Set(case.description.clone()),
        status: Set("active".into()),
        current_stage: Set("intake".into()),
        advisor_id: Set(None),
        created_by: Set(created_by),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<cases::Model>, DbErr> {
    Cases::find_by_id(id).one(db).await
}

pub async fn add_member(
    db: &impl ConnectionTrait,
    case_id: i64,
    user_id: i64,
    role: &str,
    now: i64,
) -> Result<(), DbErr> {
    case_members::ActiveModel {
        case_id: Set(case_id),
        user_id: Set(user_id),
        role: Set(role.to_string()),
        created_at: Set(now),
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// The person's role on the case ("rep" or "worker"), or `None` when they do not belong to it.
pub async fn membership(
    db: &impl ConnectionTrait,
    case_id: i64,
    user_id: i64,
) -> Result<Option<String>, DbErr> {
    Ok(CaseMembers::find_by_id((case_id, user_id))
        .one(db)
        .await?
        .map(|m| m.role))
}

/// Where a page of the case list starts: after the case last shown on the previous page.
/// Keyset paging keeps page 2,000 as fast as page 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub updated_at: i64,
    pub id: i64,
}

/// A page of cases, most recently changed first; `member_id` limits it to one person's cases.
pub async fn list_page(
    db: &impl ConnectionTrait,
    member_id: Option<i64>,
    after: Option<Cursor>,
    limit: u64,
) -> Result<Vec<cases::Model>, DbErr> {
    let mut query = Cases::find();
    if let Some(user_id) = member_id {
        let mine = Query::select()
            .column(case_members::Column::CaseId)
            .from(CaseMembers)
            .and_where(case_members::Column::UserId.eq(user_id))
            .to_owned();
        query = query.filter(cases::Column::Id.in_subquery(mine));
    }
    if let Some(cursor) = after {
        query = query.filter(
            cases::Column::UpdatedAt
                .lt(cursor.updated_at)
                .or(cases::Column::UpdatedAt
                    .eq(cursor.updated_at)
                    .and(cases::Column::Id.lt(cursor.id))),
        );
    }
    query
        .order_by_desc(cases::Column::UpdatedAt)
        .order_by_desc(cases::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// A row becomes a typed case here, once; an unknown pathway, trigger or status is an error
/// naming the column rather than a silent default.
impl TryFrom<cases::Model> for Case {
    type Error = UnknownValue;

    fn try_from(row: cases::Model) -> Result<Self, UnknownValue> {
        Ok(Case {
            id: CaseId(row.id),
            pathway: stored("cases.pathway", &row.pathway, Pathway::parse)?,
            trigger: stored("cases.trigger", &row.trigger, Trigger::parse)?,
            status: stored("cases.status", &row.status, CaseStatus::parse)?,
            reference: row.reference,
            name: row.name,
            sector: row.sector,
            employer: row.employer,
            union_name: row.union_name,
            union_branch: row.union_branch,
            worker_count: row.worker_count,
            description: row.description,
            current_stage: row.current_stage,
            advisor_id: row.advisor_id.map(UserId),
            created_by: UserId(row.created_by),
            version: row.version,
            created_at: row.created_at,
            updated_at: row.updated_at,
            awaiting_signoff_since: row.awaiting_signoff_since,
        })
    }
}
