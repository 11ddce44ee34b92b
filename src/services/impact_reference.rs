//! The impact report counted the slow way: every record it counts from read whole
//! (`repo::impact::load`) and counted in memory by `domain::impact::measure`, the definitions
//! as first written and tested against a fixture worked out by hand.
//!
//! The report itself counts in SQL (`services::impact`); this stays as the reference those
//! counts are checked against (`tests/it/impact.rs`, on both backends), so a query that
//! drifts from a definition fails a test. It reads every row, so it is only for tests and
//! small databases.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::auth::Actor;
use super::impact::{answer_date, plan_outcomes, stage_title_in};
use super::Env;
use crate::db::repo;
use crate::domain::access::require_centre;
use crate::domain::case::{stored, CaseStatus, Pathway, Trigger};
use crate::domain::enquiry::{EnquiryRole, EnquiryStatus};
use crate::domain::events::feedback::WhatNext;
use crate::domain::events::registration::RegistrationState;
use crate::domain::events::{london, Audience, EventKind};
use crate::domain::impact::*;
use crate::error::{AppError, AppResult};

fn unknown(what: &str, value: &str) -> AppError {
    AppError::Internal(format!("unknown {what} {value:?} in the records"))
}

fn parse<T>(value: &str, what: &str, f: impl Fn(&str) -> Option<T>) -> AppResult<T> {
    f(value).ok_or_else(|| unknown(what, value))
}

/// The period's figures and the previous period's, counted in memory from every record.
pub async fn measures(
    env: &Env<'_>,
    actor: &Actor,
    period: Period,
) -> AppResult<(Measures, Measures)> {
    require_centre(actor.role)?;
    let rows = repo::impact::load(env.db()).await?;
    let records = records(&rows, env)?;
    Ok((
        measure(&records, period),
        measure(&records, period.previous()),
    ))
}

fn records(rows: &repo::impact::Rows, env: &Env<'_>) -> AppResult<Records> {
    let mut r = Records::default();
    let mut sessions: HashMap<i64, Vec<&crate::db::entities::event_sessions::Model>> =
        HashMap::new();
    for s in &rows.sessions {
        sessions.entry(s.event_id).or_default().push(s);
    }
    for e in &rows.events {
        r.events.push(EventRecord {
            id: e.id,
            kind: parse(&e.kind, "event kind", EventKind::parse)?,
            audience: parse(&e.audience, "audience", Audience::parse)?,
            capacity: u32::try_from(e.capacity).unwrap_or(0),
            sessions: sessions
                .get(&e.id)
                .map(|v| v.iter().map(|s| s.starts_at).collect())
                .unwrap_or_default(),
            cancelled: e.status == "cancelled",
        });
    }
    for g in &rows.registrations {
        r.places.push(PlaceRecord {
            event_id: g.event_id,
            state: parse(&g.state, "sign-up state", RegistrationState::parse)?,
            seats: u32::try_from(g.seats).unwrap_or(1),
        });
    }
    let people: HashMap<i64, _> = rows.people.iter().map(|p| (p.id, p)).collect();
    let registrations: HashMap<i64, _> = rows.registrations.iter().map(|g| (g.id, g)).collect();
    let session_of: HashMap<i64, _> = rows.sessions.iter().map(|s| (s.id, s)).collect();
    for a in &rows.attendance {
        let (Some(g), Some(s)) = (
            registrations.get(&a.registration_id),
            session_of.get(&a.session_id),
        ) else {
            continue;
        };
        let Some(person) = people.get(&g.person_id) else {
            continue;
        };
        r.attendance.push(AttendanceRecord {
            person_id: person.id,
            event_id: g.event_id,
            session_id: s.id,
            at: s.starts_at,
            minutes: london::minutes_between(s.starts_at, s.ends_at),
            role: parse(&person.role, "role", EnquiryRole::parse)?,
            organisation: person.organisation.clone(),
        });
    }
    for f in &rows.feedback {
        r.feedback.push(FeedbackRecord {
            event_id: f.event_id,
            at: f.created_at,
            useful: u8::try_from(f.useful).unwrap_or(0),
            what_next: parse(&f.what_next, "next step", WhatNext::parse)?,
        });
    }
    for c in &rows.readiness_checks {
        let day =
            NaiveDate::parse_from_str(&c.day, "%Y-%m-%d").map_err(|_| unknown("day", &c.day))?;
        r.readiness_checks
            .push((day, u64::try_from(c.completed).unwrap_or(0)));
    }
    let from_events: HashSet<i64> = rows
        .registrations
        .iter()
        .filter_map(|g| g.enquiry_id)
        .collect();
    let mut cases_from_events = HashSet::new();
    for e in &rows.enquiries {
        let source = if from_events.contains(&e.id) {
            if let Some(case) = e.case_id {
                cases_from_events.insert(case);
            }
            EnquirySource::Event
        } else if e.readiness.is_some() {
            EnquirySource::ReadinessCheck
        } else {
            EnquirySource::EnquiryForm
        };
        r.enquiries.push(EnquiryRecord {
            created_at: e.created_at,
            role: parse(&e.role, "role", EnquiryRole::parse)?,
            source,
            status: parse(&e.status, "enquiry status", EnquiryStatus::parse)?,
            decided_at: e.decided_at,
        });
    }
    cases_and_stages(rows, env, &cases_from_events, &mut r)?;
    Ok(r)
}

fn cases_and_stages(
    rows: &repo::impact::Rows,
    env: &Env<'_>,
    from_events: &HashSet<i64>,
    r: &mut Records,
) -> AppResult<()> {
    // Each case's pathway by id, so naming a stage does not search every case.
    let pathways: HashMap<i64, &str> = rows
        .cases
        .iter()
        .map(|c| (c.id, c.pathway.as_str()))
        .collect();
    let mut ended: HashMap<i64, i64> = HashMap::new();
    for event in &rows.case_events {
        let data: serde_json::Value = serde_json::from_str(&event.data).unwrap_or_default();
        match event.kind.as_str() {
            "status_changed" => {
                // The latest such change. This took the last row read, which on PostgreSQL
                // (rows come back in storage order) was not always the latest.
                if matches!(data["to"].as_str(), Some("completed" | "withdrawn")) {
                    let at = ended.entry(event.case_id).or_insert(event.created_at);
                    *at = (*at).max(event.created_at);
                }
            }
            _ => {
                let key = data["stage"].as_str().unwrap_or_default().to_string();
                r.stages.push(StageRecord {
                    case_id: event.case_id,
                    stage: stage_title_in(env, &pathways, event.case_id, &key),
                    started_at: Some(event.created_at),
                    completed_at: None,
                });
            }
        }
    }
    for s in &rows.stages {
        r.stages.push(StageRecord {
            case_id: s.case_id,
            stage: stage_title_in(env, &pathways, s.case_id, &s.stage_key),
            started_at: None,
            completed_at: s.signed_off_at,
        });
    }
    let mut case_of = HashMap::new();
    for c in &rows.cases {
        let pathway = stored("cases.pathway", &c.pathway, Pathway::parse)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let status = stored("cases.status", &c.status, CaseStatus::parse)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let trigger = stored("cases.trigger", &c.trigger, Trigger::parse)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let ended_at = matches!(status, CaseStatus::Completed | CaseStatus::Withdrawn)
            .then(|| ended.get(&c.id).copied().unwrap_or(c.updated_at));
        let stopped_at = (status == CaseStatus::Withdrawn)
            .then(|| stage_title_in(env, &pathways, c.id, &c.current_stage));
        r.cases.push(CaseRecord {
            id: c.id,
            pathway,
            trigger,
            opened_at: c.created_at,
            status,
            ended_at,
            from_event: from_events.contains(&c.id),
            stopped_at,
        });
        case_of.insert(c.id, (pathway, c.worker_count));
    }
    for answer in &rows.outcome_answers {
        let Some(&(pathway, workers)) = case_of.get(&answer.case_id) else {
            continue;
        };
        let Some(at) = answer_date(&answer.value) else {
            continue;
        };
        let workers = i64::from(workers);
        let mut push = |outcome| {
            r.outcomes.push(OutcomeRecord {
                case_id: answer.case_id,
                at,
                outcome,
            })
        };
        match (answer.question_key.as_str(), pathway) {
            ("registered", Pathway::Buyout) => {
                push(Outcome::CoopRegistered);
                push(Outcome::JobsSafeguarded(workers * 100));
            }
            ("registered", Pathway::Freelancer) => {
                push(Outcome::CoopRegistered);
                push(Outcome::Members(workers));
                push(Outcome::FoundingMembers(workers));
            }
            ("registered", Pathway::Startup) => {
                push(Outcome::CoopRegistered);
                push(Outcome::FoundingMembers(workers));
            }
            ("trading_start", Pathway::Startup) => {
                push(Outcome::StartedTrading);
                push(Outcome::JobsCreated(workers * 100));
            }
            ("trading_start", _) => push(Outcome::StartedTrading),
            _ => {}
        }
    }
    plan_money(rows, r);
    Ok(())
}

/// Member capital and finance from each case's latest final business plan, on the day that
/// version was made.
fn plan_money(rows: &repo::impact::Rows, r: &mut Records) {
    let mut latest: HashMap<i64, &(i64, i32, String, i64)> = HashMap::new();
    for plan in &rows.final_plans {
        let slot = latest.entry(plan.0).or_insert(plan);
        if plan.1 > slot.1 {
            *slot = plan;
        }
    }
    for &&(case_id, _, ref answers, at) in latest.values() {
        for outcome in plan_outcomes(answers) {
            r.outcomes.push(OutcomeRecord {
                case_id,
                at,
                outcome,
            });
        }
    }
}
