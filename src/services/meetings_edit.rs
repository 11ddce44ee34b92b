//! Changing a meeting's details (date, time, place, link, chair, title) and taking a
//! resolution off its agenda. Before the notice goes out, a change is simply saved. After, it
//! is saved too, but the notice already sent now gives the old details: the meeting is marked
//! as needing a new notice, which the page says, and the clear days count from the new one.
//! Once the ballot is set up or a count recorded, nothing changes.

use serde_json::json;

use super::super::auth::Actor;
use super::super::cases::open_with;
use super::super::Env;
use super::{check_form, clean, ensure_may_meet, load, terms_with, MeetingForm, NotScheduled};
use crate::db::begin_case_write;
use crate::db::repo::{self, member_meetings as rm};
use crate::domain::access::Need;
use crate::domain::ids::CaseId;
use crate::domain::meetings::notice;
use crate::error::{AppError, AppResult};

/// What a change did.
pub struct Changed {
    /// The notice had gone out: a new one is needed.
    pub new_notice_needed: bool,
}

fn ensure_not_held(m: &super::Meeting) -> AppResult<()> {
    let counted = m.resolutions.iter().any(|r| r.room_recorded_at.is_some());
    if m.meeting.ballot_opens_at.is_some() || counted || m.meeting.minutes_document_id.is_some() {
        return Err(AppError::Conflict(
            "The voting has started (a ballot is set up or a count recorded), so this meeting's details can no longer change. Schedule another meeting instead.".into(),
        ));
    }
    Ok(())
}

/// Saves new details for a meeting. The kind stays as it was. A date too soon for some ways
/// of giving notice is refused unless the person keeps it knowingly, as when scheduling.
pub async fn update(
    env: &Env<'_>,
    actor: &Actor,
    case_id: CaseId,
    meeting_id: i64,
    form: &MeetingForm,
) -> AppResult<Result<Changed, NotScheduled>> {
    let now = env.clock.now();
    let txn = begin_case_write(env.db(), case_id.get()).await?;
    let opened = open_with(&txn, actor, case_id, Need::Work).await?;
    if let Err(refused) = ensure_may_meet(&opened) {
        return Ok(Err(refused));
    }
    let m = load(&txn, opened, meeting_id).await?;
    ensure_not_held(&m)?;
    let form = MeetingForm {
        kind: m.kind.as_str().to_string(),
        ..form.clone()
    };
    let today = env.clock.today();
    let (mut errors, _, date) = check_form(&form, today);
    let mut too_soon = None;
    if let (Some(date), true) = (date, errors.is_empty()) {
        if m.kind.follows_the_rules() && !form.keep_date {
            let terms = terms_with(&txn, case_id).await?;
            let plan = notice::plan(date, terms.notice_clear_days, today, env.library.holidays());
            if let Some(plan) = plan.filter(|p| p.warning.is_some()) {
                errors.add("date", plan.warning.clone().unwrap_or_default());
                too_soon = Some(plan);
            }
        }
    }
    let (Some(date), true) = (date, errors.is_empty()) else {
        return Ok(Err(NotScheduled { errors, too_soon }));
    };
    let before = m.meeting.clone();
    let mut row = m.meeting.clone();
    row.title = match clean(&form.title) {
        t if t.is_empty() => m.kind.label().to_string(),
        t => t,
    };
    row.meeting_date = date.format("%Y-%m-%d").to_string();
    row.start_time = form.time.trim().to_string();
    row.place = form.place.trim().to_string();
    row.online_link = form.online_link.trim().to_string();
    row.chair = clean(&form.chair);
    let same = (
        &row.title,
        &row.meeting_date,
        &row.start_time,
        &row.place,
        &row.online_link,
        &row.chair,
    ) == (
        &before.title,
        &before.meeting_date,
        &before.start_time,
        &before.place,
        &before.online_link,
        &before.chair,
    );
    if same {
        return Ok(Ok(Changed {
            new_notice_needed: false,
        }));
    }
    let new_notice_needed = before.notice_sent_on.is_some();
    if new_notice_needed {
        // The notice sent stays in the library as it was; the meeting needs a new one.
        row.notice_sent_on = None;
        row.notice_method = None;
        row.notice_recipients = None;
        row.notice_document_id = None;
    }
    rm::save(&txn, row.clone()).await?;
    let after_notice = if new_notice_needed {
        ", after the notice had gone out: a new notice is needed"
    } else {
        ""
    };
    repo::events::record(
        &txn,
        case_id.get(),
        Some(actor.id),
        "meeting_changed",
        &format!(
            "{} changed the {} (now {} at {}){after_notice}",
            actor.name,
            m.kind.label().to_lowercase(),
            row.meeting_date,
            row.start_time
        ),
        &json!({ "meeting_id": meeting_id,
                 "before": { "date": before.meeting_date, "time": before.start_time, "place": before.place, "online_link": before.online_link, "chair": before.chair, "title": before.title },
                 "after": { "date": row.meeting_date, "time": row.start_time, "place": row.place, "online_link": row.online_link, "chair": row.chair, "title": row.title },
                 "new_notice_needed": new_notice_needed, "kept_short_notice_date": form.keep_date }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(Changed { new_notice_needed }))
}

/// Takes a resolution off the agenda, before the notice goes out (after it, members have
/// been told of it: a change of business needs a new notice, so it is refused).
pub async fn remove_resolution(
    env: &Env<'_>,
    actor: &Actor,
    case_id: CaseId,
    meeting_id: i64,
    resolution_id: i64,
) -> AppResult<()> {
    let now = env.clock.now();
    let txn = begin_case_write(env.db(), case_id.get()).await?;
    let opened = open_with(&txn, actor, case_id, Need::Work).await?;
    let m = load(&txn, opened, meeting_id).await?;
    ensure_not_held(&m)?;
    let r = m
        .resolutions
        .iter()
        .find(|r| r.id == resolution_id)
        .ok_or(AppError::NotFound)?;
    if m.meeting.notice_sent_on.is_some() {
        return Err(AppError::Conflict(
            "The notice has gone out with this resolution in it, so it stays on the agenda. Members can vote it down, or change the meeting and send a new notice.".into(),
        ));
    }
    rm::delete_resolution(&txn, meeting_id, resolution_id).await?;
    if m.meeting.notice_document_id.is_some() {
        // The notice made from the old agenda must be made again before it is sent.
        let mut row = m.meeting.clone();
        row.notice_document_id = None;
        rm::save(&txn, row).await?;
    }
    repo::events::record(
        &txn,
        case_id.get(),
        Some(actor.id),
        "resolution_removed",
        &format!(
            "{} took resolution {} off the agenda of the {}: \"{}\"",
            actor.name,
            r.position,
            m.kind.label().to_lowercase(),
            r.text
        ),
        &json!({ "meeting_id": meeting_id, "resolution_id": resolution_id, "text": r.text }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
