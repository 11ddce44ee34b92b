//! The deadline panel: every legal deadline worked out from the case's answers, with the law
//! that sets it, its date and the days left.

use crate::web::templates::Template;
use chrono::NaiveDate;
use rocket::{get, routes, Route};
use serde::Serialize;

use super::case_header::CaseHeader;
use super::page::PageContext;
use crate::domain::calendar::long_date;
use crate::domain::deadlines::compute_deadlines;
use crate::domain::ids::CaseId;
use crate::domain::money::format_pounds;
use crate::domain::pathways::{effective_answers, Answers, PathwayLibrary};
use crate::error::AppResult;
use crate::services::{auth::Actor, case_page, Env};

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
async fn panel(env: Env<'_>, actor: &Actor, id: CaseId) -> AppResult<Template> {
    let (opened, answers) = case_page::deadline_answers(&env, actor, id).await?;
    let today = env.clock.today();
    let view = PanelView {
        header: CaseHeader::of(&opened, "/deadlines"),
        today: long_date(today),
        deadlines: deadline_views(env.library, &answers, today),
    };
    Ok(PageContext::for_actor(actor, None).render("cases/deadlines", "Deadlines", view))
}
