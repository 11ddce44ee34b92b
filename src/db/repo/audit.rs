//! The audit log of changes that belong to no case: accounts created, edited, disabled,
//! password-reset links made. Changes to cases are in `case_events`.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait, QueryOrder,
    QuerySelect,
};

use crate::db::entities::{
    audit_log::{self, Entity as AuditLog},
    case_events::{self, Entity as Events},
};

pub async fn record(
    db: &impl ConnectionTrait,
    actor_id: Option<i64>,
    subject_user_id: Option<i64>,
    kind: &str,
    summary: &str,
    data: &serde_json::Value,
    now: i64,
) -> Result<(), DbErr> {
    audit_log::ActiveModel {
        actor_id: Set(actor_id),
        subject_user_id: Set(subject_user_id),
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

/// The newest account changes.
pub async fn latest(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<audit_log::Model>, DbErr> {
    AuditLog::find()
        .order_by_desc(audit_log::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// The newest case events across every case.
pub async fn latest_case_events(
    db: &impl ConnectionTrait,
    limit: u64,
) -> Result<Vec<case_events::Model>, DbErr> {
    Events::find()
        .order_by_desc(case_events::Column::Id)
        .limit(limit)
        .all(db)
        .await
}
