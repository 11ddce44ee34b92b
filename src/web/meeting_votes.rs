//! The online secret ballot: opening and closing it (staff and reps), the ballot paper and
//! the receipt (members entitled to vote). A vote's receipt is shown once, on the page that
//! answers the vote, and is never sent anywhere.

use crate::web::templates::Template;
use rocket::form::Form;
use rocket::request::FlashMessage;
use rocket::{get, post, routes, Data, Route};
use serde::Serialize;

use super::case_header::CaseHeader;
use super::form_body;
use super::meetings::meetings_view_forms::{self as view, BallotFields};
use super::page::{PageContext, PageOrRedirect};
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::CaseId;
use crate::domain::meetings::ballot::field_name;
use crate::domain::meetings::Choice as Mark;
use crate::error::AppResult;
use crate::services::auth::Actor;
use crate::services::ballots::{self, BallotForm, BallotState, Refused};
use crate::services::meetings as svc;
use crate::services::Env;

pub fn routes() -> Vec<Route> {
    routes![open_ballot, close_ballot, paper, cast]
}

#[post("/cases/<id>/meetings/<meeting>/ballot", data = "<form>")]
async fn open_ballot(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    meeting: i64,
    form: Form<BallotFields>,
) -> AppResult<PageOrRedirect> {
    let input = BallotForm {
        opens: (
            form.opens.day.clone(),
            form.opens.month.clone(),
            form.opens.year.clone(),
        ),
        open_time: form.open_time.clone(),
        closes: (
            form.closes.day.clone(),
            form.closes.month.clone(),
            form.closes.year.clone(),
        ),
        close_time: form.close_time.clone(),
    };
    match ballots::open_ballot(&env, actor, id, meeting, &input).await? {
        Ok(message) => Ok(PageOrRedirect::success(
            format!("/cases/{id}/meetings/{meeting}"),
            &message,
        )),
        Err(errors) => {
            let forms = view::Forms {
                ballot: Some(form.into_inner()),
                errors,
                ..Default::default()
            };
            super::meetings::show_again(&env, actor, id, meeting, forms).await
        }
    }
}

#[post("/cases/<id>/meetings/<meeting>/ballot/close")]
async fn close_ballot(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    meeting: i64,
) -> AppResult<PageOrRedirect> {
    ballots::close_ballot(&env, actor, id, meeting).await?;
    Ok(PageOrRedirect::success(
        format!("/cases/{id}/meetings/{meeting}#results"),
        "The ballot is closed. The results are below.",
    ))
}

#[derive(Serialize)]
struct Option_ {
    value: String,
    label: String,
    checked: bool,
}

#[derive(Serialize)]
struct Question {
    field: String,
    number: i32,
    kind: &'static str,
    text: String,
    /// The version the resolution approves, to read before voting.
    document_link: Option<String>,
    approves: String,
    is_election: bool,
    seats: i32,
    options: Vec<Option_>,
    error: Option<String>,
}

#[derive(Serialize)]
struct PaperView {
    header: CaseHeader,
    meeting_id: i64,
    title: String,
    open: bool,
    closes: String,
    voted: bool,
    entitled: bool,
    questions: Vec<Question>,
    refused: Option<String>,
    receipt: Option<String>,
}

async fn paper_view(
    env: &Env<'_>,
    actor: &Actor,
    id: CaseId,
    meeting: i64,
    posted: &[(String, String)],
    errors: &FieldErrors,
) -> AppResult<(String, PaperView)> {
    let m = svc::find(env, actor, id, meeting, crate::domain::access::Need::Follow).await?;
    let results = ballots::results(env, actor, &m).await?;
    let (open, closes) = match results.state {
        BallotState::Open { closes_at } => {
            (true, crate::domain::meetings::uk_time::uk_text(closes_at))
        }
        _ => (false, String::new()),
    };
    let questions = m
        .resolutions
        .iter()
        .map(|r| {
            let field = field_name(r.id);
            let chosen: Vec<&str> = posted
                .iter()
                .filter(|(k, _)| *k == field)
                .map(|(_, v)| v.as_str())
                .collect();
            let names: Vec<String> = serde_json::from_str(&r.candidates).unwrap_or_default();
            let options = if names.is_empty() {
                Mark::ALL
                    .iter()
                    .map(|c| Option_ {
                        value: c.as_str().into(),
                        label: c.label().into(),
                        checked: chosen.contains(&c.as_str()),
                    })
                    .collect()
            } else {
                names
                    .iter()
                    .enumerate()
                    .map(|(i, n)| Option_ {
                        value: i.to_string(),
                        label: n.clone(),
                        checked: chosen.contains(&i.to_string().as_str()),
                    })
                    .collect()
            };
            Question {
                error: errors.first(&field).map(str::to_string),
                field,
                number: r.position,
                kind: crate::domain::meetings::ResolutionKind::parse(&r.kind)
                    .map_or("", |k| k.label()),
                text: r.text.clone(),
                document_link: r
                    .document_id
                    .map(|d| format!("/cases/{}/documents/versions/{d}", m.opened.id())),
                approves: crate::services::meeting_docs::approves_sentence(r),
                is_election: !names.is_empty(),
                seats: r.seats,
                options,
            }
        })
        .collect();
    let title = format!("Vote: {}", m.meeting.title);
    Ok((
        title.clone(),
        PaperView {
            header: CaseHeader::of(&m.opened, "/meetings"),
            meeting_id: m.meeting.id,
            title,
            open,
            closes,
            voted: results.voted,
            entitled: m.entitled(actor),
            questions,
            refused: None,
            receipt: None,
        },
    ))
}

#[get("/cases/<id>/meetings/<meeting>/vote")]
async fn paper(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    meeting: i64,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let (title, view) = paper_view(&env, actor, id, meeting, &[], &FieldErrors::new()).await?;
    Ok(PageContext::for_actor(actor, flash).render("meetings/vote", title, view))
}

#[post("/cases/<id>/meetings/<meeting>/vote", data = "<data>")]
async fn cast(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    meeting: i64,
    data: Data<'_>,
) -> AppResult<PageOrRedirect> {
    let posted = form_body::checked(form_body::read(data).await?)?;
    let values = |field: &str| {
        posted
            .iter()
            .filter(|(k, _)| k == field)
            .map(|(_, v)| v.clone())
            .collect::<Vec<_>>()
    };
    match ballots::cast(&env, actor, id, meeting, values).await? {
        Ok(receipt) => {
            let (title, mut view) =
                paper_view(&env, actor, id, meeting, &[], &FieldErrors::new()).await?;
            view.receipt = Some(receipt);
            Ok(PageOrRedirect::Page(
                PageContext::for_actor(actor, None).render("meetings/vote", title, view),
            ))
        }
        Err(Refused::Fix(errors)) => {
            let (title, view) = paper_view(&env, actor, id, meeting, &posted, &errors).await?;
            Ok(PageOrRedirect::invalid(
                PageContext::for_actor(actor, None).render_with_errors(
                    "meetings/vote",
                    title,
                    &errors,
                    view,
                ),
            ))
        }
        Err(Refused::Said(sentence)) => {
            let (title, mut view) =
                paper_view(&env, actor, id, meeting, &[], &FieldErrors::new()).await?;
            view.refused = Some(sentence);
            Ok(PageOrRedirect::Invalid((
                rocket::http::Status::Conflict,
                PageContext::for_actor(actor, None).render("meetings/vote", title, view),
            )))
        }
    }
}
