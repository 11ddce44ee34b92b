//! Sending a meeting's notice: by email (each member gets the notice PDF attached), or
//! recorded as handed over or posted; one delivery row per member saying how, when and
//! whether it reached them. A notice too late for the meeting goes out only with the written
//! consent to short notice of the share of members the rules set, recorded beforehand.

use serde_json::json;

use super::super::auth::Actor;
use super::super::cases::open_with;
use super::super::mail::Sender;
use super::super::meetings::{find, load, Meeting};
use super::super::Env;
use crate::db::begin_case_write;
use crate::db::entities::notice_deliveries;
use crate::db::repo::{self, meeting_records as records, member_meetings as rm};
use crate::domain::access::Need;
use crate::domain::calendar::long_date;
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::CaseId;
use crate::domain::meetings::notice::{check_sent, NoticeMethod};
use crate::domain::pathways::day_month_year;
use crate::error::{AppError, AppResult};

/// What happened when the notice was sent.
pub struct Sent {
    pub recipients: u32,
    /// People the email could not reach, with the reason: they need it by hand or post.
    pub failed: Vec<(String, String)>,
    /// Set when the notice went out at short notice, with the members' consent.
    pub late: Option<String>,
}

/// One member's delivery, before it is stored.
struct Delivery {
    attendee_id: i64,
    name: String,
    address: String,
    failed: Option<String>,
}

fn consents(m: &Meeting) -> u32 {
    let n = m
        .attendees
        .iter()
        .filter(|a| a.entitled && a.short_notice_consent_at.is_some())
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Records the notice as sent: by email (sent here, with the notice PDF and a link to the
/// meeting, to every entitled member with an account, where the server has email), or by hand
/// or post (printed). Publishes the notice.
pub async fn send_notice(
    env: &Env<'_>,
    sender: &Sender<'_>,
    actor: &Actor,
    case_id: CaseId,
    meeting_id: i64,
    method: &str,
    (day, month, year): (&str, &str, &str),
) -> AppResult<Result<Sent, FieldErrors>> {
    let m = find(env, actor, case_id, meeting_id, Need::Work).await?;
    let mut errors = FieldErrors::new();
    let method = NoticeMethod::parse(method.trim());
    let sent = match day_month_year("The day it was sent", day, month, year) {
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            errors.add(
                "sent_on",
                "Enter the day it was sent, for example 27 3 2027",
            );
            None
        }
        Err(message) => {
            errors.add("sent_on", message);
            None
        }
    };
    match method {
        None => errors.add("method", "Choose how the notice went out"),
        Some(NoticeMethod::Email) if !sender.mailer.is_configured() => errors.add(
            "method",
            "Email is not set up on this server: print the notice and hand it over or post it",
        ),
        _ => {}
    }
    if sent.is_some_and(|d| d > env.clock.today()) {
        errors.add("sent_on", "The day it was sent cannot be in the future");
    }
    if m.meeting.notice_document_id.is_none() {
        errors.add("method", "Make the notice first, and read it through");
    }
    if m.meeting.notice_sent_on.is_some() {
        return Err(AppError::Conflict(
            "The notice has already been recorded as sent.".into(),
        ));
    }
    let late = match (m.date(), method, sent) {
        (Some(d), Some(method), Some(sent)) if m.kind.follows_the_rules() => {
            check_sent(d, m.terms.notice_clear_days, method, sent).err()
        }
        _ => None,
    };
    let entitled = m.entitled_count();
    let agreed = consents(&m);
    if let Some(late) = &late {
        let enough = m
            .terms
            .short_notice_needed(entitled)
            .is_some_and(|needed| agreed >= needed);
        if !enough {
            errors.add(
                "sent_on",
                format!(
                    "{late} {} So far {agreed} {} agreed.",
                    m.terms.short_notice_rule(entitled),
                    if agreed == 1 { "has" } else { "have" }
                ),
            );
        }
    }
    let (Some(method), Some(sent), true) = (method, sent, errors.is_empty()) else {
        return Ok(Err(errors));
    };
    let deliveries = deliver(env, sender, &m, method).await?;
    let failed: Vec<(String, String)> = deliveries
        .iter()
        .filter_map(|d| d.failed.clone().map(|why| (d.name.clone(), why)))
        .collect();
    let recipients = u32::try_from(deliveries.len() - failed.len()).unwrap_or(u32::MAX);
    let now = env.clock.now();
    let txn = begin_case_write(env.db(), case_id.get()).await?;
    let m = load(
        &txn,
        open_with(&txn, actor, case_id, Need::Work).await?,
        meeting_id,
    )
    .await?;
    let mut row = m.meeting.clone();
    row.notice_sent_on = Some(sent.format("%Y-%m-%d").to_string());
    row.notice_method = Some(method.as_str().into());
    row.notice_recipients = Some(i32::try_from(recipients).unwrap_or(i32::MAX));
    // The notice and every version a resolution approves go to the members' library: nobody
    // should be asked to approve a document they cannot read.
    let approved = m.resolutions.iter().filter_map(|r| r.document_id);
    for doc in row.notice_document_id.into_iter().chain(approved) {
        repo::library::publish(&txn, case_id.get(), doc).await?;
    }
    rm::save(&txn, row).await?;
    for d in &deliveries {
        records::insert_delivery(
            &txn,
            records::NewDelivery {
                meeting_id,
                attendee_id: Some(d.attendee_id),
                name: &d.name,
                address: &d.address,
                method: method.as_str(),
                sent_at: now,
                status: if d.failed.is_some() { "failed" } else { "sent" },
                detail: d.failed.as_deref().unwrap_or(""),
            },
        )
        .await?;
    }
    let short = if late.is_some() {
        format!(" at short notice, with the written consent of {agreed} of the {entitled} members entitled to vote")
    } else {
        String::new()
    };
    repo::events::record(&txn, case_id.get(), Some(actor.id), "meeting_notice_sent",
        &format!("{} recorded the notice of the {} as {} on {} to {recipients} members{short}{}", actor.name, m.kind.label().to_lowercase(),
            method.label().to_lowercase(), long_date(sent),
            if failed.is_empty() { String::new() } else { format!("; it did not reach {}", failed.len()) }),
        &json!({ "meeting_id": meeting_id, "method": method.as_str(), "sent_on": sent.to_string(), "recipients": recipients,
                 "failed": failed.iter().map(|f| &f.0).collect::<Vec<_>>(), "short_notice": late.is_some(), "consents": agreed }), now).await?;
    txn.commit().await?;
    Ok(Ok(Sent {
        recipients,
        failed,
        late: late.map(|_| {
            format!("The notice is short: {agreed} of the {entitled} members agreed to that in writing, as your rules allow.")
        }),
    }))
}

/// Sends (or, by hand and post, records) the notice to each member entitled to vote.
async fn deliver(
    env: &Env<'_>,
    sender: &Sender<'_>,
    m: &Meeting,
    method: NoticeMethod,
) -> AppResult<Vec<Delivery>> {
    let entitled: Vec<_> = m.attendees.iter().filter(|a| a.entitled).collect();
    let people = repo::people::by_ids(
        env.db(),
        entitled.iter().filter_map(|a| a.user_id).collect(),
    )
    .await?;
    if method != NoticeMethod::Email {
        return Ok(entitled
            .iter()
            .map(|a| Delivery {
                attendee_id: a.id,
                name: a.name.clone(),
                address: String::new(),
                failed: None,
            })
            .collect());
    }
    let pdf = match m.meeting.notice_document_id {
        Some(id) => repo::documents::find(env.db(), m.opened.id().get(), id)
            .await?
            .map(|doc| {
                let name = format!(
                    "notice-{}-v{}.pdf",
                    m.opened.case.reference.to_lowercase(),
                    doc.version
                );
                (name, doc.pdf)
            }),
        None => None,
    };
    let subject = format!(
        "Notice of {}: {}",
        m.kind.label().to_lowercase(),
        m.meeting.title
    );
    let mut out = Vec::new();
    for a in entitled {
        let person = a.user_id.and_then(|id| people.iter().find(|p| p.id == id));
        let Some(person) = person else {
            out.push(Delivery {
                attendee_id: a.id,
                name: a.name.clone(),
                address: String::new(),
                failed: Some(
                    "No email address: they have no account here. Give it to them by hand or post."
                        .into(),
                ),
            });
            continue;
        };
        // The link is how a member on a phone reaches the meeting, its notice and the ballot
        // paper: the notice tells them to vote in coopkit, so the email must lead there.
        let body = format!(
            "Dear {},\n\n{} is holding a {} on {} at {}.\nPlace: {}\n{}\n\nThe notice, with the full text of each resolution and how to vote, is attached as a PDF. To read it in coopkit, and to vote while the ballot is open, open the meeting:\n\n{}/cases/{}/meetings/{}\n",
            person.name, m.opened.case.name, m.kind.label().to_lowercase(), m.date().map(long_date).unwrap_or_default(), m.meeting.start_time,
            if m.meeting.place.is_empty() { "online" } else { &m.meeting.place },
            if m.meeting.online_link.is_empty() { String::new() } else { format!("Online: {}", m.meeting.online_link) },
            sender.base_url, m.opened.id(), m.meeting.id,
        );
        let result = sender
            .mailer
            .send_with_pdf(&person.name, &person.email, &subject, body, pdf.clone())
            .await;
        out.push(Delivery {
            attendee_id: a.id,
            name: a.name.clone(),
            address: person.email.clone(),
            failed: result.err(),
        });
    }
    Ok(out)
}

/// The delivery log of a meeting's notice, for staff and reps (it holds addresses).
pub async fn deliveries(env: &Env<'_>, m: &Meeting) -> AppResult<Vec<notice_deliveries::Model>> {
    if !m.opened.role.works_on_case() {
        return Ok(Vec::new());
    }
    Ok(records::deliveries(env.db(), m.meeting.id).await?)
}

/// Records which members have agreed in writing to short notice (the ids posted; everyone
/// else's consent is cleared). Refused once the notice has gone out.
pub async fn set_short_notice_consents(
    env: &Env<'_>,
    actor: &Actor,
    case_id: CaseId,
    meeting_id: i64,
    agreed: &[i64],
) -> AppResult<u32> {
    let now = env.clock.now();
    let txn = begin_case_write(env.db(), case_id.get()).await?;
    let opened = open_with(&txn, actor, case_id, Need::Work).await?;
    let m = load(&txn, opened, meeting_id).await?;
    if m.meeting.notice_sent_on.is_some() {
        return Err(AppError::Conflict(
            "The notice has gone out, so the consents to short notice can no longer change.".into(),
        ));
    }
    if agreed
        .iter()
        .any(|id| !m.attendees.iter().any(|a| a.id == *id && a.entitled))
    {
        return Err(AppError::NotFound);
    }
    let mut count = 0;
    for a in m.attendees.iter().filter(|a| a.entitled) {
        let yes = agreed.contains(&a.id);
        count += u32::from(yes);
        let at = match (yes, a.short_notice_consent_at) {
            (true, Some(at)) => Some(at),
            (true, None) => Some(now),
            (false, _) => None,
        };
        records::set_short_notice_consent(&txn, meeting_id, a.id, at).await?;
    }
    let entitled = m.entitled_count();
    repo::events::record(
        &txn,
        case_id.get(),
        Some(actor.id),
        "short_notice_consents",
        &format!(
            "{} recorded that {count} of the {entitled} members entitled to vote agreed in writing to short notice of the {}",
            actor.name,
            m.kind.label().to_lowercase()
        ),
        &json!({ "meeting_id": meeting_id, "agreed": agreed, "entitled": entitled }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(count)
}
