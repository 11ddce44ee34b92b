//! Signing in and out, sessions, throttling and first-run set-up.

use serde::Serialize;

use super::passwords::PasswordHasher;
use super::tokens::{csrf_token_for, hash_token, new_token};
use super::Env;
use crate::clock::Clock;
use crate::db::begin_write;
use crate::db::entities::users;
use crate::db::repo;
use crate::domain::field_errors::FieldErrors;
use crate::domain::user::{check_email, check_new_password, normalise_email, Role};
use crate::error::{AppError, AppResult};

/// A session ends after this long without a request (ASVS 3.3.2).
pub const IDLE_TIMEOUT_SECS: i64 = 30 * 60;
/// …and this long after sign-in whatever happens.
pub const ABSOLUTE_TIMEOUT_SECS: i64 = 12 * 60 * 60;
/// Failures counted for throttling, per account and per address.
pub const MAX_FAILURES: u64 = 10;
pub const FAILURE_WINDOW_SECS: i64 = 15 * 60;
/// The last-seen time is written at most this often: a write on every page would cost more
/// than the minute of idle-timeout precision it buys.
const TOUCH_EVERY_SECS: i64 = 60;
/// How long the first admin's set-up link works.
pub const SETUP_LINK_SECS: i64 = 24 * 60 * 60;
/// The purpose of set-up links in `one_time_tokens`. The first admin's link stays apart from
/// case invitations: it makes an account with no case, and exists only before anyone can
/// sign in to invite.
const FIRST_ADMIN: &str = "first_admin";

/// The person making a request, as established from their session.
#[derive(Debug, Clone, Serialize)]
pub struct Actor {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    #[serde(skip)]
    pub session_id: i64,
    #[serde(skip)]
    pub csrf_token: String,
}

impl Actor {
    pub fn is_centre(&self) -> bool {
        self.role.is_centre()
    }
}

/// What a successful sign-in hands back: the raw token goes into the cookie, nowhere else.
pub struct NewSession {
    pub token: String,
    pub user: users::Model,
}

pub enum SignIn {
    Ok(NewSession),
    WrongCredentials,
    Throttled,
}

/// Where a request comes from, for throttling and the session's record.
pub struct Client<'a> {
    pub address: &'a str,
    pub user_agent: &'a str,
}

pub async fn sign_in(
    env: &Env<'_>,
    hasher: &PasswordHasher,
    email: &str,
    password: &str,
    client: &Client<'_>,
) -> AppResult<SignIn> {
    let (db, address) = (env.db(), client.address);
    let email = normalise_email(email);
    let now = env.clock.now();
    let since = now - FAILURE_WINDOW_SECS;
    // The attempt is written (and committed) before it is counted, and counted before the
    // password is checked: of any number of simultaneous attempts, only those that find at
    // most MAX_FAILURES attempts, their own included, reach the password check. Counting first
    // and recording after a wrong password let a burst of 200 all pass a count that none of
    // them had yet added to. Both backends see every committed row in a new statement, so no
    // transaction is needed, and two servers on one database count together.
    let attempt = repo::login_failures::record(db, &email, address, now).await?;
    if repo::login_failures::count_for_email_since(db, &email, since).await? > MAX_FAILURES
        || repo::login_failures::count_for_address_since(db, address, since).await? > MAX_FAILURES
    {
        // A refused attempt does not count: the wait ends 15 minutes after the last failure
        // that was checked, however often someone knocks meanwhile.
        repo::login_failures::forget(db, attempt).await?;
        tracing::warn!(target: "security", email_hash = %short_hash(&email), address, "sign-in refused: too many failures");
        return Ok(SignIn::Throttled);
    }
    let user = repo::users::find_by_email(db, &email).await?;
    let usable = user.as_ref().filter(|u| !u.disabled);
    let matches = hasher
        .verify(
            password.to_string(),
            usable.map(|u| u.password_hash.clone()),
        )
        .await?;
    match usable {
        Some(user) if matches => {
            repo::login_failures::forget(db, attempt).await?;
            let session = start_session(env, user, client.user_agent).await?;
            tracing::info!(target: "security", user_id = user.id, address, "signed in");
            Ok(SignIn::Ok(session))
        }
        _ => {
            repo::login_failures::forget_before(db, since).await?;
            tracing::warn!(target: "security", email_hash = %short_hash(&email), address, "failed sign-in");
            Ok(SignIn::WrongCredentials)
        }
    }
}

/// A new session for a user who has just proved who they are (sign-in, set-up, a link).
pub async fn start_session(
    env: &Env<'_>,
    user: &users::Model,
    user_agent: &str,
) -> AppResult<NewSession> {
    let token = new_token();
    let now = env.clock.now();
    repo::sessions::insert(
        env.db(),
        &hash_token(&token),
        user.id,
        now,
        now + ABSOLUTE_TIMEOUT_SECS,
        user_agent,
    )
    .await?;
    Ok(NewSession {
        token,
        user: user.clone(),
    })
}

/// The person behind a session token, if the session is still good.
pub async fn authenticate(env: &Env<'_>, token: &str) -> AppResult<Option<Actor>> {
    let (db, clock) = (env.db(), env.clock);
    let Some(found) = repo::sessions::find_with_user(db, &hash_token(token)).await? else {
        return Ok(None);
    };
    let now = clock.now();
    let live = found.revoked_at.is_none()
        && now < found.expires_at
        && now - found.last_seen_at <= IDLE_TIMEOUT_SECS
        && !found.disabled;
    let Some(role) = Role::parse(&found.role).filter(|_| live) else {
        return Ok(None);
    };
    if now - found.last_seen_at >= TOUCH_EVERY_SECS {
        repo::sessions::touch(db, found.session_id, now).await?;
    }
    Ok(Some(Actor {
        id: found.user_id,
        email: found.email,
        name: found.name,
        role,
        session_id: found.session_id,
        csrf_token: csrf_token_for(token),
    }))
}

pub async fn sign_out(env: &Env<'_>, actor: &Actor) -> AppResult<()> {
    repo::sessions::revoke(env.db(), actor.session_id, env.clock.now()).await?;
    tracing::info!(target: "security", user_id = actor.id, "signed out");
    Ok(())
}

/// Changes the actor's password after checking the current one, and ends every other session
/// of theirs: whoever else knew the old password is signed out.
pub async fn change_password(
    env: &Env<'_>,
    hasher: &PasswordHasher,
    actor: &Actor,
    (current, new, confirm): (&str, &str, &str),
) -> AppResult<Result<(), FieldErrors>> {
    let (db, clock) = (env.db(), env.clock);
    let mut errors = FieldErrors::new();
    let user = repo::users::find(db, actor.id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !hasher
        .verify(current.to_string(), Some(user.password_hash))
        .await?
    {
        errors.add("current_password", "Your current password is not right");
    }
    if let Err(message) = check_new_password(new) {
        errors.add("new_password", message);
    } else if new != confirm {
        errors.add("confirm_password", "The two new passwords are not the same");
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let hash = hasher.hash(new.to_string()).await?;
    let now = clock.now();
    let txn = begin_write(db).await?;
    repo::users::set_password_hash(&txn, actor.id, &hash, now).await?;
    repo::sessions::revoke_all_for_user(&txn, actor.id, Some(actor.session_id), now).await?;
    txn.commit().await?;
    tracing::info!(target: "security", user_id = actor.id, "password changed; other sessions ended");
    Ok(Ok(()))
}

/// What a person typed to create an account.
pub struct AccountInput<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub password: &'a str,
    pub confirm: &'a str,
}

/// Checks an account form, including that the email is free.
pub async fn check_account(
    db: &impl sea_orm::ConnectionTrait,
    input: &AccountInput<'_>,
) -> AppResult<FieldErrors> {
    let mut errors = FieldErrors::new();
    let email = normalise_email(input.email);
    if let Err(message) = check_email(&email) {
        errors.add("email", message);
    } else if repo::users::find_by_email(db, &email).await?.is_some() {
        errors.add(
            "email",
            "There is already an account with this email address",
        );
    }
    let name = input.name.trim();
    if name.is_empty() {
        errors.add("name", "Enter your name");
    } else if name.chars().count() > 120 {
        errors.add("name", "Use 120 characters or fewer");
    }
    if let Err(message) = check_new_password(input.password) {
        errors.add("password", message);
    } else if input.password != input.confirm {
        errors.add("confirm", "The two passwords are not the same");
    }
    Ok(errors)
}

/// Creates an account whose input has been checked.
pub async fn create_user(
    db: &impl sea_orm::ConnectionTrait,
    hasher: &PasswordHasher,
    clock: &Clock,
    input: &AccountInput<'_>,
    role: Role,
) -> AppResult<users::Model> {
    let hash = hasher.hash(input.password.to_string()).await?;
    let email = normalise_email(input.email);
    let user = repo::users::insert(
        db,
        repo::users::NewUser {
            email: &email,
            name: input.name.trim(),
            role: role.as_str(),
            password_hash: &hash,
        },
        clock.now(),
    )
    .await?;
    tracing::info!(target: "security", user_id = user.id, role = role.as_str(), "account created");
    Ok(user)
}

/// When no admin exists, makes a one-time link for creating the first one (24 hours, single
/// use) and returns its token. Older unused set-up links stop working.
pub async fn first_admin_link(
    db: &sea_orm::DatabaseConnection,
    clock: &Clock,
) -> AppResult<Option<String>> {
    if repo::users::count_admins(db).await? > 0 {
        return Ok(None);
    }
    let now = clock.now();
    let token = new_token();
    let txn = begin_write(db).await?;
    repo::tokens::retire_unused(&txn, FIRST_ADMIN, None, now).await?;
    repo::tokens::insert(
        &txn,
        &hash_token(&token),
        FIRST_ADMIN,
        None,
        now,
        now + SETUP_LINK_SECS,
    )
    .await?;
    txn.commit().await?;
    Ok(Some(token))
}

/// Why a one-time link cannot be used, in words for the person holding it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkProblem {
    Unknown,
    Used,
    Expired,
}

/// Checks the first admin's set-up link without using it up.
pub async fn check_setup_link(env: &Env<'_>, token: &str) -> AppResult<Result<i64, LinkProblem>> {
    check_link(env.db(), env.clock, token, FIRST_ADMIN).await
}

/// Checks a one-time link without using it up.
pub(in crate::services) async fn check_link(
    db: &sea_orm::DatabaseConnection,
    clock: &Clock,
    token: &str,
    purpose: &str,
) -> AppResult<Result<i64, LinkProblem>> {
    let Some(found) = repo::tokens::find(db, &hash_token(token), purpose).await? else {
        return Ok(Err(LinkProblem::Unknown));
    };
    Ok(if found.used_at.is_some() {
        Err(LinkProblem::Used)
    } else if found.expires_at <= clock.now() {
        Err(LinkProblem::Expired)
    } else {
        Ok(found.id)
    })
}

/// Why the first admin was not created.
pub enum SetupRefused {
    Link(LinkProblem),
    Invalid(FieldErrors),
}

/// Creates the first admin through the set-up link and signs them in. The link is used up in
/// the same transaction, so it works once even if submitted twice at the same moment.
pub async fn create_first_admin(
    env: &Env<'_>,
    hasher: &PasswordHasher,
    token: &str,
    input: &AccountInput<'_>,
) -> AppResult<Result<NewSession, SetupRefused>> {
    let token_id = match check_setup_link(env, token).await? {
        Ok(id) => id,
        Err(problem) => return Ok(Err(SetupRefused::Link(problem))),
    };
    let errors = check_account(env.db(), input).await?;
    if !errors.is_empty() {
        return Ok(Err(SetupRefused::Invalid(errors)));
    }
    let txn = begin_write(env.db()).await?;
    if !repo::tokens::consume(&txn, token_id, env.clock.now()).await? {
        return Ok(Err(SetupRefused::Link(LinkProblem::Used)));
    }
    let user = create_user(&txn, hasher, env.clock, input, Role::Admin).await?;
    txn.commit().await?;
    Ok(Ok(start_session(env, &user, "").await?))
}

/// A short, one-way tag for an email in security logs: enough to correlate events, without
/// writing personal data to the log.
fn short_hash(email: &str) -> String {
    hash_token(email)[..12].to_string()
}
