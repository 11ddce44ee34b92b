use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};

use crate::db::entities::case_events::{self, Entity as Events};

/// Appends one entry to a case's history. Call it in the same transaction as the change it
/// describes, so the log can never disagree with the data.
pub async fn record(
    db: &impl ConnectionTrait,
    case_id: i64,
    actor_id: Option<i64>,
    kind: &str,
    summary: &str,
    data: &serde_json::Value,
    now: i64,
) -> Result<(), DbErr> {
    case_events::ActiveModel {
        case_id: Set(case_id),
        actor_id: Set(actor_id),
        kind: Set(kind.to_string()),
        summary: Set(summary.to_string()),
        data: Set(data.to_string()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// A case's history, oldest first.
pub async fn for_case(
    db: &impl ConnectionTrait,
    case_id: i64,
) -> Result<Vec<case_events::Model>, DbErr> {
    Events::find()
        .filter(case_events::Column::CaseId.eq(case_id))
        .order_by_asc(case_events::Column::Id)
        .all(db)
        .await
}
