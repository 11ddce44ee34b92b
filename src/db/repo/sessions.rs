use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr,
    EntityTrait, QueryFilter,
};

use crate::db::entities::{
    sessions::{self, Entity as Sessions},
    users,
};

pub async fn insert(
    db: &impl ConnectionTrait,
    token_hash: &str,
    user_id: i64,
    now: i64,
    expires_at: i64,
    user_agent: &str,
) -> Result<sessions::Model, DbErr> {
    sessions::ActiveModel {
        token_hash: Set(token_hash.to_string()),
        user_id: Set(user_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
        user_agent: Set(user_agent.chars().take(200).collect()),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// The session with this token hash and its user, in one query (every signed-in page needs
/// both, and each round trip to the database is the dearest part of a page).
pub async fn find_with_user(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<(sessions::Model, users::Model)>, DbErr> {
    let found = Sessions::find()
        .filter(sessions::Column::TokenHash.eq(token_hash))
        .find_also_related(users::Entity)
        .one(db)
        .await?;
    Ok(found.and_then(|(session, user)| user.map(|u| (session, u))))
}

pub async fn touch(db: &impl ConnectionTrait, id: i64, now: i64) -> Result<(), DbErr> {
    Sessions::update_many()
        .col_expr(sessions::Column::LastSeenAt, Expr::value(now))
        .filter(sessions::Column::Id.eq(id))
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn revoke(db: &impl ConnectionTrait, id: i64, now: i64) -> Result<(), DbErr> {
    Sessions::update_many()
        .col_expr(sessions::Column::RevokedAt, Expr::value(now))
        .filter(sessions::Column::Id.eq(id))
        .filter(sessions::Column::RevokedAt.is_null())
        .exec(db)
        .await
        .map(|_| ())
}

/// Ends every live session of a user, except `keep` (the one making the request, when a
/// person changes their own password and stays signed in).
pub async fn revoke_all_for_user(
    db: &impl ConnectionTrait,
    user_id: i64,
    keep: Option<i64>,
    now: i64,
) -> Result<u64, DbErr> {
    let mut update = Sessions::update_many()
        .col_expr(sessions::Column::RevokedAt, Expr::value(now))
        .filter(sessions::Column::UserId.eq(user_id))
        .filter(sessions::Column::RevokedAt.is_null());
    if let Some(id) = keep {
        update = update.filter(sessions::Column::Id.ne(id));
    }
    Ok(update.exec(db).await?.rows_affected)
}
