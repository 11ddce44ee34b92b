//! The deadline panel: every legal deadline worked out from the case's answers, with the law
//! that sets it, its date and the days left.

use chrono::NaiveDate;
use rocket::{get, routes, Route, State};
use rocket_dyn_templates::Template;
use sea_orm::DatabaseConnection;
use serde::Serialize;
use serde_json::Value;

use super::case_header::CaseHeader;
use super::page::PageContext;
use crate::clock::Clock;
use crate::domain::calendar::long_date;
use crate::domain::deadlines::compute_deadlines;
use crate::domain::money::format_pounds;
use crate::domain::pathways::{effective_answers, Answers, PathwayLibrary};
use crate::error::{AppError, AppResult};
use crate::services::pathways as svc;
use crate::services::render::Kind;
use crate::services::{self, auth::Actor, cases::Access};

pub fn routes() -> Vec<Route> {
    routes![panel]
}

#[derive(Serialize)]
pub struct DeadlineView {
    pub id: &'static str,
    pub title: &'static str,
    pub explanation: String,
    pub rule: &'static str,
    pub date: String,
    pub amount: String,
    pub days_remaining: Option<i64>,
    /// "in 12 days", "today", "3 days ago".
    pub remaining: String,
    pub overdue: bool,
    pub note: String,
    /// For a notice: each way of giving it, with its own date.
    pub by_method: Vec<MethodView>,
}

#[derive(Serialize)]
pub struct MethodView {
    pub method: &'static str,
    pub date: String,
    pub note: String,
}

/// The settings of the case's draft rules that deadlines count with: the rules, not the
/// pathway answers, say how many days' notice members get.
const RULES_KEYS: [&str; 2] = ["gm_notice_clear_days", "expulsion_notice_days"];

/// The case's answers plus the notice periods saved in its rules answers, if any.
pub async fn answers_with_rules(
    db: &DatabaseConnection,
    case_id: i64,
    answers: &Answers,
) -> AppResult<Answers> {
    let (rules, _) = services::documents::answers(db, case_id, Kind::Rules).await?;
    let mut merged = answers.clone();
    for key in RULES_KEYS {
        // Form answers arrive as text ("21"); the deadline rules read whole numbers.
        let number = rules.get(key).and_then(|v| match v {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        });
        if let Some(n) = number {
            merged.entry(key.to_string()).or_insert(Value::from(n));
        }
    }
    Ok(merged)
}

/// The deadlines of a case's answers as of `today`, earliest first.
pub fn deadline_views(
    lib: &PathwayLibrary,
    answers: &Answers,
    today: NaiveDate,
) -> Vec<DeadlineView> {
    compute_deadlines(&effective_answers(lib, answers), lib.holidays(), today)
        .into_iter()
        .map(|d| DeadlineView {
            id: d.id,
            title: d.title,
            explanation: d.explanation,
            rule: d.rule,
            date: d.date.map(long_date).unwrap_or_default(),
            amount: d.amount_pence.map(format_pounds).unwrap_or_default(),
            days_remaining: d.days_remaining,
            remaining: d.days_remaining.map(remaining).unwrap_or_default(),
            overdue: d.days_remaining.is_some_and(|n| n < 0),
            note: d.note,
            by_method: d
                .by_method
                .into_iter()
                .map(|m| MethodView {
                    method: m.method,
                    date: long_date(m.date),
                    note: m.note,
                })
                .collect(),
        })
        .collect()
}

fn remaining(days: i64) -> String {
    match days {
        0 => "today".into(),
        1 => "tomorrow, 1 day left".into(),
        n if n > 1 => format!("{n} days left"),
        -1 => "passed yesterday, 1 day overdue".into(),
        n => format!("passed {} days ago, overdue", -n),
    }
}

#[derive(Serialize)]
struct PanelView {
    header: CaseHeader,
    today: String,
    deadlines: Vec<DeadlineView>,
}

#[get("/cases/<id>/deadlines")]
async fn panel(
    actor: &Actor,
    id: i64,
    db: &State<DatabaseConnection>,
    lib: &State<PathwayLibrary>,
    clock: &State<Clock>,
) -> AppResult<Template> {
    let (case, access) = services::cases::find_visible(db, actor, id).await?;
    if access == Access::Worker {
        return Err(AppError::Forbidden(
            "the deadline panel is for reps and the Centre",
        ));
    }
    let state = svc::load(db.inner(), lib, &case).await?;
    let answers = answers_with_rules(db.inner(), case.id, &state.answers).await?;
    let view = PanelView {
        header: CaseHeader::new(&case, access, "/deadlines"),
        today: long_date(clock.today()),
        deadlines: deadline_views(lib, &answers, clock.today()),
    };
    Ok(PageContext::for_actor(actor, None).render("cases/deadlines", "Deadlines", view))
}
