//! The programme's impact report for a period: the records read from the database, turned
//! into the plain records `domain::impact` counts from.
//!
//! Where the records hold no direct evidence yet, an outcome is taken from what the case
//! records (stated on the report's face with each definition):
//! - a co-op is registered on the date answered to "Date of registration";
//! - it started trading on the date answered to "Date the co-op starts trading";
//! - a buyout safeguards its case's number of workers, counted at registration;
//! - a start-up creates its case's number of workers as jobs, counted when trading starts;
//! - a freelancer co-op's workers are its members, counted at registration;
//! - a start-up's or freelancer co-op's workers are the members it began with, counted at
//!   registration;
//! - member capital and finance come from each case's latest final business plan: pledges
//!   (members times the amount each) and the sources marked "Money received", counted on
//!   the day that version was made;
//! - a withdrawn case stopped at the stage it was on.

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
use crate::domain::finance::inputs::SourceStatus;
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

/// The report as a PDF through the document pipeline, with its charts. Laying it out is CPU
/// work, so it runs in a render slot like every other document.
pub async fn report_pdf(
    env: &Env<'_>,
    actor: &Actor,
    period: Period,
    engine: std::sync::Arc<super::render::Engine>,
) -> AppResult<Vec<u8>> {
    let report = report(env, actor, period).await?;
    let made_at = env.clock.now();
    let bytes = super::render::run_limited(move || {
        let markup = engine
            .templates
            .render(REPORT_TEMPLATE, &document_context(&report))?;
        let blocks = crate::docgen::parse(&markup)?;
        let meta = crate::docgen::DocumentMeta {
            title: format!("Impact report, {}", report.period.describe()),
            author: "Preston Co-operative Education Centre".into(),
            subject: "What the centre delivered in the period, for its funders".into(),
            coop_name: "Preston Co-operative Education Centre".into(),
            reference: String::new(),
            version: 1,
            draft: false,
        };
        crate::docgen::render_pdf(&engine.fonts, &meta, &blocks, made_at)
    })
    .await??;
    Ok(bytes)
}

/// The impact report's document template, by registered name.
pub const REPORT_TEMPLATE: &str = "impact_report";

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
                if matches!(data["to"].as_str(), Some("completed" | "withdrawn")) {
                    ended.insert(event.case_id, event.created_at);
                }
            }
            _ => {
                let key = data["stage"].as_str().unwrap_or_default().to_string();
                r.stages.push(StageRecord {
                    case_id: event.case_id,
                    stage: stage_title(env, &pathways, event.case_id, &key),
                    started_at: Some(event.created_at),
                    completed_at: None,
                });
            }
        }
    }
    for s in &rows.stages {
        r.stages.push(StageRecord {
            case_id: s.case_id,
            stage: stage_title(env, &pathways, s.case_id, &s.stage_key),
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
            .then(|| stage_title(env, &pathways, c.id, &c.current_stage));
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
/// version was made. A plan whose answers no longer read (made under older questions) is
/// left out rather than guessed at.
fn plan_money(rows: &repo::impact::Rows, r: &mut Records) {
    let mut latest: HashMap<i64, &(i64, i32, String, i64)> = HashMap::new();
    for plan in &rows.final_plans {
        let slot = latest.entry(plan.0).or_insert(plan);
        if plan.1 > slot.1 {
            *slot = plan;
        }
    }
    for &&(case_id, _, ref answers, at) in latest.values() {
        let Some(inputs) = serde_json::from_str(answers)
            .ok()
            .and_then(|v| crate::domain::finance::parse_inputs(&v).ok())
        else {
            continue;
        };
        let mut push = |outcome| {
            r.outcomes.push(OutcomeRecord {
                case_id,
                at,
                outcome,
            })
        };
        let pledged = inputs
            .pledge_each
            .saturating_mul(i64::from(inputs.members_pledged));
        if pledged > 0 {
            push(Outcome::CapitalPledged(pledged));
        }
        for source in &inputs.sources {
            if source.status != SourceStatus::Drawn || source.amount <= 0 {
                continue;
            }
            if is_member_capital(source.kind) {
                push(Outcome::CapitalRaised(source.amount));
            } else {
                push(Outcome::FinanceRaised(source.kind, source.amount));
            }
        }
    }
}

/// A date answer (`"2027-01-15"` as JSON) as the UTC instant of that UK day's noon.
fn answer_date(value: &str) -> Option<i64> {
    let text: String = serde_json::from_str(value).ok()?;
    let day = NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok()?;
    london::to_utc(day.and_hms_opt(12, 0, 0)?).ok()
}

fn stage_title(env: &Env<'_>, pathways: &HashMap<i64, &str>, case_id: i64, key: &str) -> String {
    pathways
        .get(&case_id)
        .and_then(|pathway| env.library.stage(pathway, key))
        .map_or_else(|| key.to_string(), |s| s.title.clone())
}

/// Counts one completed readiness check for today; nothing about it is kept but the count.
pub async fn count_readiness_check(env: &Env<'_>) -> AppResult<()> {
    let day = london::to_local(env.clock.now()).date();
    repo::impact::add_readiness_check(env.db(), &day.format("%Y-%m-%d").to_string()).await?;
    Ok(())
}

/// A saved run, as listed on the report page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunSummary {
    pub id: i64,
    pub from: String,
    pub to: String,
    pub saved_by: String,
    pub saved_at: i64,
}

/// A saved run with its figures as they were counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedRun {
    pub summary: RunSummary,
    pub definitions_version: String,
    pub figures: Snapshot,
}

/// How many saved runs the report page lists: a few years of quarterly returns.
const RUNS_LISTED: u64 = 40;

/// Counts the period now and stores the figures as counted, with who saved them and when,
/// so the run can be shown again unchanged; returns the run's id.
pub async fn save_run(env: &Env<'_>, actor: &Actor, period: Period) -> AppResult<i64> {
    let report = report(env, actor, period).await?;
    let row = crate::db::entities::impact_runs::ActiveModel {
        id: sea_orm::ActiveValue::NotSet,
        period_from: sea_orm::ActiveValue::Set(period.from.to_string()),
        period_to: sea_orm::ActiveValue::Set(period.to.to_string()),
        definitions_version: sea_orm::ActiveValue::Set(DEFINITIONS_VERSION.to_string()),
        figures: sea_orm::ActiveValue::Set(Snapshot::of(&report).to_json()),
        saved_by: sea_orm::ActiveValue::Set(Some(actor.id)),
        saved_by_name: sea_orm::ActiveValue::Set(actor.name.clone()),
        saved_at: sea_orm::ActiveValue::Set(env.clock.now()),
    };
    Ok(repo::impact::save_run(env.db(), row).await?)
}

pub async fn runs(env: &Env<'_>, actor: &Actor) -> AppResult<Vec<RunSummary>> {
    require_centre(actor.role)?;
    let rows = repo::impact::runs(env.db(), RUNS_LISTED).await?;
    Ok(rows
        .into_iter()
        .map(|(id, from, to, saved_by, saved_at)| RunSummary {
            id,
            from,
            to,
            saved_by,
            saved_at,
        })
        .collect())
}

pub async fn run(env: &Env<'_>, actor: &Actor, id: i64) -> AppResult<SavedRun> {
    require_centre(actor.role)?;
    let row = repo::impact::run(env.db(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let figures = Snapshot::from_json(&row.figures)
        .ok_or_else(|| AppError::Internal(format!("saved impact run {id} cannot be read")))?;
    Ok(SavedRun {
        summary: RunSummary {
            id: row.id,
            from: row.period_from,
            to: row.period_to,
            saved_by: row.saved_by_name,
            saved_at: row.saved_at,
        },
        definitions_version: row.definitions_version,
        figures,
    })
}
