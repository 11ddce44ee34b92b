//! The online secret ballot and the results of a meeting (DECISIONS.md §3).
//!
//! Casting is one transaction that holds the case's write lock (SQLite's write lock, the
//! case row's lock on PostgreSQL), so a close and a vote cannot cross: it checks the ballot is
//! open by the database's record and the clock, checks the member is entitled, records that
//! they voted (the primary key refuses a second time, whatever the device or instance), and
//! puts the paper in the box under a random key with a random receipt. No event is written
//! per vote: an entry naming the voter with the time would pair them with their paper for
//! anyone who could also see when each paper arrived. Nobody sees a result until the ballot
//! closes, and a closed ballot takes no more papers.

use rand::RngCore;
use serde_json::json;

use super::auth::Actor;
use super::cases::open_with;
use super::meetings::{load, Meeting};
use super::Env;
use crate::db::entities::meetings;
use crate::db::repo::{self, ballots, member_meetings as rm};
use crate::db::{begin_case_write, is_contention};
use crate::domain::access::Need;
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::CaseId;
use crate::domain::meetings::ballot::{self, Question};
use crate::domain::meetings::uk_time::{uk_text, uk_to_utc};
use crate::domain::pathways::day_month_year;
use crate::error::{AppError, AppResult};

#[path = "ballots_results.rs"]
mod results_of;
pub(in crate::services) use results_of::outcomes;
pub use results_of::{results, Outcome, Results};

/// Where a meeting's ballot stands at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BallotState {
    NotSetUp,
    NotYetOpen { opens_at: i64 },
    Open { closes_at: i64 },
    Closed { closed_at: i64 },
}

pub fn state(m: &meetings::Model, now: i64) -> BallotState {
    let (Some(opens), Some(closes)) = (m.ballot_opens_at, m.ballot_closes_at) else {
        return BallotState::NotSetUp;
    };
    match m.ballot_closed_at {
        Some(at) => BallotState::Closed { closed_at: at },
        None if now >= closes => BallotState::Closed { closed_at: closes },
        None if now < opens => BallotState::NotYetOpen { opens_at: opens },
        None => BallotState::Open { closes_at: closes },
    }
}

/// The questions of a meeting's ballot paper.
pub fn questions(m: &Meeting) -> Vec<Question> {
    m.resolutions
        .iter()
        .map(|r| Question {
            resolution_id: r.id,
            candidates: serde_json::from_str(&r.candidates).unwrap_or_default(),
            seats: u32::try_from(r.seats).unwrap_or(0),
        })
        .collect()
}

/// The ballot's times as typed (UK time): when it opens (all empty for now) and closes,
/// each date as day, month and year.
#[derive(Debug, Clone, Default)]
pub struct BallotForm {
    pub opens: (String, String, String),
    pub open_time: String,
    pub closes: (String, String, String),
    pub close_time: String,
}

/// A moment typed as a date and a time, UK time; `None` with a message beside the field
/// when it cannot be read, `Some(None)` when nothing was typed.
fn moment(
    errors: &mut FieldErrors,
    (field, label): (&str, &str),
    (d, m, y): &(String, String, String),
    time: &str,
) -> Option<Option<i64>> {
    let date = match day_month_year(label, d, m, y) {
        Ok(date) => date,
        Err(message) => {
            errors.add(field, message);
            return None;
        }
    };
    let time_field = format!("{}_time", &field[..field.len() - 1]);
    let time = match (date, time.trim()) {
        (None, "") => return Some(None),
        (_, t) => match chrono::NaiveTime::parse_from_str(t, "%H:%M") {
            Ok(t) => t,
            Err(_) => {
                errors.add(&time_field, "Enter the time, like 18:00");
                return None;
            }
        },
    };
    match date {
        Some(date) => Some(Some(uk_to_utc(date, time))),
        None => {
            errors.add(
                field,
                format!("Enter {}, for example 27 3 2027", label.to_lowercase()),
            );
            None
        }
    }
}

/// Sets up the online ballot: it opens now or at the time given, and closes at the time
/// given. No background job is needed for either: whether it is open is worked out from the
/// stored times on every request, on whichever server answers, and the first page that
/// finds it past its closing time closes it for good (`close_if_due`). Refused without
/// resolutions, once a count has been recorded in the room, or when a ballot already exists.
/// Gives back the sentence to show.
pub async fn open_ballot(
    env: &Env<'_>,
    actor: &Actor,
    case_id: CaseId,
    meeting_id: i64,
    form: &BallotForm,
) -> AppResult<Result<String, FieldErrors>> {
    let now = env.clock.now();
    let mut errors = FieldErrors::new();
    let opens = moment(
        &mut errors,
        ("opens", "The day the ballot opens"),
        &form.opens,
        &form.open_time,
    );
    let closes = moment(
        &mut errors,
        ("closes", "The day the ballot closes"),
        &form.closes,
        &form.close_time,
    );
    let opens = opens.map(|o| o.unwrap_or(now).max(now));
    if matches!(closes, Some(None)) {
        errors.add(
            "closes",
            "Enter the day the ballot closes, for example 27 3 2027",
        );
    }
    let closes = closes.flatten();
    if let (Some(o), Some(c)) = (opens, closes) {
        if c <= o + 60 {
            errors.add(
                "closes",
                if o > now + 60 {
                    "The ballot must close after it opens"
                } else {
                    "The ballot must close later than now"
                },
            );
        }
    }
    let txn = begin_case_write(env.db(), case_id.get()).await?;
    let opened = open_with(&txn, actor, case_id, Need::Work).await?;
    let m = load(&txn, opened, meeting_id).await?;
    if m.meeting.ballot_opens_at.is_some() {
        return Err(AppError::Conflict("This meeting's ballot is already set up; a ballot's times cannot change once it opens.".into()));
    }
    if m.resolutions.is_empty() {
        errors.add(
            "closes",
            "Add the resolutions first: the ballot paper asks about each one",
        );
    }
    if m.resolutions.iter().any(|r| r.room_recorded_at.is_some()) {
        errors.add(
            "closes",
            "A count has already been recorded in the room for this meeting",
        );
    }
    let (Some(opens), Some(closes), true) = (opens, closes, errors.is_empty()) else {
        return Ok(Err(errors));
    };
    let mut row = m.meeting.clone();
    row.ballot_opens_at = Some(opens);
    row.ballot_closes_at = Some(closes);
    rm::save(&txn, row).await?;
    repo::events::record(
        &txn,
        case_id.get(),
        Some(actor.id),
        "ballot_opened",
        &format!(
            "{} set up the secret ballot of the {}: it {} and closes {}",
            actor.name,
            m.kind.label().to_lowercase(),
            when_it_opens(opens, now),
            uk_text(closes)
        ),
        &json!({ "meeting_id": meeting_id, "opens_at": opens, "closes_at": closes, "entitled": m.entitled_count() }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(if opens > now {
        format!(
            "The secret ballot is set up. It opens {} and closes {}: until it opens, nobody can vote.",
            uk_text(opens),
            uk_text(closes)
        )
    } else {
        "The secret ballot is open. Members entitled to vote can now vote from their phones."
            .to_string()
    }))
}

fn when_it_opens(opens: i64, now: i64) -> String {
    if opens > now {
        format!("opens {}", uk_text(opens))
    } else {
        "is open now".to_string()
    }
}

/// Closes a ballot whose closing time has passed, the first time anyone's page finds it so:
/// the papers are shuffled as at any close, and the history says it closed on time. Every
/// server works this out from the stored times, so no background job is needed and a ballot
/// past its time is closed for everyone. Gives back whether it closed it.
pub async fn close_if_due(env: &Env<'_>, m: &Meeting) -> AppResult<bool> {
    let now = env.clock.now();
    let due = m.meeting.ballot_closed_at.is_none()
        && m.meeting.ballot_closes_at.is_some_and(|c| now >= c);
    if !due {
        return Ok(false);
    }
    let case_id = m.opened.id();
    let txn = begin_case_write(env.db(), case_id.get()).await?;
    // Read again under the lock: another request may have closed it meanwhile.
    let Some(mut row) = rm::find(&txn, case_id.get(), m.meeting.id).await? else {
        return Ok(false);
    };
    let Some(closes) = row
        .ballot_closes_at
        .filter(|_| row.ballot_closed_at.is_none())
    else {
        return Ok(false);
    };
    row.ballot_closed_at = Some(closes);
    rm::save(&txn, row).await?;
    ballots::rewrite_shuffled(&txn, m.meeting.id).await?;
    let turnout = ballots::turnout(&txn, m.meeting.id).await?;
    repo::events::record(
        &txn,
        case_id.get(),
        None,
        "ballot_closed",
        &format!(
            "The secret ballot of the {} closed at its closing time, {}: {turnout} of {} voted",
            m.kind.label().to_lowercase(),
            uk_text(closes),
            m.entitled_count()
        ),
        &json!({ "meeting_id": m.meeting.id, "turnout": turnout, "on_time": true }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(true)
}

/// Closes the ballot now (before its closing time). Writes both tables again in a random
/// order, so nothing in the live tables follows the order papers arrived.
pub async fn close_ballot(
    env: &Env<'_>,
    actor: &Actor,
    case_id: CaseId,
    meeting_id: i64,
) -> AppResult<()> {
    let now = env.clock.now();
    let txn = begin_case_write(env.db(), case_id.get()).await?;
    let opened = open_with(&txn, actor, case_id, Need::Work).await?;
    let m = load(&txn, opened, meeting_id).await?;
    match state(&m.meeting, now) {
        BallotState::NotSetUp => {
            return Err(AppError::Conflict(
                "This meeting has no ballot to close.".into(),
            ))
        }
        BallotState::Closed { .. } if m.meeting.ballot_closed_at.is_some() => {
            return Err(AppError::Conflict("The ballot is already closed.".into()))
        }
        _ => {}
    }
    let closed_at = m.meeting.ballot_closes_at.map_or(now, |c| c.min(now));
    let mut row = m.meeting.clone();
    row.ballot_closed_at = Some(closed_at);
    rm::save(&txn, row).await?;
    ballots::rewrite_shuffled(&txn, meeting_id).await?;
    let turnout = ballots::turnout(&txn, meeting_id).await?;
    repo::events::record(
        &txn,
        case_id.get(),
        Some(actor.id),
        "ballot_closed",
        &format!(
            "{} closed the secret ballot of the {}: {turnout} of {} voted",
            actor.name,
            m.kind.label().to_lowercase(),
            m.entitled_count()
        ),
        &json!({ "meeting_id": meeting_id, "turnout": turnout }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Why a vote was not taken.
#[derive(Debug)]
pub enum Refused {
    /// Choices to fix, by field.
    Fix(FieldErrors),
    /// A sentence for the person: already voted, not entitled, not open.
    Said(String),
}

/// Casts the actor's vote; gives back the receipt code, shown once and never sent.
pub async fn cast(
    env: &Env<'_>,
    actor: &Actor,
    case_id: CaseId,
    meeting_id: i64,
    posted: impl Fn(&str) -> Vec<String>,
) -> AppResult<Result<String, Refused>> {
    let now = env.clock.now();
    let txn = begin_case_write(env.db(), case_id.get()).await?;
    let opened = open_with(&txn, actor, case_id, Need::Follow).await?;
    let m = load(&txn, opened, meeting_id).await?;
    let refuse = |s: &str| Ok(Err(Refused::Said(s.to_string())));
    match state(&m.meeting, now) {
        BallotState::Open { .. } => {}
        BallotState::Closed { .. } => {
            return refuse("The ballot has closed: no more votes can be taken.")
        }
        BallotState::NotYetOpen { opens_at } => {
            return refuse(&format!(
                "The ballot is not open yet: it opens {}. You can vote from then.",
                uk_text(opens_at)
            ))
        }
        BallotState::NotSetUp => return refuse("There is no ballot open for this meeting."),
    }
    if !m.entitled(actor) {
        return refuse("You are not on the list of members entitled to vote at this meeting. If you think you should be, ask your rep.");
    }
    if ballots::has_voted(&txn, meeting_id, actor.id).await? {
        return refuse("You have already voted in this ballot. Each member votes once, and a vote cannot be changed.");
    }
    let paper = match ballot::read_paper(&questions(&m), posted) {
        Ok(p) => p,
        Err(errors) => return Ok(Err(Refused::Fix(errors))),
    };
    let (box_id, receipt) = {
        let mut rng = rand::thread_rng();
        let mut key = [0u8; 16];
        rng.fill_bytes(&mut key);
        let mut code = [0u8; 10];
        rng.fill_bytes(&mut code);
        (
            key.iter().map(|b| format!("{b:02x}")).collect::<String>(),
            ballot::receipt_code(code),
        )
    };
    if let Err(e) = ballots::record_participation(&txn, meeting_id, actor.id).await {
        // Another tab or device got there first; the key refused this one.
        return if is_contention(&e) {
            refuse("You have already voted in this ballot. Each member votes once, and a vote cannot be changed.")
        } else {
            Err(e.into())
        };
    }
    ballots::insert_paper(&txn, meeting_id, &box_id, &receipt, &paper.to_json()).await?;
    match txn.commit().await {
        Ok(()) => Ok(Ok(receipt)),
        Err(e) if is_contention(&e) => refuse("You have already voted in this ballot. Each member votes once, and a vote cannot be changed."),
        Err(e) => Err(e.into()),
    }
}
