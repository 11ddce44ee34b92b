//! What a meeting's votes came to: from the ballot papers once the ballot has closed, or
//! from the count recorded in the room. Nothing before close.

use std::collections::BTreeMap;

use super::super::auth::Actor;
use super::super::meetings::Meeting;
use super::super::Env;
use super::{questions, state, BallotState};
use crate::db::entities::resolutions;
use crate::db::repo::ballots;
use crate::domain::meetings::ballot::{self, Paper, QuestionTally};
use crate::domain::meetings::counting::{decide, VoteResult};
use crate::domain::meetings::election::{self, ElectionResult};
use crate::domain::meetings::ResolutionKind;
use crate::error::AppResult;

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
    let receipts = match st {
        BallotState::Closed { .. } => ballots::papers(db, m.meeting.id)
            .await?
            .into_iter()
            .map(|r| r.receipt)
            .collect(),
        _ => Vec::new(),
    };
    Ok(Results {
        state: st,
        turnout: ballots::turnout(db, m.meeting.id).await?,
        voted: ballots::has_voted(db, m.meeting.id, actor.id).await?,
        receipts,
        outcomes: outcomes(db, now, m).await?,
    })
}

/// Each resolution's outcome by id, as far as anyone may know it at `now`: from the papers
/// once the ballot has closed, from the room's count where one was recorded, else nothing.
pub(in crate::services) async fn outcomes(
    db: &impl sea_orm::ConnectionTrait,
    now: i64,
    m: &Meeting,
) -> AppResult<BTreeMap<i64, Outcome>> {
    let mut out = BTreeMap::new();
    let entitled = m.entitled_count();
    match state(&m.meeting, now) {
        BallotState::Closed { .. } => {
            let papers: Vec<Paper> = ballots::papers(db, m.meeting.id)
                .await?
                .iter()
                .filter_map(|r| Paper::from_json(&r.paper))
                .collect();
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
                out.insert(id, outcome);
            }
        }
        BallotState::NotSetUp => {
            for r in m
                .resolutions
                .iter()
                .filter(|r| r.room_recorded_at.is_some())
            {
                out.insert(r.id, room_outcome(m, r, entitled));
            }
        }
        _ => {}
    }
    Ok(out)
}

/// A resolution's outcome from the count recorded in the room.
fn room_outcome(m: &Meeting, r: &resolutions::Model, entitled: u32) -> Outcome {
    let n = |v: Option<i32>| u32::try_from(v.unwrap_or(0)).unwrap_or(0);
    let taking_part = n(r.room_present) + n(r.room_proxies);
    let candidates: Vec<String> = serde_json::from_str(&r.candidates).unwrap_or_default();
    if candidates.is_empty() {
        return Outcome {
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
        };
    }
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
}

fn kind_of(m: &Meeting, resolution_id: i64) -> ResolutionKind {
    m.resolutions
        .iter()
        .find(|r| r.id == resolution_id)
        .and_then(|r| ResolutionKind::parse(&r.kind))
        .unwrap_or(ResolutionKind::Special)
}
