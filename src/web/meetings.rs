//! `/cases/<id>/meetings…`: scheduling members' meetings, the meeting page (notice, who is
//! entitled, resolutions, results), resolutions and the count in the room. Thin: each
//! handler parses the form, calls one service and chooses a page. The ballot is in
//! `meeting_votes`, the notice and minutes in `meeting_docs`.

use crate::web::templates::Template;
use rocket::form::{Form, FromForm};
use rocket::request::FlashMessage;
use rocket::{get, post, routes, Route};
use serde::Serialize;

use super::case_header::CaseHeader;
use super::page::{PageContext, PageOrRedirect};
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::CaseId;
use crate::domain::meetings::{Approves, MeetingKind, ResolutionKind};
use crate::error::AppResult;
use crate::services::auth::Actor;
use crate::services::meetings::{self as svc, MeetingForm, ResolutionForm, RoomCountForm};
use crate::services::Env;

#[path = "meetings_view.rs"]
pub mod meetings_view_forms;
use meetings_view_forms as view;
use view::{meeting_view, Choice, DateParts};

pub fn routes() -> Vec<Route> {
    routes![
        index,
        schedule,
        show,
        add_resolution,
        record_count,
        entitlement
    ]
}

#[derive(FromForm, Default, Serialize, Clone)]
pub(super) struct ScheduleForm {
    #[field(default = String::new())]
    pub(super) kind: String,
    #[field(default = String::new())]
    pub(super) title: String,
    pub(super) date: DateParts,
    #[field(default = String::new())]
    pub(super) time: String,
    #[field(default = String::new())]
    pub(super) place: String,
    #[field(default = String::new())]
    pub(super) online_link: String,
    #[field(default = String::new())]
    pub(super) chair: String,
    #[field(default = String::new())]
    pub(super) keep_date: String,
}

impl ScheduleForm {
    /// The form as the services take it.
    pub(super) fn to_input(&self) -> MeetingForm {
        MeetingForm {
            kind: self.kind.clone(),
            title: self.title.clone(),
            day: self.date.day.clone(),
            month: self.date.month.clone(),
            year: self.date.year.clone(),
            time: self.time.clone(),
            place: self.place.clone(),
            online_link: self.online_link.clone(),
            chair: self.chair.clone(),
            keep_date: self.keep_date == "yes",
        }
    }
}

#[derive(Serialize)]
struct MeetingLine {
    href: String,
    title: String,
    kind: &'static str,
    date: String,
    time: String,
}

#[derive(Serialize)]
struct IndexView {
    header: CaseHeader,
    meetings: Vec<MeetingLine>,
    may_schedule: bool,
    /// Why nobody may schedule a meeting now (a withdrawn or completed case).
    closed_note: String,
    kinds: Vec<Choice>,
    form: ScheduleForm,
    field_errors: std::collections::BTreeMap<String, String>,
    too_soon: Option<crate::domain::meetings::notice::NoticePlan>,
}

async fn index_view(
    env: &Env<'_>,
    actor: &Actor,
    id: CaseId,
    form: ScheduleForm,
    errors: &FieldErrors,
    too_soon: Option<crate::domain::meetings::notice::NoticePlan>,
) -> AppResult<IndexView> {
    let (opened, meetings) = svc::list(env, actor, id).await?;
    Ok(IndexView {
        header: CaseHeader::of(&opened, "/meetings"),
        meetings: meetings
            .into_iter()
            .map(|m| MeetingLine {
                href: format!("/cases/{id}/meetings/{}", m.id),
                kind: MeetingKind::parse(&m.kind).map_or("Meeting", |k| k.label()),
                title: m.title,
                date: view::long(&m.meeting_date),
                time: m.start_time,
            })
            .collect(),
        may_schedule: opened.role.works_on_case() && svc::may_meet(&opened),
        closed_note: if svc::may_meet(&opened) {
            String::new()
        } else {
            format!(
                "This case is {}, so no meetings can be scheduled for it.",
                opened.case.status.label().to_lowercase()
            )
        },
        kinds: Choice::list(
            MeetingKind::ALL.iter().map(|k| (k.as_str(), k.label())),
            &form.kind,
        ),
        form,
        field_errors: errors.by_field(),
        too_soon,
    })
}

#[get("/cases/<id>/meetings")]
async fn index(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let view = index_view(
        &env,
        actor,
        id,
        <ScheduleForm as Default>::default(),
        &FieldErrors::new(),
        None,
    )
    .await?;
    Ok(PageContext::for_actor(actor, flash).render("meetings/index", "Meetings", view))
}

#[post("/cases/<id>/meetings/new", data = "<form>")]
async fn schedule(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    form: Form<ScheduleForm>,
) -> AppResult<PageOrRedirect> {
    let input = form.to_input();
    match svc::schedule(&env, actor, id, &input).await? {
        Ok(meeting) => Ok(PageOrRedirect::success(
            format!("/cases/{id}/meetings/{meeting}"),
            "The meeting is scheduled. Add its resolutions, then make and send the notice.",
        )),
        Err(problem) => {
            let view = index_view(
                &env,
                actor,
                id,
                form.into_inner(),
                &problem.errors,
                problem.too_soon,
            )
            .await?;
            Ok(PageOrRedirect::invalid(
                PageContext::for_actor(actor, None).render_with_errors(
                    "meetings/index",
                    "Meetings",
                    &problem.errors,
                    view,
                ),
            ))
        }
    }
}

#[get("/cases/<id>/meetings/<meeting>")]
async fn show(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    meeting: i64,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let (title, view) = meeting_view(&env, actor, id, meeting, view::Forms::default()).await?;
    Ok(PageContext::for_actor(actor, flash).render("meetings/show", title, view))
}

pub(super) async fn show_again(
    env: &Env<'_>,
    actor: &Actor,
    id: CaseId,
    meeting: i64,
    forms: view::Forms,
) -> AppResult<PageOrRedirect> {
    let errors = match &forms.count {
        // The summary's links must reach the boxes of the one count form that was sent.
        Some((resolution, _)) => forms
            .errors
            .clone()
            .labelled(count_label)
            .with_ids(|field| view::count_field_id(*resolution, field)),
        None => forms.errors.clone(),
    };
    let (title, view) = meeting_view(env, actor, id, meeting, forms).await?;
    Ok(PageOrRedirect::invalid(
        PageContext::for_actor(actor, None).render_with_errors(
            "meetings/show",
            title,
            &errors,
            view,
        ),
    ))
}

/// The count form's questions, so the error summary says which box each problem is in.
fn count_label(field: &str) -> Option<String> {
    let label = match field {
        "present" => "Members present in person",
        "proxies" => "Members represented by proxy",
        "votes_for" => "Votes for",
        "votes_against" => "Votes against",
        "abstentions" => "Abstentions",
        _ => return None,
    };
    Some(label.to_string())
}

#[derive(FromForm, Default, Serialize, Clone)]
pub struct ResolutionFields {
    #[field(default = String::new())]
    pub text: String,
    #[field(default = String::new())]
    pub kind: String,
    #[field(default = String::new())]
    pub approves: String,
    #[field(default = String::new())]
    pub document_id: String,
    #[field(default = String::new())]
    pub price: String,
    #[field(default = String::new())]
    pub candidates: String,
    #[field(default = String::new())]
    pub seats: String,
}

#[post("/cases/<id>/meetings/<meeting>/resolutions", data = "<form>")]
async fn add_resolution(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    meeting: i64,
    form: Form<ResolutionFields>,
) -> AppResult<PageOrRedirect> {
    let input = ResolutionForm {
        text: form.text.clone(),
        kind: form.kind.clone(),
        approves: form.approves.clone(),
        document_id: form.document_id.clone(),
        price: form.price.clone(),
        candidates: form.candidates.clone(),
        seats: form.seats.clone(),
    };
    let _ = (ResolutionKind::ALL, Approves::ALL);
    match svc::add_resolution(&env, actor, id, meeting, &input).await? {
        Ok(_) => Ok(PageOrRedirect::success(
            format!("/cases/{id}/meetings/{meeting}#resolutions"),
            "The resolution is added.",
        )),
        Err(errors) => {
            let forms = view::Forms {
                resolution: form.into_inner(),
                errors,
                ..Default::default()
            };
            show_again(&env, actor, id, meeting, forms).await
        }
    }
}

#[derive(FromForm, Default, Serialize, Clone)]
pub struct CountFields {
    #[field(default = String::new())]
    pub present: String,
    #[field(default = String::new())]
    pub proxies: String,
    #[field(default = String::new())]
    pub votes_for: String,
    #[field(default = String::new())]
    pub votes_against: String,
    #[field(default = String::new())]
    pub abstentions: String,
    #[field(default = Vec::new())]
    pub candidate: Vec<String>,
}

#[post(
    "/cases/<id>/meetings/<meeting>/resolutions/<resolution>/count",
    data = "<form>"
)]
async fn record_count(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    meeting: i64,
    resolution: i64,
    form: Form<CountFields>,
) -> AppResult<PageOrRedirect> {
    let input = RoomCountForm {
        present: form.present.clone(),
        proxies: form.proxies.clone(),
        votes_for: form.votes_for.clone(),
        votes_against: form.votes_against.clone(),
        abstentions: form.abstentions.clone(),
        candidate_votes: form.candidate.clone(),
    };
    match svc::record_count(&env, actor, id, meeting, resolution, &input).await? {
        Ok(()) => Ok(PageOrRedirect::success(
            format!("/cases/{id}/meetings/{meeting}#resolution-{resolution}"),
            "The count is recorded.",
        )),
        Err(errors) => {
            let forms = view::Forms {
                count: Some((resolution, form.into_inner())),
                errors,
                ..Default::default()
            };
            show_again(&env, actor, id, meeting, forms).await
        }
    }
}

#[derive(FromForm, Default, Serialize, Clone)]
pub struct EntitlementFields {
    #[field(default = 0)]
    pub attendee: i64,
    #[field(default = String::new())]
    pub entitled: String,
    #[field(default = String::new())]
    pub reason: String,
}

#[post("/cases/<id>/meetings/<meeting>/entitlement", data = "<form>")]
async fn entitlement(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    meeting: i64,
    form: Form<EntitlementFields>,
) -> AppResult<PageOrRedirect> {
    let entitled = form.entitled == "yes";
    match svc::set_entitlement(
        &env,
        actor,
        id,
        meeting,
        form.attendee,
        entitled,
        &form.reason,
    )
    .await?
    {
        Ok(()) => Ok(PageOrRedirect::success(
            format!("/cases/{id}/meetings/{meeting}#entitled"),
            "The list of members entitled to vote is changed, with your reason.",
        )),
        Err(errors) => {
            let forms = view::Forms {
                entitlement: Some(form.into_inner()),
                errors,
                ..Default::default()
            };
            show_again(&env, actor, id, meeting, forms).await
        }
    }
}
