//! Enquiries through the public front door, and the centre's inbox of them.
//!
//! Anyone may send one (with a honeypot, a per-address limit and size limits to keep spam
//! out); only centre staff read, answer and decide them. Accepting opens a case and invites the
//! enquirer to join it as its rep, through the same invitations as everyone else; declined enquiries are deleted once the
//! retention period has passed, because they hold personal data the centre no longer needs.

use chrono::{DateTime, Datelike};
use sea_orm::DatabaseConnection;
use serde_json::json;

use super::auth::Actor;
use super::Env;
use crate::clock::Clock;
use crate::db::begin_write;
use crate::db::entities::enquiries;
/// An enquiry as stored, for the centre's pages.
pub use crate::db::entities::enquiries::Model as Enquiry;
use crate::db::repo;
use crate::domain::case::{CaseInput, NewCase};
use crate::domain::enquiry::{format_enquiry_reference, EnquiryInput, EnquiryStatus, NewEnquiry};
use crate::domain::field_errors::FieldErrors;
use crate::domain::invitations::{InviteRole, Invitee, INVITATION_SECS};
use crate::domain::rate_limit::Counter;
use crate::domain::readiness::{intake_facts, intake_prefill, ReadinessAnswers, ReadinessInput};
use crate::domain::user::normalise_email;
use crate::error::{AppError, AppResult};

/// Enquiries one address may send in `RATE_WINDOW_SECS`.
pub const MAX_PER_WINDOW: u64 = 5;
pub const RATE_WINDOW_SECS: i64 = 60 * 60;
const MAX_NOTE_CHARS: usize = 5000;
const MAX_REASON_CHARS: usize = 1000;

/// The answer to a submitted enquiry form.
pub enum Submitted {
    /// Stored; the reference to show.
    Stored {
        reference: String,
    },
    /// The honeypot was filled: a bot. It is told nothing different, and nothing is kept.
    Ignored,
    TooMany,
    Invalid(FieldErrors),
}

/// The reference people quote for an enquiry.
pub fn reference(enquiry: &enquiries::Model) -> String {
    let year = DateTime::from_timestamp(enquiry.created_at, 0).map_or(2026, |t| t.year());
    format_enquiry_reference(year, enquiry.id)
}

pub async fn submit(
    env: &Env<'_>,
    address: &str,
    input: &EnquiryInput,
    readiness: Option<&ReadinessInput>,
    honeypot: &str,
) -> AppResult<Submitted> {
    let (db, clock) = (env.db(), env.clock);
    let now = clock.now();
    if repo::rate_limits::count_since(db, Counter::Enquiry, address, now - RATE_WINDOW_SECS).await?
        >= MAX_PER_WINDOW
    {
        tracing::warn!(target: "security", address, "enquiry refused: too many from this address");
        return Ok(Submitted::TooMany);
    }
    if !honeypot.trim().is_empty() {
        repo::rate_limits::record(db, Counter::Enquiry, address, now).await?;
        tracing::warn!(target: "security", address, "enquiry dropped: honeypot filled");
        return Ok(Submitted::Ignored);
    }
    let enquiry = match NewEnquiry::try_from(input) {
        Ok(enquiry) => enquiry,
        Err(errors) => return Ok(Submitted::Invalid(errors)),
    };
    // Answers are kept only when they still pass the check, so staff never see a result
    // built from tampered or stale fields.
    let readiness = readiness
        .filter(|r| crate::domain::readiness::parse(r, clock.today()).is_ok())
        .and_then(|r| serde_json::to_string(r).ok());
    let txn = begin_write(db).await?;
    let stored = repo::enquiries::insert(&txn, &enquiry, readiness, now).await?;
    repo::rate_limits::record(&txn, Counter::Enquiry, address, now).await?;
    txn.commit().await?;
    let reference = reference(&stored);
    tracing::info!(enquiry_id = stored.id, %reference, "enquiry received");
    acknowledge_by_email(&stored, &reference);
    Ok(Submitted::Stored { reference })
}

/// Hook for the acknowledgement email. coopkit sends no email until SMTP is configured
/// (issue 7 brings the mailer): call it from here with the enquirer's address and reference.
fn acknowledge_by_email(enquiry: &enquiries::Model, reference: &str) {
    tracing::debug!(
        enquiry_id = enquiry.id,
        reference,
        "no mailer configured: acknowledgement email not sent"
    );
}

fn require_centre(actor: &Actor) -> AppResult<()> {
    if actor.is_centre() {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

pub async fn list(
    env: &Env<'_>,
    actor: &Actor,
    status: Option<EnquiryStatus>,
) -> AppResult<Vec<enquiries::Model>> {
    let db = env.db();
    require_centre(actor)?;
    Ok(repo::enquiries::list(db, status.map(EnquiryStatus::as_str), 200).await?)
}

/// An enquiry, its notes with their authors' names, and its checked readiness answers.
pub struct EnquiryDetail {
    pub enquiry: enquiries::Model,
    pub notes: Vec<(String, String, i64)>,
    pub readiness: Option<(ReadinessInput, ReadinessAnswers)>,
}

pub async fn find(env: &Env<'_>, actor: &Actor, id: i64) -> AppResult<EnquiryDetail> {
    let (db, clock) = (env.db(), env.clock);
    require_centre(actor)?;
    let enquiry = repo::enquiries::find(db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut notes = Vec::new();
    for note in repo::enquiries::notes(db, id).await? {
        let author = match note.author_id {
            Some(author) => repo::users::find(db, author).await?.map(|u| u.name),
            None => None,
        };
        let author = author.unwrap_or_else(|| "A former member of staff".into());
        notes.push((author, note.body, note.created_at));
    }
    let readiness = readiness_of(&enquiry, clock);
    Ok(EnquiryDetail {
        enquiry,
        notes,
        readiness,
    })
}

/// The stored answers, checked again as of their own day so that dates they held then still
/// read the same.
fn readiness_of(
    enquiry: &enquiries::Model,
    clock: &Clock,
) -> Option<(ReadinessInput, ReadinessAnswers)> {
    let input: ReadinessInput = serde_json::from_str(enquiry.readiness.as_deref()?).ok()?;
    let sent_on = DateTime::from_timestamp(enquiry.created_at, 0)
        .map_or_else(|| clock.today(), |t| t.date_naive());
    let answers = crate::domain::readiness::parse(&input, sent_on).ok()?;
    Some((input, answers))
}

pub async fn add_note(
    env: &Env<'_>,
    actor: &Actor,
    id: i64,
    body: &str,
) -> AppResult<Result<(), FieldErrors>> {
    let (db, clock) = (env.db(), env.clock);
    require_centre(actor)?;
    repo::enquiries::find(db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let body = body.trim();
    let mut errors = FieldErrors::new();
    if body.is_empty() {
        errors.add("note", "Write the note first");
    } else if body.chars().count() > MAX_NOTE_CHARS {
        errors.add("note", "Use 5,000 characters or fewer");
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    repo::enquiries::add_note(db, id, actor.id, body, clock.now()).await?;
    Ok(Ok(()))
}

/// Loads an enquiry that can still be acted on, as it was when the form was shown.
async fn open_enquiry(
    db: &impl sea_orm::ConnectionTrait,
    id: i64,
    version: i64,
) -> AppResult<enquiries::Model> {
    let enquiry = repo::enquiries::find(db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let open = EnquiryStatus::parse(&enquiry.status).is_some_and(EnquiryStatus::is_open);
    if !open || enquiry.version != version {
        return Err(changed_meanwhile());
    }
    Ok(enquiry)
}

fn changed_meanwhile() -> AppError {
    AppError::Conflict("the enquiry was changed by someone else".into())
}

pub async fn mark_in_progress(
    env: &Env<'_>,
    actor: &Actor,
    id: i64,
    version: i64,
) -> AppResult<()> {
    let (db, clock) = (env.db(), env.clock);
    require_centre(actor)?;
    open_enquiry(db, id, version).await?;
    let change = repo::enquiries::Change {
        status: EnquiryStatus::InProgress.as_str(),
        ..Default::default()
    };
    if !repo::enquiries::update(db, id, version, change, clock.now()).await? {
        return Err(changed_meanwhile());
    }
    Ok(())
}

pub async fn decline(
    env: &Env<'_>,
    actor: &Actor,
    id: i64,
    version: i64,
    reason: &str,
) -> AppResult<Result<(), FieldErrors>> {
    let (db, clock) = (env.db(), env.clock);
    require_centre(actor)?;
    open_enquiry(db, id, version).await?;
    let reason = reason.trim();
    let mut errors = FieldErrors::new();
    if reason.is_empty() {
        errors.add("reason", "Say why the enquiry is declined");
    } else if reason.chars().count() > MAX_REASON_CHARS {
        errors.add("reason", "Use 1,000 characters or fewer");
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let now = clock.now();
    let change = repo::enquiries::Change {
        status: EnquiryStatus::Declined.as_str(),
        decline_reason: Some(reason),
        decided_at: Some(now),
        ..Default::default()
    };
    if !repo::enquiries::update(db, id, version, change, now).await? {
        return Err(changed_meanwhile());
    }
    tracing::info!(enquiry_id = id, "enquiry declined");
    Ok(Ok(()))
}

/// An accepted enquiry: its new case, and the invitation link's token (shown once, to the
/// staff member, to send to the enquirer; only its hash is stored).
pub struct Accepted {
    pub case_id: i64,
    pub case_reference: String,
    pub token: String,
}

/// Opens a case from the enquiry, stores the intake answers it can prefill, and makes the
/// enquirer's rep invitation: all in one transaction, so a failure leaves no half-made case.
pub async fn accept(
    env: &Env<'_>,
    actor: &Actor,
    prefix: &str,
    id: i64,
    version: i64,
    case_input: &CaseInput,
) -> AppResult<Result<Accepted, FieldErrors>> {
    let (db, clock) = (env.db(), env.clock);
    require_centre(actor)?;
    let enquiry = open_enquiry(db, id, version).await?;
    let case = match NewCase::try_from(case_input) {
        Ok(case) => case,
        Err(errors) => return Ok(Err(errors)),
    };
    let now = clock.now();
    let reference = reference(&enquiry);
    let txn = begin_write(db).await?;
    let opened = super::cases::create_in(&txn, clock, actor, prefix, case).await?;
    if let Some((_, answers)) = readiness_of(&enquiry, clock) {
        let prefill = intake_prefill(&answers);
        // The check's answers become the case's first intake answers, so the rep who joins
        // finds the intake already filled in; `case_prefill` keeps where they came from.
        for (key, value) in &prefill {
            repo::answers::insert(&txn, opened.id, key, value, actor.id, now).await?;
        }
        let prefill = serde_json::Value::Object(prefill);
        repo::case_prefill::insert(&txn, opened.id, "readiness_check", &prefill, now).await?;
        // The dates legal clocks run from belong on the timeline, where staff and the rep
        // look for what has happened, not only inside the intake answers.
        let facts = intake_facts(&answers);
        if !facts.is_empty() {
            repo::events::record(
                &txn,
                opened.id,
                Some(actor.id),
                "answers_from_check",
                &format!("From the readiness check: {}", facts.join(" ")),
                &json!({ "answers": prefill }),
                now,
            )
            .await?;
        }
    }
    let enquirer = Invitee {
        name: enquiry.name.trim().to_string(),
        email: normalise_email(&enquiry.email),
    };
    let (_, token) =
        super::invitations::save_link(&txn, actor, opened.id, InviteRole::Rep, &enquirer, now)
            .await?;
    let change = repo::enquiries::Change {
        status: EnquiryStatus::Accepted.as_str(),
        case_id: Some(opened.id),
        decided_at: Some(now),
        ..Default::default()
    };
    if !repo::enquiries::update(&txn, id, version, change, now).await? {
        return Err(changed_meanwhile());
    }
    repo::events::record(
        &txn,
        opened.id,
        Some(actor.id),
        "enquiry_accepted",
        &format!("Opened from enquiry {reference}; the enquirer was invited to join as rep"),
        &json!({ "enquiry": reference, "invitation_expires_at": now + INVITATION_SECS }),
        now,
    )
    .await?;
    txn.commit().await?;
    tracing::info!(enquiry_id = id, case_id = opened.id, "enquiry accepted");
    Ok(Ok(Accepted {
        case_id: opened.id,
        case_reference: opened.reference,
        token,
    }))
}

/// Deletes declined enquiries (and their notes) decided more than `retention_days` ago, and
/// forgets submission records older than a day. Returns how many enquiries went.
pub async fn purge(db: &DatabaseConnection, clock: &Clock, retention_days: u32) -> AppResult<u64> {
    let now = clock.now();
    let before = now - i64::from(retention_days) * 24 * 60 * 60;
    let txn = begin_write(db).await?;
    let deleted = repo::enquiries::delete_declined_before(&txn, before).await?;
    repo::rate_limits::forget_before(&txn, Counter::Enquiry, now - 24 * 60 * 60).await?;
    txn.commit().await?;
    if deleted > 0 {
        tracing::info!(
            deleted,
            retention_days,
            "declined enquiries deleted after the retention period"
        );
    }
    Ok(deleted)
}
