//! What the case's latest members' meeting decided, as facts for suggesting the answers of the
//! stage page that records it (`founding_meeting`): the rep held the meeting in coopkit, so
//! the page offers its date, notice, numbers and result instead of asking for them again.

use serde_json::{Map, Value};

use super::ballots::outcomes;
use super::cases::OpenCase;
use super::meetings::{load, Meeting};
use crate::db::repo::member_meetings as rm;
use crate::domain::meetings::Approves;
use crate::error::AppResult;

/// The facts of the latest meeting under the rules (founding, general or annual) whose
/// results are known; empty when there is none.
pub(in crate::services) async fn latest(
    db: &impl sea_orm::ConnectionTrait,
    opened: &OpenCase,
    now: i64,
) -> AppResult<Map<String, Value>> {
    let mut rows = rm::for_case(db, opened.id().get()).await?;
    // Latest first: the meeting a stage records is the last one the members held.
    rows.sort_by(|a, b| (&b.meeting_date, b.id).cmp(&(&a.meeting_date, a.id)));
    for row in rows {
        let m = load(db, opened.clone(), row.id).await?;
        if !m.kind.follows_the_rules() {
            continue;
        }
        let results = outcomes(db, now, &m).await?;
        if !results.is_empty() {
            return Ok(facts(&m, &results));
        }
    }
    Ok(Map::new())
}

fn facts(
    m: &Meeting,
    results: &std::collections::BTreeMap<i64, super::ballots::Outcome>,
) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert(
        "meeting_date".into(),
        Value::from(m.meeting.meeting_date.clone()),
    );
    if let Some(sent) = &m.meeting.notice_sent_on {
        out.insert("notice_sent".into(), Value::from(sent.clone()));
    }
    out.insert("eligible".into(), Value::from(m.entitled_count()));

    let decided: Vec<_> = m
        .resolutions
        .iter()
        .filter_map(|r| Some((Approves::parse(&r.approves), results.get(&r.id)?)))
        .collect();
    // The page has one set of numbers: those of the rules' vote when there was one (it needs
    // the special majority), otherwise of the first resolution put to a vote.
    let counted = decided
        .iter()
        .filter_map(|(approves, o)| Some((*approves, o.vote.as_ref()?)))
        .max_by_key(|(approves, _)| *approves == Some(Approves::Rules))
        .map(|(_, vote)| vote);
    if let Some(vote) = counted {
        out.insert("present".into(), Value::from(vote.taking_part));
        out.insert("votes_for".into(), Value::from(vote.votes_for));
        out.insert("votes_against".into(), Value::from(vote.votes_against));
        out.insert("abstain".into(), Value::from(vote.abstentions));
    }
    let voted_on: Vec<Value> = decided
        .iter()
        .filter_map(|(approves, _)| page_option(*approves))
        .map(Value::from)
        .collect();
    if !voted_on.is_empty() {
        out.insert("resolutions".into(), Value::Array(voted_on));
    }
    let all_passed = decided.iter().all(|(_, o)| match (&o.vote, &o.election) {
        (Some(v), _) => v.carried,
        (None, Some(e)) => !e.elected.is_empty() && e.tie.is_none(),
        (None, None) => false,
    });
    out.insert(
        "vote_result".into(),
        Value::from(if all_passed { "passed" } else { "failed" }),
    );
    out
}

/// The `founding_meeting` page's name for what a resolution approved.
fn page_option(approves: Option<Approves>) -> Option<&'static str> {
    Some(match approves? {
        Approves::Rules => "adopt_rules",
        Approves::BusinessPlan => "approve_finance",
        Approves::Price => "approve_price",
        Approves::Election => "elect_board",
        Approves::Nothing => return None,
    })
}
