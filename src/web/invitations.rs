//! The invitations page of a case (`/cases/<id>/invitations`): invite one person or a list,
//! see who has joined, resend or withdraw a link.
//!
//! A new link is shown once, on the page answering the form that made it: only its hash is
//! kept, so it cannot be shown again (a resend makes a new one).

use crate::web::templates::Template;
use rocket::form::{Form, FromForm};
use rocket::fs::TempFile;
use rocket::request::FlashMessage;
use rocket::{get, post, routes, Route};
use serde::Serialize;
use tokio::io::AsyncReadExt;

use super::case_header::CaseHeader;
use super::outgoing::Outgoing;
use super::page::{PageContext, PageOrRedirect};
use crate::clock::format_timestamp;
use crate::domain::access::may_invite;
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::CaseId;
use crate::domain::invitations::{InvitationState, RowProblem};
use crate::error::AppResult;
use crate::services::auth::Actor;
use crate::services::invitations::{self as service, NewLink};
use crate::services::Env;

pub fn routes() -> Vec<Route> {
    routes![index, invite, invite_list, resend, withdraw]
}

#[derive(FromForm, Default, Serialize)]
pub struct InviteForm {
    #[field(default = String::new())]
    name: String,
    #[field(default = String::new())]
    email: String,
    #[field(default = String::new())]
    role: String,
}

#[derive(FromForm)]
pub struct ListForm<'r> {
    #[field(default = String::new())]
    list: String,
    file: Option<TempFile<'r>>,
}

#[derive(Serialize)]
struct LinkView {
    name: String,
    email: String,
    link: String,
    emailed: bool,
    send_error: Option<String>,
}

impl From<NewLink> for LinkView {
    fn from(l: NewLink) -> Self {
        Self {
            name: l.name,
            email: l.email,
            link: l.link,
            emailed: l.emailed,
            send_error: l.send_error,
        }
    }
}

#[derive(Serialize)]
struct RowView {
    id: i64,
    name: String,
    email: String,
    role: String,
    state: &'static str,
    tag: &'static str,
    expires: String,
    sent: String,
    send_error: Option<String>,
    can_resend: bool,
    can_withdraw: bool,
}

#[derive(Serialize)]
struct ProblemView {
    line: usize,
    text: String,
    reason: String,
}

#[derive(Serialize, Default)]
struct Extras {
    form: InviteForm,
    list: String,
    field_errors: std::collections::BTreeMap<String, String>,
    new_links: Vec<LinkView>,
    problems: Vec<ProblemView>,
}

#[derive(Serialize)]
struct View {
    header: CaseHeader,
    email_configured: bool,
    may_invite_reps: bool,
    rows: Vec<RowView>,
    #[serde(flatten)]
    extras: Extras,
}

/// Builds the page; `extras` carries what the form just did.
async fn page(
    env: &Env<'_>,
    outgoing: &Outgoing<'_>,
    actor: &Actor,
    id: CaseId,
    extras: Extras,
) -> AppResult<View> {
    let (opened, all) = service::list(env, actor, id).await?;
    let may_invite_reps = may_invite(opened.role, true);
    let rows = all
        .iter()
        .map(|i| {
            let state = service::state(i, env.clock);
            let rep_row = i.role == "rep" && !may_invite_reps;
            RowView {
                id: i.id,
                name: i.name.clone(),
                email: i.email.clone(),
                role: if i.role == "rep" {
                    "Rep".into()
                } else {
                    "Worker".into()
                },
                state: state.label(),
                tag: state.tag(),
                expires: format_timestamp(i.expires_at),
                sent: i.sent_at.map(format_timestamp).unwrap_or_default(),
                send_error: i.send_error.clone(),
                can_resend: !rep_row
                    && matches!(
                        state,
                        InvitationState::Pending
                            | InvitationState::Expired
                            | InvitationState::Withdrawn
                    ),
                can_withdraw: !rep_row && state == InvitationState::Pending,
            }
        })
        .collect();
    Ok(View {
        header: CaseHeader::of(&opened, "/invitations"),
        email_configured: outgoing.sender().mailer.is_configured(),
        may_invite_reps,
        rows,
        extras,
    })
}

const TITLE: &str = "Invite people";

#[get("/cases/<id>/invitations")]
async fn index(
    actor: &Actor,
    id: CaseId,
    env: Env<'_>,
    outgoing: Outgoing<'_>,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let view = page(&env, &outgoing, actor, id, Extras::default()).await?;
    Ok(PageContext::for_actor(actor, flash).render("invitations/index", TITLE, view))
}

#[post("/cases/<id>/invitations", data = "<form>")]
async fn invite(
    actor: &Actor,
    id: CaseId,
    form: Form<InviteForm>,
    env: Env<'_>,
    outgoing: Outgoing<'_>,
) -> AppResult<PageOrRedirect> {
    let form = form.into_inner();
    let typed = (form.name.as_str(), form.email.as_str(), form.role.as_str());
    match service::invite_one(&env, &outgoing.sender(), actor, id, typed).await? {
        Ok(link) => {
            let extras = Extras {
                new_links: vec![link.into()],
                ..Default::default()
            };
            let view = page(&env, &outgoing, actor, id, extras).await?;
            Ok(PageOrRedirect::Page(
                PageContext::for_actor(actor, None).render("invitations/index", TITLE, view),
            ))
        }
        Err(errors) => {
            let extras = Extras {
                field_errors: errors.by_field(),
                form,
                ..Default::default()
            };
            let view = page(&env, &outgoing, actor, id, extras).await?;
            Ok(PageOrRedirect::invalid(
                PageContext::for_actor(actor, None).render_with_errors(
                    "invitations/index",
                    TITLE,
                    &errors,
                    view,
                ),
            ))
        }
    }
}

/// The list from the uploaded file if one was chosen, else from the text box.
async fn list_text(form: &mut ListForm<'_>) -> AppResult<Result<String, &'static str>> {
    let Some(file) = form.file.as_mut().filter(|f| f.len() > 0) else {
        return Ok(Ok(form.list.clone()));
    };
    let mut bytes = Vec::new();
    file.open()
        .await
        .map_err(|e| crate::error::AppError::Internal(format!("reading an upload: {e}")))?
        .read_to_end(&mut bytes)
        .await
        .map_err(|e| crate::error::AppError::Internal(format!("reading an upload: {e}")))?;
    Ok(String::from_utf8(bytes).map_err(|_| {
        "The file is not a text (CSV) file. In your spreadsheet, choose Save as, then CSV."
    }))
}

#[post("/cases/<id>/invitations/list", data = "<form>")]
async fn invite_list(
    actor: &Actor,
    id: CaseId,
    mut form: Form<ListForm<'_>>,
    env: Env<'_>,
    outgoing: Outgoing<'_>,
) -> AppResult<PageOrRedirect> {
    service::managed_case(&env, actor, id).await?;
    let sender = outgoing.sender();
    let mut errors = FieldErrors::new();
    let outcome = match list_text(&mut form).await? {
        Ok(text) if text.trim().is_empty() => {
            errors.add(
                "list",
                "Paste a list of names and email addresses, or choose a file",
            );
            None
        }
        Ok(text) => Some(service::invite_list(&env, &sender, actor, id, &text).await?),
        Err(message) => {
            errors.add("file", message);
            None
        }
    };
    let (links, problems) = outcome.map(|o| (o.links, o.problems)).unwrap_or_default();
    if links.is_empty() && !problems.is_empty() {
        errors.add(
            "list",
            "No one on the list could be invited: see the lines below",
        );
    }
    let extras = Extras {
        list: if links.is_empty() {
            form.list.clone()
        } else {
            String::new()
        },
        field_errors: errors.by_field(),
        new_links: links.into_iter().map(LinkView::from).collect(),
        problems: problems.into_iter().map(problem_view).collect(),
        ..Default::default()
    };
    let view = page(&env, &outgoing, actor, id, extras).await?;
    let template = PageContext::for_actor(actor, None).render_with_errors(
        "invitations/index",
        TITLE,
        &errors,
        view,
    );
    Ok(if errors.is_empty() {
        PageOrRedirect::Page(template)
    } else {
        PageOrRedirect::invalid(template)
    })
}

fn problem_view(p: RowProblem) -> ProblemView {
    ProblemView {
        line: p.line,
        text: p.text,
        reason: p.reason,
    }
}

#[post("/cases/<id>/invitations/<invitation>/resend")]
async fn resend(
    actor: &Actor,
    id: CaseId,
    invitation: i64,
    env: Env<'_>,
    outgoing: Outgoing<'_>,
) -> AppResult<Template> {
    let link = service::resend(&env, &outgoing.sender(), actor, id, invitation).await?;
    let extras = Extras {
        new_links: vec![link.into()],
        ..Default::default()
    };
    let view = page(&env, &outgoing, actor, id, extras).await?;
    Ok(PageContext::for_actor(actor, None).render("invitations/index", TITLE, view))
}

#[post("/cases/<id>/invitations/<invitation>/withdraw")]
async fn withdraw(
    actor: &Actor,
    id: CaseId,
    invitation: i64,
    env: Env<'_>,
) -> AppResult<PageOrRedirect> {
    let found = service::withdraw(&env, actor, id, invitation).await?;
    Ok(PageOrRedirect::success(
        format!("/cases/{id}/invitations"),
        &format!(
            "The invitation of {} is withdrawn: their link no longer works",
            found.name
        ),
    ))
}
