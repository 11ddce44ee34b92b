//! What a worker sees of a case besides its stages: the next meeting or vote a rep has
//! entered, and entering one.

use chrono::NaiveDate;
use serde_json::json;

use super::auth::Actor;
use super::cases::{self, OpenCase};
use super::Env;
use crate::db::begin_case_write;
use crate::db::repo;
use crate::domain::access::Need;
use crate::domain::case::UnknownValue;
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::CaseId;
use crate::error::AppResult;

/// A meeting or vote a rep has told the workers about.
pub struct Meeting {
    pub on: NaiveDate,
    pub purpose: String,
}

/// The case, for anyone on it, and its next meeting from today on. Where the case stands
/// on its pathway is the pathway library's to say; the page reads it from there.
pub async fn progress(
    env: &Env<'_>,
    actor: &Actor,
    id: CaseId,
) -> AppResult<(OpenCase, Option<Meeting>)> {
    let opened = cases::open(env, actor, id, Need::Follow).await?;
    let today = env.clock.today().format("%Y-%m-%d").to_string();
    let meeting = match repo::meetings::next(env.db(), id.get(), &today).await? {
        Some(row) => Some(Meeting {
            on: NaiveDate::parse_from_str(&row.on_date, "%Y-%m-%d").map_err(|_| UnknownValue {
                column: "case_meetings.on_date",
                value: row.on_date.clone(),
            })?,
            purpose: row.purpose,
        }),
        None => None,
    };
    Ok((opened, meeting))
}

/// A rep or the centre tells the workers about a meeting or vote.
pub async fn add_meeting(
    env: &Env<'_>,
    actor: &Actor,
    id: CaseId,
    (date, purpose): (&str, &str),
) -> AppResult<Result<(), FieldErrors>> {
    cases::open(env, actor, id, Need::Work).await?;
    let clock = env.clock;
    let mut errors = FieldErrors::new();
    let day = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok();
    match day {
        None => errors.add("date", "Enter the date of the meeting, like 2027-03-14"),
        Some(d) if d < clock.today() => errors.add("date", "The date must be today or later"),
        Some(_) => {}
    }
    let purpose = purpose.split_whitespace().collect::<Vec<_>>().join(" ");
    if purpose.is_empty() {
        errors.add(
            "purpose",
            "Say what the meeting is for, like \"Vote on the business plan\"",
        );
    } else if purpose.chars().count() > 200 {
        errors.add("purpose", "Use 200 characters or fewer");
    }
    let (Some(day), true) = (day, errors.is_empty()) else {
        return Ok(Err(errors));
    };
    let on = day.format("%Y-%m-%d").to_string();
    let now = clock.now();
    let txn = begin_case_write(env.db(), id.get()).await?;
    repo::meetings::insert(&txn, id.get(), &on, &purpose, actor.id, now).await?;
    repo::events::record(
        &txn,
        id.get(),
        Some(actor.id),
        "meeting_announced",
        &format!("{} announced a meeting on {on}: {purpose}", actor.name),
        &json!({ "date": on }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(()))
}
