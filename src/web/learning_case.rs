//! A case's learning: each member's learning record (`/cases/<id>/learning`), the case's own
//! events on the progress page with one-click sign-up, and what a stage page suggests
//! learning first.

use crate::web::templates::Template;
use rocket::request::FlashMessage;
use rocket::{get, post, routes, Route};
use serde::Serialize;

use super::case_header::CaseHeader;
use super::events_public::{event_view, EventView};
use super::page::{PageContext, PageOrRedirect};
use crate::clock::format_timestamp;
use crate::domain::access::CaseRole;
use crate::domain::events::london::describe_session;
use crate::domain::events::registration::RegistrationState;
use crate::domain::ids::{CaseId, EventId};
use crate::domain::learning::{readiness_sentence, GovernanceDone};
use crate::error::AppResult;
use crate::services::auth::Actor;
use crate::services::cases::OpenCase;
use crate::services::event_mail::Outbox;
use crate::services::learning_record::{self, BeforeStage, Readiness};
use crate::services::{learning_signup, Env};

pub fn routes() -> Vec<Route> {
    routes![record, sign_up, cancel]
}

/// The governance count, with its definition in words.
#[derive(Serialize)]
pub struct ReadinessView {
    pub sentence: String,
    pub stage_title: String,
}

pub fn readiness_view(r: &Readiness) -> ReadinessView {
    ReadinessView {
        sentence: readiness_sentence(r.done, r.members),
        stage_title: r.stage_title.clone(),
    }
}

#[derive(Serialize)]
struct LineView {
    title: String,
    when: String,
    link: Option<String>,
}

#[derive(Serialize)]
struct MemberView {
    name: String,
    role: &'static str,
    is_me: bool,
    attended: Vec<LineView>,
    read: Vec<LineView>,
    governance: Option<&'static str>,
}

#[derive(Serialize)]
struct OldLogRow {
    name: String,
    topic: String,
}

#[derive(Serialize)]
struct RecordView {
    header: CaseHeader,
    members: Vec<MemberView>,
    sees_everyone: bool,
    readiness: Option<ReadinessView>,
    old_log: Vec<OldLogRow>,
}

fn governance_words(done: GovernanceDone) -> &'static str {
    match done {
        GovernanceDone::Attended => "Done: came to a session for this stage",
        GovernanceDone::Read => "Done: read the material for this stage",
    }
}

#[get("/cases/<id>/learning")]
async fn record(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let learning = learning_record::case_learning(&env, actor, id).await?;
    let members = learning
        .members
        .iter()
        .map(|m| MemberView {
            name: m.user.name.clone(),
            role: if m.role == "rep" {
                "Union rep"
            } else {
                "Worker"
            },
            is_me: m.user.id == actor.id,
            attended: m
                .attended
                .iter()
                .map(|a| LineView {
                    title: a.event.title.clone(),
                    when: format_timestamp(a.at),
                    link: None,
                })
                .collect(),
            read: m
                .read
                .iter()
                .map(|(material, at)| LineView {
                    title: material.title.clone(),
                    when: format_timestamp(*at),
                    link: material
                        .retired_at
                        .is_none()
                        .then(|| format!("/learning/{}", material.id)),
                })
                .collect(),
            governance: m.governance.map(governance_words),
        })
        .collect();
    let view = RecordView {
        header: CaseHeader::of(&learning.opened, "/learning"),
        members,
        sees_everyone: learning.sees_everyone,
        readiness: learning.readiness.as_ref().map(readiness_view),
        old_log: learning
            .old_log
            .iter()
            .map(|r| OldLogRow {
                name: r.name.clone(),
                topic: r.role.clone(),
            })
            .collect(),
    };
    let title = format!("Learning: {}", learning.opened.case.name);
    Ok(PageContext::for_actor(actor, flash).render("learning/case", title, view))
}

/// One of the case's events on the progress page.
#[derive(Serialize)]
pub struct CaseEventView {
    pub event: EventView,
    pub booked: bool,
    pub waiting: Option<usize>,
    pub may_sign_up: bool,
    pub may_cancel: bool,
}

/// The case's events for the progress page; members (not the centre) get the buttons.
pub async fn case_events(
    env: &Env<'_>,
    actor: &Actor,
    opened: &OpenCase,
) -> AppResult<Vec<CaseEventView>> {
    let member = opened.role != CaseRole::Centre;
    Ok(learning_signup::case_events(env, actor, opened)
        .await?
        .into_iter()
        .map(|e| {
            let active = e.state.is_some_and(RegistrationState::is_active);
            CaseEventView {
                booked: e.state == Some(RegistrationState::Registered),
                waiting: e.position,
                may_sign_up: member && e.open_for_sign_up && !active,
                may_cancel: member && e.open_for_sign_up && active,
                event: event_view(&e.event),
            }
        })
        .collect())
}

/// "Before this stage, members usually learn…" on a stage page.
#[derive(Serialize, Default)]
pub struct BeforeStageView {
    /// Whether there is anything to show.
    pub shown: bool,
    pub materials: Vec<(i64, String)>,
    pub events: Vec<(String, String, String)>,
    pub readiness: Option<ReadinessView>,
}

pub async fn before_stage(
    env: &Env<'_>,
    opened: &OpenCase,
    stage: &str,
) -> AppResult<BeforeStageView> {
    let BeforeStage {
        materials,
        events,
        readiness,
    } = learning_record::before_stage(env, opened, stage).await?;
    let case = opened.case.id;
    Ok(BeforeStageView {
        shown: !materials.is_empty() || !events.is_empty() || readiness.is_some(),
        materials: materials.into_iter().map(|m| (m.id, m.title)).collect(),
        events: events
            .iter()
            .map(|e| {
                let link = match e.event.case_id {
                    Some(_) => format!("/cases/{case}/progress#case-events"),
                    None => format!("/events/{}", e.event.id),
                };
                let when = e
                    .sessions
                    .first()
                    .map(|s| describe_session(s.starts_at, s.ends_at))
                    .unwrap_or_default();
                (e.event.title.clone(), when, link)
            })
            .collect(),
        readiness: readiness.as_ref().map(readiness_view),
    })
}

#[post("/cases/<id>/events/<event>/sign-up")]
async fn sign_up(
    env: Env<'_>,
    outbox: Outbox<'_>,
    actor: &Actor,
    id: CaseId,
    event: EventId,
) -> AppResult<PageOrRedirect> {
    let state = learning_signup::sign_up(&env, &outbox, actor, id, event).await?;
    let message = match state {
        RegistrationState::Waitlisted => {
            "The event is full, so you are on the waiting list. If a place comes up it is yours, and it will show here."
        }
        _ => "You have a place. It is shown below; you can give it back here if you cannot come.",
    };
    Ok(PageOrRedirect::success(
        format!("/cases/{id}/progress#case-events"),
        message,
    ))
}

#[post("/cases/<id>/events/<event>/cancel")]
async fn cancel(
    env: Env<'_>,
    outbox: Outbox<'_>,
    actor: &Actor,
    id: CaseId,
    event: EventId,
) -> AppResult<PageOrRedirect> {
    learning_signup::cancel(&env, &outbox, actor, id, event).await?;
    Ok(PageOrRedirect::success(
        format!("/cases/{id}/progress#case-events"),
        "You have given your place back. Thank you for letting us know.",
    ))
}
