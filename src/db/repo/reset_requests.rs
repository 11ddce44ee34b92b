//! Requests for a password-reset email, per email hash and per client address, for their
//! rate limit.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter,
};

use crate::db::entities::reset_requests::{self, Column, Entity as Requests};

fn clip(address: &str) -> String {
    address.chars().take(64).collect()
}

pub async fn record(
    db: &impl ConnectionTrait,
    email_hash: &str,
    address: &str,
    now: i64,
) -> Result<(), DbErr> {
    reset_requests::ActiveModel {
        email_hash: Set(email_hash.to_string()),
        address: Set(clip(address)),
        at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// Requests since `since` for this email and from this client address.
pub async fn counts_since(
    db: &impl ConnectionTrait,
    email_hash: &str,
    address: &str,
    since: i64,
) -> Result<(u64, u64), DbErr> {
    let for_email = Requests::find()
        .filter(Column::EmailHash.eq(email_hash))
        .filter(Column::At.gt(since))
        .count(db)
        .await?;
    let from_address = Requests::find()
        .filter(Column::Address.eq(clip(address)))
        .filter(Column::At.gt(since))
        .count(db)
        .await?;
    Ok((for_email, from_address))
}

/// Requests older than the window no longer count; deleting them keeps nothing longer than
/// needed.
pub async fn forget_before(db: &impl ConnectionTrait, before: i64) -> Result<(), DbErr> {
    Requests::delete_many()
        .filter(Column::At.lt(before))
        .exec(db)
        .await
        .map(|_| ())
}
