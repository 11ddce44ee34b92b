//! People who sign up for events, their sign-ups, attendance and feedback.

use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};

use crate::db::entities::{
    event_attendance::{self, Entity as Attendance},
    event_feedback::{self, Entity as Feedback},
    event_people::{self, Entity as People},
    event_registrations::{self, Entity as Registrations},
};
use crate::domain::events::feedback::NewFeedback;
use crate::domain::events::registration::{NewSignUp, RegistrationState};

/// The person with this (lower-case) address, brought up to date with what they typed.
pub async fn person_for(
    db: &impl ConnectionTrait,
    sign_up: &NewSignUp,
    now: i64,
) -> Result<event_people::Model, DbErr> {
    if let Some(person) = People::find()
        .filter(event_people::Column::Email.eq(sign_up.email.clone()))
        .one(db)
        .await?
    {
        let mut active: event_people::ActiveModel = person.into();
        active.name = Set(sign_up.name.clone());
        active.organisation = Set(sign_up.organisation.clone());
        active.role = Set(sign_up.role.as_str().into());
        active.updated_at = Set(now);
        return active.update(db).await;
    }
    event_people::ActiveModel {
        name: Set(sign_up.name.clone()),
        email: Set(sign_up.email.clone()),
        organisation: Set(sign_up.organisation.clone()),
        role: Set(sign_up.role.as_str().into()),
        user_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

pub async fn find_person(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<event_people::Model>, DbErr> {
    People::find_by_id(id).one(db).await
}

pub async fn registrations_of(
    db: &impl ConnectionTrait,
    event_id: i64,
) -> Result<Vec<event_registrations::Model>, DbErr> {
    Registrations::find()
        .filter(event_registrations::Column::EventId.eq(event_id))
        .order_by_asc(event_registrations::Column::QueuedAt)
        .order_by_asc(event_registrations::Column::Id)
        .all(db)
        .await
}

pub struct NewRegistration<'a> {
    pub event_id: i64,
    pub person_id: i64,
    pub state: RegistrationState,
    pub seats: u32,
    pub token_hash: &'a str,
    pub access_needs: &'a str,
    pub source: &'a str,
}

pub async fn insert_registration(
    db: &impl ConnectionTrait,
    r: &NewRegistration<'_>,
    now: i64,
) -> Result<event_registrations::Model, DbErr> {
    event_registrations::ActiveModel {
        event_id: Set(r.event_id),
        person_id: Set(r.person_id),
        state: Set(r.state.as_str().into()),
        seats: Set(r.seats as i32),
        queued_at: Set(now),
        active_person: Set(r.state.is_active().then_some(r.person_id)),
        link_token_hash: Set(r.token_hash.into()),
        access_needs: Set(r.access_needs.into()),
        source: Set(r.source.into()),
        enquiry_id: Set(None),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

pub async fn find_registration(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<event_registrations::Model>, DbErr> {
    Registrations::find_by_id(id).one(db).await
}

pub async fn registration_by_token(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<event_registrations::Model>, DbErr> {
    Registrations::find()
        .filter(event_registrations::Column::LinkTokenHash.eq(token_hash))
        .one(db)
        .await
}

/// Moves a sign-up to a new state, if it is still at `version`.
pub async fn set_state(
    db: &impl ConnectionTrait,
    registration: &event_registrations::Model,
    to: RegistrationState,
    now: i64,
) -> Result<bool, DbErr> {
    let active = to.is_active().then_some(registration.person_id);
    let done = Registrations::update_many()
        .col_expr(event_registrations::Column::State, Expr::value(to.as_str()))
        .col_expr(
            event_registrations::Column::ActivePerson,
            Expr::value(active),
        )
        .col_expr(
            event_registrations::Column::Version,
            Expr::value(registration.version + 1),
        )
        .col_expr(event_registrations::Column::UpdatedAt, Expr::value(now))
        .filter(event_registrations::Column::Id.eq(registration.id))
        .filter(event_registrations::Column::Version.eq(registration.version))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

pub async fn link_enquiry(
    db: &impl ConnectionTrait,
    registration_id: i64,
    enquiry_id: i64,
) -> Result<(), DbErr> {
    Registrations::update_many()
        .col_expr(
            event_registrations::Column::EnquiryId,
            Expr::value(enquiry_id),
        )
        .filter(event_registrations::Column::Id.eq(registration_id))
        .exec(db)
        .await
        .map(|_| ())
}

/// Marks one person present or absent at one session, replacing an earlier mark.
pub async fn mark_attendance(
    db: &impl ConnectionTrait,
    registration_id: i64,
    session_id: i64,
    present: bool,
    by: i64,
    now: i64,
) -> Result<(), DbErr> {
    Attendance::delete_many()
        .filter(event_attendance::Column::RegistrationId.eq(registration_id))
        .filter(event_attendance::Column::SessionId.eq(session_id))
        .exec(db)
        .await?;
    event_attendance::ActiveModel {
        registration_id: Set(registration_id),
        session_id: Set(session_id),
        present: Set(present),
        recorded_by: Set(Some(by)),
        recorded_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// Every attendance mark of an event's sessions.
pub async fn attendance_of(
    db: &impl ConnectionTrait,
    session_ids: &[i64],
) -> Result<Vec<event_attendance::Model>, DbErr> {
    Attendance::find()
        .filter(event_attendance::Column::SessionId.is_in(session_ids.to_vec()))
        .all(db)
        .await
}

pub async fn was_present(db: &impl ConnectionTrait, registration_id: i64) -> Result<bool, DbErr> {
    Ok(Attendance::find()
        .filter(event_attendance::Column::RegistrationId.eq(registration_id))
        .filter(event_attendance::Column::Present.eq(true))
        .count(db)
        .await?
        > 0)
}

pub async fn insert_feedback(
    db: &impl ConnectionTrait,
    event_id: i64,
    registration_id: i64,
    feedback: &NewFeedback,
    now: i64,
) -> Result<(), DbErr> {
    event_feedback::ActiveModel {
        event_id: Set(event_id),
        registration_id: Set(Some(registration_id)),
        useful: Set(i16::from(feedback.useful)),
        what_next: Set(feedback.what_next.as_str().into()),
        comments: Set(feedback.comments.clone()),
        may_quote: Set(feedback.may_quote),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}

pub async fn feedback_of_registration(
    db: &impl ConnectionTrait,
    registration_id: i64,
) -> Result<Option<event_feedback::Model>, DbErr> {
    Feedback::find()
        .filter(event_feedback::Column::RegistrationId.eq(registration_id))
        .one(db)
        .await
}

pub async fn feedback_of_event(
    db: &impl ConnectionTrait,
    event_id: i64,
) -> Result<Vec<event_feedback::Model>, DbErr> {
    Feedback::find()
        .filter(event_feedback::Column::EventId.eq(event_id))
        .order_by_asc(event_feedback::Column::Id)
        .all(db)
        .await
}

/// Clears the access needs given for events whose last session ended before `before`;
/// returns how many sign-ups were cleared. Only events still holding some are looked at,
/// so after the first run this reads a handful of rows.
pub async fn purge_access_needs(db: &impl ConnectionTrait, before: i64) -> Result<u64, DbErr> {
    use sea_orm::QuerySelect;
    let holding: Vec<i64> = Registrations::find()
        .select_only()
        .column(event_registrations::Column::EventId)
        .filter(event_registrations::Column::AccessNeeds.ne(""))
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    if holding.is_empty() {
        return Ok(0);
    }
    let ends: Vec<(i64, i64)> = crate::db::entities::event_sessions::Entity::find()
        .select_only()
        .column(crate::db::entities::event_sessions::Column::EventId)
        .column(crate::db::entities::event_sessions::Column::EndsAt)
        .filter(crate::db::entities::event_sessions::Column::EventId.is_in(holding.clone()))
        .into_tuple()
        .all(db)
        .await?;
    let mut last_end: std::collections::HashMap<i64, i64> = std::collections::HashMap::new();
    for (event, ends_at) in ends {
        let slot = last_end.entry(event).or_insert(ends_at);
        *slot = (*slot).max(ends_at);
    }
    let finished: Vec<i64> = holding
        .into_iter()
        .filter(|e| last_end.get(e).is_some_and(|&end| end < before))
        .collect();
    if finished.is_empty() {
        return Ok(0);
    }
    let done = Registrations::update_many()
        .col_expr(event_registrations::Column::AccessNeeds, Expr::value(""))
        .filter(event_registrations::Column::AccessNeeds.ne(""))
        .filter(event_registrations::Column::EventId.is_in(finished))
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}
