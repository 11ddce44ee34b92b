//! Accounts as admins manage them: create, edit, disable, password-reset links, and the audit
//! log of all of it.

use sea_orm::ConnectionTrait;
use serde_json::json;

use super::auth::{Actor, LinkProblem};
use super::passwords::PasswordHasher;
use super::tokens::{hash_token, new_token};
use super::Env;
use crate::db::begin_write;
use crate::db::entities::users;
use crate::db::repo;
use crate::domain::access;
use crate::domain::case::{stored, UnknownValue};
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::UserId;
use crate::domain::user::{check_email, check_new_password, normalise_email, Role};
use crate::error::{AppError, AppResult};

/// A password-reset link works for an hour, once.
pub const RESET_LINK_SECS: i64 = 60 * 60;
pub const RESET_PURPOSE: &str = "password_reset";

fn require_admin(actor: &Actor) -> AppResult<()> {
    Ok(access::require_admin(actor.role)?)
}

/// An account as the admin pages show it, its role typed.
pub struct Person {
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub disabled: bool,
}

impl TryFrom<users::Model> for Person {
    type Error = UnknownValue;

    fn try_from(row: users::Model) -> Result<Self, UnknownValue> {
        Ok(Person {
            id: UserId(row.id),
            role: stored("users.role", &row.role, Role::parse)?,
            name: row.name,
            email: row.email,
            disabled: row.disabled,
        })
    }
}

/// What an admin typed about a person.
pub struct PersonInput<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub role: &'a str,
}

/// Roles an admin can give here: workers join through their case's invitation instead.
pub const ASSIGNABLE: [Role; 3] = [Role::Admin, Role::Staff, Role::Rep];

async fn check_person(
    db: &impl ConnectionTrait,
    input: &PersonInput<'_>,
    editing: Option<i64>,
) -> AppResult<Result<(String, String, Role), FieldErrors>> {
    let mut errors = FieldErrors::new();
    let name = input.name.trim();
    if name.is_empty() {
        errors.add("name", "Enter the person's name");
    } else if name.chars().count() > 120 {
        errors.add("name", "Use 120 characters or fewer");
    }
    let email = normalise_email(input.email);
    if let Err(message) = check_email(&email) {
        errors.add("email", message);
    } else if let Some(other) = repo::users::find_by_email(db, &email).await? {
        if Some(other.id) != editing {
            errors.add(
                "email",
                "There is already an account with this email address",
            );
        }
    }
    let role = Role::parse(input.role).filter(|r| ASSIGNABLE.contains(r));
    if role.is_none() {
        errors.add("role", "Choose what kind of account this is");
    }
    Ok(match role {
        Some(role) if errors.is_empty() => Ok((name.to_string(), email, role)),
        _ => Err(errors),
    })
}

/// Every account, for admins.
pub async fn list(env: &Env<'_>, actor: &Actor) -> AppResult<Vec<Person>> {
    require_admin(actor)?;
    let rows = repo::people::all(env.db()).await?;
    Ok(rows
        .into_iter()
        .map(Person::try_from)
        .collect::<Result<_, _>>()?)
}

/// One account, for admins.
pub async fn find(env: &Env<'_>, actor: &Actor, id: UserId) -> AppResult<Person> {
    Ok(Person::try_from(row_of(env.db(), actor, id).await?)?)
}

async fn row_of(db: &impl ConnectionTrait, actor: &Actor, id: UserId) -> AppResult<users::Model> {
    require_admin(actor)?;
    repo::users::find(db, id.get())
        .await?
        .ok_or(AppError::NotFound)
}

/// Creates an account with an unusable random password and returns it with a reset link's
/// token, which the admin passes on so the person chooses their own password.
pub async fn create(
    env: &Env<'_>,
    hasher: &PasswordHasher,
    actor: &Actor,
    input: &PersonInput<'_>,
) -> AppResult<Result<(Person, String), FieldErrors>> {
    require_admin(actor)?;
    let (db, clock) = (env.db(), env.clock);
    let (name, email, role) = match check_person(db, input, None).await? {
        Ok(ok) => ok,
        Err(errors) => return Ok(Err(errors)),
    };
    let hash = hasher.hash(new_token()).await?;
    let now = clock.now();
    let txn = begin_write(db).await?;
    let user = repo::users::insert(
        &txn,
        repo::users::NewUser {
            email: &email,
            name: &name,
            role: role.as_str(),
            password_hash: &hash,
        },
        now,
    )
    .await?;
    repo::audit::record(
        &txn,
        Some(actor.id),
        Some(user.id),
        "account_created",
        &format!(
            "{} created an account for {} ({})",
            actor.name,
            user.name,
            role.label()
        ),
        &json!({ "email": email, "role": role.as_str() }),
        now,
    )
    .await?;
    let token = issue_reset(&txn, actor, &user, now).await?;
    txn.commit().await?;
    tracing::info!(target: "security", user_id = user.id, by = actor.id, "account created by an admin");
    Ok(Ok((Person::try_from(user)?, token)))
}

pub async fn update(
    env: &Env<'_>,
    actor: &Actor,
    id: UserId,
    input: &PersonInput<'_>,
) -> AppResult<Result<(), FieldErrors>> {
    let (db, clock) = (env.db(), env.clock);
    let before = row_of(db, actor, id).await?;
    let id = id.get();
    let (name, email, role) = match check_person(db, input, Some(id)).await? {
        Ok(ok) => ok,
        Err(errors) => return Ok(Err(errors)),
    };
    if before.id == actor.id && role != Role::Admin {
        let mut errors = FieldErrors::new();
        errors.add(
            "role",
            "You cannot take admin away from yourself: ask another admin",
        );
        return Ok(Err(errors));
    }
    let now = clock.now();
    let txn = begin_write(db).await?;
    repo::people::update_details(&txn, id, &name, &email, role.as_str(), now).await?;
    repo::audit::record(&txn, Some(actor.id), Some(id), "account_edited", &format!("{} changed the account of {name}", actor.name), &json!({ "before": { "name": before.name, "email": before.email, "role": before.role }, "after": { "name": name, "email": email, "role": role.as_str() } }), now).await?;
    if before.role != role.as_str() {
        // A new role changes what the person may see: sign them in again.
        repo::sessions::revoke_all_for_user(&txn, id, None, now).await?;
    }
    txn.commit().await?;
    Ok(Ok(()))
}

/// Disables (ending every session at once) or enables an account.
pub async fn set_disabled(
    env: &Env<'_>,
    actor: &Actor,
    id: UserId,
    disabled: bool,
) -> AppResult<String> {
    let (db, clock) = (env.db(), env.clock);
    let person = row_of(db, actor, id).await?;
    let id = id.get();
    if person.id == actor.id {
        return Err(AppError::Conflict(
            "you cannot disable your own account".into(),
        ));
    }
    let now = clock.now();
    let txn = begin_write(db).await?;
    repo::people::set_disabled(&txn, id, disabled, now).await?;
    let (kind, summary) = if disabled {
        repo::sessions::revoke_all_for_user(&txn, id, None, now).await?;
        (
            "account_disabled",
            format!("{} disabled the account of {}", actor.name, person.name),
        )
    } else {
        (
            "account_enabled",
            format!("{} enabled the account of {}", actor.name, person.name),
        )
    };
    repo::audit::record(
        &txn,
        Some(actor.id),
        Some(id),
        kind,
        &summary,
        &json!({}),
        now,
    )
    .await?;
    txn.commit().await?;
    tracing::info!(target: "security", user_id = id, by = actor.id, disabled, "account status changed");
    Ok(summary)
}

/// A new password-reset link for the person; older unused ones stop working.
pub async fn reset_link(env: &Env<'_>, actor: &Actor, id: UserId) -> AppResult<(Person, String)> {
    let person = row_of(env.db(), actor, id).await?;
    let txn = begin_write(env.db()).await?;
    let token = issue_reset(&txn, actor, &person, env.clock.now()).await?;
    txn.commit().await?;
    Ok((Person::try_from(person)?, token))
}

async fn issue_reset(
    txn: &impl sea_orm::ConnectionTrait,
    actor: &Actor,
    person: &users::Model,
    now: i64,
) -> AppResult<String> {
    let token = new_token();
    repo::tokens::retire_unused(txn, RESET_PURPOSE, Some(person.id), now).await?;
    repo::tokens::insert(
        txn,
        &hash_token(&token),
        RESET_PURPOSE,
        Some(person.id),
        now,
        now + RESET_LINK_SECS,
    )
    .await?;
    repo::audit::record(
        txn,
        Some(actor.id),
        Some(person.id),
        "reset_link_made",
        &format!("{} made a password link for {}", actor.name, person.name),
        &json!({ "expires_at": now + RESET_LINK_SECS }),
        now,
    )
    .await?;
    Ok(token)
}

/// The person a reset link is for, if it still works.
pub async fn check_reset(env: &Env<'_>, token: &str) -> AppResult<Result<Person, LinkProblem>> {
    Ok(match reset_token(env, token).await? {
        Ok((_, user)) => Ok(Person::try_from(user)?),
        Err(problem) => Err(problem),
    })
}

/// The stored link (its id) and the account it is for, if it still works.
async fn reset_token(
    env: &Env<'_>,
    token: &str,
) -> AppResult<Result<(i64, users::Model), LinkProblem>> {
    let (db, clock) = (env.db(), env.clock);
    let Some(found) = repo::tokens::find(db, &hash_token(token), RESET_PURPOSE).await? else {
        return Ok(Err(LinkProblem::Unknown));
    };
    if found.used_at.is_some() {
        return Ok(Err(LinkProblem::Used));
    }
    if found.expires_at <= clock.now() {
        return Ok(Err(LinkProblem::Expired));
    }
    let user = match found.user_id {
        Some(id) => repo::users::find(db, id).await?.filter(|u| !u.disabled),
        None => None,
    };
    Ok(user.map(|u| (found.id, u)).ok_or(LinkProblem::Unknown))
}

/// Sets a new password through a reset link, using the link up and ending every session of
/// the person in the same transaction.
/// What a person typed on the reset page: the link's token and the new password, twice.
pub struct NewPassword<'a> {
    pub token: &'a str,
    pub password: &'a str,
    pub confirm: &'a str,
}

pub async fn reset_password(
    env: &Env<'_>,
    hasher: &PasswordHasher,
    input: NewPassword<'_>,
) -> AppResult<Result<Result<(), FieldErrors>, LinkProblem>> {
    let NewPassword {
        token,
        password,
        confirm,
    } = input;
    let (db, clock) = (env.db(), env.clock);
    let (token_id, user) = match reset_token(env, token).await? {
        Ok(found) => found,
        Err(problem) => return Ok(Err(problem)),
    };
    let mut errors = FieldErrors::new();
    if let Err(message) = check_new_password(password) {
        errors.add("password", message);
    } else if password != confirm {
        errors.add("confirm", "The two passwords are not the same");
    }
    if !errors.is_empty() {
        return Ok(Ok(Err(errors)));
    }
    let hash = hasher.hash(password.to_string()).await?;
    let now = clock.now();
    let txn = begin_write(db).await?;
    if !repo::tokens::consume(&txn, token_id, now).await? {
        return Ok(Err(LinkProblem::Used));
    }
    repo::users::set_password_hash(&txn, user.id, &hash, now).await?;
    repo::sessions::revoke_all_for_user(&txn, user.id, None, now).await?;
    repo::audit::record(
        &txn,
        Some(user.id),
        Some(user.id),
        "password_reset",
        &format!("{} chose a new password through a link", user.name),
        &json!({}),
        now,
    )
    .await?;
    txn.commit().await?;
    tracing::info!(target: "security", user_id = user.id, "password reset through a link");
    Ok(Ok(Ok(())))
}

/// One line of the audit page.
pub struct AuditEntry {
    pub at: i64,
    pub actor_id: Option<i64>,
    pub summary: String,
    pub kind: String,
    /// The case it concerns, if any.
    pub case_id: Option<i64>,
}

/// The newest changes to accounts and cases together, newest first.
pub async fn audit(env: &Env<'_>, actor: &Actor, limit: u64) -> AppResult<Vec<AuditEntry>> {
    require_admin(actor)?;
    let db = env.db();
    let accounts = repo::audit::latest(db, limit).await?;
    let cases = repo::audit::latest_case_events(db, limit).await?;
    let mut all: Vec<AuditEntry> = accounts
        .into_iter()
        .map(|a| AuditEntry {
            at: a.created_at,
            actor_id: a.actor_id,
            summary: a.summary,
            kind: a.kind,
            case_id: None,
        })
        .chain(cases.into_iter().map(|e| AuditEntry {
            at: e.created_at,
            actor_id: e.actor_id,
            summary: e.summary,
            kind: e.kind,
            case_id: Some(e.case_id),
        }))
        .collect();
    all.sort_by_key(|e| std::cmp::Reverse(e.at));
    all.truncate(limit as usize);
    Ok(all)
}
