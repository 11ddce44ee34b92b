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

/// What a worker still has to do on the case: the survey while they have not answered it
/// (and it is open), and each published document they have not read yet, newest first.
pub struct Prompts {
    pub survey: bool,
    /// (document id, kind label, version, made at).
    pub unread: Vec<(i64, &'static str, i64, i64)>,
}

/// The prompts for a worker; nothing for reps and the centre, whose pages say the rest.
pub async fn worker_prompts(env: &Env<'_>, actor: &Actor, opened: &OpenCase) -> AppResult<Prompts> {
    let mut prompts = Prompts {
        survey: false,
        unread: Vec::new(),
    };
    if opened.role.works_on_case() {
        return Ok(prompts);
    }
    let case_id = opened.id().get();
    let db = env.db();
    let answered = repo::survey::find(db, case_id, actor.id).await?.is_some();
    let closed = repo::survey::closed_at(db, case_id).await?.is_some();
    prompts.survey = !answered && !closed;
    let read: Vec<i64> = repo::library::reads_for_case(db, case_id)
        .await?
        .into_iter()
        .filter(|(_, user, _, _)| *user == actor.id)
        .map(|(doc, _, _, _)| doc)
        .collect();
    let mut unread: Vec<_> = repo::library::published_for_case(db, case_id)
        .await?
        .into_iter()
        .filter(|d| !read.contains(&d.id))
        .map(|d| (d.id, prompt_label(&d.kind), d.version, d.created_at))
        .collect();
    unread.sort_by_key(|d| std::cmp::Reverse(d.3));
    prompts.unread = unread;
    Ok(prompts)
}

/// A kind of document as the sentence "New: … was published to you" names it.
fn prompt_label(kind: &str) -> &'static str {
    match kind {
        "rules" => "the co-op's rules",
        "business_plan" => "the business plan",
        "meeting_notice" => "a notice of a meeting",
        "minutes" => "the minutes of a meeting",
        _ => "a document",
    }
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
