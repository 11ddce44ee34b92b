//! Putting resolutions to a meeting and recording the count taken in the room.

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
use crate::domain::meetings::counting::{check_room_count, RoomCount};
use crate::domain::meetings::{Approves, ResolutionKind};
use crate::domain::money::parse_pence;
use crate::error::{AppError, AppResult};

/// A resolution as typed.
#[derive(Debug, Clone, Default)]
pub struct ResolutionForm {
    pub text: String,
    pub kind: String,
    pub approves: String,
    pub document_id: String,
    pub price: String,
    /// One candidate a line.
    pub candidates: String,
    pub seats: String,
}

/// Adds a resolution. Refused once the notice has gone out or the ballot has opened: the
/// notice must carry the full text of every resolution, and every paper the same questions.
pub async fn add_resolution(
    env: &Env<'_>,
    actor: &Actor,
    case_id: CaseId,
    meeting_id: i64,
    form: &ResolutionForm,
) -> AppResult<Result<i64, FieldErrors>> {
    let now = env.clock.now();
    let txn = begin_case_write(env.db(), case_id.get()).await?;
    let opened = open_with(&txn, actor, case_id, Need::Work).await?;
    let m = load(&txn, opened, meeting_id).await?;
    if m.meeting.notice_sent_on.is_some() || m.meeting.ballot_opens_at.is_some() {
        return Err(AppError::Conflict(
            "The notice has gone out (or the ballot is set up), so no resolution can be added: members must have the full text of each one in the notice. Schedule another meeting for new business.".into(),
        ));
    }
    let mut errors = FieldErrors::new();
    let text = form.text.trim().to_string();
    if text.is_empty() {
        errors.add(
            "text",
            "Write the resolution, like \"That the co-op adopts the rules, version 2.\"",
        );
    } else if text.chars().count() > 4000 {
        errors.add("text", "Use 4,000 characters or fewer");
    }
    let kind = ResolutionKind::parse(form.kind.trim());
    if kind.is_none() {
        errors.add("kind", "Choose ordinary or special");
    }
    let approves = Approves::parse(form.approves.trim());
    if approves.is_none() {
        errors.add("approves", "Choose what the resolution approves");
    }
    let mut document = None;
    if let Some(doc_kind) = match approves {
        Some(Approves::Rules) => Some("rules"),
        Some(Approves::BusinessPlan) => Some("business_plan"),
        _ => None,
    } {
        let id = form.document_id.trim().parse::<i64>().ok();
        match id {
            Some(id) => match repo::documents::find(&txn, case_id.get(), id).await? {
                Some(doc) if doc.kind == doc_kind => {
                    document = Some((doc.id, doc.version, doc.content_hash.clone()));
                }
                _ => errors.add("document_id", "Choose one of this case's versions"),
            },
            None => errors.add("document_id", "Choose the version the resolution approves"),
        }
    }
    let mut price_pence = None;
    if approves == Some(Approves::Price) {
        match parse_pence(form.price.trim()) {
            Ok(p) if p > 0 => price_pence = Some(p),
            Ok(_) => errors.add("price", "Enter a price more than £0"),
            Err(message) => errors.add("price", message),
        }
    }
    let mut candidates: Vec<String> = Vec::new();
    let mut seats = 0;
    if approves == Some(Approves::Election) {
        for line in form.candidates.lines().map(clean).filter(|l| !l.is_empty()) {
            if candidates.iter().any(|c| c.eq_ignore_ascii_case(&line)) {
                errors.add("candidates", format!("{line} is listed twice"));
            } else if line.chars().count() > 200 {
                errors.add("candidates", "Keep each name to 200 characters or fewer");
            } else {
                candidates.push(line);
            }
        }
        if candidates.is_empty() {
            errors.add("candidates", "List the candidates, one a line");
        } else if candidates.len() > 50 {
            errors.add("candidates", "List at most 50 candidates");
        }
        match form.seats.trim().parse::<i32>() {
            Ok(n) if n >= 1 && (n as usize) <= candidates.len().max(1) => seats = n,
            _ => errors.add(
                "seats",
                format!(
                    "Enter how many seats, from 1 to the number of candidates ({})",
                    candidates.len().max(1)
                ),
            ),
        }
    }
    let (Some(kind), Some(approves), true) = (kind, approves, errors.is_empty()) else {
        return Ok(Err(errors));
    };
    let r = rm::insert_resolution(
        &txn,
        rm::NewResolution {
            meeting_id,
            case_id: case_id.get(),
            kind: kind.as_str(),
            text: &text,
            approves: approves.as_str(),
            document: document.clone(),
            price_pence,
            candidates_json: serde_json::to_string(&candidates).unwrap_or_else(|_| "[]".into()),
            seats,
            now,
        },
    )
    .await?;
    repo::events::record(
        &txn,
        case_id.get(),
        Some(actor.id),
        "resolution_added",
        &format!("{} put a{} resolution to the {}", actor.name, if kind == ResolutionKind::Special { " special" } else { "n ordinary" }, m.kind.label().to_lowercase()),
        &json!({ "meeting_id": meeting_id, "resolution_id": r.id, "kind": kind.as_str(), "approves": approves.as_str(),
                 "document": document.map(|d| json!({ "id": d.0, "version": d.1, "hash": d.2 })) }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(r.id))
}

/// The count as typed: every number as text so the form comes back as it was typed.
#[derive(Debug, Clone, Default)]
pub struct RoomCountForm {
    pub present: String,
    pub proxies: String,
    pub votes_for: String,
    pub votes_against: String,
    pub abstentions: String,
    /// For an election: each candidate's votes, in the candidates' order.
    pub candidate_votes: Vec<String>,
}

fn number(errors: &mut FieldErrors, field: &str, text: &str) -> u32 {
    let text = text.trim();
    if text.is_empty() {
        return 0;
    }
    match text.parse::<u32>() {
        Ok(n) if n <= 100_000 => n,
        _ => {
            errors.add(field, "Enter a whole number, like 12");
            0
        }
    }
}

/// Records the count in the room for one resolution, after checking it against the list of
/// members entitled and the rules (votes ≤ present ≤ entitled, proxies as allowed).
pub async fn record_count(
    env: &Env<'_>,
    actor: &Actor,
    case_id: CaseId,
    meeting_id: i64,
    resolution_id: i64,
    form: &RoomCountForm,
) -> AppResult<Result<(), FieldErrors>> {
    let now = env.clock.now();
    let txn = begin_case_write(env.db(), case_id.get()).await?;
    let opened = open_with(&txn, actor, case_id, Need::Work).await?;
    let m = load(&txn, opened, meeting_id).await?;
    let r = m
        .resolutions
        .iter()
        .find(|r| r.id == resolution_id)
        .ok_or(AppError::NotFound)?;
    if m.meeting.ballot_opens_at.is_some() {
        return Err(AppError::Conflict(
            "This meeting votes by secret ballot: its results come from the ballot papers.".into(),
        ));
    }
    let mut errors = FieldErrors::new();
    let present = number(&mut errors, "present", &form.present);
    let proxies = number(&mut errors, "proxies", &form.proxies);
    let candidates: Vec<String> = serde_json::from_str(&r.candidates).unwrap_or_default();
    let election = !candidates.is_empty();
    let (votes_for, votes_against, abstentions) = if election {
        (0, 0, 0)
    } else {
        (
            number(&mut errors, "votes_for", &form.votes_for),
            number(&mut errors, "votes_against", &form.votes_against),
            number(&mut errors, "abstentions", &form.abstentions),
        )
    };
    let mut tally = Vec::new();
    if election {
        for (i, name) in candidates.iter().enumerate() {
            let field = format!("c{i}");
            let votes = number(
                &mut errors,
                &field,
                form.candidate_votes.get(i).map_or("", String::as_str),
            );
            if votes > present + proxies {
                errors.add(
                    &field,
                    format!(
                        "{name} cannot have more votes than the {} members who took part",
                        present + proxies
                    ),
                );
            }
            tally.push(votes);
        }
    }
    let count = RoomCount {
        entitled: m.entitled_count(),
        present,
        proxies,
        votes_for,
        votes_against,
        abstentions,
    };
    if errors.is_empty() {
        if let Err(more) = check_room_count(&count, &m.terms) {
            errors = more;
        }
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let as_i32 = |n: u32| i32::try_from(n).unwrap_or(i32::MAX);
    rm::record_room_count(
        &txn,
        meeting_id,
        resolution_id,
        rm::RoomCount {
            present: as_i32(present),
            proxies: as_i32(proxies),
            votes_for: as_i32(votes_for),
            votes_against: as_i32(votes_against),
            abstentions: as_i32(abstentions),
            tally_json: election.then(|| serde_json::to_string(&tally).unwrap_or_default()),
        },
        now,
    )
    .await?;
    repo::events::record(
        &txn,
        case_id.get(),
        Some(actor.id),
        "resolution_counted",
        &format!("{} recorded the count in the room for resolution {}", actor.name, r.position),
        &json!({ "meeting_id": meeting_id, "resolution_id": resolution_id, "present": present, "proxies": proxies,
                 "for": votes_for, "against": votes_against, "abstain": abstentions, "tally": tally }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(()))
}
