//! The members' decisions a gate rests on (issue 14). A stage whose gate is a members' vote
//! is signed off on the evidence of a resolution the members carried at a founding or general
//! meeting recorded here: its words, its result and the quorum and majority that applied, all
//! computed from the stored ballot papers or the count taken in the room. A resolution that
//! adopted the rules names the exact version (number and fingerprint) that goes to
//! registration.

use sea_orm::DatabaseTransaction;
use serde_json::json;

use super::ballots::outcomes;
use super::cases::OpenCase;
use super::meeting_docs::approves_sentence;
use super::meetings::load;
use crate::db::repo::member_meetings as rm;
use crate::domain::calendar::long_date;
use crate::domain::field_errors::FieldErrors;
use crate::domain::meetings::uk_time::{uk_text, utc_to_uk};
use crate::domain::meetings::{Approves, MeetingKind};
use crate::domain::pathways::definition::{GateKind, Stage};
use crate::error::AppResult;

/// A carried resolution, as the gate and the registration page show it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Carried {
    pub resolution_id: i64,
    pub meeting_id: i64,
    /// "Founding meeting on Sunday 14 March 2027".
    pub meeting: String,
    pub text: String,
    /// What it approves, in a sentence (empty when only its words).
    pub approves_sentence: String,
    #[serde(skip)]
    pub approves: Option<Approves>,
    /// "Carried", or "Elected: …" for an election.
    pub headline: String,
    /// The numbers: votes, the majority needed, the quorum needed and how many took part.
    pub explanation: String,
    /// For a resolution that adopted the rules: the version and its full fingerprint.
    pub rules_version: Option<i32>,
    pub rules_hash: Option<String>,
}

/// Every resolution the members of the case carried at a founding or general meeting, in
/// meeting order. Informal meetings (workforce, steering group) decide nothing for the co-op.
pub(in crate::services) async fn carried(
    db: &impl sea_orm::ConnectionTrait,
    opened: &OpenCase,
    now: i64,
) -> AppResult<Vec<Carried>> {
    let mut out = Vec::new();
    for row in rm::for_case(db, opened.id().get()).await? {
        let m = load(db, opened.clone(), row.id).await?;
        if !m.kind.follows_the_rules() {
            continue;
        }
        let results = outcomes(db, now, &m).await?;
        let meeting = decided_at(&m);
        for r in &m.resolutions {
            let Some(outcome) = results.get(&r.id) else {
                continue;
            };
            let (headline, explanation) = match (&outcome.vote, &outcome.election) {
                (Some(v), _) if v.carried => (v.headline.clone(), v.explanation.clone()),
                (_, Some(e)) if !e.elected.is_empty() && e.tie.is_none() => (
                    format!("Elected: {}", e.elected.join(", ")),
                    format!(
                        "{} ballots for {} seats; the candidates with the most votes are elected.",
                        e.ballots, e.seats
                    ),
                ),
                _ => continue,
            };
            let approves = Approves::parse(&r.approves);
            let is_rules = approves == Some(Approves::Rules);
            out.push(Carried {
                resolution_id: r.id,
                meeting_id: m.meeting.id,
                meeting: meeting.clone(),
                text: r.text.clone(),
                approves_sentence: approves_sentence(r),
                approves,
                headline,
                explanation,
                rules_version: r.document_version.filter(|_| is_rules),
                rules_hash: r.document_hash.clone().filter(|_| is_rules),
            });
        }
    }
    Ok(out)
}

/// Where the members decided: the meeting, and the ballot's close when that came before the
/// meeting's day, so a page never says a meeting still to come adopted anything.
fn decided_at(m: &super::meetings::Meeting) -> String {
    let label = meeting_label(m.kind, &m.meeting.title);
    let day = m.date();
    let date = day.map_or(m.meeting.meeting_date.clone(), long_date);
    let closed_early = m
        .meeting
        .ballot_closed_at
        .and_then(|at| Some((at, utc_to_uk(at)?.date())))
        .filter(|(_, closed_on)| day.is_some_and(|d| *closed_on < d));
    match closed_early {
        Some((at, _)) => format!(
            "{label} of {date}, by the secret ballot that closed on {}",
            uk_text(at)
        ),
        None => format!("{label} on {date}"),
    }
}

fn meeting_label(kind: MeetingKind, title: &str) -> String {
    if title.trim().is_empty() {
        kind.label().to_string()
    } else {
        title.to_string()
    }
}

/// The carried resolutions that may stand as evidence for this stage's gate: those of the
/// kind the gate asks for (any, when it names none). Empty for a gate that is not a vote.
pub(in crate::services) fn qualifying(stage: &Stage, all: Vec<Carried>) -> Vec<Carried> {
    let Some(gate) = stage.gate.as_ref().filter(|g| g.kind == GateKind::Vote) else {
        return Vec::new();
    };
    all.into_iter()
        .filter(|c| {
            gate.resolution_approves.is_empty()
                || c.approves
                    .is_some_and(|a| gate.resolution_approves.iter().any(|w| w == a.as_str()))
        })
        .collect()
}

/// What a stage page shows of the members' decisions: the resolutions its gate may rest on,
/// and the rules version the members adopted (the one to send for registration).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct StageEvidence {
    pub resolutions: Vec<Carried>,
    /// What the gate asks for, in words, for the staff member deciding.
    pub wanted: String,
    pub adopted_rules: Option<Carried>,
}

/// The evidence for a stage's page, for anyone who may see the case.
pub async fn for_stage(
    env: &super::Env<'_>,
    opened: &OpenCase,
    stage: &Stage,
    registration_page: bool,
) -> AppResult<StageEvidence> {
    let vote = stage
        .gate
        .as_ref()
        .is_some_and(|g| g.kind == GateKind::Vote);
    if !vote && !registration_page {
        return Ok(StageEvidence::default());
    }
    let all = carried(env.db(), opened, env.clock.now()).await?;
    let adopted_rules = all.iter().rfind(|c| c.rules_version.is_some()).cloned();
    let wanted = stage
        .gate
        .as_ref()
        .map(|g| wanted_sentence(&g.resolution_approves))
        .unwrap_or_default();
    Ok(StageEvidence {
        resolutions: qualifying(stage, all),
        wanted,
        adopted_rules,
    })
}

/// The kind of resolution a gate needs, in a sentence.
pub fn wanted_sentence(approves: &[String]) -> String {
    let names: Vec<String> = approves
        .iter()
        .filter_map(|a| Approves::parse(a))
        .map(|a| match a {
            Approves::Rules => "adopts a version of the rules".to_string(),
            Approves::BusinessPlan => "approves a version of the business plan".to_string(),
            Approves::Price => "approves the purchase price".to_string(),
            Approves::Election => "elects directors".to_string(),
            Approves::Nothing => "the members carried".to_string(),
        })
        .collect();
    if names.is_empty() {
        "A resolution the members carried at a founding or general meeting recorded in coopkit."
            .to_string()
    } else {
        format!(
            "A resolution that {}, carried at a founding or general meeting recorded in coopkit.",
            names.join(" or ")
        )
    }
}

/// For a vote gate: the resolution chosen as evidence (or the reason to sign off without
/// one), as the event records it, and the words the timeline shows. Chosen among the
/// resolutions carried as of now, inside the sign-off's transaction.
pub(in crate::services) async fn chosen(
    txn: &DatabaseTransaction,
    opened: &OpenCase,
    stage: &Stage,
    (evidence, reason): (&str, &str),
    now: i64,
) -> AppResult<Result<(serde_json::Value, String), FieldErrors>> {
    let mut errors = FieldErrors::new();
    let reason = reason.trim();
    let chosen = evidence.trim();
    if chosen.is_empty() || chosen == "none" {
        if reason.is_empty() {
            errors.add(
                "evidence",
                "Choose the resolution the members carried, or say below why you are signing off without one",
            );
            return Ok(Err(errors));
        }
        let data = json!({ "override_reason": reason });
        return Ok(Ok((
            data,
            format!(" without a resolution recorded in coopkit, because: {reason}"),
        )));
    }
    let all = carried(txn, opened, now).await?;
    let found = chosen.parse::<i64>().ok().and_then(|id| {
        qualifying(stage, all)
            .into_iter()
            .find(|c| c.resolution_id == id)
    });
    let Some(c) = found else {
        errors.add(
            "evidence",
            "That is not a resolution this stage can rest on: choose one from the list",
        );
        return Ok(Err(errors));
    };
    let data = json!({ "evidence": {
        "resolution_id": c.resolution_id, "meeting_id": c.meeting_id, "meeting": c.meeting,
        "text": c.text, "result": c.headline, "explanation": c.explanation,
        "rules_version": c.rules_version, "rules_hash": c.rules_hash } });
    Ok(Ok((
        data,
        format!(
            " on the evidence of the resolution \"{}\" ({}: {})",
            c.text, c.meeting, c.headline
        ),
    )))
}
