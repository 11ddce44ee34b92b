//! A meeting's notice and minutes: make them, read them (HTML), download them (PDF), record
//! the notice's sending and confirm the minutes.

use std::sync::Arc;

use crate::web::templates::Template;
use rocket::form::{Form, FromForm};
use rocket::http::{ContentType, Header};
use rocket::{get, post, routes, Responder, Route, State};
use serde::Serialize;

use super::case_header::CaseHeader;
use super::meetings::meetings_view_forms::{self as view, DateParts};
use super::outgoing::Outgoing;
use super::page::{PageContext, PageOrRedirect};
use crate::domain::ids::CaseId;
use crate::error::AppResult;
use crate::services::auth::Actor;
use crate::services::meeting_docs as svc;
use crate::services::render::Engine;
use crate::services::Env;

pub fn routes() -> Vec<Route> {
    routes![make_notice, record_sent, read, pdf, write_minutes]
}

#[post("/cases/<id>/meetings/<meeting>/notice")]
async fn make_notice(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    meeting: i64,
    engine: &State<Arc<Engine>>,
) -> AppResult<PageOrRedirect> {
    svc::make_notice(&env, engine, actor, id, meeting).await?;
    Ok(PageOrRedirect::success(
        format!("/cases/{id}/meetings/{meeting}/notice"),
        "The notice is made. Read it through, then send it.",
    ))
}

#[derive(FromForm, Default)]
struct SentFields {
    #[field(default = String::new())]
    method: String,
    sent_on: DateParts,
}

#[post("/cases/<id>/meetings/<meeting>/notice/sent", data = "<form>")]
async fn record_sent(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    meeting: i64,
    outgoing: Outgoing<'_>,
    form: Form<SentFields>,
) -> AppResult<PageOrRedirect> {
    match svc::send_notice(
        &env,
        &outgoing.sender(),
        actor,
        id,
        meeting,
        &form.method,
        (&form.sent_on.day, &form.sent_on.month, &form.sent_on.year),
    )
    .await?
    {
        Ok(sent) => {
            let mut message = format!(
                "The notice is recorded as sent to {} members.",
                sent.recipients
            );
            for (name, why) in &sent.failed {
                message.push_str(&format!(
                    " {name} did not get the email ({why}): give it to them by hand or post."
                ));
            }
            if let Some(late) = sent.late {
                message.push(' ');
                message.push_str(&late);
            }
            Ok(PageOrRedirect::success(
                format!("/cases/{id}/meetings/{meeting}"),
                &message,
            ))
        }
        Err(errors) => {
            let forms = view::Forms {
                notice: Some((form.method.clone(), form.sent_on.clone())),
                errors,
                ..Default::default()
            };
            super::meetings::show_again(&env, actor, id, meeting, forms).await
        }
    }
}

#[derive(Serialize)]
struct DocView {
    header: CaseHeader,
    meeting_id: i64,
    which: &'static str,
    title: String,
    html: String,
    version: i32,
    draft: bool,
}

fn which(kind: &str) -> Option<bool> {
    match kind {
        "notice" => Some(false),
        "minutes" => Some(true),
        _ => None,
    }
}

#[get("/cases/<id>/meetings/<meeting>/<kind>", rank = 3)]
async fn read(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    meeting: i64,
    kind: &str,
) -> AppResult<Template> {
    let minutes = which(kind).ok_or(crate::error::AppError::NotFound)?;
    let (m, doc) = svc::document(&env, actor, id, meeting, minutes).await?;
    let title = format!(
        "{}: {}",
        if minutes { "Minutes" } else { "Notice" },
        m.meeting.title
    );
    let html = svc::html_of(&m, &doc, title.clone()).await?;
    let view = DocView {
        header: CaseHeader::of(&m.opened, "/meetings"),
        meeting_id: meeting,
        which: if minutes { "minutes" } else { "notice" },
        title: title.clone(),
        html,
        version: doc.version,
        draft: doc.draft,
    };
    Ok(PageContext::for_actor(actor, None).render("meetings/document", title, view))
}

#[derive(Responder)]
struct PdfFile {
    bytes: Vec<u8>,
    content_type: ContentType,
    disposition: Header<'static>,
}

#[get("/cases/<id>/meetings/<meeting>/<kind>/pdf")]
async fn pdf(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    meeting: i64,
    kind: &str,
) -> AppResult<PdfFile> {
    let minutes = which(kind).ok_or(crate::error::AppError::NotFound)?;
    let (m, doc) = svc::document(&env, actor, id, meeting, minutes).await?;
    Ok(PdfFile {
        bytes: doc.pdf,
        content_type: ContentType::PDF,
        disposition: Header::new(
            "Content-Disposition",
            format!(
                "attachment; filename=\"{}-{}-{}-v{}.pdf\"",
                m.opened.case.reference, kind, meeting, doc.version
            ),
        ),
    })
}

#[derive(FromForm, Default)]
struct MinutesFields {
    #[field(default = String::new())]
    confirm: String,
}

#[post("/cases/<id>/meetings/<meeting>/minutes", data = "<form>")]
async fn write_minutes(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    meeting: i64,
    engine: &State<Arc<Engine>>,
    form: Form<MinutesFields>,
) -> AppResult<PageOrRedirect> {
    let confirm = form.confirm == "yes";
    svc::minutes(&env, engine, actor, id, meeting, confirm).await?;
    Ok(PageOrRedirect::success(
        format!("/cases/{id}/meetings/{meeting}/minutes"),
        if confirm {
            "The minutes are confirmed and published in the case's library."
        } else {
            "The draft minutes are written. Read them, then confirm them."
        },
    ))
}
