//! Adding people to a case and taking them off it (centre staff).

use serde_json::json;

use super::auth::Actor;
use super::cases::{self, OpenCase};
use super::Env;
use crate::db::begin_case_write;
use crate::db::repo;
use crate::domain::access::{self, CaseRole, Need};
use crate::domain::case::UnknownValue;
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::{CaseId, UserId};
use crate::domain::user::normalise_email;
use crate::error::{AppError, AppResult};

/// Someone on a case, as the people page lists them.
pub struct Member {
    pub user_id: UserId,
    pub name: String,
    pub email: String,
    pub role: CaseRole,
}

/// Who is on a case: for the centre and the case's reps (to a worker the page does not exist).
pub async fn members(
    env: &Env<'_>,
    actor: &Actor,
    case_id: CaseId,
) -> AppResult<(OpenCase, Vec<Member>)> {
    let opened = cases::open(env, actor, case_id, Need::WorkingPages).await?;
    let mut members = Vec::new();
    for (membership, user) in repo::centre::members(env.db(), case_id.get()).await? {
        let role = match membership.role.as_str() {
            "rep" => CaseRole::Rep,
            "worker" => CaseRole::Worker,
            other => {
                return Err(UnknownValue {
                    column: "case_members.role",
                    value: other.to_string(),
                }
                .into())
            }
        };
        members.push(Member {
            user_id: UserId(user.id),
            name: user.name,
            email: user.email,
            role,
        });
    }
    Ok((opened, members))
}

/// Adds the account with this email to the case as a rep or worker.
pub async fn add(
    env: &Env<'_>,
    actor: &Actor,
    case_id: CaseId,
    (email, role): (&str, &str),
) -> AppResult<Result<String, FieldErrors>> {
    access::require_centre(actor.role)?;
    let db = env.db();
    let case_id = cases::open(env, actor, case_id, Need::Decide)
        .await?
        .id()
        .get();
    let mut errors = FieldErrors::new();
    let user = repo::users::find_by_email(db, &normalise_email(email)).await?;
    match &user {
        None => errors.add(
            "email",
            "There is no account with this email address. An admin can create one under People.",
        ),
        Some(u) if u.role == "admin" || u.role == "staff" => {
            errors.add("email", "Centre staff see every case already")
        }
        Some(u) if repo::cases::membership(db, case_id, u.id).await?.is_some() => {
            errors.add("email", "This person is already on the case")
        }
        _ => {}
    }
    if role != "rep" && role != "worker" {
        errors.add("role", "Choose whether they join as a rep or a worker");
    }
    let Some(user) = user.filter(|_| errors.is_empty()) else {
        return Ok(Err(errors));
    };
    let now = env.clock.now();
    let txn = begin_case_write(db, case_id).await?;
    repo::cases::add_member(&txn, case_id, user.id, role, now).await?;
    let summary = format!("{} added {} to the case as a {role}", actor.name, user.name);
    repo::events::record(
        &txn,
        case_id,
        Some(actor.id),
        "member_added",
        &summary,
        &json!({ "user_id": user.id, "role": role }),
        now,
    )
    .await?;
    repo::centre::touch(&txn, case_id, now).await?;
    txn.commit().await?;
    Ok(Ok(summary))
}

/// Takes someone off a case; `NotFound` when they are not on it.
pub async fn remove(
    env: &Env<'_>,
    actor: &Actor,
    case_id: CaseId,
    user_id: UserId,
) -> AppResult<String> {
    access::require_centre(actor.role)?;
    let db = env.db();
    let case_id = cases::open(env, actor, case_id, Need::Decide)
        .await?
        .id()
        .get();
    let user = repo::users::find(db, user_id.get())
        .await?
        .ok_or(AppError::NotFound)?;
    let now = env.clock.now();
    let txn = begin_case_write(db, case_id).await?;
    if !repo::centre::remove_member(&txn, case_id, user.id).await? {
        return Err(AppError::NotFound);
    }
    let summary = format!("{} took {} off the case", actor.name, user.name);
    repo::events::record(
        &txn,
        case_id,
        Some(actor.id),
        "member_removed",
        &summary,
        &json!({ "user_id": user.id }),
        now,
    )
    .await?;
    repo::centre::touch(&txn, case_id, now).await?;
    txn.commit().await?;
    Ok(summary)
}
