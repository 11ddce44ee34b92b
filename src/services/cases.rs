//! Opening cases and deciding who may see them.

use chrono::Datelike;
use sea_orm::DatabaseConnection;
use serde_json::json;

use super::auth::Actor;
use crate::clock::Clock;
use crate::db::begin_write;
use crate::db::entities::cases;
use crate::db::repo;
use crate::domain::case::{format_reference, NewCase};
use crate::domain::user::Role;
use crate::error::{AppError, AppResult};

/// How a person relates to a case they may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Centre staff and admins: everything.
    Centre,
    /// A union rep on the case: guide it, not sign it off.
    Rep,
    /// A worker on the case: follow it and read what is published to them.
    Worker,
}

/// Opens a case for the actor, who becomes its rep unless they work for the centre. The case,
/// its membership and its first event are one transaction.
pub async fn open(
    db: &DatabaseConnection,
    clock: &Clock,
    actor: &Actor,
    prefix: &str,
    case: NewCase,
) -> AppResult<cases::Model> {
    let txn = begin_write(db).await?;
    let model = open_in(&txn, clock, actor, prefix, case).await?;
    txn.commit().await?;
    tracing::info!(case_id = model.id, reference = %model.reference, "case opened");
    Ok(model)
}

/// Opens a case inside the caller's transaction, so that opening it and what the caller does
/// with it (an accepted enquiry, say) stand or fall together.
pub async fn open_in(
    txn: &impl sea_orm::ConnectionTrait,
    clock: &Clock,
    actor: &Actor,
    prefix: &str,
    case: NewCase,
) -> AppResult<cases::Model> {
    if !actor.role.may_open_cases() {
        return Err(AppError::Forbidden("workers join cases by invitation"));
    }
    let now = clock.now();
    let year = clock.now_utc().year();
    let number = repo::cases::next_reference_number(txn, year).await?;
    let reference = format_reference(prefix, year, number);
    let model = repo::cases::insert(txn, &case, &reference, actor.id, now).await?;
    if actor.role == Role::Rep {
        repo::cases::add_member(txn, model.id, actor.id, "rep", now).await?;
    }
    repo::events::record(
        txn,
        model.id,
        Some(actor.id),
        "case_opened",
        &format!("Case opened by {}", actor.name),
        &json!({ "reference": reference, "pathway": case.pathway.as_str(), "name": case.name }),
        now,
    )
    .await?;
    Ok(model)
}

/// The case and how the actor relates to it; `NotFound` when they may not see it, exactly as
/// when it does not exist.
pub async fn find_visible(
    db: &DatabaseConnection,
    actor: &Actor,
    case_id: i64,
) -> AppResult<(cases::Model, Access)> {
    let case = repo::cases::find(db, case_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let access = access_to(db, actor, case_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((case, access))
}

pub async fn access_to(
    db: &impl sea_orm::ConnectionTrait,
    actor: &Actor,
    case_id: i64,
) -> AppResult<Option<Access>> {
    if actor.is_centre() {
        return Ok(Some(Access::Centre));
    }
    Ok(
        match repo::cases::membership(db, case_id, actor.id)
            .await?
            .as_deref()
        {
            Some("rep") => Some(Access::Rep),
            Some("worker") => Some(Access::Worker),
            _ => None,
        },
    )
}

/// One page of the cases the actor may see, newest activity first.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    after: Option<repo::cases::Cursor>,
    limit: u64,
) -> AppResult<Vec<cases::Model>> {
    let member = (!actor.is_centre()).then_some(actor.id);
    Ok(repo::cases::list_page(db, member, after, limit).await?)
}
