//! A case's answers to pathway questions, one row per question with its own version.

use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr,
    EntityTrait, QueryFilter,
};

use crate::db::entities::case_answers::{self, Entity as CaseAnswers};

/// Every answer row of a case, cleared ones included (their versions still count).
pub async fn for_case(
    db: &impl ConnectionTrait,
    case_id: i64,
) -> Result<Vec<case_answers::Model>, DbErr> {
    CaseAnswers::find()
        .filter(case_answers::Column::CaseId.eq(case_id))
        .all(db)
        .await
}

/// The first answer to a question. The unique index on (case, question) refuses a second
/// insert made at the same moment by someone else.
pub async fn insert(
    db: &impl ConnectionTrait,
    case_id: i64,
    key: &str,
    value: &serde_json::Value,
    by: i64,
    now: i64,
) -> Result<(), DbErr> {
    case_answers::ActiveModel {
        case_id: Set(case_id),
        question_key: Set(key.to_string()),
        value: Set(value.to_string()),
        version: Set(1),
        updated_by: Set(Some(by)),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// Changes an answer only if nobody has changed it since `version` was read; returns whether
/// it did.
pub async fn update_if_version(
    db: &impl ConnectionTrait,
    id: i64,
    version: i64,
    value: &serde_json::Value,
    by: i64,
    now: i64,
) -> Result<bool, DbErr> {
    let result = CaseAnswers::update_many()
        .col_expr(case_answers::Column::Value, Expr::value(value.to_string()))
        .col_expr(case_answers::Column::Version, Expr::value(version + 1))
        .col_expr(case_answers::Column::UpdatedBy, Expr::value(by))
        .col_expr(case_answers::Column::UpdatedAt, Expr::value(now))
        .filter(case_answers::Column::Id.eq(id))
        .filter(case_answers::Column::Version.eq(version))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}
