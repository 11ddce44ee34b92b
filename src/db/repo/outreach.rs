//! The centre's events and their sessions. Sign-ups and what follows them are in
//! `event_bookings`.

use sea_orm::{
    sea_query::{Expr, ExprTrait, Func},
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Statement,
};

use crate::db::entities::{
    event_sessions::{self, Entity as Sessions},
    events::{self, Entity as Events},
};
use crate::domain::events::NewEvent;

pub async fn insert_event(
    db: &impl ConnectionTrait,
    event: &NewEvent,
    created_by: i64,
    now: i64,
) -> Result<events::Model, DbErr> {
    let saved = events::ActiveModel {
        title: Set(event.title.clone()),
        kind: Set(event.kind.as_str().into()),
        audience: Set(event.audience.as_str().into()),
        place: Set(event.place.clone()),
        online_link: Set(event.online_link.clone()),
        capacity: Set(event.capacity as i32),
        description: Set(event.description.clone()),
        case_id: Set(event.case_id.map(i64::from)),
        is_open: Set(event.open),
        signup_cutoff_hours: Set(event.signup_cutoff_hours as i32),
        status: Set("published".into()),
        sequence: Set(0),
        version: Set(1),
        created_by: Set(Some(created_by)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    set_sessions(db, saved.id, event).await?;
    Ok(saved)
}

/// Saves a change made from `version`; false when someone else saved first. Bumps the
/// calendar sequence so subscribed calendars replace the entry.
pub async fn update_event(
    db: &impl ConnectionTrait,
    id: i64,
    version: i64,
    event: &NewEvent,
    now: i64,
) -> Result<bool, DbErr> {
    let done = Events::update_many()
        .col_expr(events::Column::Title, Expr::value(event.title.clone()))
        .col_expr(events::Column::Kind, Expr::value(event.kind.as_str()))
        .col_expr(
            events::Column::Audience,
            Expr::value(event.audience.as_str()),
        )
        .col_expr(events::Column::Place, Expr::value(event.place.clone()))
        .col_expr(
            events::Column::OnlineLink,
            Expr::value(event.online_link.clone()),
        )
        .col_expr(events::Column::Capacity, Expr::value(event.capacity as i32))
        .col_expr(
            events::Column::Description,
            Expr::value(event.description.clone()),
        )
        .col_expr(
            events::Column::CaseId,
            Expr::value(event.case_id.map(i64::from)),
        )
        .col_expr(events::Column::IsOpen, Expr::value(event.open))
        .col_expr(
            events::Column::SignupCutoffHours,
            Expr::value(event.signup_cutoff_hours as i32),
        )
        .col_expr(
            events::Column::Sequence,
            Expr::col(events::Column::Sequence).add(1),
        )
        .col_expr(events::Column::Version, Expr::value(version + 1))
        .col_expr(events::Column::UpdatedAt, Expr::value(now))
        .filter(events::Column::Id.eq(id))
        .filter(events::Column::Version.eq(version))
        .exec(db)
        .await?;
    if done.rows_affected == 0 {
        return Ok(false);
    }
    set_sessions(db, id, event).await?;
    Ok(true)
}

/// Makes the stored sessions match the event's, in time order, keeping each row that stays
/// (attendance hangs on it) and moving its times.
async fn set_sessions(
    db: &impl ConnectionTrait,
    event_id: i64,
    event: &NewEvent,
) -> Result<(), DbErr> {
    let stored = sessions_of(db, event_id).await?;
    for (i, session) in event.sessions.iter().enumerate() {
        match stored.get(i) {
            Some(row) => {
                Sessions::update_many()
                    .col_expr(
                        event_sessions::Column::StartsAt,
                        Expr::value(session.starts_at),
                    )
                    .col_expr(event_sessions::Column::EndsAt, Expr::value(session.ends_at))
                    .filter(event_sessions::Column::Id.eq(row.id))
                    .exec(db)
                    .await?;
            }
            None => {
                event_sessions::ActiveModel {
                    event_id: Set(event_id),
                    starts_at: Set(session.starts_at),
                    ends_at: Set(session.ends_at),
                    ..Default::default()
                }
                .insert(db)
                .await?;
            }
        }
    }
    for row in stored.iter().skip(event.sessions.len()) {
        Sessions::delete_by_id(row.id).exec(db).await?;
    }
    Ok(())
}

pub async fn find_event(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<events::Model>, DbErr> {
    Events::find_by_id(id).one(db).await
}

/// Locks the event's row on PostgreSQL for the rest of the transaction, so sign-ups,
/// cancellations and promotions of one event run one after another (SQLite's write lock
/// does the same there).
pub async fn lock_event(db: &impl ConnectionTrait, id: i64) -> Result<(), DbErr> {
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT id FROM events WHERE id = $1 FOR UPDATE",
            [id.into()],
        ))
        .await?;
    }
    Ok(())
}

pub async fn sessions_of(
    db: &impl ConnectionTrait,
    event_id: i64,
) -> Result<Vec<event_sessions::Model>, DbErr> {
    Sessions::find()
        .filter(event_sessions::Column::EventId.eq(event_id))
        .order_by_asc(event_sessions::Column::StartsAt)
        .order_by_asc(event_sessions::Column::Id)
        .all(db)
        .await
}

/// Events with a session ending after `since`, soonest first; only open ones if asked.
pub async fn upcoming(
    db: &impl ConnectionTrait,
    since: i64,
    open_only: bool,
    limit: u64,
) -> Result<Vec<(events::Model, Vec<event_sessions::Model>)>, DbErr> {
    let ids: Vec<i64> = Sessions::find()
        .select_only()
        .column(event_sessions::Column::EventId)
        .filter(event_sessions::Column::EndsAt.gt(since))
        .group_by(event_sessions::Column::EventId)
        .order_by_asc(Func::min(Expr::col(event_sessions::Column::StartsAt)))
        .into_tuple()
        .all(db)
        .await?;
    let mut out = Vec::new();
    for id in ids {
        if out.len() as u64 >= limit {
            break;
        }
        let Some(event) = find_event(db, id).await? else {
            continue;
        };
        // Cancelled events stay listed (saying so) until their time has passed, so people
        // and subscribed calendars learn of the cancellation.
        if (open_only && !event.is_open)
            || !matches!(event.status.as_str(), "published" | "cancelled")
        {
            continue;
        }
        let sessions = sessions_of(db, id).await?;
        out.push((event, sessions));
    }
    Ok(out)
}

/// Every event, newest first, for staff.
pub async fn all_events(
    db: &impl ConnectionTrait,
    limit: u64,
) -> Result<Vec<events::Model>, DbErr> {
    Events::find()
        .order_by_desc(events::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// Marks a published event cancelled; false when it was not published (already cancelled).
/// Bumps the calendar sequence, so subscribed calendars show the cancellation.
pub async fn cancel_event(db: &impl ConnectionTrait, id: i64, now: i64) -> Result<bool, DbErr> {
    let done = Events::update_many()
        .col_expr(events::Column::Status, Expr::value("cancelled"))
        .col_expr(
            events::Column::Sequence,
            Expr::col(events::Column::Sequence).add(1),
        )
        .col_expr(
            events::Column::Version,
            Expr::col(events::Column::Version).add(1),
        )
        .col_expr(events::Column::UpdatedAt, Expr::value(now))
        .filter(events::Column::Id.eq(id))
        .filter(events::Column::Status.eq("published"))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}
