//! Accounts as admins manage them.

use sea_orm::{
    sea_query::Expr, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

use crate::db::entities::users::{self, Entity as Users};

/// Every account, staff first, then by name.
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<users::Model>, DbErr> {
    let mut people = Users::find()
        .order_by_asc(users::Column::Name)
        .all(db)
        .await?;
    people.sort_by_key(|u| match u.role.as_str() {
        "admin" => 0,
        "staff" => 1,
        "rep" => 2,
        _ => 3,
    });
    Ok(people)
}

/// Staff and admins who can advise cases, by name.
pub async fn advisors(db: &impl ConnectionTrait) -> Result<Vec<users::Model>, DbErr> {
    Users::find()
        .filter(users::Column::Role.is_in(["admin", "staff"]))
        .filter(users::Column::Disabled.eq(false))
        .order_by_asc(users::Column::Name)
        .all(db)
        .await
}

pub async fn by_ids(db: &impl ConnectionTrait, ids: Vec<i64>) -> Result<Vec<users::Model>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Users::find()
        .filter(users::Column::Id.is_in(ids))
        .all(db)
        .await
}

pub async fn update_details(
    db: &impl ConnectionTrait,
    id: i64,
    name: &str,
    email: &str,
    role: &str,
    now: i64,
) -> Result<(), DbErr> {
    Users::update_many()
        .col_expr(users::Column::Name, Expr::value(name))
        .col_expr(users::Column::Email, Expr::value(email))
        .col_expr(users::Column::Role, Expr::value(role))
        .col_expr(users::Column::UpdatedAt, Expr::value(now))
        .filter(users::Column::Id.eq(id))
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn set_disabled(
    db: &impl ConnectionTrait,
    id: i64,
    disabled: bool,
    now: i64,
) -> Result<(), DbErr> {
    Users::update_many()
        .col_expr(users::Column::Disabled, Expr::value(disabled))
        .col_expr(users::Column::UpdatedAt, Expr::value(now))
        .filter(users::Column::Id.eq(id))
        .exec(db)
        .await
        .map(|_| ())
}
