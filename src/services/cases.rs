//! Opening cases and deciding who may see them.

use chrono::Datelike;
use sea_orm::DatabaseConnection;
use serde_json::json;

use super::auth::Actor;
use super::Env;
use crate::clock::Clock;
use crate::db::begin_write;
use crate::db::entities::cases;
use crate::db::repo;
use crate::domain::access::{self, CaseRole, Need};
use crate::domain::case::{format_reference, Case, NewCase};
use crate::domain::ids::CaseId;
use crate::domain::user::Role;
use crate::error::{AppError, AppResult};

/// How a person relates to a case (the old name of `CaseRole`, kept while pages move to
/// `open`).
pub use crate::domain::access::CaseRole as Access;

/// A case opened for someone: the case and the role they have on it. `open` is the only way
/// to get one, so holding an `OpenCase` means the access rules were asked.
#[derive(Debug, Clone)]
pub struct OpenCase {
    pub case: Case,
    pub role: CaseRole,
}

impl OpenCase {
    pub fn id(&self) -> CaseId {
        self.case.id
    }
}

/// The one door to a case: the case, if the actor may do what they `need` with it. Someone
/// not on the case gets `NotFound` whether or not it exists, so case numbers cannot be probed.
pub async fn open(env: &Env<'_>, actor: &Actor, id: CaseId, need: Need) -> AppResult<OpenCase> {
    open_with(env.db(), actor, id, need).await
}

/// `open` on a given connection, for a use case that opens the case inside its transaction.
pub(in crate::services) async fn open_with(
    db: &impl sea_orm::ConnectionTrait,
    actor: &Actor,
    id: CaseId,
    need: Need,
) -> AppResult<OpenCase> {
    let membership = if actor.is_centre() {
        None
    } else {
        repo::cases::membership(db, id.get(), actor.id).await?
    };
    let role = access::decide(CaseRole::of(actor.role, membership.as_deref()), need)?;
    let row = repo::cases::find(db, id.get())
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(OpenCase {
        case: Case::try_from(row)?,
        role,
    })
}

/// Starts a new case for the actor, who becomes its rep unless they work for the centre. The
/// case, its membership and its first event are one transaction.
pub async fn create(env: &Env<'_>, actor: &Actor, case: NewCase) -> AppResult<Case> {
    let txn = begin_write(env.db()).await?;
    let prefix = &env.config.reference_prefix;
    let model = create_in(&txn, env.clock, actor, prefix, case).await?;
    txn.commit().await?;
    tracing::info!(case_id = model.id, reference = %model.reference, "case opened");
    Ok(Case::try_from(model)?)
}

/// Starts a case inside the caller's transaction, so that starting it and what the caller
/// does with it (an accepted enquiry, say) stand or fall together.
pub async fn create_in(
    txn: &impl sea_orm::ConnectionTrait,
    clock: &Clock,
    actor: &Actor,
    prefix: &str,
    case: NewCase,
) -> AppResult<cases::Model> {
    if !crate::domain::access::may_open_cases(actor.role) {
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
        return Ok(Some(CaseRole::Centre));
    }
    let membership = repo::cases::membership(db, case_id, actor.id).await?;
    Ok(CaseRole::of(actor.role, membership.as_deref()))
}
