//! Enquiries and their notes.

use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::db::entities::{
    enquiries::{self, Entity as Enquiries},
    enquiry_notes::{self, Entity as Notes},
};
use crate::domain::enquiry::NewEnquiry;

pub async fn insert(
    db: &impl ConnectionTrait,
    enquiry: &NewEnquiry,
    readiness: Option<String>,
    now: i64,
) -> Result<enquiries::Model, DbErr> {
    enquiries::ActiveModel {
        name: Set(enquiry.name.clone()),
        email: Set(enquiry.email.clone()),
        phone: Set(enquiry.phone.clone()),
        organisation: Set(enquiry.organisation.clone()),
        role: Set(enquiry.role.as_str().to_string()),
        situation: Set(enquiry.situation.clone()),
        readiness: Set(readiness),
        status: Set("new".into()),
        decline_reason: Set(String::new()),
        case_id: Set(None),
        invitation_id: Set(None),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        decided_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<enquiries::Model>, DbErr> {
    Enquiries::find_by_id(id).one(db).await
}

/// Newest first, optionally of one status.
pub async fn list(
    db: &impl ConnectionTrait,
    status: Option<&str>,
    limit: u64,
) -> Result<Vec<enquiries::Model>, DbErr> {
    let mut query = Enquiries::find();
    if let Some(status) = status {
        query = query.filter(enquiries::Column::Status.eq(status));
    }
    query
        .order_by_desc(enquiries::Column::CreatedAt)
        .order_by_desc(enquiries::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// What a change to an enquiry sets, beside its status.
#[derive(Default)]
pub struct Change<'a> {
    pub status: &'a str,
    pub decline_reason: Option<&'a str>,
    pub case_id: Option<i64>,
    pub decided_at: Option<i64>,
}

/// Applies a change if nobody changed the enquiry since `version` was read. Returns whether
/// it did: `false` means someone else got there first.
pub async fn update(
    db: &impl ConnectionTrait,
    id: i64,
    version: i64,
    change: Change<'_>,
    now: i64,
) -> Result<bool, DbErr> {
    let mut update = Enquiries::update_many()
        .col_expr(enquiries::Column::Status, Expr::value(change.status))
        .col_expr(enquiries::Column::Version, Expr::value(version + 1))
        .col_expr(enquiries::Column::UpdatedAt, Expr::value(now));
    if let Some(reason) = change.decline_reason {
        update = update.col_expr(enquiries::Column::DeclineReason, Expr::value(reason));
    }
    if let Some(case_id) = change.case_id {
        update = update.col_expr(enquiries::Column::CaseId, Expr::value(case_id));
    }
    if let Some(at) = change.decided_at {
        update = update.col_expr(enquiries::Column::DecidedAt, Expr::value(at));
    }
    let result = update
        .filter(enquiries::Column::Id.eq(id))
        .filter(enquiries::Column::Version.eq(version))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

pub async fn add_note(
    db: &impl ConnectionTrait,
    enquiry_id: i64,
    author_id: i64,
    body: &str,
    now: i64,
) -> Result<(), DbErr> {
    enquiry_notes::ActiveModel {
        enquiry_id: Set(enquiry_id),
        author_id: Set(Some(author_id)),
        body: Set(body.to_string()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// Notes on an enquiry, oldest first.
pub async fn notes(
    db: &impl ConnectionTrait,
    enquiry_id: i64,
) -> Result<Vec<enquiry_notes::Model>, DbErr> {
    Notes::find()
        .filter(enquiry_notes::Column::EnquiryId.eq(enquiry_id))
        .order_by_asc(enquiry_notes::Column::Id)
        .all(db)
        .await
}

/// Deletes declined enquiries decided before `before`, with their notes (by cascade, and
/// explicitly so it does not depend on the backend's foreign-key settings).
pub async fn delete_declined_before(db: &impl ConnectionTrait, before: i64) -> Result<u64, DbErr> {
    let ids: Vec<i64> = Enquiries::find()
        .select_only()
        .column(enquiries::Column::Id)
        .filter(enquiries::Column::Status.eq("declined"))
        .filter(enquiries::Column::DecidedAt.lt(before))
        .into_tuple()
        .all(db)
        .await?;
    if ids.is_empty() {
        return Ok(0);
    }
    Notes::delete_many()
        .filter(enquiry_notes::Column::EnquiryId.is_in(ids.clone()))
        .exec(db)
        .await?;
    let result = Enquiries::delete_many()
        .filter(enquiries::Column::Id.is_in(ids))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}
