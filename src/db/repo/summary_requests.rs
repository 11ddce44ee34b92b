//! Downloads of the public readiness summary, per address, for its rate limit.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter,
};

use crate::db::entities::summary_requests::{self, Entity as Requests};

pub async fn record(db: &impl ConnectionTrait, address: &str, now: i64) -> Result<(), DbErr> {
    summary_requests::ActiveModel {
        address: Set(address.chars().take(64).collect()),
        at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}

pub async fn count_since(
    db: &impl ConnectionTrait,
    address: &str,
    since: i64,
) -> Result<u64, DbErr> {
    Requests::find()
        .filter(summary_requests::Column::Address.eq(address.chars().take(64).collect::<String>()))
        .filter(summary_requests::Column::At.gt(since))
        .count(db)
        .await
}

/// Requests older than the window no longer count; deleting them keeps no address longer
/// than needed.
pub async fn forget_before(db: &impl ConnectionTrait, before: i64) -> Result<(), DbErr> {
    Requests::delete_many()
        .filter(summary_requests::Column::At.lt(before))
        .exec(db)
        .await
        .map(|_| ())
}
