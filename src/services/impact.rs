//! The programme's impact report for a period: the records read from the database, turned
//! into the plain records `domain::impact` counts from.
//!
//! Where the records hold no direct evidence yet, an outcome is taken from what the case
//! records (stated on the report's face with each definition):
//! - a co-op is registered on the date answered to "Date of registration";
//! - it started trading on the date answered to "Date the co-op starts trading";
//! - a buyout safeguards its case's number of workers, counted at registration;
//! - a start-up creates its case's number of workers as jobs, counted when trading starts;
//! - a freelancer co-op's workers are its members, counted at registration.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::auth::Actor;
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

/// Counts the report for a period, and the period before it.
pub async fn report(env: &Env<'_>, actor: &Actor, period: Period) -> AppResult<ImpactReport> {
    require_centre(actor.role)?;
    let rows = repo::impact::load(env.db()).await?;
    let records = records(&rows, env)?;
    Ok(build(&records, period))
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
    let mut ended: HashMap<i64, i64> = HashMap::new();
    for event in &rows.case_events {
        let data: serde_json::Value = serde_json::from_str(&event.data).unwrap_or_default();
        match event.kind.as_str() {
            "status_changed" => {
                if matches!(data["to"].as_str(), Some("completed" | "withdrawn")) {
                    ended.insert(event.case_id, event.created_at);
                }
            }
            _ => {
                let key = data["stage"].as_str().unwrap_or_default().to_string();
                r.stages.push(StageRecord {
                    case_id: event.case_id,
                    stage: stage_title(env, rows, event.case_id, &key),
                    started_at: Some(event.created_at),
                    completed_at: None,
                });
            }
        }
    }
    for s in &rows.stages {
        r.stages.push(StageRecord {
            case_id: s.case_id,
            stage: stage_title(env, rows, s.case_id, &s.stage_key),
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
        r.cases.push(CaseRecord {
            id: c.id,
            pathway,
            trigger,
            opened_at: c.created_at,
            status,
            ended_at,
            from_event: from_events.contains(&c.id),
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
            }
            ("registered", Pathway::Startup) => push(Outcome::CoopRegistered),
            ("trading_start", Pathway::Startup) => {
                push(Outcome::StartedTrading);
                push(Outcome::JobsCreated(workers * 100));
            }
            ("trading_start", _) => push(Outcome::StartedTrading),
            _ => {}
        }
    }
    Ok(())
}

/// A date answer (`"2027-01-15"` as JSON) as the UTC instant of that UK day's noon.
fn answer_date(value: &str) -> Option<i64> {
    let text: String = serde_json::from_str(value).ok()?;
    let day = NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok()?;
    london::to_utc(day.and_hms_opt(12, 0, 0)?).ok()
}

fn stage_title(env: &Env<'_>, rows: &repo::impact::Rows, case_id: i64, key: &str) -> String {
    rows.cases
        .iter()
        .find(|c| c.id == case_id)
        .and_then(|c| env.library.stage(&c.pathway, key))
        .map_or_else(|| key.to_string(), |s| s.title.clone())
}

/// Counts one completed readiness check for today; nothing about it is kept but the count.
pub async fn count_readiness_check(env: &Env<'_>) -> AppResult<()> {
    let day = london::to_local(env.clock.now()).date();
    repo::impact::add_readiness_check(env.db(), &day.format("%Y-%m-%d").to_string()).await?;
    Ok(())
}
