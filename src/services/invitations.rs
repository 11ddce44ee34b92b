//! Inviting people to a case, and following an invitation link.
//!
//! Reps and centre staff invite; only the centre invites reps. Each invitation is a 256-bit
//! single-use link kept only as a hash, so the raw link exists in just two places: the page
//! shown to the rep right after inviting (or resending), and the email. Emails are sent after
//! the invitation is saved, and how that went is stored with it, so the rep always sees
//! whether each person was emailed.

use serde_json::json;

use super::auth::Actor;
use super::cases::{self, OpenCase};
use super::tokens::{hash_token, new_token};
use super::Env;
use crate::clock::Clock;
use crate::db::begin_case_write;
use crate::db::entities::invitations;
use crate::db::repo;
use crate::domain::access::{may_invite, Need};
use crate::domain::case::Case;
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::CaseId;
use crate::domain::invitations::{
    check_invitee, parse_list, InvitationState, InviteRole, Invitee, RowProblem, INVITATION_SECS,
};
use crate::error::{AppError, AppResult};

/// A link just made, to show the rep once.
#[derive(Debug, Clone)]
pub struct NewLink {
    pub invitation_id: i64,
    pub name: String,
    pub email: String,
    pub link: String,
    /// Whether an email went out; `send_error` says why not when email is set up.
    pub emailed: bool,
    pub send_error: Option<String>,
}

pub use super::mail::Sender;

/// The case, if the actor may invite people to it (reps of the case and the centre; a worker
/// is refused, 403).
pub async fn managed_case(env: &Env<'_>, actor: &Actor, case_id: CaseId) -> AppResult<OpenCase> {
    cases::open(env, actor, case_id, Need::Work).await
}

/// Refuses a rep who tries to invite (or resend, or withdraw) a rep: that is the centre's.
fn check_may_invite(opened: &OpenCase, invites_rep: bool) -> AppResult<()> {
    if may_invite(opened.role, invites_rep) {
        Ok(())
    } else {
        Err(AppError::Forbidden("only the centre invites reps"))
    }
}

/// A case's invitations, newest first.
pub async fn list(
    env: &Env<'_>,
    actor: &Actor,
    case_id: CaseId,
) -> AppResult<(OpenCase, Vec<invitations::Model>)> {
    let opened = managed_case(env, actor, case_id).await?;
    let all = repo::invitations::for_case(env.db(), case_id.get()).await?;
    Ok((opened, all))
}

/// Invites one person; problems with what was typed come back by field.
pub async fn invite_one(
    env: &Env<'_>,
    sender: &Sender<'_>,
    actor: &Actor,
    case_id: CaseId,
    (name, email, role): (&str, &str, &str),
) -> AppResult<Result<NewLink, FieldErrors>> {
    let opened = managed_case(env, actor, case_id).await?;
    let mut errors = FieldErrors::new();
    let role = match InviteRole::parse(role) {
        Some(role) => {
            check_may_invite(&opened, role == InviteRole::Rep)?;
            role
        }
        None if role.is_empty() => InviteRole::Worker,
        None => {
            errors.add("role", "Choose worker or rep");
            InviteRole::Worker
        }
    };
    let person = match check_invitee(name, email) {
        Ok(person) => Some(person),
        Err(problems) => {
            for (field, message) in problems {
                errors.add(field, message);
            }
            None
        }
    };
    let live = repo::invitations::live_emails(env.db(), case_id.get()).await?;
    if let Some(p) = person.as_ref().filter(|p| live.contains(&p.email)) {
        errors.add("email", format!("{} has already been invited to this case. To send a new link, use Resend in the list below.", p.email));
    }
    let Some(person) = person.filter(|_| errors.is_empty()) else {
        return Ok(Err(errors));
    };
    let links = create(env, sender, actor, &opened.case, role, &[person]).await?;
    Ok(Ok(links.into_iter().next().ok_or(AppError::NotFound)?))
}

/// What inviting from a list did.
pub struct ListOutcome {
    pub links: Vec<NewLink>,
    pub problems: Vec<RowProblem>,
}

/// Invites everyone on a pasted or uploaded list whose line is good; reports the others.
pub async fn invite_list(
    env: &Env<'_>,
    sender: &Sender<'_>,
    actor: &Actor,
    case_id: CaseId,
    text: &str,
) -> AppResult<ListOutcome> {
    let opened = managed_case(env, actor, case_id).await?;
    let parsed = parse_list(text);
    let live = repo::invitations::live_emails(env.db(), case_id.get()).await?;
    let mut problems = parsed.problems;
    let mut people = Vec::new();
    for (person, line) in parsed.people.into_iter().zip(parsed.lines) {
        if live.contains(&person.email) {
            problems.push(RowProblem {
                line,
                text: format!("{}, {}", person.name, person.email),
                reason: format!("{} has already been invited to this case", person.email),
            });
        } else {
            people.push(person);
        }
    }
    problems.sort_by_key(|p| p.line);
    let links = create(
        env,
        sender,
        actor,
        &opened.case,
        InviteRole::Worker,
        &people,
    )
    .await?;
    Ok(ListOutcome { links, problems })
}

/// Saves the invitations and their events in one transaction, then emails them.
async fn create(
    env: &Env<'_>,
    sender: &Sender<'_>,
    actor: &Actor,
    case: &Case,
    role: InviteRole,
    people: &[Invitee],
) -> AppResult<Vec<NewLink>> {
    let now = env.clock.now();
    let txn = begin_case_write(env.db(), case.id.get()).await?;
    let mut links = Vec::new();
    for person in people {
        let (saved, token) = save_link(&txn, actor, case.id.get(), role, person, now).await?;
        links.push(new_link(sender, &saved, &token));
    }
    txn.commit().await?;
    for link in &mut links {
        email(env, sender, &case.name, link).await?;
    }
    Ok(links)
}

/// Saves one invitation and its event inside the caller's transaction, and returns it with
/// its raw token (only the hash is stored). Every invitation to a case is made here: by a rep
/// or staff member on the case's page, and by the centre accepting an enquiry.
pub(in crate::services) async fn save_link(
    txn: &impl sea_orm::ConnectionTrait,
    actor: &Actor,
    case_id: i64,
    role: InviteRole,
    person: &Invitee,
    now: i64,
) -> AppResult<(invitations::Model, String)> {
    let token = new_token();
    let saved = repo::invitations::insert(
        txn,
        repo::invitations::NewInvitation {
            case_id,
            name: &person.name,
            email: &person.email,
            role: role.as_str(),
            token_hash: &hash_token(&token),
            expires_at: now + INVITATION_SECS,
            invited_by: actor.id,
        },
        now,
    )
    .await?;
    repo::events::record(
        txn,
        case_id,
        Some(actor.id),
        "invitation_sent",
        &format!(
            "{} invited {} as a {}",
            actor.name,
            person.name,
            role.as_str()
        ),
        &json!({ "invitation_id": saved.id, "role": role.as_str() }),
        now,
    )
    .await?;
    Ok((saved, token))
}

fn new_link(sender: &Sender<'_>, saved: &invitations::Model, token: &str) -> NewLink {
    NewLink {
        invitation_id: saved.id,
        name: saved.name.clone(),
        email: saved.email.clone(),
        link: format!("{}/join/{token}", sender.base_url),
        emailed: false,
        send_error: None,
    }
}

/// Emails one link when email is set up, and stores how it went.
async fn email(
    env: &Env<'_>,
    sender: &Sender<'_>,
    case_name: &str,
    link: &mut NewLink,
) -> AppResult<()> {
    if !sender.mailer.is_configured() {
        return Ok(());
    }
    let subject = format!("You are invited to join {case_name} on coopkit");
    let body = format!(
        "Hello {name},\n\nYou are invited to join the workers' group for {case} on coopkit. \
         There you can follow how the plan to run the business as a co-operative is going, \
         answer a short survey, and read the documents shared with the workers.\n\n\
         Open this link to join (it works once, for 14 days):\n\n{link}\n\n\
         If you did not expect this email, you can ignore it.\n",
        name = link.name,
        case = case_name,
        link = link.link,
    );
    let result = sender
        .mailer
        .send(&link.name, &link.email, &subject, body)
        .await;
    link.emailed = result.is_ok();
    link.send_error = result.err();
    let now = env.clock.now();
    repo::invitations::record_sending(env.db(), link.invitation_id, link.send_error.clone(), now)
        .await?;
    Ok(())
}

/// Makes a new link (and 14 more days) for an invitation not yet accepted, and emails it.
pub async fn resend(
    env: &Env<'_>,
    sender: &Sender<'_>,
    actor: &Actor,
    case_id: CaseId,
    invitation_id: i64,
) -> AppResult<NewLink> {
    let opened = managed_case(env, actor, case_id).await?;
    let found = invitation_of(env, case_id, invitation_id).await?;
    check_may_invite(&opened, found.role == "rep")?;
    if found.status == "accepted" {
        return Err(AppError::Conflict(format!(
            "{} has already joined",
            found.name
        )));
    }
    let now = env.clock.now();
    let token = new_token();
    let txn = begin_case_write(env.db(), case_id.get()).await?;
    repo::invitations::renew(
        &txn,
        found.id,
        &hash_token(&token),
        now + INVITATION_SECS,
        now,
    )
    .await?;
    repo::events::record(
        &txn,
        case_id.get(),
        Some(actor.id),
        "invitation_resent",
        &format!("{} sent {} a new invitation link", actor.name, found.name),
        &json!({ "invitation_id": found.id }),
        now,
    )
    .await?;
    txn.commit().await?;
    let mut link = new_link(sender, &found, &token);
    email(env, sender, &opened.case.name, &mut link).await?;
    Ok(link)
}

/// Stops a pending invitation's link from working.
pub async fn withdraw(
    env: &Env<'_>,
    actor: &Actor,
    case_id: CaseId,
    invitation_id: i64,
) -> AppResult<invitations::Model> {
    let opened = managed_case(env, actor, case_id).await?;
    let found = invitation_of(env, case_id, invitation_id).await?;
    check_may_invite(&opened, found.role == "rep")?;
    let now = env.clock.now();
    let txn = begin_case_write(env.db(), case_id.get()).await?;
    if !repo::invitations::withdraw(&txn, found.id, now).await? {
        return Err(AppError::Conflict(
            "only a pending invitation can be withdrawn".into(),
        ));
    }
    repo::events::record(
        &txn,
        case_id.get(),
        Some(actor.id),
        "invitation_withdrawn",
        &format!("{} withdrew the invitation of {}", actor.name, found.name),
        &json!({ "invitation_id": found.id }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(found)
}

/// An invitation of this case; any other id is 404.
async fn invitation_of(
    env: &Env<'_>,
    case_id: CaseId,
    invitation_id: i64,
) -> AppResult<invitations::Model> {
    repo::invitations::find(env.db(), invitation_id)
        .await?
        .filter(|i| i.case_id == case_id.get())
        .ok_or(AppError::NotFound)
}

/// The state of an invitation now.
pub fn state(invitation: &invitations::Model, clock: &Clock) -> InvitationState {
    InvitationState::of(&invitation.status, invitation.expires_at, clock.now())
}
