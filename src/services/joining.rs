//! Following an invitation link: the one way into a case for workers and reps alike (the
//! centre's rep invitations made when accepting an enquiry are ordinary invitations too). A new
//! person makes an account, or a signed-in person joins with the one they have. Either way they
//! become a member of that one case only, in the role the invitation names.

use serde_json::json;

use super::auth::{check_account, create_user, start_session, AccountInput, Actor};
use super::passwords::PasswordHasher;
use super::tokens::hash_token;
use super::Env;
use crate::db::begin_write;
use crate::db::entities::invitations;
use crate::db::repo;
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::CaseId;
use crate::domain::invitations::{InvitationState, InviteRole};
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
            JoinProblem::Unknown => "This invitation link is not valid. Check you copied the whole link, or ask whoever invited you to send it again.",
            JoinProblem::Used => "This invitation link has already been used. If you joined with it, sign in. If not, ask whoever invited you for a new link.",
            JoinProblem::Withdrawn => "This invitation has been withdrawn, so the link no longer works. Ask whoever invited you if you think that is a mistake.",
            JoinProblem::Expired => "This invitation link has expired: links work for 14 days. Ask whoever invited you (your rep, or the education centre) to send you a new one.",
            JoinProblem::OtherPerson => "This invitation was sent to another email address, so it cannot be used with the account you are signed in with. If it was meant for you, ask your rep or the education centre to send a new invitation to your account's email address. If you have an account for the invited address, sign out and sign in with that one.",
        }
    }

    /// Not there (404), except the wrong person's account (403): the link is real but not theirs.
    pub fn is_forbidden(self) -> bool {
        self == JoinProblem::OtherPerson
    }
}

/// What the join page shows about a usable link.
pub struct Invitation {
    pub case_name: String,
    pub name: String,
    pub email: String,
    pub role: InviteRole,
    /// Whether an account with the invited email exists (then they sign in instead).
    pub account_exists: bool,
}

/// A link that can be used, with the row behind it.
struct Found {
    row: invitations::Model,
    role: InviteRole,
    shown: Invitation,
}

/// The case to land on after joining, and in which role.
pub struct Joined {
    pub case_id: CaseId,
    pub role: InviteRole,
}

/// A new person joined: where to go, and the session they are now signed in with.
pub struct JoinedNew {
    pub joined: Joined,
    /// The raw session token, for the cookie only.
    pub session_token: String,
}

/// Why a new person's account was not made.
pub enum NotJoined {
    Link(JoinProblem),
    Invalid(FieldErrors),
}

/// An invitation is for the person it names: an account joins only when its email is the
/// invited one, so that a forwarded or leaked link cannot add someone else to the case.
fn is_for(invitation: &invitations::Model, email: &str) -> bool {
    normalise_email(&invitation.email) == normalise_email(email)
}

async fn find(env: &Env<'_>, token: &str) -> AppResult<Result<Found, JoinProblem>> {
    let db = env.db();
    let Some(row) = repo::invitations::find_by_hash(db, &hash_token(token)).await? else {
        return Ok(Err(JoinProblem::Unknown));
    };
    match InvitationState::of(&row.status, row.expires_at, env.clock.now()) {
        InvitationState::Accepted => return Ok(Err(JoinProblem::Used)),
        InvitationState::Withdrawn => return Ok(Err(JoinProblem::Withdrawn)),
        InvitationState::Expired => return Ok(Err(JoinProblem::Expired)),
        InvitationState::Pending => {}
    }
    let role = InviteRole::parse(&row.role)
        .ok_or_else(|| AppError::Internal(format!("invitation {} has an unknown role", row.id)))?;
    let case = repo::cases::find(db, row.case_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let account_exists = repo::users::find_by_email(db, &row.email).await?.is_some();
    let shown = Invitation {
        case_name: case.name,
        name: row.name.clone(),
        email: row.email.clone(),
        role,
        account_exists,
    };
    Ok(Ok(Found { row, role, shown }))
}

/// Looks up a link without using it; signed in, it must be the invited person's link.
pub async fn check(
    env: &Env<'_>,
    actor: Option<&Actor>,
    token: &str,
) -> AppResult<Result<Invitation, JoinProblem>> {
    Ok(match find(env, token).await? {
        Ok(found) if actor.is_some_and(|a| !is_for(&found.row, &a.email)) => {
            Err(JoinProblem::OtherPerson)
        }
        found => found.map(|f| f.shown),
    })
}

/// A new person joins: checks the account form, then creates the account and the membership
/// and uses up the link, all in one transaction; then signs them in.
pub async fn join_new(
    env: &Env<'_>,
    hasher: &PasswordHasher,
    token: &str,
    (name, password, confirm): (&str, &str, &str),
    user_agent: &str,
) -> AppResult<Result<JoinedNew, NotJoined>> {
    let found = match find(env, token).await? {
        Ok(found) => found,
        Err(problem) => return Ok(Err(NotJoined::Link(problem))),
    };
    let input = AccountInput {
        email: &found.row.email,
        name,
        password,
        confirm,
    };
    let errors = check_account(env.db(), &input).await?;
    if !errors.is_empty() {
        return Ok(Err(NotJoined::Invalid(errors)));
    }
    let account_role = match found.role {
        InviteRole::Rep => Role::Rep,
        InviteRole::Worker => Role::Worker,
    };
    let txn = begin_write(env.db()).await?;
    let user = create_user(&txn, hasher, env.clock, &input, account_role).await?;
    if !accept(&txn, env, &found.row, user.id, &user.name).await? {
        return Ok(Err(NotJoined::Link(JoinProblem::Used)));
    }
    txn.commit().await?;
    let session = start_session(env, &user, user_agent).await?;
    Ok(Ok(JoinedNew {
        joined: Joined {
            case_id: CaseId(found.row.case_id),
            role: found.role,
        },
        session_token: session.token,
    }))
}

/// A signed-in person joins with their own account, if it is the one invited.
pub async fn join_existing(
    env: &Env<'_>,
    actor: &Actor,
    token: &str,
) -> AppResult<Result<Joined, JoinProblem>> {
    let found = match find(env, token).await? {
        Ok(found) => found,
        Err(problem) => return Ok(Err(problem)),
    };
    if !is_for(&found.row, &actor.email) {
        return Ok(Err(JoinProblem::OtherPerson));
    }
    let txn = begin_write(env.db()).await?;
    if !accept(&txn, env, &found.row, actor.id, &actor.name).await? {
        return Ok(Err(JoinProblem::Used));
    }
    txn.commit().await?;
    Ok(Ok(Joined {
        case_id: CaseId(found.row.case_id),
        role: found.role,
    }))
}

/// Uses up the invitation and adds the membership (unless the person already belongs to the
/// case), with its event. `false` when someone else used the link first.
async fn accept(
    txn: &impl sea_orm::ConnectionTrait,
    env: &Env<'_>,
    invitation: &invitations::Model,
    user_id: i64,
    user_name: &str,
) -> AppResult<bool> {
    let now = env.clock.now();
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
