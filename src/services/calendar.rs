//! Private calendar feeds: one secret address per person (revocable), carrying the meetings
//! of the cases they are on and, for reps and advising staff, the cases' dated deadlines.
//! Only the SHA-256 of the address's token is stored; making a new address revokes the old.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};
use serde_json::Value;

use super::auth::Actor;
use super::tokens::{hash_token, new_token};
use super::Env;
use crate::db::begin_write;
use crate::db::entities::cases;
use crate::db::repo::{self, calendar_feeds, member_meetings as rm};
use crate::domain::deadlines::compute_deadlines;
use crate::domain::meetings::ical::{calendar, Entry};
use crate::domain::meetings::uk_time::uk_to_utc;
use crate::domain::meetings::MeetingKind;
use crate::domain::pathways::effective_answers;
use crate::error::{AppError, AppResult};

/// Whether the person has a live address (the address itself is shown only when made).
pub async fn has_feed(env: &Env<'_>, actor: &Actor) -> AppResult<bool> {
    Ok(calendar_feeds::has_live(env.db(), actor.id).await?)
}

/// Makes a new secret address, revoking any earlier one; returns the token for the link.
pub async fn new_feed(env: &Env<'_>, actor: &Actor) -> AppResult<String> {
    let token = new_token();
    let now = env.clock.now();
    let txn = begin_write(env.db()).await?;
    calendar_feeds::revoke_all(&txn, actor.id, now).await?;
    calendar_feeds::insert(&txn, actor.id, &hash_token(&token), now).await?;
    txn.commit().await?;
    Ok(token)
}

pub async fn revoke(env: &Env<'_>, actor: &Actor) -> AppResult<()> {
    let txn = begin_write(env.db()).await?;
    calendar_feeds::revoke_all(&txn, actor.id, env.clock.now()).await?;
    txn.commit().await?;
    Ok(())
}

/// The settings of the rules that deadlines count with (as the deadline panel merges them).
const RULES_KEYS: [&str; 2] = ["gm_notice_clear_days", "expulsion_notice_days"];

async fn dated_deadlines(env: &Env<'_>, case: &cases::Model, base: &str) -> AppResult<Vec<Entry>> {
    let db = env.db();
    let state = super::pathways::load(db, env.library, case).await?;
    let mut answers = state.answers.clone();
    if let Some(rules) = repo::documents::answers(db, case.id, "rules").await? {
        let rules: BTreeMap<String, Value> =
            serde_json::from_str(&rules.answers).unwrap_or_default();
        for key in RULES_KEYS {
            let n = rules
                .get(key)
                .and_then(|v| v.as_i64().or_else(|| v.as_str()?.trim().parse().ok()));
            if let Some(n) = n {
                answers.entry(key.to_string()).or_insert(Value::from(n));
            }
        }
    }
    let today = env.clock.today();
    Ok(compute_deadlines(
        &effective_answers(env.library, &answers),
        env.library.holidays(),
        today,
    )
    .into_iter()
    .filter_map(|d| {
        let date = d.date?;
        Some(Entry::Deadline {
            uid: format!("deadline-{}-{}@coopkit", case.id, d.id),
            date,
            summary: format!("{}: {}", case.name, d.title),
            description: format!("{} ({})", d.explanation, d.rule),
            url: format!("{base}/cases/{}/deadlines", case.id),
        })
    })
    .collect())
}

/// The feed of the person a token belongs to; `NotFound` for an unknown or revoked token.
pub async fn feed(env: &Env<'_>, token: &str, base: &str) -> AppResult<String> {
    let db = env.db();
    let user_id = calendar_feeds::user_of(db, &hash_token(token))
        .await?
        .ok_or(AppError::NotFound)?;
    let user = repo::users::find(db, user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if user.disabled {
        return Err(AppError::NotFound);
    }
    let account = crate::domain::user::Role::parse(&user.role)
        .ok_or_else(|| AppError::Internal(format!("unknown account role {:?}", user.role)))?;
    let centre = crate::domain::access::require_centre(account).is_ok();
    let mut cases_on: Vec<(cases::Model, bool)> = Vec::new();
    for case in calendar_feeds::cases_of_person(db, user_id).await? {
        let works = centre
            || repo::cases::membership(db, case.id, user_id)
                .await?
                .as_deref()
                == Some("rep");
        cases_on.push((case, works));
    }
    let mut entries = Vec::new();
    for (case, works) in &cases_on {
        for m in rm::for_case(db, case.id).await? {
            let listed = rm::attendees(db, m.id)
                .await?
                .iter()
                .any(|a| a.user_id == Some(user_id));
            if !(*works || listed) {
                continue;
            }
            let (Ok(date), Ok(time)) = (
                NaiveDate::parse_from_str(&m.meeting_date, "%Y-%m-%d"),
                NaiveTime::parse_from_str(&m.start_time, "%H:%M"),
            ) else {
                continue;
            };
            let kind = MeetingKind::parse(&m.kind).map_or("Meeting", |k| k.label());
            entries.push(Entry::Meeting {
                uid: format!("meeting-{}@coopkit", m.id),
                starts_at: uk_to_utc(date, time),
                summary: format!("{kind}: {}", case.name),
                location: [m.place.as_str(), m.online_link.as_str()]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(", "),
                description: m.title.clone(),
                url: format!("{base}/cases/{}/meetings/{}", case.id, m.id),
            });
        }
        if *works {
            entries.extend(dated_deadlines(env, case, base).await?);
        }
    }
    Ok(calendar(
        &format!("coopkit: {}", user.name),
        &entries,
        env.clock.now(),
    ))
}
