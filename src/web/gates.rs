//! The gate at the end of a stage: asking for sign-off, approving, sending back, reopening.
//! Who may do each is decided in `services::gates`; these handlers only pick the page.

use rocket::form::{Form, FromForm};
use rocket::{post, routes, Route, State};
use sea_orm::DatabaseConnection;

use super::page::PageOrRedirect;
use super::stages::{back_to, load_stage, stage_again};
use crate::clock::Clock;
use crate::domain::field_errors::FieldErrors;
use crate::domain::pathways::PathwayLibrary;
use crate::error::AppResult;
use crate::services::auth::Actor;
use crate::services::gates::{self, Decision};

pub fn routes() -> Vec<Route> {
    routes![request_signoff, approve, send_back, reopen]
}

#[post("/cases/<id>/stages/<stage>/signoff-request")]
async fn request_signoff(
    actor: &Actor,
    id: i64,
    stage: &str,
    db: &State<DatabaseConnection>,
    clock: &State<Clock>,
    lib: &State<PathwayLibrary>,
) -> AppResult<PageOrRedirect> {
    let l = load_stage(db, lib, actor, id, stage).await?;
    match gates::request_signoff(db, clock, lib, actor, (&l.case, l.access), l.stage).await? {
        Ok(()) => Ok(back_to(&l, "Sign-off requested. The Centre will look at this stage and sign it off or send it back to you.")),
        Err(missing) => {
            let mut errors = FieldErrors::new();
            errors.add("signoff", "This stage cannot be signed off yet: see what is missing below");
            stage_again(db, lib, actor, &l, &errors, missing, None).await
        }
    }
}

#[derive(FromForm)]
struct DecisionForm {
    #[field(default = String::new())]
    note: String,
    #[field(default = String::new())]
    minutes_received: String,
}

#[allow(clippy::too_many_arguments)]
#[post("/cases/<id>/stages/<stage>/approve", data = "<form>")]
async fn approve(
    actor: &Actor,
    id: i64,
    stage: &str,
    form: Form<DecisionForm>,
    db: &State<DatabaseConnection>,
    clock: &State<Clock>,
    lib: &State<PathwayLibrary>,
) -> AppResult<PageOrRedirect> {
    let l = load_stage(db, lib, actor, id, stage).await?;
    let decision = Decision {
        note: form.note.clone(),
        minutes_received: form.minutes_received == "yes",
    };
    match gates::approve(
        db,
        clock,
        lib,
        actor,
        (&l.case, l.access),
        l.stage,
        &decision,
    )
    .await?
    {
        Ok(()) => Ok(PageOrRedirect::success(
            format!("/cases/{}", l.case.id),
            &format!(
                "\"{}\" is signed off. The next stage is open.",
                l.stage.title
            ),
        )),
        Err(errors) => stage_again(db, lib, actor, &l, &errors, Vec::new(), None).await,
    }
}

#[derive(FromForm)]
struct CommentForm {
    #[field(default = String::new())]
    comment: String,
}

#[allow(clippy::too_many_arguments)]
#[post("/cases/<id>/stages/<stage>/send-back", data = "<form>")]
async fn send_back(
    actor: &Actor,
    id: i64,
    stage: &str,
    form: Form<CommentForm>,
    db: &State<DatabaseConnection>,
    clock: &State<Clock>,
    lib: &State<PathwayLibrary>,
) -> AppResult<PageOrRedirect> {
    let l = load_stage(db, lib, actor, id, stage).await?;
    match gates::send_back(
        db,
        clock,
        lib,
        actor,
        (&l.case, l.access),
        l.stage,
        &form.comment,
    )
    .await?
    {
        Ok(()) => Ok(back_to(&l, "The stage is sent back with your comment")),
        Err(errors) => stage_again(db, lib, actor, &l, &errors, Vec::new(), None).await,
    }
}

#[derive(FromForm)]
struct ReasonForm {
    #[field(default = String::new())]
    reason: String,
}

#[allow(clippy::too_many_arguments)]
#[post("/cases/<id>/stages/<stage>/reopen", data = "<form>")]
async fn reopen(
    actor: &Actor,
    id: i64,
    stage: &str,
    form: Form<ReasonForm>,
    db: &State<DatabaseConnection>,
    clock: &State<Clock>,
    lib: &State<PathwayLibrary>,
) -> AppResult<PageOrRedirect> {
    let l = load_stage(db, lib, actor, id, stage).await?;
    match gates::reopen(
        db,
        clock,
        lib,
        actor,
        (&l.case, l.access),
        l.stage,
        &form.reason,
    )
    .await?
    {
        Ok(()) => Ok(back_to(&l, "The stage is reopened")),
        Err(errors) => stage_again(db, lib, actor, &l, &errors, Vec::new(), None).await,
    }
}
