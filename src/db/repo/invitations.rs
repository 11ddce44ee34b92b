//! The `invitations` table.

use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr,
    EntityTrait, QueryFilter, QueryOrder,
};

use crate::db::entities::invitations::{self, Entity as Invitations};

pub struct NewInvitation<'a> {
    pub case_id: i64,
    pub name: &'a str,
    pub email: &'a str,
    pub role: &'a str,
    pub token_hash: &'a str,
    pub expires_at: i64,
    pub invited_by: i64,
}

pub async fn insert(
    db: &impl ConnectionTrait,
    new: NewInvitation<'_>,
    now: i64,
) -> Result<invitations::Model, DbErr> {
    invitations::ActiveModel {
        case_id: Set(new.case_id),
        name: Set(new.name.to_string()),
        email: Set(new.email.to_string()),
        role: Set(new.role.to_string()),
        token_hash: Set(new.token_hash.to_string()),
        status: Set("pending".into()),
        expires_at: Set(new.expires_at),
        invited_by: Set(new.invited_by),
        sent_at: Set(None),
        send_error: Set(None),
        accepted_user_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<invitations::Model>, DbErr> {
    Invitations::find_by_id(id).one(db).await
}

pub async fn find_by_hash(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<invitations::Model>, DbErr> {
    Invitations::find()
        .filter(invitations::Column::TokenHash.eq(token_hash))
        .one(db)
        .await
}

/// A case's invitations, newest first.
pub async fn for_case(
    db: &impl ConnectionTrait,
    case_id: i64,
) -> Result<Vec<invitations::Model>, DbErr> {
    Invitations::find()
        .filter(invitations::Column::CaseId.eq(case_id))
        .order_by_desc(invitations::Column::Id)
        .all(db)
        .await
}

/// The emails of a case that have a pending or accepted invitation, to spot duplicates.
pub async fn live_emails(db: &impl ConnectionTrait, case_id: i64) -> Result<Vec<String>, DbErr> {
    Ok(Invitations::find()
        .filter(invitations::Column::CaseId.eq(case_id))
        .filter(invitations::Column::Status.ne("withdrawn"))
        .all(db)
        .await?
        .into_iter()
        .map(|i| i.email)
        .collect())
}

/// Gives the invitation a new link and a new expiry; it is pending again.
pub async fn renew(
    db: &impl ConnectionTrait,
    id: i64,
    token_hash: &str,
    expires_at: i64,
    now: i64,
) -> Result<(), DbErr> {
    invitations::ActiveModel {
        id: Set(id),
        token_hash: Set(token_hash.to_string()),
        status: Set("pending".into()),
        expires_at: Set(expires_at),
        sent_at: Set(None),
        send_error: Set(None),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(db)
    .await
    .map(|_| ())
}

pub async fn withdraw(db: &impl ConnectionTrait, id: i64, now: i64) -> Result<bool, DbErr> {
    let result = Invitations::update_many()
        .col_expr(invitations::Column::Status, Expr::value("withdrawn"))
        .col_expr(invitations::Column::UpdatedAt, Expr::value(now))
        .filter(invitations::Column::Id.eq(id))
        .filter(invitations::Column::Status.eq("pending"))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Marks the invitation accepted if it still can be. The check and the write are one
/// statement, so a link followed twice at once is accepted once.
pub async fn accept(
    db: &impl ConnectionTrait,
    id: i64,
    user_id: i64,
    now: i64,
) -> Result<bool, DbErr> {
    let result = Invitations::update_many()
        .col_expr(invitations::Column::Status, Expr::value("accepted"))
        .col_expr(invitations::Column::AcceptedUserId, Expr::value(user_id))
        .col_expr(invitations::Column::UpdatedAt, Expr::value(now))
        .filter(invitations::Column::Id.eq(id))
        .filter(invitations::Column::Status.eq("pending"))
        .filter(invitations::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Records how sending the email went: `error` is `None` when the mail server took it.
pub async fn record_sending(
    db: &impl ConnectionTrait,
    id: i64,
    error: Option<String>,
    now: i64,
) -> Result<(), DbErr> {
    invitations::ActiveModel {
        id: Set(id),
        sent_at: Set(error.is_none().then_some(now)),
        send_error: Set(error),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(db)
    .await
    .map(|_| ())
}
