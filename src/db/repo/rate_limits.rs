//! Hits counted by the per-address (and per-email) limits, one row per hit in
//! `rate_limit_hits`, told apart by their counter.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter,
};

use crate::db::entities::rate_limit_hits::{self, Column, Entity as Hits};
use crate::domain::rate_limit::Counter;

/// Addresses arrive from the network and could be anything; the column holds 64 characters.
fn clip(subject: &str) -> String {
    subject.chars().take(64).collect()
}

pub async fn record(
    db: &impl ConnectionTrait,
    counter: Counter,
    subject: &str,
    now: i64,
) -> Result<(), DbErr> {
    rate_limit_hits::ActiveModel {
        counter: Set(counter.as_str().to_string()),
        subject: Set(clip(subject)),
        at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// Hits on this counter for this subject after `since`.
pub async fn count_since(
    db: &impl ConnectionTrait,
    counter: Counter,
    subject: &str,
    since: i64,
) -> Result<u64, DbErr> {
    Hits::find()
        .filter(Column::Counter.eq(counter.as_str()))
        .filter(Column::Subject.eq(clip(subject)))
        .filter(Column::At.gt(since))
        .count(db)
        .await
}

/// Hits older than the counter's window no longer count; deleting them keeps no address
/// longer than the limit needs it.
pub async fn forget_before(
    db: &impl ConnectionTrait,
    counter: Counter,
    before: i64,
) -> Result<(), DbErr> {
    Hits::delete_many()
        .filter(Column::Counter.eq(counter.as_str()))
        .filter(Column::At.lt(before))
        .exec(db)
        .await
        .map(|_| ())
}
