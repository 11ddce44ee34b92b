//! A meeting's documents, made by the document pipeline like the rules and the plan: the
//! notice (agenda, the full text of each resolution, how to vote) and the minutes
//! (attendance, each resolution with its result, directors elected). Each is stored as a
//! version in `documents` (kinds `meeting_notice` and `minutes`), so any version shows again
//! exactly, and published to the case's library: the notice when it is sent, the minutes
//! when the chair confirms them.

use std::sync::Arc;

use serde_json::{json, Value};

use super::auth::Actor;
use super::ballots::{self, BallotState};
use super::cases::open_with;
use super::meetings::{find, load, Meeting};
use super::render::{self, run_limited, Engine};
use super::Env;
use crate::db::begin_case_write;
use crate::db::entities::documents;
use crate::db::repo::{self, member_meetings as rm};
use crate::docgen::{self, DocumentMeta};
use crate::domain::access::Need;
use crate::domain::ids::CaseId;
use crate::domain::meetings::uk_time::uk_text;
use crate::error::{AppError, AppResult};

pub const NOTICE_KIND: &str = "meeting_notice";
#[path = "meeting_notice.rs"]
mod notice_sending;
pub use notice_sending::{deliveries, send_notice, set_short_notice_consents, Sent};

#[path = "meeting_docs_context.rs"]
mod context;
pub use context::approves_sentence;
use context::{minutes_context, notice_context};

pub const MINUTES_KIND: &str = "minutes";

/// Whether a stored document kind is a meeting's notice or minutes (not rules or a plan).
pub fn is_meeting_document(kind: &str) -> bool {
    kind == NOTICE_KIND || kind == MINUTES_KIND
}

struct Made {
    markup: String,
    pdf: Vec<u8>,
    pages: usize,
}

async fn make(
    engine: &Arc<Engine>,
    template: &'static str,
    context: Value,
    meta: DocumentMeta,
    made_at: i64,
) -> AppResult<Made> {
    let engine = Arc::clone(engine);
    let made = run_limited(move || {
        let markup = engine.templates.render(template, &context)?;
        let blocks = docgen::parse(&markup)?;
        let (pdf, pages) = docgen::render_pdf_counted(&engine.fonts, &meta, &blocks, made_at)?;
        Ok::<_, docgen::DocgenError>(Made { markup, pdf, pages })
    })
    .await??;
    Ok(made)
}

fn meta(
    m: &Meeting,
    title: String,
    coop_name: &str,
    version: i32,
    draft: bool,
    author: &str,
) -> DocumentMeta {
    DocumentMeta {
        title,
        author: author.to_string(),
        subject: format!("{}, case {}", m.kind.label(), m.opened.case.reference),
        coop_name: coop_name.to_string(),
        reference: m.opened.case.reference.clone(),
        version: u32::try_from(version).unwrap_or(1),
        draft,
    }
}

/// The co-op's name as the rules give it, else the case's name.
async fn coop_name(db: &impl sea_orm::ConnectionTrait, m: &Meeting) -> AppResult<String> {
    let saved = repo::documents::answers(db, m.opened.id().get(), "rules").await?;
    Ok(saved
        .and_then(|a| serde_json::from_str::<Value>(&a.answers).ok())
        .and_then(|v| {
            v.get("name")
                .and_then(Value::as_str)
                .map(str::trim)
                .map(str::to_string)
        })
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| m.opened.case.name.clone()))
}

/// Stores a document version of a meeting and returns it.
#[allow(clippy::too_many_arguments)]
async fn store(
    env: &Env<'_>,
    actor: &Actor,
    m: &Meeting,
    kind: &str,
    coop_name: String,
    made: Made,
    draft: bool,
    version: i32,
    txn: &impl sea_orm::ConnectionTrait,
) -> AppResult<documents::Model> {
    let doc = repo::documents::insert(
        txn,
        repo::documents::NewDocument {
            case_id: m.opened.id().get(),
            kind,
            version,
            draft,
            coop_name,
            content_hash: render::content_hash(&made.markup),
            answers: json!({ "meeting_id": m.meeting.id }).to_string(),
            markup: made.markup,
            pdf: made.pdf,
            page_count: i32::try_from(made.pages).unwrap_or(i32::MAX),
            created_by: actor.id,
            created_at: env.clock.now(),
        },
    )
    .await
    .map_err(|_| {
        AppError::Conflict("Someone else made a version at the same moment; try again.".into())
    })?;
    Ok(doc)
}

/// Makes the notice from the meeting as it stands (a new version each time) and keeps it as
/// the meeting's notice. Sending it is a separate step, so it can be read first.
pub async fn make_notice(
    env: &Env<'_>,
    engine: &Arc<Engine>,
    actor: &Actor,
    case_id: CaseId,
    meeting_id: i64,
) -> AppResult<documents::Model> {
    let m = find(env, actor, case_id, meeting_id, Need::Work).await?;
    if m.meeting.notice_sent_on.is_some() {
        return Err(AppError::Conflict(
            "The notice has already been sent.".into(),
        ));
    }
    let name = coop_name(env.db(), &m).await?;
    let version = repo::documents::next_version(env.db(), case_id.get(), NOTICE_KIND).await?;
    let doc_meta = meta(
        &m,
        format!("Notice: {}", m.meeting.title),
        &name,
        version,
        false,
        &actor.name,
    );
    let made = make(
        engine,
        "meeting_notice",
        notice_context(&m, &name),
        doc_meta,
        env.clock.now(),
    )
    .await?;
    let now = env.clock.now();
    let txn = begin_case_write(env.db(), case_id.get()).await?;
    let m = load(
        &txn,
        open_with(&txn, actor, case_id, Need::Work).await?,
        meeting_id,
    )
    .await?;
    let doc = store(
        env,
        actor,
        &m,
        NOTICE_KIND,
        name,
        made,
        false,
        version,
        &txn,
    )
    .await?;
    let mut row = m.meeting.clone();
    row.notice_document_id = Some(doc.id);
    rm::save(&txn, row).await?;
    repo::events::record(
        &txn,
        case_id.get(),
        Some(actor.id),
        "meeting_notice_made",
        &format!(
            "{} made the notice of the {}",
            actor.name,
            m.kind.label().to_lowercase()
        ),
        &json!({ "meeting_id": meeting_id, "document_id": doc.id, "version": version }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(doc)
}

/// Drafts the minutes from what was recorded (a new version each time), or, with `confirm`,
/// makes the confirmed version: final, published to the case's library, and the meeting's
/// record. Refused until there are results, and once confirmed.
pub async fn minutes(
    env: &Env<'_>,
    engine: &Arc<Engine>,
    actor: &Actor,
    case_id: CaseId,
    meeting_id: i64,
    confirm: bool,
) -> AppResult<documents::Model> {
    let m = find(env, actor, case_id, meeting_id, Need::Work).await?;
    if m.meeting.minutes_confirmed_at.is_some() {
        return Err(AppError::Conflict(
            "The minutes have been confirmed; a correction goes in the minutes of a later meeting."
                .into(),
        ));
    }
    let results = ballots::results(env, actor, &m).await?;
    if matches!(
        results.state,
        BallotState::Open { .. } | BallotState::NotYetOpen { .. }
    ) {
        return Err(AppError::Conflict(
            "The ballot is still open: the minutes can be written once it closes.".into(),
        ));
    }
    if confirm && m.meeting.minutes_document_id.is_none() {
        return Err(AppError::Conflict(
            "Draft the minutes and read them before confirming them.".into(),
        ));
    }
    let name = coop_name(env.db(), &m).await?;
    let version = repo::documents::next_version(env.db(), case_id.get(), MINUTES_KIND).await?;
    let now = env.clock.now();
    let confirmed = confirm.then(|| format!("Confirmed by {} on {}.", actor.name, uk_text(now)));
    let doc_meta = meta(
        &m,
        format!("Minutes: {}", m.meeting.title),
        &name,
        version,
        !confirm,
        &actor.name,
    );
    let made = make(
        engine,
        "meeting_minutes",
        minutes_context(&m, &results, confirmed),
        doc_meta,
        env.clock.now(),
    )
    .await?;
    let txn = begin_case_write(env.db(), case_id.get()).await?;
    let m = load(
        &txn,
        open_with(&txn, actor, case_id, Need::Work).await?,
        meeting_id,
    )
    .await?;
    let doc = store(
        env,
        actor,
        &m,
        MINUTES_KIND,
        name,
        made,
        !confirm,
        version,
        &txn,
    )
    .await?;
    let mut row = m.meeting.clone();
    row.minutes_document_id = Some(doc.id);
    if confirm {
        row.minutes_confirmed_at = Some(now);
        row.minutes_confirmed_by = Some(actor.id);
        repo::library::publish(&txn, case_id.get(), doc.id).await?;
    }
    rm::save(&txn, row).await?;
    repo::events::record(&txn, case_id.get(), Some(actor.id), if confirm { "minutes_confirmed" } else { "minutes_drafted" },
        &format!("{} {} the minutes of the {} (version {version})", actor.name, if confirm { "confirmed" } else { "drafted" }, m.kind.label().to_lowercase()),
        &json!({ "meeting_id": meeting_id, "document_id": doc.id, "version": version, "hash": doc.content_hash }), now).await?;
    txn.commit().await?;
    Ok(doc)
}

/// A meeting's notice or minutes for reading: workers see it once published.
pub async fn document(
    env: &Env<'_>,
    actor: &Actor,
    case_id: CaseId,
    meeting_id: i64,
    minutes: bool,
) -> AppResult<(Meeting, documents::Model)> {
    let m = find(env, actor, case_id, meeting_id, Need::Follow).await?;
    let id = if minutes {
        m.meeting.minutes_document_id
    } else {
        m.meeting.notice_document_id
    }
    .ok_or(AppError::NotFound)?;
    let doc = repo::documents::find(env.db(), case_id.get(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !crate::domain::access::may_see_document(m.opened.role, doc.published) {
        return Err(AppError::NotFound);
    }
    Ok((m, doc))
}

/// The HTML of a stored version, laid out in a render slot like every document.
pub async fn html_of(m: &Meeting, doc: &documents::Model, title: String) -> AppResult<String> {
    let doc_meta = meta(m, title, &doc.coop_name, doc.version, doc.draft, "");
    render::stored_html(doc_meta, doc.markup.clone()).await
}
