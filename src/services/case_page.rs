//! What the case page and the deadline panel read: a case's stages, its latest events and the
//! answers its legal deadlines are worked out from.

use serde_json::Value;

use super::auth::Actor;
use super::cases::{self, OpenCase};
use super::pathways::{self, CaseState};
use super::render::Kind;
use super::Env;
use crate::db::entities::case_events;
use crate::db::repo;
use crate::domain::access::{self, Need};
use crate::domain::ids::CaseId;
use crate::domain::pathways::Answers;
use crate::error::AppResult;

/// The settings of the case's draft rules that deadlines count with: the rules, not the
/// pathway answers, say how many days' notice members get.
const RULES_KEYS: [&str; 2] = ["gm_notice_clear_days", "expulsion_notice_days"];

/// Everything the case page shows.
pub struct Overview {
    pub opened: OpenCase,
    pub state: CaseState,
    /// The latest events, newest first.
    pub recent: Vec<case_events::Model>,
    /// The answers deadlines are worked out from; `None` for someone who does not see the
    /// deadlines (a worker).
    pub deadline_answers: Option<Answers>,
}

/// The case page of a case, for anyone on it.
pub async fn overview(
    env: &Env<'_>,
    actor: &Actor,
    id: CaseId,
    recent: usize,
) -> AppResult<Overview> {
    let opened = cases::open(env, actor, id, Need::Follow).await?;
    let state = pathways::state(env, &opened).await?;
    let mut events = repo::events::for_case(env.db(), id.get()).await?;
    events.reverse();
    events.truncate(recent);
    let deadline_answers = if access::sees_deadlines(opened.role) {
        Some(with_rules(env, id, &state.answers).await?)
    } else {
        None
    };
    Ok(Overview {
        opened,
        state,
        recent: events,
        deadline_answers,
    })
}

/// The deadline panel's case and answers: the centre's and reps' (workers may not, 403).
pub async fn deadline_answers(
    env: &Env<'_>,
    actor: &Actor,
    id: CaseId,
) -> AppResult<(OpenCase, Answers)> {
    let opened = cases::open(env, actor, id, Need::Work).await?;
    let state = pathways::state(env, &opened).await?;
    let answers = with_rules(env, id, &state.answers).await?;
    Ok((opened, answers))
}

/// The case's answers plus the notice periods saved in its rules answers, if any.
async fn with_rules(env: &Env<'_>, id: CaseId, answers: &Answers) -> AppResult<Answers> {
    let (rules, _) = super::documents::answers(env.db(), id.get(), Kind::Rules).await?;
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
