//! What the notice and minutes templates are given: plain values, every one escaped by the
//! document registry, so what members typed prints as typed.

use serde_json::{json, Value};

use super::super::ballots::{BallotState, Results};
use super::super::meetings::Meeting;
use crate::db::entities::resolutions;
use crate::domain::calendar::long_date;
use crate::domain::meetings::counting::quorum_needed;
use crate::domain::meetings::notice::NoticeMethod;
use crate::domain::meetings::uk_time::uk_text;
use crate::domain::meetings::{Approves, Attendance, ResolutionKind};
use crate::domain::money::format_pounds;

/// What a resolution approves, in a sentence (empty when only its words).
pub fn approves_sentence(r: &resolutions::Model) -> String {
    match Approves::parse(&r.approves) {
        Some(Approves::Rules) => format!(
            "This approves the rules, version {} (fingerprint {}).",
            r.document_version.unwrap_or(0),
            r.document_hash
                .as_deref()
                .map_or("", super::render::short_fingerprint)
        ),
        Some(Approves::BusinessPlan) => format!(
            "This approves the business plan, version {} (fingerprint {}).",
            r.document_version.unwrap_or(0),
            r.document_hash
                .as_deref()
                .map_or("", super::render::short_fingerprint)
        ),
        Some(Approves::Price) => format!(
            "This approves a purchase price of {}.",
            format_pounds(r.price_pence.unwrap_or(0))
        ),
        _ => String::new(),
    }
}

fn candidates_of(r: &resolutions::Model) -> Vec<String> {
    serde_json::from_str(&r.candidates).unwrap_or_default()
}

fn base(m: &Meeting) -> serde_json::Map<String, Value> {
    let mt = &m.meeting;
    let mut map = serde_json::Map::new();
    map.insert("title".into(), json!(mt.title));
    map.insert("kind_label".into(), json!(m.kind.label()));
    map.insert("kind_lower".into(), json!(m.kind.label().to_lowercase()));
    map.insert(
        "date".into(),
        json!(m.date().map(long_date).unwrap_or_default()),
    );
    map.insert("time".into(), json!(mt.start_time));
    map.insert(
        "place".into(),
        json!(if mt.place.is_empty() {
            "Online only"
        } else {
            &mt.place
        }),
    );
    map.insert(
        "online_link".into(),
        json!(if mt.online_link.is_empty() {
            "None: in person only"
        } else {
            &mt.online_link
        }),
    );
    map.insert(
        "chair".into(),
        json!(if mt.chair.is_empty() {
            "To be chosen at the meeting"
        } else {
            &mt.chair
        }),
    );
    map
}

pub(super) fn notice_context(m: &Meeting, coop_name: &str) -> Value {
    let mut map = base(m);
    map.insert("coop_name".into(), json!(coop_name));
    map.insert("terms_source".into(), json!(m.terms.source.sentence()));
    let resolutions: Vec<Value> = m
        .resolutions
        .iter()
        .map(|r| {
            let candidates = candidates_of(r);
            json!({
                "number": r.position,
                "kind_label": ResolutionKind::parse(&r.kind).map_or("", |k| k.label()),
                "text": r.text,
                "approves": approves_sentence(r),
                // Sending the notice publishes the version it approves to the members.
                "readable": r.document_id.is_some(),
                "candidates": candidates.join(", "),
                "seats": r.seats,
            })
        })
        .collect();
    map.insert("resolutions".into(), json!(resolutions));
    let how = match (m.meeting.ballot_closes_at, m.meeting.online_link.is_empty()) {
        (Some(closes), _) => format!("Vote by secret ballot on your phone or computer: sign in to coopkit and open this meeting. The ballot closes {}. Nobody can see how you voted, and you get a receipt code to check your vote was counted.", uk_text(closes)),
        (None, false) => "Vote at the meeting, in the room or online at the link above, by a show of hands or a poll as the chair decides.".into(),
        (None, true) => "Vote at the meeting, by a show of hands or a poll as the chair decides.".into(),
    };
    map.insert("how_to_vote".into(), json!(how));
    map.insert("proxy_sentence".into(), json!(m.terms.proxy_sentence()));
    map.insert(
        "quorum".into(),
        json!(quorum_needed(m.entitled_count(), &m.terms)),
    );
    map.insert(
        "special_majority".into(),
        json!(m.terms.special_majority.label()),
    );
    Value::Object(map)
}

pub(super) fn minutes_context(m: &Meeting, results: &Results, confirmed: Option<String>) -> Value {
    let mut map = base(m);
    map.insert(
        "status_note".into(),
        json!(confirmed.unwrap_or_else(|| "Draft minutes, written by coopkit from what was recorded. The chair checks and confirms them.".into())),
    );
    let notice = match (
        &m.meeting.notice_sent_on,
        m.meeting
            .notice_method
            .as_deref()
            .and_then(NoticeMethod::parse),
    ) {
        // The day in words, like every other date in the minutes.
        (Some(on), Some(method)) => format!(
            "{} on {} to {} members",
            method.label(),
            chrono::NaiveDate::parse_from_str(on, "%Y-%m-%d").map_or(on.clone(), long_date),
            m.meeting.notice_recipients.unwrap_or(0)
        ),
        _ => "Not recorded".into(),
    };
    map.insert("notice".into(), json!(notice));
    let method = match results.state {
        BallotState::NotSetUp => "In the room".to_string(),
        _ => format!(
            "Secret ballot online, open from {} to {}; {} of {} members voted",
            m.meeting.ballot_opens_at.map(uk_text).unwrap_or_default(),
            m.meeting
                .ballot_closed_at
                .or(m.meeting.ballot_closes_at)
                .map(uk_text)
                .unwrap_or_default(),
            results.turnout,
            m.entitled_count()
        ),
    };
    map.insert("method".into(), json!(method));
    let named = |a: Attendance| -> Vec<String> {
        m.attendees
            .iter()
            .filter(|p| p.entitled && p.attendance == a.as_str())
            .map(|p| p.name.clone())
            .collect()
    };
    let (present, proxies, apologies) = (
        named(Attendance::Present),
        named(Attendance::Proxy),
        named(Attendance::Apologies),
    );
    map.insert(
        "attendance_summary".into(),
        json!(format!(
            "{} members were entitled to attend and vote. The quorum was {}.",
            m.entitled_count(),
            quorum_needed(m.entitled_count(), &m.terms)
        )),
    );
    map.insert("present".into(), json!(present));
    map.insert("proxies".into(), json!(proxies));
    map.insert("apologies".into(), json!(apologies));
    let mut elected = Vec::new();
    let resolutions: Vec<Value> = m
        .resolutions
        .iter()
        .map(|r| {
            let outcome = results.outcomes.get(&r.id);
            let (headline, explanation, rows, tie) = match outcome {
                Some(o) if o.vote.is_some() => {
                    let v = o.vote.as_ref().expect("checked");
                    (
                        format!("{}.", v.headline),
                        v.explanation.clone(),
                        Vec::new(),
                        String::new(),
                    )
                }
                Some(o) => {
                    let e = o.election.as_ref().expect("an election");
                    elected.extend(e.elected.iter().cloned());
                    let mut rows = vec![vec![
                        "Candidate".to_string(),
                        "Votes".into(),
                        "Result".into(),
                    ]];
                    for c in &e.candidates {
                        rows.push(vec![
                            c.name.clone(),
                            c.votes.to_string(),
                            (if c.elected {
                                "Elected"
                            } else if c.tied {
                                "Tied"
                            } else {
                                "Not elected"
                            })
                            .into(),
                        ]);
                    }
                    (
                        format!(
                            "Elected: {}.",
                            if e.elected.is_empty() {
                                "nobody".into()
                            } else {
                                e.elected.join(", ")
                            }
                        ),
                        format!("{} seats; {} members voted.", e.seats, e.ballots),
                        rows,
                        e.tie.clone().unwrap_or_default(),
                    )
                }
                None => (
                    "Not voted on.".into(),
                    "No result was recorded.".into(),
                    Vec::new(),
                    String::new(),
                ),
            };
            json!({
                "number": r.position,
                "kind_label": ResolutionKind::parse(&r.kind).map_or("", |k| k.label()),
                "text": r.text,
                "approves": approves_sentence(r),
                "headline": headline,
                "explanation": explanation,
                "rows": rows,
                "tie": tie,
            })
        })
        .collect();
    map.insert("resolutions".into(), json!(resolutions));
    map.insert("elected".into(), json!(elected));
    Value::Object(map)
}
