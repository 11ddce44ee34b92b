//! "Forgot your password?": a person asks for a reset link by email.
//!
//! The link is the same one-time link an admin can make for someone (`people::RESET_PURPOSE`,
//! one hour, used once, older unused ones retired), opened at `/reset/<token>`. The answer is
//! the same whether or not an account has the email, and the email is sent in the background
//! so that the time taken does not tell either; requests are limited per email address and per
//! client address whatever the answer. Without email set up, the page tells people to ask the
//! centre, whose admins make these links by hand.

use serde_json::json;

use super::mail::Sender;
use super::people::{RESET_LINK_SECS, RESET_PURPOSE};
use super::tokens::{hash_token, new_token};
use super::Env;
use crate::db::begin_write;
use crate::db::repo;
use crate::domain::field_errors::FieldErrors;
use crate::domain::rate_limit::Counter;
use crate::domain::user::{check_email, normalise_email};
use crate::error::AppResult;

/// Reset emails one email address may ask for in `WINDOW_SECS`.
pub const MAX_PER_EMAIL: u64 = 3;
/// …and requests one client address may make (for any emails).
pub const MAX_PER_ADDRESS: u64 = 10;
pub const WINDOW_SECS: i64 = 60 * 60;

/// What asking for a reset link came to.
pub enum Asked {
    /// The same answer for every well-formed email: a link went out if it has an account.
    Done,
    /// This server sends no email: ask the centre.
    NoEmail,
    TooMany,
    Invalid(FieldErrors),
}

pub async fn ask(
    env: &Env<'_>,
    sender: &Sender<'_>,
    email: &str,
    address: &str,
) -> AppResult<Asked> {
    if !sender.mailer.is_configured() {
        return Ok(Asked::NoEmail);
    }
    let email = normalise_email(email);
    if let Err(message) = check_email(&email) {
        let mut errors = FieldErrors::new();
        errors.add("email", message);
        return Ok(Asked::Invalid(errors));
    }
    let db = env.db();
    let now = env.clock.now();
    let email_hash = hash_token(&email);
    let window_start = now - WINDOW_SECS;
    for counter in [Counter::ResetEmail, Counter::ResetAddress] {
        repo::rate_limits::forget_before(db, counter, window_start).await?;
    }
    let for_email =
        repo::rate_limits::count_since(db, Counter::ResetEmail, &email_hash, window_start).await?;
    let from_address =
        repo::rate_limits::count_since(db, Counter::ResetAddress, address, window_start).await?;
    if for_email >= MAX_PER_EMAIL || from_address >= MAX_PER_ADDRESS {
        tracing::warn!(target: "security", email_hash = &email_hash[..12], address, "password reset refused: too many requests");
        return Ok(Asked::TooMany);
    }
    repo::rate_limits::record(db, Counter::ResetEmail, &email_hash, now).await?;
    repo::rate_limits::record(db, Counter::ResetAddress, address, now).await?;
    let Some(user) = repo::users::find_by_email(db, &email)
        .await?
        .filter(|u| !u.disabled)
    else {
        return Ok(Asked::Done);
    };
    let token = new_token();
    let txn = begin_write(db).await?;
    repo::tokens::retire_unused(&txn, RESET_PURPOSE, Some(user.id), now).await?;
    repo::tokens::insert(
        &txn,
        &hash_token(&token),
        RESET_PURPOSE,
        Some(user.id),
        now,
        now + RESET_LINK_SECS,
    )
    .await?;
    repo::audit::record(
        &txn,
        Some(user.id),
        Some(user.id),
        "reset_link_requested",
        &format!("{} asked for a password link by email", user.name),
        &json!({ "expires_at": now + RESET_LINK_SECS }),
        now,
    )
    .await?;
    txn.commit().await?;
    let body = format!(
        "Hello {name},\n\nSomeone asked for a new password for your coopkit account. \
         Open this link to choose one (it works once, for an hour):\n\n{base}/reset/{token}\n\n\
         If it was not you, ignore this email: your password stays as it is.\n",
        name = user.name,
        base = sender.base_url,
    );
    let mailer = sender.mailer.clone();
    // In the background: waiting for the mail server only when there is an account would
    // tell, by the time the page takes, which emails have one.
    tokio::spawn(async move {
        let subject = "Choose a new coopkit password";
        if let Err(e) = mailer.send(&user.name, &user.email, subject, body).await {
            tracing::warn!(user_id = user.id, error = %e, "password link email not sent");
        }
    });
    Ok(Asked::Done)
}
