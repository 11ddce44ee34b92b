//! `/cases/<id>/progress`: the case in plain English for workers (readable on a phone), and
//! the "next meeting" form for reps.

use chrono::NaiveDate;
use rocket::form::{Form, FromForm};
use rocket::request::FlashMessage;
use rocket::{get, post, routes, Route, State};
use rocket_dyn_templates::Template;
use sea_orm::DatabaseConnection;
use serde::Serialize;

use super::case_header::CaseHeader;
use super::page::{PageContext, PageOrRedirect};
use crate::clock::Clock;
use crate::domain::field_errors::FieldErrors;
use crate::domain::pathways::PathwayLibrary;
use crate::error::AppResult;
use crate::services::auth::Actor;
use crate::services::cases::Access;
use crate::services::progress;

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
    may_add_meeting: bool,
    form: MeetingForm,
    field_errors: std::collections::BTreeMap<String, String>,
}

async fn view(
    db: &DatabaseConnection,
    clock: &Clock,
    pathways: &PathwayLibrary,
    actor: &Actor,
    id: i64,
    form: MeetingForm,
    errors: &FieldErrors,
) -> AppResult<(View, String)> {
    let p = progress::progress(db, clock, pathways, actor, id).await?;
    let (now_title, now_text) = p.now.unwrap_or_default();
    let view = View {
        header: CaseHeader::new(&p.case, p.access, "/progress"),
        pathway: p.pathway_title,
        stages: p
            .stages
            .into_iter()
            .map(|s| StageView {
                title: s.title,
                purpose: s.purpose,
                done: s.status == "done",
                current: s.status == "current",
            })
            .collect(),
        now_title,
        now_text,
        next_title: p.next_title,
        meeting: p.next_meeting.map(|m| (long_date(&m.on_date), m.purpose)),
        may_add_meeting: p.access != Access::Worker,
        form,
        field_errors: errors.by_field(),
    };
    Ok((view, p.case.name))
}

/// `2027-03-14` as `Sunday 14 March 2027`.
fn long_date(iso: &str) -> String {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(|d| d.format("%A %-d %B %Y").to_string())
        .unwrap_or_else(|_| iso.to_string())
}

#[get("/cases/<id>/progress")]
async fn show(
    actor: &Actor,
    id: i64,
    db: &State<DatabaseConnection>,
    clock: &State<Clock>,
    pathways: &State<PathwayLibrary>,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let (view, name) = view(
        db,
        clock,
        pathways,
        actor,
        id,
        <MeetingForm as Default>::default(),
        &FieldErrors::new(),
    )
    .await?;
    Ok(PageContext::for_actor(actor, flash).render(
        "progress/show",
        format!("Progress: {name}"),
        view,
    ))
}

#[post("/cases/<id>/meetings", data = "<form>")]
async fn add_meeting(
    actor: &Actor,
    id: i64,
    form: Form<MeetingForm>,
    db: &State<DatabaseConnection>,
    clock: &State<Clock>,
    pathways: &State<PathwayLibrary>,
) -> AppResult<PageOrRedirect> {
    match progress::add_meeting(db, clock, actor, id, &form.date, &form.purpose).await? {
        Ok(()) => Ok(PageOrRedirect::success(
            format!("/cases/{id}/progress"),
            "The meeting is now shown to the workers",
        )),
        Err(errors) => {
            let (view, name) =
                view(db, clock, pathways, actor, id, form.into_inner(), &errors).await?;
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
