//! What a worker sees of a case: its stages in plain English, what happens next, and the next
//! meeting or vote a rep has entered.

use chrono::NaiveDate;
use sea_orm::DatabaseConnection;
use serde_json::json;

use super::auth::Actor;
use super::cases::{find_visible, Access};
use crate::clock::Clock;
use crate::db::begin_case_write;
use crate::db::entities::{case_meetings, cases};
use crate::db::repo;
use crate::domain::field_errors::FieldErrors;
use crate::domain::pathways::PathwayLibrary;
use crate::error::{AppError, AppResult};

/// One stage as the progress page lists it.
pub struct StageLine {
    pub title: String,
    pub purpose: String,
    /// `done`, `current` or `later`.
    pub status: &'static str,
}

pub struct Progress {
    pub case: cases::Model,
    pub access: Access,
    pub pathway_title: String,
    pub stages: Vec<StageLine>,
    /// The current stage's title and purpose. Workers see the purpose, not the guidance:
    /// the guidance is written for the rep and tells them what to do.
    pub now: Option<(String, String)>,
    pub next_title: Option<String>,
    pub next_meeting: Option<case_meetings::Model>,
}

pub async fn progress(
    db: &DatabaseConnection,
    clock: &Clock,
    pathways: &PathwayLibrary,
    actor: &Actor,
    case_id: i64,
) -> AppResult<Progress> {
    let (case, access) = find_visible(db, actor, case_id).await?;
    let pathway = pathways.pathway(&case.pathway);
    let position = pathway.and_then(|p| p.stages.iter().position(|s| s.key == case.current_stage));
    let stages = pathway
        .map(|p| {
            p.stages
                .iter()
                .enumerate()
                .map(|(i, s)| StageLine {
                    title: s.title.clone(),
                    purpose: s.purpose.clone(),
                    status: match position {
                        Some(at) if i < at => "done",
                        Some(at) if i == at => "current",
                        _ => "later",
                    },
                })
                .collect()
        })
        .unwrap_or_default();
    let current = pathways.stage(&case.pathway, &case.current_stage);
    let now = current.map(|s| (s.title.clone(), s.purpose.clone()));
    let next_title = pathways
        .next_stage(&case.pathway, &case.current_stage)
        .map(|s| s.title.clone());
    let today = clock.today().format("%Y-%m-%d").to_string();
    let next_meeting = repo::meetings::next(db, case_id, &today).await?;
    Ok(Progress {
        pathway_title: pathway.map_or_else(String::new, |p| p.title.clone()),
        case,
        access,
        stages,
        now,
        next_title,
        next_meeting,
    })
}

/// A rep or the centre tells the workers about a meeting or vote.
pub async fn add_meeting(
    db: &DatabaseConnection,
    clock: &Clock,
    actor: &Actor,
    case_id: i64,
    date: &str,
    purpose: &str,
) -> AppResult<Result<(), FieldErrors>> {
    let (_, access) = find_visible(db, actor, case_id).await?;
    if access == Access::Worker {
        return Err(AppError::Forbidden("reps and the centre enter meetings"));
    }
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
    let txn = begin_case_write(db, case_id).await?;
    repo::meetings::insert(&txn, case_id, &on, &purpose, actor.id, now).await?;
    repo::events::record(
        &txn,
        case_id,
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
