//! Signing up for an open event with no account, the booking page behind each person's link,
//! cancelling by that link, and giving feedback after attending.
//!
//! The capacity check, the insert and any promotion from the waiting list happen inside one
//! write transaction with the event's row locked (`repo::outreach::lock_event`; SQLite's
//! write lock does it there), so two people taking the last place at the same instant can
//! never both get it, and a freed place is given exactly once. Emails go out after the commit:
//! a slow mail server must not hold the lock.

use super::event_mail::{self, Outbox};
use super::tokens::{hash_token, new_token};
use super::Env;
use crate::db::entities::{event_registrations, event_sessions, events};
use crate::db::{begin_write, repo};
use crate::domain::events::feedback::{FeedbackInput, NewFeedback};
use crate::domain::events::registration::{
    place_new, queue_position, to_promote, Entry, NewSignUp, RegistrationState, SignUpInput,
};
use crate::domain::events::signup_open_at;
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::EventId;
use crate::domain::rate_limit::Counter;
use crate::error::{AppError, AppResult};

/// Sign-ups one address may send in `RATE_WINDOW_SECS`: a whole office may book from one
/// connection, but a bot filling the list may not.
pub const MAX_PER_WINDOW: u64 = 10;
pub const RATE_WINDOW_SECS: i64 = 60 * 60;

/// An event and its sessions.
pub struct EventWithSessions {
    pub event: events::Model,
    pub sessions: Vec<event_sessions::Model>,
    /// Seats free now (never below nought).
    pub places_left: u32,
    /// Whether people can still sign up: published, open, and before the cut-off.
    pub taking_sign_ups: bool,
    /// When sign-up closes, if earlier than the start.
    pub signup_closes_at: Option<i64>,
    pub cancelled: bool,
}

pub enum SignedUp {
    /// Booked or waiting; the token of their link (shown once, emailed when mail is set up).
    Stored {
        token: String,
    },
    /// The honeypot was filled: a bot. Nothing is kept.
    Ignored,
    TooMany,
    Invalid(FieldErrors),
}

/// Loads an event with what the public page needs; `None` for a missing one.
pub(in crate::services) async fn load(
    db: &impl sea_orm::ConnectionTrait,
    id: i64,
    now: i64,
) -> AppResult<Option<EventWithSessions>> {
    let Some(event) = repo::outreach::find_event(db, id).await? else {
        return Ok(None);
    };
    let sessions = repo::outreach::sessions_of(db, id).await?;
    let entries = entries(&repo::event_bookings::registrations_of(db, id).await?)?;
    let held = crate::domain::events::registration::seats_held(&entries);
    let capacity = u32::try_from(event.capacity).unwrap_or(0);
    let cutoff = u32::try_from(event.signup_cutoff_hours).unwrap_or(0);
    let before_cutoff = sessions
        .first()
        .is_some_and(|s| signup_open_at(s.starts_at, cutoff, now));
    let taking_sign_ups = event.status == "published" && event.is_open && before_cutoff;
    let signup_closes_at = sessions
        .first()
        .filter(|_| cutoff > 0)
        .map(|s| s.starts_at - i64::from(cutoff) * 3600);
    Ok(Some(EventWithSessions {
        cancelled: event.status == "cancelled",
        event,
        sessions,
        places_left: capacity.saturating_sub(held),
        taking_sign_ups,
        signup_closes_at,
    }))
}

/// An open event's public page (a cancelled one says so). Events only for a case's members
/// are not shown here.
pub async fn public_event(env: &Env<'_>, id: EventId) -> AppResult<EventWithSessions> {
    let found = load(env.db(), id.get(), env.clock.now()).await?;
    found
        .filter(|e| e.event.is_open && matches!(e.event.status.as_str(), "published" | "cancelled"))
        .ok_or(AppError::NotFound)
}

pub(in crate::services) fn entries(rows: &[event_registrations::Model]) -> AppResult<Vec<Entry>> {
    rows.iter()
        .map(|r| {
            let state = RegistrationState::parse(&r.state).ok_or_else(|| {
                AppError::Internal(format!("unknown sign-up state {:?}", r.state))
            })?;
            Ok(Entry {
                id: r.id,
                state,
                seats: u32::try_from(r.seats).unwrap_or(1),
                queued_at: r.queued_at,
            })
        })
        .collect()
}

pub async fn sign_up(
    env: &Env<'_>,
    outbox: &Outbox<'_>,
    address: &str,
    id: EventId,
    input: &SignUpInput,
    honeypot: &str,
) -> AppResult<SignedUp> {
    let db = env.db();
    let now = env.clock.now();
    let event = public_event(env, id).await?;
    let window_start = now - RATE_WINDOW_SECS;
    repo::rate_limits::forget_before(db, Counter::EventSignUp, window_start).await?;
    if repo::rate_limits::count_since(db, Counter::EventSignUp, address, window_start).await?
        >= MAX_PER_WINDOW
    {
        tracing::warn!(target: "security", address, "event sign-up refused: too many from this address");
        return Ok(SignedUp::TooMany);
    }
    if !honeypot.trim().is_empty() {
        repo::rate_limits::record(db, Counter::EventSignUp, address, now).await?;
        tracing::warn!(target: "security", address, "event sign-up dropped: honeypot filled");
        return Ok(SignedUp::Ignored);
    }
    let sign_up = match NewSignUp::try_from(input) {
        Ok(s) => s,
        Err(errors) => return Ok(SignedUp::Invalid(errors)),
    };
    if !event.taking_sign_ups {
        let mut errors = FieldErrors::new();
        errors.add("sign-up", "Sign-up for this event has closed");
        return Ok(SignedUp::Invalid(errors));
    }
    let token = new_token();
    let txn = begin_write(db).await?;
    repo::outreach::lock_event(&txn, id.get()).await?;
    let rows = repo::event_bookings::registrations_of(&txn, id.get()).await?;
    let person = repo::event_bookings::person_for(&txn, &sign_up, now).await?;
    if rows.iter().any(|r| r.active_person == Some(person.id)) {
        let mut errors = FieldErrors::new();
        errors.add(
            "email",
            "Someone with this email address is already signed up for this event: use the link in the email we sent, or ask the centre",
        );
        return Ok(SignedUp::Invalid(errors));
    }
    let capacity = u32::try_from(event.event.capacity).unwrap_or(0);
    let state = place_new(capacity, &entries(&rows)?, sign_up.seats);
    let new = repo::event_bookings::NewRegistration {
        event_id: id.get(),
        person_id: person.id,
        state,
        seats: sign_up.seats,
        token_hash: &hash_token(&token),
        access_needs: &sign_up.access_needs,
        source: "public",
    };
    repo::event_bookings::insert_registration(&txn, &new, now).await?;
    repo::rate_limits::record(&txn, Counter::EventSignUp, address, now).await?;
    txn.commit().await?;
    tracing::info!(event_id = id.get(), state = state.as_str(), "event sign-up");
    event_mail::confirm(
        outbox,
        &event.event,
        &event.sessions,
        &person,
        state,
        &token,
    )
    .await;
    Ok(SignedUp::Stored { token })
}

/// What a person sees behind their link.
pub struct Booking {
    pub event: EventWithSessions,
    pub registration: event_registrations::Model,
    pub state: RegistrationState,
    pub name: String,
    /// Their place on the waiting list, from 1.
    pub position: Option<usize>,
    pub may_cancel: bool,
    /// Attended and not yet given feedback.
    pub may_give_feedback: bool,
    pub feedback_given: bool,
}

async fn booking_with(
    db: &impl sea_orm::ConnectionTrait,
    token: &str,
    now: i64,
) -> AppResult<Booking> {
    let registration = repo::event_bookings::registration_by_token(db, &hash_token(token))
        .await?
        .ok_or(AppError::NotFound)?;
    let event = load(db, registration.event_id, now)
        .await?
        .ok_or(AppError::NotFound)?;
    let state = RegistrationState::parse(&registration.state)
        .ok_or_else(|| AppError::Internal("unknown sign-up state".into()))?;
    let all = entries(&repo::event_bookings::registrations_of(db, registration.event_id).await?)?;
    let started = event.sessions.first().is_none_or(|s| s.starts_at <= now);
    let present = repo::event_bookings::was_present(db, registration.id).await?;
    let feedback_given = repo::event_bookings::feedback_of_registration(db, registration.id)
        .await?
        .is_some();
    let name = repo::event_bookings::find_person(db, registration.person_id)
        .await?
        .map(|p| p.name)
        .unwrap_or_default();
    Ok(Booking {
        position: queue_position(&all, registration.id),
        // Someone the register shows came has nothing left to cancel (staff can untick them).
        may_cancel: state.is_active() && !started && !present,
        may_give_feedback: present && !feedback_given,
        feedback_given,
        state,
        name,
        registration,
        event,
    })
}

pub async fn booking(env: &Env<'_>, token: &str) -> AppResult<Booking> {
    booking_with(env.db(), token, env.clock.now()).await
}

/// Cancels the sign-up behind a link and gives any freed seats to the people waiting.
/// Returns what the sign-up was (a place, or a place on the waiting list), to say so.
pub async fn cancel(
    env: &Env<'_>,
    outbox: &Outbox<'_>,
    token: &str,
) -> AppResult<RegistrationState> {
    let db = env.db();
    let now = env.clock.now();
    let found = booking_with(db, token, now).await?;
    if !found.may_cancel {
        return Err(AppError::Conflict(
            "this booking can no longer be cancelled here".into(),
        ));
    }
    let event_id = found.registration.event_id;
    let txn = begin_write(db).await?;
    repo::outreach::lock_event(&txn, event_id).await?;
    let current = repo::event_bookings::find_registration(&txn, found.registration.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let state = RegistrationState::parse(&current.state).unwrap_or(RegistrationState::Cancelled);
    if !state.may_become(RegistrationState::Cancelled)
        || !repo::event_bookings::set_state(&txn, &current, RegistrationState::Cancelled, now)
            .await?
    {
        return Err(AppError::Conflict(
            "this booking was already cancelled".into(),
        ));
    }
    let promoted = promote_in(&txn, event_id, now).await?;
    txn.commit().await?;
    tracing::info!(
        event_id,
        promoted = promoted.len(),
        "event booking cancelled"
    );
    event_mail::promoted(outbox, &found.event.event, &found.event.sessions, &promoted).await;
    Ok(state)
}

/// Books the waiting sign-ups that now fit, first come first served, inside the caller's
/// transaction (the event must be locked). Returns who got a place, for their emails.
pub(in crate::services) async fn promote_in(
    txn: &impl sea_orm::ConnectionTrait,
    event_id: i64,
    now: i64,
) -> AppResult<Vec<crate::db::entities::event_people::Model>> {
    let event = repo::outreach::find_event(txn, event_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let rows = repo::event_bookings::registrations_of(txn, event_id).await?;
    let capacity = u32::try_from(event.capacity).unwrap_or(0);
    let mut promoted = Vec::new();
    for id in to_promote(capacity, &entries(&rows)?) {
        let Some(row) = rows.iter().find(|r| r.id == id) else {
            continue;
        };
        if repo::event_bookings::set_state(txn, row, RegistrationState::Registered, now).await? {
            if let Some(person) = repo::event_bookings::find_person(txn, row.person_id).await? {
                promoted.push(person);
            }
        }
    }
    Ok(promoted)
}

/// Stores an attendee's feedback, once per sign-up.
pub async fn give_feedback(
    env: &Env<'_>,
    token: &str,
    input: &FeedbackInput,
) -> AppResult<Result<(), FieldErrors>> {
    let found = booking(env, token).await?;
    if !found.may_give_feedback {
        return Err(AppError::Conflict(if found.feedback_given {
            "feedback was already given for this booking".into()
        } else {
            "feedback opens once the register shows you attended".into()
        }));
    }
    let feedback = match NewFeedback::try_from(input) {
        Ok(f) => f,
        Err(errors) => return Ok(Err(errors)),
    };
    let txn = begin_write(env.db()).await?;
    repo::event_bookings::insert_feedback(
        &txn,
        found.registration.event_id,
        found.registration.id,
        &feedback,
        env.clock.now(),
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(()))
}
