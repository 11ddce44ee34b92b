//! Private calendar addresses: one live token per person, stored as its SHA-256.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter,
};

use crate::db::entities::calendar_feeds::{self, Entity as Feeds};

/// Revokes every live address of the person.
pub async fn revoke_all(db: &impl ConnectionTrait, user_id: i64, now: i64) -> Result<u64, DbErr> {
    Ok(Feeds::update_many()
        .col_expr(calendar_feeds::Column::RevokedAt, Expr::value(now))
        .filter(calendar_feeds::Column::UserId.eq(user_id))
        .filter(calendar_feeds::Column::RevokedAt.is_null())
        .exec(db)
        .await?
        .rows_affected)
}

pub async fn insert(
    db: &impl ConnectionTrait,
    user_id: i64,
    token_hash: &str,
    now: i64,
) -> Result<(), DbErr> {
    calendar_feeds::ActiveModel {
        user_id: Set(user_id),
        token_hash: Set(token_hash.into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// The person a live address belongs to.
pub async fn user_of(db: &impl ConnectionTrait, token_hash: &str) -> Result<Option<i64>, DbErr> {
    Ok(Feeds::find()
        .filter(calendar_feeds::Column::TokenHash.eq(token_hash))
        .filter(calendar_feeds::Column::RevokedAt.is_null())
        .one(db)
        .await?
        .map(|f| f.user_id))
}

pub async fn has_live(db: &impl ConnectionTrait, user_id: i64) -> Result<bool, DbErr> {
    Ok(Feeds::find()
        .filter(calendar_feeds::Column::UserId.eq(user_id))
        .filter(calendar_feeds::Column::RevokedAt.is_null())
        .one(db)
        .await?
        .is_some())
}

/// The cases a person is on (as a rep or worker) or advises (staff), oldest first.
pub async fn cases_of_person(
    db: &impl ConnectionTrait,
    user_id: i64,
) -> Result<Vec<crate::db::entities::cases::Model>, DbErr> {
    use crate::db::entities::{case_members, cases};
    let member_of: Vec<i64> = case_members::Entity::find()
        .filter(case_members::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.case_id)
        .collect();
    cases::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(cases::Column::Id.is_in(member_of))
                .add(cases::Column::AdvisorId.eq(user_id)),
        )
        .all(db)
        .await
}
