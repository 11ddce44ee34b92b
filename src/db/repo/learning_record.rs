//! What a member's learning record reads from the events tables: the events they were marked
//! present at (matched by their account's email, so a sign-up made on the public page counts
//! too), and their sign-ups to their case's events.

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use crate::db::entities::{
    event_attendance, event_people, event_registrations, event_sessions, events,
};

/// One event a person attended: at least one session marked present.
#[derive(Debug, Clone)]
pub struct Attended {
    pub email: String,
    pub event: events::Model,
    /// When the first session they were present at began.
    pub at: i64,
}

/// The events these (lower-case) addresses were marked present at, oldest first.
pub async fn attended(
    db: &impl ConnectionTrait,
    emails: &[String],
) -> Result<Vec<Attended>, DbErr> {
    if emails.is_empty() {
        return Ok(Vec::new());
    }
    let people = event_people::Entity::find()
        .filter(event_people::Column::Email.is_in(emails.to_vec()))
        .all(db)
        .await?;
    if people.is_empty() {
        return Ok(Vec::new());
    }
    let registrations = event_registrations::Entity::find()
        .filter(event_registrations::Column::PersonId.is_in(people.iter().map(|p| p.id)))
        .all(db)
        .await?;
    let marks = event_attendance::Entity::find()
        .filter(event_attendance::Column::RegistrationId.is_in(registrations.iter().map(|r| r.id)))
        .filter(event_attendance::Column::Present.eq(true))
        .all(db)
        .await?;
    let mut out: Vec<Attended> = Vec::new();
    for registration in &registrations {
        let sessions: Vec<i64> = marks
            .iter()
            .filter(|m| m.registration_id == registration.id)
            .map(|m| m.session_id)
            .collect();
        if sessions.is_empty() {
            continue;
        }
        let Some(person) = people.iter().find(|p| p.id == registration.person_id) else {
            continue;
        };
        let Some(event) = events::Entity::find_by_id(registration.event_id)
            .one(db)
            .await?
        else {
            continue;
        };
        let at = event_sessions::Entity::find()
            .filter(event_sessions::Column::Id.is_in(sessions))
            .order_by_asc(event_sessions::Column::StartsAt)
            .one(db)
            .await?
            .map_or(0, |s| s.starts_at);
        out.push(Attended {
            email: person.email.clone(),
            event,
            at,
        });
    }
    out.sort_by_key(|a| (a.at, a.event.id));
    Ok(out)
}

/// A case's published events, newest first.
pub async fn events_of_case(
    db: &impl ConnectionTrait,
    case_id: i64,
) -> Result<Vec<events::Model>, DbErr> {
    events::Entity::find()
        .filter(events::Column::CaseId.eq(case_id))
        .filter(events::Column::Status.eq("published"))
        .order_by_desc(events::Column::Id)
        .all(db)
        .await
}

/// The person with this (lower-case) address, if they ever signed up.
pub async fn person_by_email(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<event_people::Model>, DbErr> {
    event_people::Entity::find()
        .filter(event_people::Column::Email.eq(email))
        .one(db)
        .await
}
