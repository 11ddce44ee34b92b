//! Staff work on the centre's events: setting one up or changing it, the register of who is
//! coming, marking attendance, and turning an attendee into an enquiry.

use super::auth::Actor;
use super::event_mail::{self, Outbox};
use super::event_signup::{entries, load, promote_in, EventWithSessions};
use super::Env;
use crate::db::entities::{event_feedback, event_people, event_registrations};
use crate::db::{begin_write, repo};
use crate::domain::access::{require_centre, Need};
use crate::domain::enquiry::{EnquiryRole, NewEnquiry};
use crate::domain::events::london::describe_session;
use crate::domain::events::registration::{queue_position, RegistrationState};
use crate::domain::events::{EventInput, NewEvent, ACCESS_NEEDS_KEPT_DAYS};
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::EventId;
use crate::error::{AppError, AppResult};

/// Deletes access needs given for events that ended more than 30 days ago. Run at start-up
/// and before staff see events or registers, so no background job is needed: nobody can
/// see needs past their time, and the rows are cleared at the next chance.
pub async fn purge_access_needs(db: &impl sea_orm::ConnectionTrait, now: i64) -> AppResult<u64> {
    let before = now - ACCESS_NEEDS_KEPT_DAYS * 24 * 60 * 60;
    let cleared = repo::event_bookings::purge_access_needs(db, before).await?;
    if cleared > 0 {
        tracing::info!(cleared, "access needs deleted 30 days after their events");
    }
    Ok(cleared)
}

/// Every event, newest first.
pub async fn list(env: &Env<'_>, actor: &Actor) -> AppResult<Vec<EventWithSessions>> {
    require_centre(actor.role)?;
    let now = env.clock.now();
    purge_access_needs(env.db(), now).await?;
    let mut out = Vec::new();
    for event in repo::outreach::all_events(env.db(), 500).await? {
        if let Some(found) = load(env.db(), event.id, now).await? {
            out.push(found);
        }
    }
    Ok(out)
}

/// Checks an event's case exists and is one this person may see; a field error otherwise.
async fn check_case(
    env: &Env<'_>,
    actor: &Actor,
    event: &NewEvent,
) -> AppResult<Option<FieldErrors>> {
    let Some(case_id) = event.case_id else {
        return Ok(None);
    };
    match super::cases::open(env, actor, case_id, Need::Follow).await {
        Ok(_) => Ok(None),
        Err(AppError::NotFound) => {
            let mut errors = FieldErrors::new();
            errors.add("case_id", "There is no case with that number");
            Ok(Some(errors))
        }
        Err(e) => Err(e),
    }
}

pub async fn create(
    env: &Env<'_>,
    actor: &Actor,
    input: &EventInput,
) -> AppResult<Result<EventId, FieldErrors>> {
    require_centre(actor.role)?;
    let event = match NewEvent::try_from(input) {
        Ok(e) => e,
        Err(errors) => return Ok(Err(errors)),
    };
    if let Some(errors) = check_case(env, actor, &event).await? {
        return Ok(Err(errors));
    }
    let txn = begin_write(env.db()).await?;
    let saved = repo::outreach::insert_event(&txn, &event, actor.id, env.clock.now()).await?;
    txn.commit().await?;
    tracing::info!(event_id = saved.id, "event created");
    Ok(Ok(EventId(saved.id)))
}

/// An event as staff see it, for the edit form.
pub async fn find(env: &Env<'_>, actor: &Actor, id: EventId) -> AppResult<EventWithSessions> {
    require_centre(actor.role)?;
    load(env.db(), id.get(), env.clock.now())
        .await?
        .ok_or(AppError::NotFound)
}

/// Saves a change made from `version`. More places give the waiting list its seats at once.
pub async fn update(
    env: &Env<'_>,
    outbox: &Outbox<'_>,
    actor: &Actor,
    id: EventId,
    version: i64,
    input: &EventInput,
) -> AppResult<Result<(), FieldErrors>> {
    let found = find(env, actor, id).await?;
    let event = match NewEvent::try_from(input) {
        Ok(e) => e,
        Err(errors) => return Ok(Err(errors)),
    };
    if let Some(errors) = check_case(env, actor, &event).await? {
        return Ok(Err(errors));
    }
    let now = env.clock.now();
    let txn = begin_write(env.db()).await?;
    repo::outreach::lock_event(&txn, id.get()).await?;
    if !repo::outreach::update_event(&txn, id.get(), version, &event, now).await? {
        return Err(AppError::Conflict(
            "the event was changed by someone else".into(),
        ));
    }
    let promoted = promote_in(&txn, id.get(), now).await?;
    txn.commit().await?;
    let sessions = repo::outreach::sessions_of(env.db(), id.get()).await?;
    event_mail::promoted(outbox, &found.event, &sessions, &promoted).await;
    Ok(Ok(()))
}

/// Cancels an event: everyone booked or waiting loses their place and is told by email
/// (where email is set up); the public page and the calendar feed say it is cancelled.
pub async fn cancel(
    env: &Env<'_>,
    outbox: &Outbox<'_>,
    actor: &Actor,
    id: EventId,
) -> AppResult<()> {
    let found = find(env, actor, id).await?;
    let now = env.clock.now();
    let txn = begin_write(env.db()).await?;
    repo::outreach::lock_event(&txn, id.get()).await?;
    if !repo::outreach::cancel_event(&txn, id.get(), now).await? {
        return Err(AppError::Conflict("the event is already cancelled".into()));
    }
    let mut told = Vec::new();
    for row in repo::event_bookings::registrations_of(&txn, id.get()).await? {
        let active = RegistrationState::parse(&row.state).is_some_and(|s| s.is_active());
        if active
            && repo::event_bookings::set_state(&txn, &row, RegistrationState::Cancelled, now)
                .await?
        {
            if let Some(person) = repo::event_bookings::find_person(&txn, row.person_id).await? {
                told.push(person);
            }
        }
    }
    txn.commit().await?;
    tracing::info!(event_id = id.get(), told = told.len(), "event cancelled");
    event_mail::event_cancelled(outbox, &found.event, &found.sessions, &told).await;
    Ok(())
}

/// One line of the register.
pub struct RegisterLine {
    pub registration: event_registrations::Model,
    pub person: event_people::Model,
    pub state: RegistrationState,
    pub position: Option<usize>,
    /// For each session in order: None unmarked, Some(present).
    pub marks: Vec<Option<bool>>,
    pub feedback: Option<event_feedback::Model>,
}

pub struct Register {
    pub event: EventWithSessions,
    /// Booked first, then the waiting list in its order, then cancelled.
    pub lines: Vec<RegisterLine>,
    pub feedback: Vec<event_feedback::Model>,
}

pub async fn register(env: &Env<'_>, actor: &Actor, id: EventId) -> AppResult<Register> {
    let event = find(env, actor, id).await?;
    let db = env.db();
    purge_access_needs(db, env.clock.now()).await?;
    let rows = repo::event_bookings::registrations_of(db, id.get()).await?;
    let all = entries(&rows)?;
    let session_ids: Vec<i64> = event.sessions.iter().map(|s| s.id).collect();
    let marks = repo::event_bookings::attendance_of(db, &session_ids).await?;
    let mut lines = Vec::new();
    for (row, entry) in rows.into_iter().zip(all.iter()) {
        let person = repo::event_bookings::find_person(db, row.person_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let line_marks = session_ids
            .iter()
            .map(|s| {
                marks
                    .iter()
                    .find(|m| m.registration_id == row.id && m.session_id == *s)
                    .map(|m| m.present)
            })
            .collect();
        lines.push(RegisterLine {
            feedback: repo::event_bookings::feedback_of_registration(db, row.id).await?,
            position: queue_position(&all, row.id),
            state: entry.state,
            marks: line_marks,
            person,
            registration: row,
        });
    }
    let order = |s: RegistrationState| match s {
        RegistrationState::Registered => 0,
        RegistrationState::Waitlisted => 1,
        RegistrationState::Cancelled => 2,
    };
    lines.sort_by_key(|l| (order(l.state), l.position, l.registration.id));
    let feedback = repo::event_bookings::feedback_of_event(db, id.get()).await?;
    Ok(Register {
        event,
        lines,
        feedback,
    })
}

/// Marks the register of one session: the booked people ticked are present, the other
/// booked people absent.
pub async fn mark_attendance(
    env: &Env<'_>,
    actor: &Actor,
    id: EventId,
    session_id: i64,
    present: &[i64],
) -> AppResult<()> {
    let found = find(env, actor, id).await?;
    if !found.sessions.iter().any(|s| s.id == session_id) {
        return Err(AppError::NotFound);
    }
    let now = env.clock.now();
    let txn = begin_write(env.db()).await?;
    for row in repo::event_bookings::registrations_of(&txn, id.get()).await? {
        if row.state != RegistrationState::Registered.as_str() {
            continue;
        }
        let here = present.contains(&row.id);
        repo::event_bookings::mark_attendance(&txn, row.id, session_id, here, actor.id, now)
            .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Turns an attendee into an enquiry in one step, keeping the link from the sign-up to the
/// enquiry so the report can say which events led to cases. Returns the enquiry's id.
pub async fn to_enquiry(
    env: &Env<'_>,
    actor: &Actor,
    id: EventId,
    registration_id: i64,
) -> AppResult<i64> {
    let found = find(env, actor, id).await?;
    let db = env.db();
    let registration = repo::event_bookings::find_registration(db, registration_id)
        .await?
        .filter(|r| r.event_id == id.get())
        .ok_or(AppError::NotFound)?;
    if let Some(enquiry) = registration.enquiry_id {
        return Ok(enquiry);
    }
    let person = repo::event_bookings::find_person(db, registration.person_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let when = found
        .sessions
        .first()
        .map(|s| describe_session(s.starts_at, s.ends_at))
        .unwrap_or_default();
    let mut situation = format!(
        "Came to \"{}\" ({when}) and would like to talk about a co-op.",
        found.event.title
    );
    if let Some(feedback) =
        repo::event_bookings::feedback_of_registration(db, registration_id).await?
    {
        if !feedback.comments.is_empty() {
            situation.push_str(&format!(" Their feedback: {}", feedback.comments));
        }
    }
    let enquiry = NewEnquiry {
        name: person.name.clone(),
        email: person.email.clone(),
        phone: String::new(),
        organisation: person.organisation.clone(),
        role: EnquiryRole::parse(&person.role)
            .ok_or_else(|| AppError::Internal(format!("unknown role {:?}", person.role)))?,
        situation,
    };
    let now = env.clock.now();
    let txn = begin_write(db).await?;
    let stored = repo::enquiries::insert(&txn, &enquiry, None, now).await?;
    repo::event_bookings::link_enquiry(&txn, registration_id, stored.id).await?;
    txn.commit().await?;
    tracing::info!(
        event_id = id.get(),
        enquiry_id = stored.id,
        "attendee became an enquiry"
    );
    Ok(stored.id)
}

/// Upcoming open events for the public pages and the calendar feed, soonest first.
pub async fn upcoming_open(env: &Env<'_>, limit: u64) -> AppResult<Vec<EventWithSessions>> {
    let now = env.clock.now();
    let mut out = Vec::new();
    for (event, _) in repo::outreach::upcoming(env.db(), now, true, limit).await? {
        if let Some(found) = load(env.db(), event.id, now).await? {
            out.push(found);
        }
    }
    Ok(out)
}
