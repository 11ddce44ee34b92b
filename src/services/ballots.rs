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

use std::collections::BTreeMap;

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
use crate::domain::meetings::ballot::{self, Paper, Question, QuestionTally};
use crate::domain::meetings::counting::{decide, VoteResult};
use crate::domain::meetings::election::{self, ElectionResult};
use crate::domain::meetings::uk_time::{uk_text, uk_to_utc};
use crate::domain::meetings::ResolutionKind;
use crate::error::{AppError, AppResult};

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

/// The ballot's closing time as typed (UK time); it opens when set up.
#[derive(Debug, Clone, Default)]
pub struct BallotForm {
    pub close_date: String,
    pub close_time: String,
}

/// Opens the online ballot now, to close at the time given. Refused without resolutions,
/// once a count has been recorded in the room, or when a ballot already exists.
pub async fn open_ballot(
    env: &Env<'_>,
    actor: &Actor,
    case_id: CaseId,
    meeting_id: i64,
    form: &BallotForm,
) -> AppResult<Result<(), FieldErrors>> {
    let now = env.clock.now();
    let mut errors = FieldErrors::new();
    let date = chrono::NaiveDate::parse_from_str(form.close_date.trim(), "%Y-%m-%d").ok();
    let time = chrono::NaiveTime::parse_from_str(form.close_time.trim(), "%H:%M").ok();
    if date.is_none() {
        errors.add(
            "close_date",
            "Enter the day the ballot closes, like 2027-03-14",
        );
    }
    if time.is_none() {
        errors.add("close_time", "Enter the time it closes, like 18:00");
    }
    let closes = date.zip(time).map(|(d, t)| uk_to_utc(d, t));
    if closes.is_some_and(|c| c <= now + 60) {
        errors.add("close_date", "The ballot must close later than now");
    }
    let txn = begin_case_write(env.db(), case_id.get()).await?;
    let opened = open_with(&txn, actor, case_id, Need::Work).await?;
    let m = load(&txn, opened, meeting_id).await?;
    if m.meeting.ballot_opens_at.is_some() {
        return Err(AppError::Conflict("This meeting's ballot is already set up; a ballot's times cannot change once it opens.".into()));
    }
    if m.resolutions.is_empty() {
        errors.add(
            "close_date",
            "Add the resolutions first: the ballot paper asks about each one",
        );
    }
    if m.resolutions.iter().any(|r| r.room_recorded_at.is_some()) {
        errors.add(
            "close_date",
            "A count has already been recorded in the room for this meeting",
        );
    }
    let Some(closes) = closes.filter(|_| errors.is_empty()) else {
        return Ok(Err(errors));
    };
    let mut row = m.meeting.clone();
    row.ballot_opens_at = Some(now);
    row.ballot_closes_at = Some(closes);
    rm::save(&txn, row).await?;
    repo::events::record(
        &txn,
        case_id.get(),
        Some(actor.id),
        "ballot_opened",
        &format!(
            "{} opened the secret ballot of the {}; it closes {}",
            actor.name,
            m.kind.label().to_lowercase(),
            uk_text(closes)
        ),
        &json!({ "meeting_id": meeting_id, "closes_at": closes, "entitled": m.entitled_count() }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(()))
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
        _ => return refuse("There is no ballot open for this meeting."),
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

/// One resolution's outcome.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub resolution_id: i64,
    pub vote: Option<VoteResult>,
    pub election: Option<ElectionResult>,
}

/// What a meeting's page may show of its votes.
#[derive(Debug, Clone)]
pub struct Results {
    pub state: BallotState,
    /// Members who have voted online (shown to staff and reps while open; to all once closed).
    pub turnout: u64,
    pub voted: bool,
    /// Every receipt, sorted, once the ballot has closed.
    pub receipts: Vec<String>,
    /// By resolution id: only once the ballot has closed, or from the room's count.
    pub outcomes: BTreeMap<i64, Outcome>,
}

/// The results a person may see now: a ballot's only after it closes; the room's once counted.
pub async fn results(env: &Env<'_>, actor: &Actor, m: &Meeting) -> AppResult<Results> {
    let db = env.db();
    let now = env.clock.now();
    let st = state(&m.meeting, now);
    let turnout = ballots::turnout(db, m.meeting.id).await?;
    let voted = ballots::has_voted(db, m.meeting.id, actor.id).await?;
    let mut out = Results {
        state: st,
        turnout,
        voted,
        receipts: Vec::new(),
        outcomes: BTreeMap::new(),
    };
    let entitled = m.entitled_count();
    match st {
        BallotState::Closed { .. } => {
            let rows = ballots::papers(db, m.meeting.id).await?;
            let papers: Vec<Paper> = rows
                .iter()
                .filter_map(|r| Paper::from_json(&r.paper))
                .collect();
            out.receipts = rows.into_iter().map(|r| r.receipt).collect();
            let taking_part = u32::try_from(papers.len()).unwrap_or(u32::MAX);
            for (id, tally) in ballot::tally(&questions(m), &papers) {
                let kind = kind_of(m, id);
                let outcome = match tally {
                    QuestionTally::Resolution(t) => Outcome {
                        resolution_id: id,
                        vote: Some(decide(
                            kind,
                            &m.terms,
                            entitled,
                            taking_part,
                            t.votes_for,
                            t.votes_against,
                            t.abstentions,
                        )),
                        election: None,
                    },
                    QuestionTally::Election(e) => Outcome {
                        resolution_id: id,
                        vote: None,
                        election: Some(e),
                    },
                };
                out.outcomes.insert(id, outcome);
            }
        }
        BallotState::NotSetUp => {
            for r in m
                .resolutions
                .iter()
                .filter(|r| r.room_recorded_at.is_some())
            {
                let n = |v: Option<i32>| u32::try_from(v.unwrap_or(0)).unwrap_or(0);
                let taking_part = n(r.room_present) + n(r.room_proxies);
                let candidates: Vec<String> =
                    serde_json::from_str(&r.candidates).unwrap_or_default();
                let outcome = if candidates.is_empty() {
                    Outcome {
                        resolution_id: r.id,
                        vote: Some(decide(
                            kind_of(m, r.id),
                            &m.terms,
                            entitled,
                            taking_part,
                            n(r.room_for),
                            n(r.room_against),
                            n(r.room_abstain),
                        )),
                        election: None,
                    }
                } else {
                    let votes: Vec<u32> = r
                        .room_tally
                        .as_deref()
                        .and_then(|t| serde_json::from_str(t).ok())
                        .unwrap_or_default();
                    Outcome {
                        resolution_id: r.id,
                        vote: None,
                        election: Some(election::result(
                            &candidates,
                            u32::try_from(r.seats).unwrap_or(0),
                            &votes,
                            taking_part,
                        )),
                    }
                };
                out.outcomes.insert(r.id, outcome);
            }
        }
        _ => {}
    }
    Ok(out)
}

fn kind_of(m: &Meeting, resolution_id: i64) -> ResolutionKind {
    m.resolutions
        .iter()
        .find(|r| r.id == resolution_id)
        .and_then(|r| ResolutionKind::parse(&r.kind))
        .unwrap_or(ResolutionKind::Special)
}
