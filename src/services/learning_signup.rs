//! Case events: an event that belongs to a case invites the case's members, who sign up from
//! their progress page with one click and may give their place back there.
//!
//! The places are the same as for open events: the capacity check, the insert and any
//! promotion from the waiting list run in one write transaction with the event locked, with
//! the rules of `domain::events::registration` and the service's own `promote_in`.

use super::auth::Actor;
use super::cases::{self, OpenCase};
use super::event_mail::{self, Outbox};
use super::event_signup::{entries, load, promote_in, EventWithSessions};
use super::tokens::{hash_token, new_token};
use super::Env;
use crate::db::{begin_write, repo};
use crate::domain::access::{require_centre, CaseRole, Need};
use crate::domain::enquiry::EnquiryRole;
use crate::domain::events::registration::{
    place_new, queue_position, NewSignUp, RegistrationState,
};
use crate::domain::ids::{CaseId, EventId};
use crate::domain::learning::{stage_tags, StageTag};
use crate::error::{AppError, AppResult};

/// One of the case's events as a member sees it.
pub struct CaseEvent {
    pub event: EventWithSessions,
    /// The member's own sign-up, if active.
    pub state: Option<RegistrationState>,
    pub position: Option<usize>,
    /// Sign-up is possible: published and not yet started.
    pub open_for_sign_up: bool,
}

fn started(event: &EventWithSessions, now: i64) -> bool {
    event.sessions.first().is_none_or(|s| s.starts_at <= now)
}

/// The case's events that have not ended, soonest first, with the member's own place.
pub async fn case_events(
    env: &Env<'_>,
    actor: &Actor,
    opened: &OpenCase,
) -> AppResult<Vec<CaseEvent>> {
    let db = env.db();
    let now = env.clock.now();
    let person = repo::learning_record::person_by_email(db, &actor.email.to_lowercase()).await?;
    let mut out = Vec::new();
    for row in repo::learning_record::events_of_case(db, opened.case.id.get()).await? {
        let Some(event) = load(db, row.id, now).await? else {
            continue;
        };
        if !event.sessions.iter().any(|s| s.ends_at > now) {
            continue;
        }
        let rows = repo::event_bookings::registrations_of(db, row.id).await?;
        let all = entries(&rows)?;
        let mine = person
            .as_ref()
            .and_then(|p| rows.iter().find(|r| r.active_person == Some(p.id)));
        let state = mine.and_then(|r| RegistrationState::parse(&r.state));
        out.push(CaseEvent {
            position: mine.and_then(|r| queue_position(&all, r.id)),
            open_for_sign_up: !started(&event, now),
            state,
            event,
        });
    }
    out.sort_by_key(|e| e.event.sessions.first().map_or(i64::MAX, |s| s.starts_at));
    Ok(out)
}

/// The case's event named in the address, or 404.
async fn event_of_case(env: &Env<'_>, case: CaseId, id: EventId) -> AppResult<EventWithSessions> {
    load(env.db(), id.get(), env.clock.now())
        .await?
        .filter(|e| e.event.case_id == Some(case.get()) && e.event.status == "published")
        .ok_or(AppError::NotFound)
}

/// A member takes a place (or joins the waiting list). Returns the new state.
pub async fn sign_up(
    env: &Env<'_>,
    outbox: &Outbox<'_>,
    actor: &Actor,
    case: CaseId,
    id: EventId,
) -> AppResult<RegistrationState> {
    let opened = cases::open(env, actor, case, Need::TakePart).await?;
    let event = event_of_case(env, case, id).await?;
    let now = env.clock.now();
    if started(&event, now) {
        return Err(AppError::Conflict("this event has already started".into()));
    }
    let sign_up = NewSignUp {
        name: actor.name.clone(),
        email: actor.email.to_lowercase(),
        organisation: opened.case.name.clone(),
        role: if opened.role == CaseRole::Rep {
            EnquiryRole::UnionRep
        } else {
            EnquiryRole::Worker
        },
        access_needs: String::new(),
        seats: 1,
    };
    let token = new_token();
    let txn = begin_write(env.db()).await?;
    repo::outreach::lock_event(&txn, id.get()).await?;
    let rows = repo::event_bookings::registrations_of(&txn, id.get()).await?;
    let person = repo::event_bookings::person_for(&txn, &sign_up, now).await?;
    if let Some(active) = rows.iter().find(|r| r.active_person == Some(person.id)) {
        // A second click changes nothing: the member already has their place.
        return RegistrationState::parse(&active.state)
            .ok_or_else(|| AppError::Internal("unknown sign-up state".into()));
    }
    let capacity = u32::try_from(event.event.capacity).unwrap_or(0);
    let state = place_new(capacity, &entries(&rows)?, sign_up.seats);
    let new = repo::event_bookings::NewRegistration {
        event_id: id.get(),
        person_id: person.id,
        state,
        seats: sign_up.seats,
        token_hash: &hash_token(&token),
        access_needs: "",
        source: "case",
    };
    repo::event_bookings::insert_registration(&txn, &new, now).await?;
    txn.commit().await?;
    tracing::info!(
        event_id = id.get(),
        state = state.as_str(),
        "case event sign-up"
    );
    event_mail::confirm(
        outbox,
        &event.event,
        &event.sessions,
        &person,
        state,
        &token,
    )
    .await;
    Ok(state)
}

/// A member gives their place back (or leaves the waiting list); a freed place goes to the
/// first person waiting.
pub async fn cancel(
    env: &Env<'_>,
    outbox: &Outbox<'_>,
    actor: &Actor,
    case: CaseId,
    id: EventId,
) -> AppResult<()> {
    cases::open(env, actor, case, Need::TakePart).await?;
    let event = event_of_case(env, case, id).await?;
    let now = env.clock.now();
    if started(&event, now) {
        return Err(AppError::Conflict("this event has already started".into()));
    }
    let db = env.db();
    let person = repo::learning_record::person_by_email(db, &actor.email.to_lowercase())
        .await?
        .ok_or(AppError::NotFound)?;
    let txn = begin_write(db).await?;
    repo::outreach::lock_event(&txn, id.get()).await?;
    let rows = repo::event_bookings::registrations_of(&txn, id.get()).await?;
    let mine = rows
        .iter()
        .find(|r| r.active_person == Some(person.id))
        .ok_or(AppError::NotFound)?;
    let state = RegistrationState::parse(&mine.state).unwrap_or(RegistrationState::Cancelled);
    if !state.may_become(RegistrationState::Cancelled)
        || !repo::event_bookings::set_state(&txn, mine, RegistrationState::Cancelled, now).await?
    {
        return Err(AppError::Conflict(
            "this place was already given back".into(),
        ));
    }
    let promoted = promote_in(&txn, id.get(), now).await?;
    txn.commit().await?;
    event_mail::promoted(outbox, &event.event, &event.sessions, &promoted).await;
    Ok(())
}

/// The stages an event helps with, for staff.
pub async fn event_tags(
    env: &Env<'_>,
    actor: &Actor,
    id: EventId,
) -> AppResult<(EventWithSessions, Vec<StageTag>)> {
    require_centre(actor.role)?;
    let event = load(env.db(), id.get(), env.clock.now())
        .await?
        .ok_or(AppError::NotFound)?;
    let tags = repo::learning::event_tags(env.db(), id.get()).await?;
    Ok((event, tags))
}

/// Sets the stages an event helps with (any ticked values naming no stage are dropped).
pub async fn set_event_tags(
    env: &Env<'_>,
    actor: &Actor,
    id: EventId,
    ticked: &[String],
) -> AppResult<()> {
    event_tags(env, actor, id).await?;
    let tags = stage_tags(ticked, env.library.pathways());
    let txn = begin_write(env.db()).await?;
    repo::learning::set_event_tags(&txn, id.get(), &tags).await?;
    txn.commit().await?;
    Ok(())
}
