//! The part of a demonstration case's history the impact report counts: when its current stage
//! was started, when it ended (completed or withdrawn), and the dates a completed case
//! evidenced (registration, then trading). Worked out from the case's own dates rather than
//! drawn from the random generator, so the rest of the demonstration data stays as it was.

use sea_orm::sea_query::SimpleExpr;
use serde_json::json;

use crate::domain::case::Pathway;
use crate::domain::events::london;

const DAY: i64 = 24 * 60 * 60;

/// One demonstration case, as far as its history needs.
pub(super) struct Case<'a> {
    pub id: i64,
    pub rep: i64,
    pub pathway: Pathway,
    pub status: &'a str,
    pub stage: &'a str,
    pub created: i64,
    pub updated: i64,
}

/// `case_events` rows (case_id, actor_id, kind, summary, data, created_at).
pub(super) fn events(c: &Case) -> Vec<Vec<SimpleExpr>> {
    let mut rows = vec![row(
        c,
        "stage_started",
        "Stage started",
        json!({ "stage": c.stage }),
        c.created + (c.updated - c.created) / 2,
    )];
    if matches!(c.status, "completed" | "withdrawn") {
        rows.push(row(
            c,
            "status_changed",
            "Status changed",
            json!({ "from": "active", "to": c.status, "reason": "" }),
            c.updated,
        ));
    }
    rows
}

fn row(c: &Case, kind: &str, summary: &str, data: serde_json::Value, at: i64) -> Vec<SimpleExpr> {
    vec![
        c.id.into(),
        c.rep.into(),
        kind.into(),
        summary.into(),
        data.to_string().into(),
        at.into(),
    ]
}

/// `case_answers` rows (case_id, question_key, value, version, updated_by, updated_at): a
/// completed case registered up to two months before it closed; a buyout or start-up started
/// trading up to six weeks after registering.
pub(super) fn outcome_answers(c: &Case) -> Vec<Vec<SimpleExpr>> {
    if c.status != "completed" {
        return Vec::new();
    }
    let registered = london::to_local(c.updated - (c.id % 60) * DAY).date();
    let mut dates = vec![("registered", registered)];
    if c.pathway != Pathway::Freelancer {
        dates.push((
            "trading_start",
            registered + chrono::Duration::days(c.id % 45),
        ));
    }
    dates
        .into_iter()
        .map(|(key, day)| {
            vec![
                c.id.into(),
                key.into(),
                json!(day.format("%Y-%m-%d").to_string()).to_string().into(),
                1i64.into(),
                c.rep.into(),
                c.updated.into(),
            ]
        })
        .collect()
}
