//! Members' meetings (issue 14): scheduling one with its notice worked out from the rules,
//! who is entitled to attend, its resolutions, and the count taken in the room.
//!
//! Staff and the case's reps schedule and record (`Need::Work`); everyone on the case can
//! see a meeting (`Need::Follow`). The ballot is in `ballots`, the documents in
//! `meeting_docs`. Every change writes the case's event log in its own transaction.

use chrono::{NaiveDate, NaiveTime};
use serde_json::json;

use super::auth::Actor;
use super::cases::{open, OpenCase};
use super::Env;
use crate::db::begin_case_write;
use crate::db::entities::{meeting_attendees, meetings, resolutions};
use crate::db::repo::{self, member_meetings as rm};
use crate::domain::access::Need;
use crate::domain::case::CaseStatus;
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::CaseId;
use crate::domain::meetings::notice::{self, NoticePlan};
use crate::domain::meetings::{MeetingKind, MeetingTerms, TermsSource};
use crate::domain::pathways::day_month_year;
use crate::domain::rules::options::read_answers_leniently;
use crate::error::{AppError, AppResult};

#[path = "meetings_resolutions.rs"]
mod resolutions_input;
pub use resolutions_input::{add_resolution, record_count, ResolutionForm, RoomCountForm};

#[path = "meetings_edit.rs"]
mod edit;
pub use edit::{remove_resolution, update, Changed};

#[path = "meetings_people.rs"]
mod people;
pub use people::{record_attendance, set_entitlement, AttendanceMark};

/// The scheduling form, as typed.
#[derive(Debug, Clone, Default)]
pub struct MeetingForm {
    pub kind: String,
    pub title: String,
    /// The date as typed: day, month and year, like the rest of coopkit.
    pub day: String,
    pub month: String,
    pub year: String,
    pub time: String,
    pub place: String,
    pub online_link: String,
    pub chair: String,
    /// The person saw that the date is too soon for some ways of giving notice and keeps it.
    pub keep_date: bool,
}

/// Why a meeting was not scheduled: the messages by field, and the notice plan when the date
/// is too soon (so the page can show each way's last day beside the warning).
pub struct NotScheduled {
    pub errors: FieldErrors,
    pub too_soon: Option<NoticePlan>,
}

/// The numbers that govern a case's general meetings, from the rules the case adopted (the
/// latest final version) or, before that, the latest draft, or the answers saved so far.
pub async fn terms(env: &Env<'_>, case_id: CaseId) -> AppResult<MeetingTerms> {
    terms_with(env.db(), case_id).await
}

pub(in crate::services) async fn terms_with(
    db: &impl sea_orm::ConnectionTrait,
    case_id: CaseId,
) -> AppResult<MeetingTerms> {
    let versions = repo::documents::list(db, case_id.get()).await?;
    let rules: Vec<_> = versions.iter().filter(|d| d.kind == "rules").collect();
    let chosen = rules
        .iter()
        .filter(|d| !d.draft)
        .max_by_key(|d| d.version)
        .or_else(|| rules.iter().max_by_key(|d| d.version));
    if let Some(row) = chosen {
        if let Some(doc) = repo::documents::find(db, case_id.get(), row.id).await? {
            let answers = serde_json::from_str(&doc.answers).unwrap_or_default();
            if let Some(options) = read_answers_leniently(&answers) {
                let source = if doc.draft {
                    TermsSource::Draft {
                        version: doc.version,
                    }
                } else {
                    TermsSource::Adopted {
                        version: doc.version,
                    }
                };
                return Ok(MeetingTerms::from_rules(&options, source));
            }
        }
    }
    if let Some(saved) = repo::documents::answers(db, case_id.get(), "rules").await? {
        let answers = serde_json::from_str(&saved.answers).unwrap_or_default();
        if let Some(options) = read_answers_leniently(&answers) {
            return Ok(MeetingTerms::from_rules(&options, TermsSource::Answers));
        }
    }
    Ok(MeetingTerms::model_defaults())
}

fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks the form; the date and time are returned parsed when they can be.
fn check_form(
    form: &MeetingForm,
    today: NaiveDate,
) -> (FieldErrors, Option<MeetingKind>, Option<NaiveDate>) {
    let mut errors = FieldErrors::new();
    let kind = MeetingKind::parse(form.kind.trim());
    if kind.is_none() {
        errors.add("kind", "Choose what kind of meeting it is");
    }
    if clean(&form.title).chars().count() > 200 {
        errors.add("title", "Use 200 characters or fewer");
    }
    let date = match day_month_year(
        "The date of the meeting",
        &form.day,
        &form.month,
        &form.year,
    ) {
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            errors.add(
                "date",
                "Enter the date of the meeting, for example 27 3 2027",
            );
            None
        }
        Err(message) => {
            errors.add("date", message);
            None
        }
    };
    if date.is_some_and(|d| d < today) {
        errors.add("date", "The date must be today or later");
    }
    if NaiveTime::parse_from_str(form.time.trim(), "%H:%M").is_err() {
        errors.add("time", "Enter the time the meeting starts, like 18:30");
    }
    if form.place.trim().is_empty() && form.online_link.trim().is_empty() {
        errors.add(
            "place",
            "Say where the meeting is, or give the link to join it online",
        );
    }
    let link = form.online_link.trim();
    if !(link.is_empty() || link.starts_with("https://") || link.starts_with("http://")) {
        errors.add("online_link", "Enter a full web address, starting https://");
    }
    for (field, text) in [
        ("place", &form.place),
        ("online_link", &form.online_link),
        ("chair", &form.chair),
    ] {
        if text.chars().count() > 500 {
            errors.add(field, "Use 500 characters or fewer");
        }
    }
    (errors, kind, date)
}

/// Schedules a meeting and lists who is entitled to attend: the members of the case (reps
/// and workers) and, for a founding meeting, the founders the rules name who have no account.
pub async fn schedule(
    env: &Env<'_>,
    actor: &Actor,
    case_id: CaseId,
    form: &MeetingForm,
) -> AppResult<Result<i64, NotScheduled>> {
    let opened = open(env, actor, case_id, Need::Work).await?;
    if let Err(refused) = ensure_may_meet(&opened) {
        return Ok(Err(refused));
    }
    let today = env.clock.today();
    let (mut errors, kind, date) = check_form(form, today);
    let mut too_soon = None;
    if let (Some(kind), Some(date), true) = (kind, date, errors.is_empty()) {
        if kind.follows_the_rules() && !form.keep_date {
            let terms = terms(env, case_id).await?;
            let plan = notice::plan(date, terms.notice_clear_days, today, env.library.holidays());
            if let Some(plan) = plan.filter(|p| p.warning.is_some()) {
                errors.add("date", plan.warning.clone().unwrap_or_default());
                too_soon = Some(plan);
            }
        }
    }
    let (Some(kind), Some(date), true) = (kind, date, errors.is_empty()) else {
        return Ok(Err(NotScheduled { errors, too_soon }));
    };
    let now = env.clock.now();
    let title = match clean(&form.title) {
        t if t.is_empty() => kind.label().to_string(),
        t => t,
    };
    let date_text = date.format("%Y-%m-%d").to_string();
    let txn = begin_case_write(env.db(), case_id.get()).await?;
    let meeting = rm::insert(
        &txn,
        rm::NewMeeting {
            case_id: case_id.get(),
            kind: kind.as_str(),
            title: &title,
            meeting_date: &date_text,
            start_time: form.time.trim(),
            place: form.place.trim(),
            online_link: form.online_link.trim(),
            chair: &clean(&form.chair),
            created_by: actor.id,
            now,
        },
    )
    .await?;
    let members = repo::centre::members(&txn, case_id.get()).await?;
    let mut names: Vec<String> = Vec::new();
    for (_, user) in &members {
        names.push(user.name.to_lowercase());
        rm::insert_attendee(
            &txn,
            rm::NewAttendee {
                meeting_id: meeting.id,
                user_id: Some(user.id),
                name: &user.name,
                entitled: true,
                reason: "",
                changed_by: None,
                now,
            },
        )
        .await?;
    }
    if kind == MeetingKind::Founding {
        for founder in founders(&txn, case_id).await? {
            if !names.contains(&founder.to_lowercase()) {
                rm::insert_attendee(
                    &txn,
                    rm::NewAttendee {
                        meeting_id: meeting.id,
                        user_id: None,
                        name: &founder,
                        entitled: true,
                        reason: "A founder named in the rules, with no account here",
                        changed_by: None,
                        now,
                    },
                )
                .await?;
            }
        }
    }
    repo::events::record(
        &txn,
        case_id.get(),
        Some(actor.id),
        "meeting_scheduled",
        &format!("{} scheduled a {} on {date_text} at {}", actor.name, kind.label().to_lowercase(), form.time.trim()),
        &json!({ "meeting_id": meeting.id, "kind": kind.as_str(), "date": date_text, "kept_short_notice_date": form.keep_date }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(meeting.id))
}

/// Whether meetings may be scheduled for the case now: not once it is withdrawn or completed.
pub fn may_meet(opened: &OpenCase) -> bool {
    !matches!(
        opened.case.status,
        CaseStatus::Withdrawn | CaseStatus::Completed
    )
}

/// Refuses with a sentence for the page when the case is withdrawn or completed.
fn ensure_may_meet(opened: &OpenCase) -> Result<(), NotScheduled> {
    if may_meet(opened) {
        return Ok(());
    }
    let mut errors = FieldErrors::new();
    errors.add(
        "kind",
        format!(
            "This case is {}, so no meeting can be scheduled for it. If the work starts again, Centre staff can make the case active first.",
            opened.case.status.label().to_lowercase()
        ),
    );
    Err(NotScheduled {
        errors,
        too_soon: None,
    })
}

/// The founders the rules name (the saved answers: they are who will found the co-op).
async fn founders(db: &impl sea_orm::ConnectionTrait, case_id: CaseId) -> AppResult<Vec<String>> {
    let Some(saved) = repo::documents::answers(db, case_id.get(), "rules").await? else {
        return Ok(Vec::new());
    };
    let answers = serde_json::from_str(&saved.answers).unwrap_or_default();
    Ok(read_answers_leniently(&answers)
        .map(|o| o.founders.into_iter().map(|f| f.name).collect())
        .unwrap_or_default())
}

/// A meeting of an open case, with everything its page shows.
pub struct Meeting {
    pub opened: OpenCase,
    pub meeting: meetings::Model,
    pub kind: MeetingKind,
    pub terms: MeetingTerms,
    pub attendees: Vec<meeting_attendees::Model>,
    pub resolutions: Vec<resolutions::Model>,
}

impl Meeting {
    pub fn date(&self) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(&self.meeting.meeting_date, "%Y-%m-%d").ok()
    }

    pub fn entitled_count(&self) -> u32 {
        u32::try_from(self.attendees.iter().filter(|a| a.entitled).count()).unwrap_or(u32::MAX)
    }

    /// The notice plan as of today; `None` for an informal meeting.
    pub fn notice_plan(&self, env: &Env<'_>) -> Option<NoticePlan> {
        if !self.kind.follows_the_rules() {
            return None;
        }
        notice::plan(
            self.date()?,
            self.terms.notice_clear_days,
            env.clock.today(),
            env.library.holidays(),
        )
    }

    /// Whether the actor is on the list of those entitled to vote.
    pub fn entitled(&self, actor: &Actor) -> bool {
        self.attendees
            .iter()
            .any(|a| a.entitled && a.user_id == Some(actor.id))
    }
}

/// Loads a meeting of the case; another case's meeting is `NotFound`.
pub async fn find(
    env: &Env<'_>,
    actor: &Actor,
    case_id: CaseId,
    meeting_id: i64,
    need: Need,
) -> AppResult<Meeting> {
    let opened = open(env, actor, case_id, need).await?;
    load(env.db(), opened, meeting_id).await
}

pub(in crate::services) async fn load(
    db: &impl sea_orm::ConnectionTrait,
    opened: OpenCase,
    meeting_id: i64,
) -> AppResult<Meeting> {
    let meeting = rm::find(db, opened.id().get(), meeting_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let kind = MeetingKind::parse(&meeting.kind)
        .ok_or_else(|| AppError::Internal(format!("unknown meeting kind {:?}", meeting.kind)))?;
    let terms = terms_with(db, opened.id()).await?;
    let attendees = rm::attendees(db, meeting.id).await?;
    let resolutions = rm::resolutions(db, meeting.id).await?;
    Ok(Meeting {
        opened,
        meeting,
        kind,
        terms,
        attendees,
        resolutions,
    })
}

/// The meetings of a case, soonest first.
pub async fn list(
    env: &Env<'_>,
    actor: &Actor,
    case_id: CaseId,
) -> AppResult<(OpenCase, Vec<meetings::Model>)> {
    let opened = open(env, actor, case_id, Need::Follow).await?;
    let meetings = rm::for_case(env.db(), case_id.get()).await?;
    Ok((opened, meetings))
}

/// A version of the rules or the business plan a resolution may approve.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Version {
    pub id: i64,
    pub kind: String,
    pub version: i32,
    pub draft: bool,
    pub hash: String,
}

/// The case's rules and business-plan versions, newest first, for the resolution form.
pub async fn approvable_versions(env: &Env<'_>, m: &Meeting) -> AppResult<Vec<Version>> {
    Ok(repo::documents::list(env.db(), m.opened.id().get())
        .await?
        .into_iter()
        .filter(|d| d.kind == "rules" || d.kind == "business_plan")
        .map(|d| Version {
            id: d.id,
            kind: d.kind,
            version: d.version,
            draft: d.draft,
            hash: d.content_hash,
        })
        .collect())
}
