//! Following an invitation link: a new person makes an account, or a signed-in person joins
//! with the one they have. Either way they become a member of that one case only.

use sea_orm::DatabaseConnection;
use serde_json::json;

use super::auth::{check_account, create_user, AccountInput, Actor};
use super::passwords::PasswordHasher;
use super::tokens::hash_token;
use crate::clock::Clock;
use crate::db::begin_write;
use crate::db::entities::{cases, invitations, users};
use crate::db::repo;
use crate::domain::field_errors::FieldErrors;
use crate::domain::invitations::InvitationState;
use crate::domain::user::{normalise_email, Role};
use crate::error::{AppError, AppResult};

/// Why a link cannot be used, in words for the person holding it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinProblem {
    Unknown,
    Used,
    Withdrawn,
    Expired,
    /// Signed in with an account whose email is not the invited one.
    OtherPerson,
}

impl JoinProblem {
    pub fn message(self) -> &'static str {
        match self {
            JoinProblem::Unknown => "This invitation link is not valid. Check you copied the whole link, or ask your rep to send it again.",
            JoinProblem::Used => "This invitation link has already been used. If you joined with it, sign in. If not, ask your rep for a new link.",
            JoinProblem::Withdrawn => "This invitation has been withdrawn, so the link no longer works. Ask your rep if you think that is a mistake.",
            JoinProblem::Expired => "This invitation link has expired: links work for 14 days. Ask your rep to send you a new one.",
            JoinProblem::OtherPerson => "This invitation was sent to another email address, so it cannot be used with the account you are signed in with. If it was meant for you, ask your rep or the education centre to send a new invitation to your account's email address. If you have an account for the invited address, sign out and sign in with that one.",
        }
    }

    /// Not there (404), except the wrong person's account (403): the link is real but not theirs.
    pub fn is_forbidden(self) -> bool {
        self == JoinProblem::OtherPerson
    }
}

/// An invitation is for the person it names: an account joins only when its email is the
/// invited one, so that a forwarded or leaked link cannot add someone else to the case.
pub fn is_for(invitation: &invitations::Model, actor: &Actor) -> bool {
    normalise_email(&invitation.email) == normalise_email(&actor.email)
}

/// A usable invitation and its case.
pub struct Invitation {
    pub invitation: invitations::Model,
    pub case: cases::Model,
    /// Whether an account with the invited email exists (then they sign in instead).
    pub account_exists: bool,
}

/// Looks up a link without using it.
pub async fn check(
    db: &DatabaseConnection,
    clock: &Clock,
    token: &str,
) -> AppResult<Result<Invitation, JoinProblem>> {
    let Some(invitation) = repo::invitations::find_by_hash(db, &hash_token(token)).await? else {
        return Ok(Err(JoinProblem::Unknown));
    };
    match InvitationState::of(&invitation.status, invitation.expires_at, clock.now()) {
        InvitationState::Accepted => return Ok(Err(JoinProblem::Used)),
        InvitationState::Withdrawn => return Ok(Err(JoinProblem::Withdrawn)),
        InvitationState::Expired => return Ok(Err(JoinProblem::Expired)),
        InvitationState::Pending => {}
    }
    let case = repo::cases::find(db, invitation.case_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let account_exists = repo::users::find_by_email(db, &invitation.email)
        .await?
        .is_some();
    Ok(Ok(Invitation {
        invitation,
        case,
        account_exists,
    }))
}

/// A new person joins: checks the account form, then creates the account and the membership
/// and uses up the link, all in one transaction.
pub async fn join_new(
    db: &DatabaseConnection,
    hasher: &PasswordHasher,
    clock: &Clock,
    token: &str,
    name: &str,
    password: &str,
    confirm: &str,
) -> AppResult<Result<Result<(users::Model, i64), FieldErrors>, JoinProblem>> {
    let found = match check(db, clock, token).await? {
        Ok(found) => found,
        Err(problem) => return Ok(Err(problem)),
    };
    let input = AccountInput {
        email: &found.invitation.email,
        name,
        password,
        confirm,
    };
    let errors = check_account(db, &input).await?;
    if !errors.is_empty() {
        return Ok(Ok(Err(errors)));
    }
    let role = if found.invitation.role == "rep" {
        Role::Rep
    } else {
        Role::Worker
    };
    let txn = begin_write(db).await?;
    let user = create_user(&txn, hasher, clock, &input, role).await?;
    if !accept(&txn, clock, &found.invitation, user.id, &user.name).await? {
        return Ok(Err(JoinProblem::Used));
    }
    txn.commit().await?;
    Ok(Ok(Ok((user, found.case.id))))
}

/// A signed-in person joins with their own account, if it is the one invited.
pub async fn join_existing(
    db: &DatabaseConnection,
    clock: &Clock,
    actor: &Actor,
    token: &str,
) -> AppResult<Result<i64, JoinProblem>> {
    let found = match check(db, clock, token).await? {
        Ok(found) => found,
        Err(problem) => return Ok(Err(problem)),
    };
    if !is_for(&found.invitation, actor) {
        return Ok(Err(JoinProblem::OtherPerson));
    }
    let txn = begin_write(db).await?;
    if !accept(&txn, clock, &found.invitation, actor.id, &actor.name).await? {
        return Ok(Err(JoinProblem::Used));
    }
    txn.commit().await?;
    Ok(Ok(found.case.id))
}

/// Uses up the invitation and adds the membership (unless the person already belongs to the
/// case), with its event. `false` when someone else used the link first.
async fn accept(
    txn: &impl sea_orm::ConnectionTrait,
    clock: &Clock,
    invitation: &invitations::Model,
    user_id: i64,
    user_name: &str,
) -> AppResult<bool> {
    let now = clock.now();
    if !repo::invitations::accept(txn, invitation.id, user_id, now).await? {
        return Ok(false);
    }
    if repo::cases::membership(txn, invitation.case_id, user_id)
        .await?
        .is_none()
    {
        repo::cases::add_member(txn, invitation.case_id, user_id, &invitation.role, now).await?;
    }
    repo::events::record(
        txn,
        invitation.case_id,
        Some(user_id),
        "invitation_accepted",
        &format!("{user_name} joined the case as a {}", invitation.role),
        &json!({ "invitation_id": invitation.id }),
        now,
    )
    .await?;
    Ok(true)
}
