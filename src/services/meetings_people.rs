//! Who is entitled to attend and vote, and who came.

use serde_json::json;

use super::super::auth::Actor;
use super::super::cases::open_with;
use super::super::Env;
use super::{clean, load};
use crate::db::begin_case_write;
use crate::db::repo::{self, meeting_records as records, member_meetings as rm};
use crate::domain::access::Need;
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::CaseId;
use crate::domain::meetings::Attendance;
use crate::domain::rules::options::Proxies;
use crate::error::{AppError, AppResult};

/// Changes whether someone is entitled to attend and vote; the reason is required and kept.
/// Refused once the ballot has opened: the electorate is fixed from then on.
pub async fn set_entitlement(
    env: &Env<'_>,
    actor: &Actor,
    case_id: CaseId,
    meeting_id: i64,
    attendee_id: i64,
    entitled: bool,
    reason: &str,
) -> AppResult<Result<(), FieldErrors>> {
    // Who may do it first, so a worker is refused (403) whatever they typed.
    super::super::cases::open(env, actor, case_id, Need::Work).await?;
    let reason = clean(reason);
    if reason.is_empty() || reason.chars().count() > 300 {
        let mut errors = FieldErrors::new();
        errors.add(
            "reason",
            "Say why, in 300 characters or fewer: the reason is kept with the list",
        );
        return Ok(Err(errors));
    }
    let now = env.clock.now();
    let txn = begin_case_write(env.db(), case_id.get()).await?;
    let opened = open_with(&txn, actor, case_id, Need::Work).await?;
    let m = load(&txn, opened, meeting_id).await?;
    if m.meeting.ballot_opens_at.is_some_and(|t| t <= now) {
        return Err(AppError::Conflict(
            "The ballot has opened, so the list of members entitled to vote can no longer change."
                .into(),
        ));
    }
    let person = m
        .attendees
        .iter()
        .find(|a| a.id == attendee_id)
        .ok_or(AppError::NotFound)?;
    rm::set_entitled(
        &txn,
        meeting_id,
        attendee_id,
        entitled,
        &reason,
        actor.id,
        now,
    )
    .await?;
    repo::events::record(
        &txn,
        case_id.get(),
        Some(actor.id),
        "meeting_entitlement_changed",
        &format!(
            "{} {} {} {} the list entitled to vote at the {}: {reason}",
            actor.name,
            if entitled { "added" } else { "took" },
            person.name,
            if entitled { "to" } else { "off" },
            m.kind.label().to_lowercase()
        ),
        &json!({ "meeting_id": meeting_id, "attendee_id": attendee_id, "entitled": entitled, "reason": reason }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(()))
}

/// One member's attendance as posted: the value and, for a proxy, who holds it.
#[derive(Debug, Clone, Default)]
pub struct AttendanceMark {
    pub attendee_id: i64,
    pub attendance: String,
    pub proxy_holder: String,
}

/// Checks a whole attendance list against the rules on proxies; messages by field (`a<id>`
/// for a person's attendance, `p<id>` for who holds their proxy).
fn check_attendance(m: &super::Meeting, marks: &[AttendanceMark]) -> AppResult<FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut held: std::collections::BTreeMap<String, u32> = Default::default();
    for mark in marks {
        if !m.attendees.iter().any(|a| a.id == mark.attendee_id) {
            return Err(AppError::NotFound);
        }
        let (a_field, p_field) = (
            format!("a{}", mark.attendee_id),
            format!("p{}", mark.attendee_id),
        );
        match Attendance::parse(mark.attendance.trim()) {
            None => errors.add(&a_field, "Choose present, proxy, apologies or absent"),
            Some(Attendance::Proxy) => {
                let holder = clean(&mark.proxy_holder);
                if m.terms.proxies == Proxies::None {
                    errors.add(
                        &a_field,
                        "The rules do not allow proxies: members vote in person",
                    );
                } else if holder.is_empty() {
                    errors.add(&p_field, "Say who holds the proxy");
                } else if holder.chars().count() > 200 {
                    errors.add(&p_field, "Use 200 characters or fewer");
                } else {
                    let n = held.entry(holder.to_lowercase()).or_default();
                    *n += 1;
                    if m.terms.proxies == Proxies::Capped && *n > m.terms.proxy_cap {
                        errors.add(
                            &p_field,
                            format!(
                                "{holder} would hold more than {} proxies: the rules allow at most {}",
                                m.terms.proxy_cap, m.terms.proxy_cap
                            ),
                        );
                    }
                }
            }
            Some(_) => {}
        }
    }
    Ok(errors)
}

/// Records who came, in person or by proxy, or sent apologies. Refused as a whole, with the
/// list kept as posted, when a proxy breaks the rules.
pub async fn record_attendance(
    env: &Env<'_>,
    actor: &Actor,
    case_id: CaseId,
    meeting_id: i64,
    marks: &[AttendanceMark],
) -> AppResult<Result<(), FieldErrors>> {
    let now = env.clock.now();
    let txn = begin_case_write(env.db(), case_id.get()).await?;
    let opened = open_with(&txn, actor, case_id, Need::Work).await?;
    let m = load(&txn, opened, meeting_id).await?;
    let errors = check_attendance(&m, marks)?;
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let mut counts = std::collections::BTreeMap::<&'static str, u32>::new();
    for mark in marks {
        let attendance =
            Attendance::parse(mark.attendance.trim()).unwrap_or(Attendance::NotRecorded);
        *counts.entry(attendance.as_str()).or_default() += 1;
        let holder = if attendance == Attendance::Proxy {
            clean(&mark.proxy_holder)
        } else {
            String::new()
        };
        records::set_attendance(
            &txn,
            (meeting_id, mark.attendee_id),
            (attendance.as_str(), &holder),
            actor.id,
            now,
        )
        .await?;
    }
    let n = |k: &str| counts.get(k).copied().unwrap_or(0);
    repo::events::record(
        &txn,
        case_id.get(),
        Some(actor.id),
        "meeting_attendance_recorded",
        &format!(
            "{} recorded attendance at the {}: {} present, {} by proxy, {} sent apologies",
            actor.name,
            m.kind.label().to_lowercase(),
            n("present"),
            n("proxy"),
            n("apologies")
        ),
        &json!({ "meeting_id": meeting_id, "present": n("present"), "proxy": n("proxy"), "apologies": n("apologies"), "absent": n("absent") }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(()))
}
