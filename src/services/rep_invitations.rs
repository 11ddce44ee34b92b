//! Joining a case as its rep through the link made when the centre accepted an enquiry.
//!
//! The enquirer has no account until they follow the link: it makes one (role rep), adds them
//! to that one case as its rep, and uses the link up, all in one transaction.

use sea_orm::DatabaseConnection;
use serde_json::json;

use super::auth::{check_account, check_link, create_user, AccountInput, LinkProblem};
use super::enquiries::REP_INVITATION;
use super::passwords::PasswordHasher;
use crate::clock::Clock;
use crate::db::begin_write;
use crate::db::entities::users;
use crate::db::repo;
use crate::domain::field_errors::FieldErrors;
use crate::domain::user::{normalise_email, Role};
use crate::error::AppResult;

/// What the invitation page shows: the case and who it was meant for.
pub struct Invitation {
    pub token_id: i64,
    pub case_id: i64,
    pub case_name: String,
    pub name: String,
    pub email: String,
}

/// The invitation behind a link, or why the link cannot be used.
pub async fn find(
    db: &DatabaseConnection,
    clock: &Clock,
    token: &str,
) -> AppResult<Result<Invitation, LinkProblem>> {
    let token_id = match check_link(db, clock, token, REP_INVITATION).await? {
        Ok(id) => id,
        Err(problem) => return Ok(Err(problem)),
    };
    let Some(enquiry) = repo::enquiries::find_by_invitation(db, token_id).await? else {
        return Ok(Err(LinkProblem::Unknown));
    };
    let case = match enquiry.case_id {
        Some(case_id) => repo::cases::find(db, case_id).await?,
        None => None,
    };
    let Some(case) = case else {
        return Ok(Err(LinkProblem::Unknown));
    };
    Ok(Ok(Invitation {
        token_id,
        case_id: case.id,
        case_name: case.name,
        name: enquiry.name,
        email: enquiry.email,
    }))
}

/// Said by the email field when another address is typed.
pub const WRONG_EMAIL: &str = "This invitation is for the email address the centre has for you. Use that address, or ask the centre to send a new invitation to another one.";

/// An invitation is for the person it names: the account it makes, or the account signed in
/// when it is opened, must have the invited email (a forwarded link cannot make someone else
/// the rep).
pub fn is_for(invitation: &Invitation, email: &str) -> bool {
    normalise_email(&invitation.email) == normalise_email(email)
}

/// Why joining did not happen.
pub enum JoinProblem {
    Link(LinkProblem),
    Invalid(FieldErrors),
}

/// Makes the account, adds it to the case as rep and uses the link up. Returns the new
/// account and the case to land on.
pub async fn join(
    db: &DatabaseConnection,
    hasher: &PasswordHasher,
    clock: &Clock,
    token: &str,
    input: &AccountInput<'_>,
) -> AppResult<Result<(users::Model, i64), JoinProblem>> {
    let invitation = match find(db, clock, token).await? {
        Ok(invitation) => invitation,
        Err(problem) => return Ok(Err(JoinProblem::Link(problem))),
    };
    let mut errors = check_account(db, input).await?;
    if !is_for(&invitation, input.email) && !errors.has("email") {
        errors.add("email", WRONG_EMAIL);
    }
    if !errors.is_empty() {
        return Ok(Err(JoinProblem::Invalid(errors)));
    }
    let now = clock.now();
    let txn = begin_write(db).await?;
    if !repo::tokens::consume(&txn, invitation.token_id, now).await? {
        return Ok(Err(JoinProblem::Link(LinkProblem::Used)));
    }
    let user = create_user(&txn, hasher, clock, input, Role::Rep).await?;
    repo::cases::add_member(&txn, invitation.case_id, user.id, "rep", now).await?;
    repo::events::record(
        &txn,
        invitation.case_id,
        Some(user.id),
        "rep_joined",
        &format!(
            "{} joined as rep through the centre's invitation",
            user.name
        ),
        &json!({ "user_id": user.id }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(Ok((user, invitation.case_id)))
}
