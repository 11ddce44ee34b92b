//! The impact report's figures for one period, each counted in SQL: `COUNT`/`SUM` with
//! `GROUP BY` over indexed dates, reading the few columns a figure needs (migration 320 adds
//! the indexes). What comes back is raw database values (kinds, roles, stage keys as stored);
//! `services::impact` reads them into domain types and `domain::impact` turns them into the
//! report. The definitions are those of `domain::impact::measure`, which counts the same
//! figures in memory from every record and stays as the reference the tests hold these
//! queries to, on both backends.
//!
//! The two rules that need history, not just the period, are queries of their own:
//! - "first ever attendance": a person is new when they attended in the period and never
//!   before it (`NOT EXISTS` an earlier attendance of theirs);
//! - "once per case": a case's registration and trading start count on their first date
//!   (`MIN` per case and question), so a date typed again is never a second co-op.
//!
//! Dates: instants are UTC seconds, compared with the period's UK days as a half-open range
//! `[lo, hi)` (UK midnight to UK midnight). Outcome dates are date answers, stored as the JSON
//! text of a `YYYY-MM-DD` string (`domain::pathways::parse` writes them so), compared as text
//! with the period's first and last days.

use sea_orm::{ConnectionTrait, DbErr, QueryResult, Value};

use super::impact::PLAN_KIND;
use super::impact_sql::*;

/// A period as the queries use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bounds {
    /// UTC second of the first day's UK midnight.
    pub lo: i64,
    /// UTC second of the UK midnight after the last day: not in the period.
    pub hi: i64,
    /// First and last day, `YYYY-MM-DD`.
    pub from_day: String,
    pub to_day: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndedRow {
    pub status: String,
    pub pathway: String,
    pub stage: String,
    pub cases: i64,
    /// Of these, cases whose co-op was registered by the period's end.
    pub registered: i64,
    /// Of these, cases whose co-op had started trading by the period's end.
    pub trading: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeDateRow {
    pub pathway: String,
    pub question_key: String,
    /// Cases whose first date is in the period, and their workers.
    pub in_period: i64,
    pub workers_in_period: i64,
    /// Cases whose first date is on or before the period's last day, and their workers.
    pub by_end: i64,
    pub workers_by_end: i64,
}

/// One period's counts, as stored values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PeriodRows {
    /// Events held (first session in the period, not cancelled): kind, audience, events,
    /// places (capacity).
    pub events_held: Vec<(String, String, i64, i64)>,
    pub sessions_held: i64,
    /// Sign-ups on the events held: state, seats.
    pub places: Vec<(String, i64)>,
    /// Distinct (person, session) pairs present, distinct people, and their minutes.
    pub attendances: i64,
    pub people: i64,
    pub learning_minutes: i64,
    /// People present in the period who had never been present before it.
    pub new_people: i64,
    /// Distinct (role, organisation as typed) of the people present.
    pub organisations: Vec<(String, String)>,
    /// Feedback given: what next, forms, sum of the 1–5 answers.
    pub feedback: Vec<(String, i64, i64)>,
    pub readiness_checks: i64,
    /// Enquiries received: role, source (`event`, `readiness_check`, `enquiry_form`), count.
    pub enquiries: Vec<(String, String, i64)>,
    /// Enquiries decided: status, count.
    pub decided: Vec<(String, i64)>,
    /// Cases opened: pathway, trigger, count, of which from an event.
    pub opened: Vec<(String, String, i64, i64)>,
    pub cases_active: i64,
    /// Stages started: the case's pathway (if the case still exists), stage key, count.
    pub stages_started: Vec<(Option<String>, String, i64)>,
    pub gates_passed: i64,
    pub ended: Vec<EndedRow>,
    pub outcome_dates: Vec<OutcomeDateRow>,
    /// Each case's latest final business plan, when made in the period: case, answers, made.
    pub plans: Vec<(i64, String, i64)>,
}

/// Counts every figure of one period.
pub async fn period(db: &impl ConnectionTrait, b: &Bounds) -> Result<PeriodRows, DbErr> {
    let q = Sql(db.get_database_backend());
    let (lo, hi) = (Value::from(b.lo), Value::from(b.hi));
    let range = || vec![lo.clone(), hi.clone()];
    let mut r = PeriodRows::default();

    for row in q.all(db, &q.events_held(), range()).await? {
        r.events_held.push((
            text(&row, "kind")?,
            text(&row, "audience")?,
            int(&row, "n")?,
            int(&row, "places")?,
        ));
    }
    r.sessions_held = q.one(db, SESSIONS_HELD, range()).await?;
    for row in q.all(db, &q.places(), range()).await? {
        r.places.push((text(&row, "state")?, int(&row, "seats")?));
    }
    let present = || vec![lo.clone(), hi.clone(), Value::from(true)];
    let rows = q.all(db, &attendance(), present()).await?;
    if let Some(row) = rows.first() {
        r.attendances = int(row, "pairs")?;
        r.people = int(row, "people")?;
        r.learning_minutes = int(row, "minutes")?;
    }
    let mut first_time = present();
    first_time.extend([Value::from(true), lo.clone()]);
    r.new_people = q.one(db, &new_people(), first_time).await?;
    for row in q.all(db, &organisations(), present()).await? {
        r.organisations
            .push((text(&row, "role")?, text(&row, "organisation")?));
    }
    for row in q.all(db, FEEDBACK, range()).await? {
        r.feedback.push((
            text(&row, "what_next")?,
            int(&row, "n")?,
            int(&row, "useful")?,
        ));
    }
    let days = vec![
        Value::from(b.from_day.as_str()),
        Value::from(b.to_day.as_str()),
    ];
    r.readiness_checks = q.one(db, READINESS_CHECKS, days).await?;
    for row in q.all(db, ENQUIRIES, range()).await? {
        r.enquiries
            .push((text(&row, "role")?, text(&row, "source")?, int(&row, "n")?));
    }
    for row in q.all(db, DECIDED, range()).await? {
        r.decided.push((text(&row, "status")?, int(&row, "n")?));
    }
    for row in q.all(db, OPENED, range()).await? {
        r.opened.push((
            text(&row, "pathway")?,
            text(&row, "case_trigger")?,
            int(&row, "n")?,
            int(&row, "from_events")?,
        ));
    }
    cases(db, &q, b, &mut r).await?;
    Ok(r)
}

async fn cases(
    db: &impl ConnectionTrait,
    q: &Sql,
    b: &Bounds,
    r: &mut PeriodRows,
) -> Result<(), DbErr> {
    let (lo, hi) = (Value::from(b.lo), Value::from(b.hi));
    let to_day = || Value::from(b.to_day.as_str());
    // Active: opened by the period's end, less those that had ended before it began.
    let opened_by_end = q.one(db, OPENED_BY_END, vec![hi.clone()]).await?;
    let ended_before = q
        .one(db, &q.ended_before(), vec![hi.clone(), lo.clone()])
        .await?;
    r.cases_active = opened_by_end - ended_before;
    for row in q
        .all(db, &q.stages_started(), vec![lo.clone(), hi.clone()])
        .await?
    {
        r.stages_started.push((
            row.try_get::<Option<String>>("", "pathway")?,
            text(&row, "stage")?,
            int(&row, "n")?,
        ));
    }
    r.gates_passed = q
        .one(db, GATES_PASSED, vec![lo.clone(), hi.clone()])
        .await?;
    let values = vec![to_day(), to_day(), lo.clone(), hi.clone()];
    for row in q.all(db, &q.ended(), values).await? {
        r.ended.push(EndedRow {
            status: text(&row, "status")?,
            pathway: text(&row, "pathway")?,
            stage: text(&row, "stage")?,
            cases: int(&row, "n")?,
            registered: int(&row, "registered")?,
            trading: int(&row, "trading")?,
        });
    }
    let from_day = || Value::from(b.from_day.as_str());
    let values = vec![from_day(), from_day(), to_day()];
    for row in q.all(db, &q.outcome_dates(), values).await? {
        r.outcome_dates.push(OutcomeDateRow {
            pathway: text(&row, "pathway")?,
            question_key: text(&row, "question_key")?,
            in_period: int(&row, "in_period")?,
            workers_in_period: int(&row, "workers_in_period")?,
            by_end: int(&row, "by_end")?,
            workers_by_end: int(&row, "workers_by_end")?,
        });
    }
    let values = vec![Value::from(PLAN_KIND), Value::from(false), lo, hi];
    for row in q.all(db, LATEST_PLANS, values).await? {
        r.plans.push((
            int(&row, "case_id")?,
            text(&row, "answers")?,
            int(&row, "created_at")?,
        ));
    }
    Ok(())
}

pub(super) fn text(row: &QueryResult, col: &str) -> Result<String, DbErr> {
    row.try_get::<String>("", col)
}

/// Counts are BIGINT on both backends (sums are cast), but a bare column may be INTEGER.
pub(super) fn int(row: &QueryResult, col: &str) -> Result<i64, DbErr> {
    row.try_get::<i64>("", col)
        .or_else(|_| row.try_get::<i32>("", col).map(i64::from))
}
