//! The gate at the end of a stage: asking for sign-off, approving, sending back, reopening.
//! Who may do each is decided in `services::gates`; these handlers only pick the page.

use rocket::form::{Form, FromForm};
use rocket::{post, routes, Route};

use super::page::PageOrRedirect;
use super::stages::{back_to, stage_again, Again};
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::CaseId;
use crate::error::AppResult;
use crate::services::auth::Actor;
use crate::services::gates::{self, Decision};
use crate::services::pathways::StageAt;
use crate::services::Env;

pub fn routes() -> Vec<Route> {
    routes![request_signoff, approve, send_back, reopen]
}

#[post("/cases/<id>/stages/<stage>/signoff-request")]
async fn request_signoff(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    stage: &str,
) -> AppResult<PageOrRedirect> {
    let at = StageAt { case: id, stage };
    match gates::request_signoff(&env, actor, at).await? {
        Ok(()) => Ok(back_to(at, "Sign-off requested. The Centre will look at this stage and sign it off or send it back to you.")),
        Err(missing) => {
            let mut errors = FieldErrors::new();
            errors.add("signoff", "This stage cannot be signed off yet: see what is missing below");
            stage_again(&env, actor, at, Again { errors, missing, ..Again::default() }).await
        }
    }
}

#[derive(FromForm)]
struct DecisionForm {
    #[field(default = String::new())]
    note: String,
    #[field(default = String::new())]
    evidence: String,
    #[field(default = String::new())]
    override_reason: String,
}

#[post("/cases/<id>/stages/<stage>/approve", data = "<form>")]
async fn approve(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    stage: &str,
    form: Form<DecisionForm>,
) -> AppResult<PageOrRedirect> {
    let at = StageAt { case: id, stage };
    let decision = Decision {
        note: form.note.clone(),
        evidence: form.evidence.clone(),
        override_reason: form.override_reason.clone(),
    };
    match gates::approve(&env, actor, at, &decision).await? {
        Ok(stage) => Ok(PageOrRedirect::success(
            format!("/cases/{id}"),
            &format!("\"{}\" is signed off. The next stage is open.", stage.title),
        )),
        Err(errors) => {
            let again = Again {
                evidence: form.evidence.clone(),
                override_reason: form.override_reason.clone(),
                ..Again::errors(errors)
            };
            stage_again(&env, actor, at, again).await
        }
    }
}

#[derive(FromForm)]
struct CommentForm {
    #[field(default = String::new())]
    comment: String,
}

#[post("/cases/<id>/stages/<stage>/send-back", data = "<form>")]
async fn send_back(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    stage: &str,
    form: Form<CommentForm>,
) -> AppResult<PageOrRedirect> {
    let at = StageAt { case: id, stage };
    match gates::send_back(&env, actor, at, &form.comment).await? {
        Ok(()) => Ok(back_to(at, "The stage is sent back with your comment")),
        Err(errors) => stage_again(&env, actor, at, Again::errors(errors)).await,
    }
}

#[derive(FromForm)]
struct ReasonForm {
    #[field(default = String::new())]
    reason: String,
}

#[post("/cases/<id>/stages/<stage>/reopen", data = "<form>")]
async fn reopen(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    stage: &str,
    form: Form<ReasonForm>,
) -> AppResult<PageOrRedirect> {
    let at = StageAt { case: id, stage };
    match gates::reopen(&env, actor, at, &form.reason).await? {
        Ok(()) => Ok(back_to(at, "The stage is reopened")),
        Err(errors) => stage_again(&env, actor, at, Again::errors(errors)).await,
    }
}
