//! Who is entitled to attend and vote, and who came.

use serde_json::json;

use super::super::auth::Actor;
use super::super::cases::open_with;
use super::super::Env;
use super::{clean, load};
use crate::db::begin_case_write;
use crate::db::repo::{self, member_meetings as rm};
use crate::domain::access::Need;
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::CaseId;
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

/// Records who came: each attendee's attendance as posted (`a<id>` = a stored value).
pub async fn record_attendance(
    env: &Env<'_>,
    actor: &Actor,
    case_id: CaseId,
    meeting_id: i64,
    marks: &[(i64, String)],
) -> AppResult<()> {
    use crate::domain::meetings::Attendance;
    let now = env.clock.now();
    let txn = begin_case_write(env.db(), case_id.get()).await?;
    let opened = open_with(&txn, actor, case_id, Need::Work).await?;
    let m = load(&txn, opened, meeting_id).await?;
    let mut present = 0;
    for (attendee_id, value) in marks {
        let Some(attendance) = Attendance::parse(value) else {
            return Err(AppError::BadRequest("unknown attendance"));
        };
        if !m.attendees.iter().any(|a| a.id == *attendee_id) {
            return Err(AppError::NotFound);
        }
        if attendance == Attendance::Present {
            present += 1;
        }
        rm::set_attendance(
            &txn,
            meeting_id,
            *attendee_id,
            attendance.as_str(),
            actor.id,
            now,
        )
        .await?;
    }
    repo::events::record(
        &txn,
        case_id.get(),
        Some(actor.id),
        "meeting_attendance_recorded",
        &format!(
            "{} recorded attendance at the {}: {present} present",
            actor.name,
            m.kind.label().to_lowercase()
        ),
        &json!({ "meeting_id": meeting_id, "present": present }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
