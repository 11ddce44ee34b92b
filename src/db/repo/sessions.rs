use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr,
    EntityTrait, FromQueryResult, JoinType, QueryFilter, QuerySelect, RelationTrait,
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

/// What every signed-in request needs to know about its session and its person: no password
/// hash, user agent or creation times, which no page uses.
#[derive(Debug, Clone, FromQueryResult)]
pub struct SessionUser {
    pub session_id: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
    pub revoked_at: Option<i64>,
    pub user_id: i64,
    pub email: String,
    pub name: String,
    pub role: String,
    pub disabled: bool,
}

/// The session with this token hash and its user, in one query (every signed-in page needs
/// both, and each round trip to the database is the dearest part of a page).
pub async fn find_with_user(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<SessionUser>, DbErr> {
    Sessions::find()
        .select_only()
        .column_as(sessions::Column::Id, "session_id")
        .column(sessions::Column::LastSeenAt)
        .column(sessions::Column::ExpiresAt)
        .column(sessions::Column::RevokedAt)
        .column_as(users::Column::Id, "user_id")
        .column(users::Column::Email)
        .column(users::Column::Name)
        .column(users::Column::Role)
        .column(users::Column::Disabled)
        .join(JoinType::InnerJoin, sessions::Relation::User.def())
        .filter(sessions::Column::TokenHash.eq(token_hash))
        .into_model::<SessionUser>()
        .one(db)
        .await
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
