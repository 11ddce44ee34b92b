//! `/cases/<id>/progress`: the case in plain English for workers (readable on a phone), and
//! the "next meeting" form for reps.

use crate::web::templates::Template;
use chrono::NaiveDate;
use rocket::form::{Form, FromForm};
use rocket::request::FlashMessage;
use rocket::{get, post, routes, Route};
use serde::Serialize;

use super::case_header::CaseHeader;
use super::page::{PageContext, PageOrRedirect};
use crate::domain::case::Case;
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::CaseId;
use crate::domain::pathways::PathwayLibrary;
use crate::error::AppResult;
use crate::services::auth::Actor;
use crate::services::{progress, Env};

pub fn routes() -> Vec<Route> {
    routes![show, add_meeting]
}

#[derive(FromForm, Default, Serialize)]
pub struct MeetingForm {
    #[field(default = String::new())]
    date: String,
    #[field(default = String::new())]
    purpose: String,
}

#[derive(Serialize)]
struct StageView {
    title: String,
    purpose: String,
    done: bool,
    current: bool,
}

#[derive(Serialize)]
struct View {
    header: CaseHeader,
    pathway: String,
    stages: Vec<StageView>,
    now_title: String,
    now_text: String,
    next_title: Option<String>,
    meeting: Option<(String, String)>,
    /// The case's own events, with sign-up for its members (`learning_case`).
    case_events: Vec<super::learning_case::CaseEventView>,
    may_add_meeting: bool,
    form: MeetingForm,
    field_errors: std::collections::BTreeMap<String, String>,
    /// What a worker still has to do here: answer the survey, read what was published.
    survey_prompt: bool,
    unread: Vec<UnreadView>,
}

#[derive(Serialize)]
struct UnreadView {
    what: String,
    href: String,
}

/// The pathway's stages, each done, current or to come, from where the case stands.
fn stages(pathways: &PathwayLibrary, case: &Case) -> Vec<StageView> {
    let Some(pathway) = pathways.pathway(case.pathway.as_str()) else {
        return Vec::new();
    };
    let at = pathway
        .stages
        .iter()
        .position(|s| s.key == case.current_stage);
    pathway
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| StageView {
            title: s.title.clone(),
            purpose: s.purpose.clone(),
            done: at.is_some_and(|at| i < at),
            current: at == Some(i),
        })
        .collect()
}

/// The page, with the meeting form as typed (empty on a first visit).
async fn view(
    env: &Env<'_>,
    actor: &Actor,
    id: CaseId,
    (form, errors): (MeetingForm, &FieldErrors),
) -> AppResult<(View, String)> {
    let (opened, meeting) = progress::progress(env, actor, id).await?;
    let prompts = progress::worker_prompts(env, actor, &opened).await?;
    let case = &opened.case;
    let pathway = case.pathway.as_str();
    // Workers see the current stage's purpose, not its guidance: the guidance is written
    // for the rep and tells them what to do.
    let (now_title, now_text) = env
        .library
        .stage(pathway, &case.current_stage)
        .map(|s| (s.title.clone(), s.purpose.clone()))
        .unwrap_or_default();
    let view = View {
        header: CaseHeader::of(&opened, "/progress"),
        pathway: env
            .library
            .pathway(pathway)
            .map_or_else(String::new, |p| p.title.clone()),
        stages: stages(env.library, case),
        now_title,
        now_text,
        next_title: env
            .library
            .next_stage(pathway, &case.current_stage)
            .map(|s| s.title.clone()),
        meeting: meeting.map(|m| (long_date(m.on), m.purpose)),
        case_events: super::learning_case::case_events(env, actor, &opened).await?,
        may_add_meeting: opened.role.works_on_case(),
        form,
        field_errors: errors.by_field(),
        survey_prompt: prompts.survey,
        unread: prompts
            .unread
            .iter()
            .map(|(doc, what, version, made)| UnreadView {
                what: format!(
                    "{what}, version {version}, made on {}",
                    crate::clock::format_timestamp(*made)
                ),
                href: format!("/cases/{id}/documents/library/{doc}"),
            })
            .collect(),
    };
    Ok((view, opened.case.name))
}

/// `2027-03-14` as `Sunday 14 March 2027`.
fn long_date(day: NaiveDate) -> String {
    day.format("%A %-d %B %Y").to_string()
}

#[get("/cases/<id>/progress")]
async fn show(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let empty = (<MeetingForm as Default>::default(), &FieldErrors::new());
    let (view, name) = view(&env, actor, id, empty).await?;
    Ok(PageContext::for_actor(actor, flash).render(
        "progress/show",
        format!("Progress: {name}"),
        view,
    ))
}

#[post("/cases/<id>/meetings", data = "<form>")]
async fn add_meeting(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    form: Form<MeetingForm>,
) -> AppResult<PageOrRedirect> {
    let meeting = (form.date.as_str(), form.purpose.as_str());
    match progress::add_meeting(&env, actor, id, meeting).await? {
        Ok(()) => Ok(PageOrRedirect::success(
            format!("/cases/{id}/progress"),
            "The meeting is now shown to the workers",
        )),
        Err(errors) => {
            let (view, name) = view(&env, actor, id, (form.into_inner(), &errors)).await?;
            Ok(PageOrRedirect::invalid(
                PageContext::for_actor(actor, None).render_with_errors(
                    "progress/show",
                    format!("Progress: {name}"),
                    &errors,
                    view,
                ),
            ))
        }
    }
}
