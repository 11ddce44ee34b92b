//! The programme's impact report for a period: each figure counted in SQL for the period and
//! the one before (`repo::impact_counts`), read into the counts `domain::impact` turns into
//! the report. `impact_reference` counts the same from every record in memory, for the tests.
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

use std::collections::HashMap;

use chrono::NaiveDate;

use super::auth::Actor;
use super::Env;
use crate::db::repo;
use crate::db::repo::impact_counts::{Bounds, PeriodRows};
use crate::domain::access::require_centre;
use crate::domain::case::{CaseStatus, Pathway, Trigger};
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
    let now = measures(env, period).await?;
    let before = measures(env, period.previous()).await?;
    Ok(build_from(period, now, before))
}

/// One period's figures, counted in the database.
async fn measures(env: &Env<'_>, period: Period) -> AppResult<Measures> {
    let rows = repo::impact_counts::period(env.db(), &bounds(period)?).await?;
    Ok(from_counts(&counts(&rows, env)?))
}

/// The period as UTC instants: from the first day's UK midnight up to (not including) the
/// UK midnight after the last day, so an instant is in it exactly when its UK day is.
fn bounds(period: Period) -> AppResult<Bounds> {
    let midnight = |day: NaiveDate| {
        london::to_utc(day.and_time(chrono::NaiveTime::MIN))
            .map_err(|_| AppError::Internal(format!("no UK midnight on {day}")))
    };
    let after = period
        .to
        .succ_opt()
        .ok_or_else(|| AppError::Internal("the period ends too late".into()))?;
    Ok(Bounds {
        lo: midnight(period.from)?,
        hi: midnight(after)?,
        from_day: period.from.format("%Y-%m-%d").to_string(),
        to_day: period.to.format("%Y-%m-%d").to_string(),
    })
}

/// The stored values read into domain types; an unknown value is an error, as it would be
/// anywhere else in coopkit.
fn counts(rows: &PeriodRows, env: &Env<'_>) -> AppResult<Counts> {
    let mut c = Counts {
        sessions_held: rows.sessions_held,
        attendances: rows.attendances,
        people_supported: rows.people,
        new_people: rows.new_people,
        learning_minutes: rows.learning_minutes,
        readiness_checks: rows.readiness_checks,
        cases_active: rows.cases_active,
        gates_passed: rows.gates_passed,
        ..Counts::default()
    };
    for (kind, audience, events, places) in &rows.events_held {
        c.events_held.push((
            parse(kind, "event kind", EventKind::parse)?,
            parse(audience, "audience", Audience::parse)?,
            *events,
            *places,
        ));
    }
    for (state, seats) in &rows.places {
        c.places.push((
            parse(state, "sign-up state", RegistrationState::parse)?,
            *seats,
        ));
    }
    for (role, organisation) in &rows.organisations {
        c.organisations.push((
            parse(role, "role", EnquiryRole::parse)?,
            organisation.clone(),
        ));
    }
    for (what_next, forms, useful) in &rows.feedback {
        c.feedback.push((
            parse(what_next, "next step", WhatNext::parse)?,
            *forms,
            *useful,
        ));
    }
    for (role, source, n) in &rows.enquiries {
        let source = match source.as_str() {
            "event" => EnquirySource::Event,
            "readiness_check" => EnquirySource::ReadinessCheck,
            _ => EnquirySource::EnquiryForm,
        };
        c.enquiries
            .push((parse(role, "role", EnquiryRole::parse)?, source, *n));
    }
    for (status, n) in &rows.decided {
        c.decided
            .push((parse(status, "enquiry status", EnquiryStatus::parse)?, *n));
    }
    for (pathway, trigger, n, from_events) in &rows.opened {
        c.opened.push((
            parse(pathway, "pathway", Pathway::parse)?,
            parse(trigger, "trigger", Trigger::parse)?,
            *n,
            *from_events,
        ));
    }
    for (pathway, key, n) in &rows.stages_started {
        let title = match pathway {
            Some(pathway) => stage_title(env, pathway, key),
            None => key.clone(),
        };
        c.stages_reached.push((title, *n));
    }
    for row in &rows.ended {
        let status = parse(&row.status, "case status", CaseStatus::parse)?;
        c.ended.push(EndedCount {
            status,
            stopped_at: (status == CaseStatus::Withdrawn)
                .then(|| stage_title(env, &row.pathway, &row.stage)),
            cases: row.cases,
            registered: row.registered,
            trading: row.trading,
        });
    }
    for row in &rows.outcome_dates {
        let evidence = match row.question_key.as_str() {
            "registered" => Evidence::Registered,
            "trading_start" => Evidence::TradingStart,
            other => return Err(unknown("outcome question", other)),
        };
        c.evidence.push(EvidenceCount {
            pathway: parse(&row.pathway, "pathway", Pathway::parse)?,
            evidence,
            in_period: row.in_period,
            workers_in_period: row.workers_in_period,
            by_end: row.by_end,
            workers_by_end: row.workers_by_end,
        });
    }
    for (_, answers, _) in &rows.plans {
        c.money.extend(plan_outcomes(answers));
    }
    Ok(c)
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

/// Member capital and finance in one final business plan: pledges (members times the amount
/// each) and the sources marked "Money received". A plan whose answers no longer read (made
/// under older questions) gives nothing rather than a guess.
pub(super) fn plan_outcomes(answers: &str) -> Vec<Outcome> {
    let Some(inputs) = serde_json::from_str(answers)
        .ok()
        .and_then(|v| crate::domain::finance::parse_inputs(&v).ok())
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let pledged = inputs
        .pledge_each
        .saturating_mul(i64::from(inputs.members_pledged));
    if pledged > 0 {
        out.push(Outcome::CapitalPledged(pledged));
    }
    for source in &inputs.sources {
        if source.status != SourceStatus::Drawn || source.amount <= 0 {
            continue;
        }
        if is_member_capital(source.kind) {
            out.push(Outcome::CapitalRaised(source.amount));
        } else {
            out.push(Outcome::FinanceRaised(source.kind, source.amount));
        }
    }
    out
}

/// A date answer (`"2027-01-15"` as JSON) as the UTC instant of that UK day's noon.
pub(super) fn answer_date(value: &str) -> Option<i64> {
    let text: String = serde_json::from_str(value).ok()?;
    let day = NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok()?;
    london::to_utc(day.and_hms_opt(12, 0, 0)?).ok()
}

/// A stage's title in its pathway, or its key when the library no longer has it.
fn stage_title(env: &Env<'_>, pathway: &str, key: &str) -> String {
    env.library
        .stage(pathway, key)
        .map_or_else(|| key.to_string(), |s| s.title.clone())
}

/// The same, for a case by id, given each case's pathway.
pub(super) fn stage_title_in(
    env: &Env<'_>,
    pathways: &HashMap<i64, &str>,
    case_id: i64,
    key: &str,
) -> String {
    pathways
        .get(&case_id)
        .map_or_else(|| key.to_string(), |pathway| stage_title(env, pathway, key))
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
