use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter,
};

use crate::db::entities::users::{self, Entity as Users};

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<users::Model>, DbErr> {
    Users::find_by_id(id).one(db).await
}

pub async fn find_by_email(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<users::Model>, DbErr> {
    Users::find()
        .filter(users::Column::Email.eq(email))
        .one(db)
        .await
}

pub struct NewUser<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub role: &'a str,
    pub password_hash: &'a str,
}

pub async fn insert(
    db: &impl ConnectionTrait,
    user: NewUser<'_>,
    now: i64,
) -> Result<users::Model, DbErr> {
    users::ActiveModel {
        email: Set(user.email.to_string()),
        name: Set(user.name.to_string()),
        role: Set(user.role.to_string()),
        password_hash: Set(user.password_hash.to_string()),
        disabled: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

pub async fn set_password_hash(
    db: &impl ConnectionTrait,
    id: i64,
    hash: &str,
    now: i64,
) -> Result<(), DbErr> {
    users::ActiveModel {
        id: Set(id),
        password_hash: Set(hash.to_string()),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(db)
    .await
    .map(|_| ())
}

pub async fn count_admins(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    Users::find()
        .filter(users::Column::Role.eq("admin"))
        .filter(users::Column::Disabled.eq(false))
        .count(db)
        .await
}
