//! The centre's enquiry inbox: the list, an enquiry's page, notes, and the decisions.

use crate::web::templates::Template;
use rocket::form::{Form, FromForm};
use rocket::request::FlashMessage;
use rocket::response::{Flash, Redirect};
use rocket::{get, post, routes, Route};
use serde::Serialize;

use super::page::{PageContext, PageOrRedirect};
use super::session::Centre;
use crate::clock::format_timestamp;
use crate::domain::case::{CaseInput, Pathway, Trigger};
use crate::domain::enquiry::{draft_case, CaseSource, EnquiryRole, EnquiryStatus};
use crate::domain::field_errors::FieldErrors;
use crate::domain::readiness::assess;
use crate::error::{AppError, AppResult};
use crate::services::enquiries::{self, Enquiry, EnquiryDetail};
use crate::services::Env;

pub fn routes() -> Vec<Route> {
    routes![index, show, add_note, progress, accept, decline]
}

#[derive(Serialize)]
struct Row {
    id: i64,
    reference: String,
    name: String,
    organisation: String,
    role: &'static str,
    status: &'static str,
    status_tag: &'static str,
    received: String,
}

fn status_tag(status: Option<EnquiryStatus>) -> &'static str {
    match status {
        Some(EnquiryStatus::New) => "tag-blue",
        Some(EnquiryStatus::InProgress) => "tag-yellow",
        Some(EnquiryStatus::Accepted) => "tag-green",
        _ => "tag-grey",
    }
}

fn row(e: &Enquiry) -> Row {
    let status = EnquiryStatus::parse(&e.status);
    Row {
        id: e.id,
        reference: enquiries::reference(e),
        name: e.name.clone(),
        organisation: e.organisation.clone(),
        role: EnquiryRole::parse(&e.role).map_or("Unknown", EnquiryRole::label),
        status: status.map_or("Unknown", EnquiryStatus::label),
        status_tag: status_tag(status),
        received: format_timestamp(e.created_at),
    }
}

#[derive(Serialize)]
struct Filter {
    href: String,
    label: &'static str,
    current: bool,
}

#[derive(Serialize)]
struct ListView {
    rows: Vec<Row>,
    filters: Vec<Filter>,
}

#[get("/enquiries?<status>")]
async fn index(
    centre: Centre<'_>,
    status: Option<&str>,
    env: Env<'_>,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let chosen = status.and_then(EnquiryStatus::parse);
    let list = enquiries::list(&env, centre.0, chosen).await?;
    let mut filters = vec![Filter {
        href: "/enquiries".into(),
        label: "All",
        current: chosen.is_none(),
    }];
    filters.extend(EnquiryStatus::ALL.iter().map(|s| Filter {
        href: format!("/enquiries?status={}", s.as_str()),
        label: s.label(),
        current: chosen == Some(*s),
    }));
    let view = ListView {
        rows: list.iter().map(row).collect(),
        filters,
    };
    Ok(PageContext::for_actor(centre.0, flash).render("enquiries/index", "Enquiries", view))
}

#[derive(Serialize)]
struct NoteView {
    author: String,
    body: String,
    when: String,
}

#[derive(Serialize)]
struct Choice {
    value: &'static str,
    label: &'static str,
    selected: bool,
}

#[derive(Serialize)]
struct ShowView {
    enquiry: Row,
    version: i64,
    email: String,
    phone: String,
    situation: String,
    is_open: bool,
    is_new: bool,
    decline_reason: String,
    case_id: Option<i64>,
    headline: Option<String>,
    answers: Vec<super::check_form::AnswerView>,
    notes: Vec<NoteView>,
    case_name: String,
    pathways: Vec<Choice>,
    triggers: Vec<Choice>,
    note: String,
    reason: String,
    invitation: Option<String>,
    field_errors: std::collections::BTreeMap<String, String>,
}

/// What the staff member typed, to show again with problems.
#[derive(Default)]
struct Typed {
    case_form: Option<CaseInput>,
    note: String,
    reason: String,
}

fn show_view(detail: EnquiryDetail, typed: Typed, errors: &FieldErrors) -> ShowView {
    let e = &detail.enquiry;
    let status = EnquiryStatus::parse(&e.status);
    let answers = detail.readiness.as_ref().map(|(_, a)| a);
    let draft = typed.case_form.unwrap_or_else(|| {
        draft_case(&CaseSource {
            name: &e.name,
            organisation: &e.organisation,
            situation: &e.situation,
            answers,
        })
    });
    let headline = answers.map(|a| {
        let day = chrono::DateTime::from_timestamp(e.created_at, 0)
            .map(|t| t.date_naive())
            .unwrap_or_default();
        assess(a, day).headline
    });
    ShowView {
        enquiry: row(e),
        version: e.version,
        email: e.email.clone(),
        phone: e.phone.clone(),
        situation: e.situation.clone(),
        is_open: status.is_some_and(EnquiryStatus::is_open),
        is_new: status == Some(EnquiryStatus::New),
        decline_reason: e.decline_reason.clone(),
        case_id: e.case_id,
        headline,
        answers: detail
            .readiness
            .as_ref()
            .map(|(input, _)| super::check_form::answer_pairs(input))
            .unwrap_or_default(),
        notes: detail
            .notes
            .into_iter()
            .map(|(author, body, at)| NoteView {
                author,
                body,
                when: format_timestamp(at),
            })
            .collect(),
        pathways: Pathway::ALL
            .iter()
            .map(|p| Choice {
                value: p.as_str(),
                label: p.label(),
                selected: p.as_str() == draft.pathway,
            })
            .collect(),
        triggers: Trigger::ALL
            .iter()
            .map(|t| Choice {
                value: t.as_str(),
                label: t.label(),
                selected: t.as_str() == draft.trigger,
            })
            .collect(),
        case_name: draft.name,
        note: typed.note,
        reason: typed.reason,
        invitation: None,
        field_errors: errors.by_field(),
    }
}

#[get("/enquiries/<id>")]
async fn show(
    centre: Centre<'_>,
    id: i64,
    env: Env<'_>,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let detail = enquiries::find(&env, centre.0, id).await?;
    let title = format!("Enquiry {}", enquiries::reference(&detail.enquiry));
    let view = show_view(detail, Typed::default(), &FieldErrors::new());
    Ok(PageContext::for_actor(centre.0, flash).render("enquiries/show", title, view))
}

/// The enquiry page again, with the problems of a form on it.
async fn invalid(
    centre: &Centre<'_>,
    env: &Env<'_>,
    id: i64,
    typed: Typed,
    errors: &FieldErrors,
) -> AppResult<PageOrRedirect> {
    let detail = enquiries::find(env, centre.0, id).await?;
    let title = format!("Enquiry {}", enquiries::reference(&detail.enquiry));
    let view = show_view(detail, typed, errors);
    Ok(PageOrRedirect::invalid(
        PageContext::for_actor(centre.0, None).render_with_errors(
            "enquiries/show",
            title,
            errors,
            view,
        ),
    ))
}

/// Someone else decided or changed the enquiry meanwhile: show it as it is now.
fn changed(id: i64) -> PageOrRedirect {
    PageOrRedirect::Redirect(Flash::warning(
        Redirect::to(format!("/enquiries/{id}")),
        "Someone else changed this enquiry while you had it open. Here it is as it is now: check it, then try again if you still need to.",
    ))
}

fn or_changed(id: i64, result: AppResult<PageOrRedirect>) -> AppResult<PageOrRedirect> {
    match result {
        Err(AppError::Conflict(_)) => Ok(changed(id)),
        other => other,
    }
}

#[derive(FromForm)]
struct NoteForm {
    #[field(default = String::new())]
    note: String,
}

#[post("/enquiries/<id>/notes", data = "<form>")]
async fn add_note(
    centre: Centre<'_>,
    id: i64,
    form: Form<NoteForm>,
    env: Env<'_>,
) -> AppResult<PageOrRedirect> {
    match enquiries::add_note(&env, centre.0, id, &form.note).await? {
        Ok(()) => Ok(PageOrRedirect::success(
            format!("/enquiries/{id}"),
            "Note added",
        )),
        Err(errors) => {
            let typed = Typed {
                note: form.note.clone(),
                ..Default::default()
            };
            invalid(&centre, &env, id, typed, &errors).await
        }
    }
}

#[derive(FromForm)]
struct VersionForm {
    #[field(default = 0)]
    version: i64,
}

#[post("/enquiries/<id>/progress", data = "<form>")]
async fn progress(
    centre: Centre<'_>,
    id: i64,
    form: Form<VersionForm>,
    env: Env<'_>,
) -> AppResult<PageOrRedirect> {
    let result = enquiries::mark_in_progress(&env, centre.0, id, form.version)
        .await
        .map(|()| PageOrRedirect::success(format!("/enquiries/{id}"), "Marked as in progress"));
    or_changed(id, result)
}

#[derive(FromForm)]
struct DeclineForm {
    #[field(default = 0)]
    version: i64,
    #[field(default = String::new())]
    reason: String,
}

#[post("/enquiries/<id>/decline", data = "<form>")]
async fn decline(
    centre: Centre<'_>,
    id: i64,
    form: Form<DeclineForm>,
    env: Env<'_>,
) -> AppResult<PageOrRedirect> {
    let result = match enquiries::decline(&env, centre.0, id, form.version, &form.reason).await {
        Ok(Ok(())) => Ok(PageOrRedirect::success(
            format!("/enquiries/{id}"),
            "Enquiry declined. Remember to tell the enquirer why.",
        )),
        Ok(Err(errors)) => {
            let typed = Typed {
                reason: form.reason.clone(),
                ..Default::default()
            };
            invalid(&centre, &env, id, typed, &errors).await
        }
        Err(e) => Err(e),
    };
    or_changed(id, result)
}

#[derive(FromForm)]
struct AcceptForm {
    #[field(default = 0)]
    version: i64,
    #[field(default = String::new())]
    name: String,
    #[field(default = String::new())]
    pathway: String,
    #[field(default = String::new())]
    trigger: String,
}

#[post("/enquiries/<id>/accept", data = "<form>")]
async fn accept(
    centre: Centre<'_>,
    id: i64,
    form: Form<AcceptForm>,
    env: Env<'_>,
    server: &rocket::Config,
) -> AppResult<PageOrRedirect> {
    let detail = enquiries::find(&env, centre.0, id).await?;
    let e = &detail.enquiry;
    let mut case_input = draft_case(&CaseSource {
        name: &e.name,
        organisation: &e.organisation,
        situation: &e.situation,
        answers: detail.readiness.as_ref().map(|(_, a)| a),
    });
    case_input.name = form.name.clone();
    case_input.pathway = form.pathway.clone();
    case_input.trigger = form.trigger.clone();
    let prefix = &env.config.reference_prefix;
    let result = enquiries::accept(&env, centre.0, prefix, id, form.version, &case_input).await;
    let accepted = match result {
        Err(AppError::Conflict(_)) => return Ok(changed(id)),
        Err(e) => return Err(e),
        Ok(Err(errors)) => {
            let typed = Typed {
                case_form: Some(case_input),
                ..Default::default()
            };
            return invalid(&centre, &env, id, typed, &errors).await;
        }
        Ok(Ok(accepted)) => accepted,
    };
    // The link is shown once, here: only its hash is stored.
    let detail = enquiries::find(&env, centre.0, id).await?;
    let mut view = show_view(detail, Typed::default(), &FieldErrors::new());
    let base = env
        .config
        .base_url(&server.address.to_string(), server.port);
    view.invitation = Some(format!("{base}/join/{}", accepted.token));
    let title = format!("Case {} opened", accepted.case_reference);
    Ok(PageOrRedirect::Page(
        PageContext::for_actor(centre.0, None).render("enquiries/show", title, view),
    ))
}
