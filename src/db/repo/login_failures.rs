//! Sign-in attempts that count towards throttling: each attempt is written before its password
//! is checked, and stays only if the password was wrong.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter,
};

use crate::db::entities::login_failures::{self, Entity as Failures};

/// Records an attempt and returns its id.
pub async fn record(
    db: &impl ConnectionTrait,
    email: &str,
    address: &str,
    now: i64,
) -> Result<i64, DbErr> {
    login_failures::ActiveModel {
        email: Set(email.chars().take(254).collect()),
        address: Set(address.chars().take(64).collect()),
        at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|row| row.id)
}

/// Removes one attempt: it signed in, or was refused without checking the password.
pub async fn forget(db: &impl ConnectionTrait, id: i64) -> Result<(), DbErr> {
    Failures::delete_by_id(id).exec(db).await.map(|_| ())
}

pub async fn count_for_email_since(
    db: &impl ConnectionTrait,
    email: &str,
    since: i64,
) -> Result<u64, DbErr> {
    Failures::find()
        .filter(login_failures::Column::Email.eq(email))
        .filter(login_failures::Column::At.gt(since))
        .count(db)
        .await
}

pub async fn count_for_address_since(
    db: &impl ConnectionTrait,
    address: &str,
    since: i64,
) -> Result<u64, DbErr> {
    Failures::find()
        .filter(login_failures::Column::Address.eq(address))
        .filter(login_failures::Column::At.gt(since))
        .count(db)
        .await
}

/// Old failures no longer count towards any limit; deleting them keeps the table small.
pub async fn forget_before(db: &impl ConnectionTrait, before: i64) -> Result<(), DbErr> {
    Failures::delete_many()
        .filter(login_failures::Column::At.lt(before))
        .exec(db)
        .await
        .map(|_| ())
}
