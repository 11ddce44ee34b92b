//! The intake answers a case was opened with, by intake question key (JSON object).

use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};

use crate::db::entities::case_prefill::{self, Entity as CasePrefill};

pub async fn insert(
    db: &impl ConnectionTrait,
    case_id: i64,
    source: &str,
    answers: &serde_json::Value,
    now: i64,
) -> Result<(), DbErr> {
    case_prefill::ActiveModel {
        case_id: Set(case_id),
        source: Set(source.to_string()),
        answers: Set(answers.to_string()),
        created_at: Set(now),
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// The prefilled answers of a case, or `None` when it was not opened from an enquiry.
pub async fn find(
    db: &impl ConnectionTrait,
    case_id: i64,
) -> Result<Option<serde_json::Map<String, serde_json::Value>>, DbErr> {
    let Some(row) = CasePrefill::find_by_id(case_id).one(db).await? else {
        return Ok(None);
    };
    Ok(serde_json::from_str(&row.answers).ok())
}
