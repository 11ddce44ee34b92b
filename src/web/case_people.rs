//! Who is on a case (`/cases/<id>/people`): staff add and remove reps and workers; reps see
//! the list.

use crate::web::templates::Template;
use rocket::form::{Form, FromForm};
use rocket::request::FlashMessage;
use rocket::{get, post, routes, Route};
use serde::Serialize;

use super::case_header::CaseHeader;
use super::page::{PageContext, PageOrRedirect};
use crate::domain::access::CaseRole;
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::{CaseId, UserId};
use crate::error::AppResult;
use crate::services::{auth::Actor, case_people, Env};

pub fn routes() -> Vec<Route> {
    routes![page, add, remove]
}

#[derive(FromForm, Default, Serialize, Clone)]
struct AddForm {
    #[field(default = String::new())]
    email: String,
    #[field(default = String::new())]
    role: String,
}

#[derive(Serialize)]
struct Member {
    user_id: UserId,
    name: String,
    email: String,
    role: &'static str,
}

#[derive(Serialize)]
struct PeopleView {
    header: CaseHeader,
    is_centre: bool,
    members: Vec<Member>,
    rep_checked: bool,
    form: AddForm,
    field_errors: std::collections::BTreeMap<String, String>,
}

async fn view(
    env: &Env<'_>,
    actor: &Actor,
    id: CaseId,
    (form, errors): (AddForm, &FieldErrors),
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let (opened, members) = case_people::members(env, actor, id).await?;
    let view = PeopleView {
        header: CaseHeader::of(&opened, "/people"),
        is_centre: opened.role == CaseRole::Centre,
        members: members
            .into_iter()
            .map(|m| Member {
                user_id: m.user_id,
                name: m.name,
                email: m.email,
                role: if m.role == CaseRole::Rep {
                    "Rep"
                } else {
                    "Worker"
                },
            })
            .collect(),
        rep_checked: form.role != "worker",
        form,
        field_errors: errors.by_field(),
    };
    Ok(PageContext::for_actor(actor, flash).render_with_errors(
        "centre/people",
        format!("People: {}", opened.case.name),
        errors,
        view,
    ))
}

#[get("/cases/<id>/people")]
async fn page(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let blank = (<AddForm as Default>::default(), &FieldErrors::new());
    view(&env, actor, id, blank, flash).await
}

#[post("/cases/<id>/people", data = "<form>")]
async fn add(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    form: Form<AddForm>,
) -> AppResult<PageOrRedirect> {
    match case_people::add(&env, actor, id, (&form.email, &form.role)).await? {
        Ok(summary) => Ok(PageOrRedirect::success(
            format!("/cases/{id}/people"),
            &summary,
        )),
        Err(errors) => Ok(PageOrRedirect::invalid(
            view(&env, actor, id, (form.into_inner(), &errors), None).await?,
        )),
    }
}

#[post("/cases/<id>/people/<user_id>/remove")]
async fn remove(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    user_id: UserId,
) -> AppResult<PageOrRedirect> {
    let summary = case_people::remove(&env, actor, id, user_id).await?;
    Ok(PageOrRedirect::success(
        format!("/cases/{id}/people"),
        &summary,
    ))
}
