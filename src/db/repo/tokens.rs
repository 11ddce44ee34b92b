use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr,
    EntityTrait, QueryFilter,
};

use crate::db::entities::one_time_tokens::{self, Entity as Tokens};

pub async fn insert(
    db: &impl ConnectionTrait,
    token_hash: &str,
    purpose: &str,
    user_id: Option<i64>,
    now: i64,
    expires_at: i64,
) -> Result<one_time_tokens::Model, DbErr> {
    one_time_tokens::ActiveModel {
        token_hash: Set(token_hash.to_string()),
        purpose: Set(purpose.to_string()),
        user_id: Set(user_id),
        created_at: Set(now),
        expires_at: Set(expires_at),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
}

pub async fn find(
    db: &impl ConnectionTrait,
    token_hash: &str,
    purpose: &str,
) -> Result<Option<one_time_tokens::Model>, DbErr> {
    Tokens::find()
        .filter(one_time_tokens::Column::TokenHash.eq(token_hash))
        .filter(one_time_tokens::Column::Purpose.eq(purpose))
        .one(db)
        .await
}

/// Marks the token used if it still can be. The check and the write are one statement, so
/// two people following the same link at once cannot both succeed.
pub async fn consume(db: &impl ConnectionTrait, id: i64, now: i64) -> Result<bool, DbErr> {
    let result = Tokens::update_many()
        .col_expr(one_time_tokens::Column::UsedAt, Expr::value(now))
        .filter(one_time_tokens::Column::Id.eq(id))
        .filter(one_time_tokens::Column::UsedAt.is_null())
        .filter(one_time_tokens::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Retires every unused token of a purpose (and user), so only the newest link works.
pub async fn retire_unused(
    db: &impl ConnectionTrait,
    purpose: &str,
    user_id: Option<i64>,
    now: i64,
) -> Result<(), DbErr> {
    let mut update = Tokens::update_many()
        .col_expr(one_time_tokens::Column::UsedAt, Expr::value(now))
        .filter(one_time_tokens::Column::Purpose.eq(purpose))
        .filter(one_time_tokens::Column::UsedAt.is_null());
    update = match user_id {
        Some(id) => update.filter(one_time_tokens::Column::UserId.eq(id)),
        None => update.filter(one_time_tokens::Column::UserId.is_null()),
    };
    update.exec(db).await.map(|_| ())
}
