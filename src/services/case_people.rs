//! Adding people to a case and taking them off it (centre staff).

use sea_orm::DatabaseConnection;
use serde_json::json;

use super::auth::Actor;
use super::cases::find_visible;
use super::centre::require_centre;
use crate::clock::Clock;
use crate::db::begin_case_write;
use crate::db::repo;
use crate::domain::field_errors::FieldErrors;
use crate::domain::user::normalise_email;
use crate::error::{AppError, AppResult};

/// Adds the account with this email to the case as a rep or worker.
pub async fn add(
    db: &DatabaseConnection,
    clock: &Clock,
    actor: &Actor,
    case_id: i64,
    email: &str,
    role: &str,
) -> AppResult<Result<String, FieldErrors>> {
    require_centre(actor)?;
    let (case, _) = find_visible(db, actor, case_id).await?;
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
        Some(u) if repo::cases::membership(db, case.id, u.id).await?.is_some() => {
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
    let now = clock.now();
    let txn = begin_case_write(db, case.id).await?;
    repo::cases::add_member(&txn, case.id, user.id, role, now).await?;
    let summary = format!("{} added {} to the case as a {role}", actor.name, user.name);
    repo::events::record(
        &txn,
        case.id,
        Some(actor.id),
        "member_added",
        &summary,
        &json!({ "user_id": user.id, "role": role }),
        now,
    )
    .await?;
    repo::centre::touch(&txn, case.id, now).await?;
    txn.commit().await?;
    Ok(Ok(summary))
}

pub async fn remove(
    db: &DatabaseConnection,
    clock: &Clock,
    actor: &Actor,
    case_id: i64,
    user_id: i64,
) -> AppResult<String> {
    require_centre(actor)?;
    let (case, _) = find_visible(db, actor, case_id).await?;
    let user = repo::users::find(db, user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = clock.now();
    let txn = begin_case_write(db, case.id).await?;
    if !repo::centre::remove_member(&txn, case.id, user.id).await? {
        return Err(AppError::NotFound);
    }
    let summary = format!("{} took {} off the case", actor.name, user.name);
    repo::events::record(
        &txn,
        case.id,
        Some(actor.id),
        "member_removed",
        &summary,
        &json!({ "user_id": user.id }),
        now,
    )
    .await?;
    repo::centre::touch(&txn, case.id, now).await?;
    txn.commit().await?;
    Ok(summary)
}
