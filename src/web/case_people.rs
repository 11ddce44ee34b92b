//! Who is on a case (`/cases/<id>/people`): staff add and remove reps and workers; reps see
//! the list.

use rocket::form::{Form, FromForm};
use rocket::request::FlashMessage;
use rocket::{get, post, routes, Route, State};
use rocket_dyn_templates::Template;
use sea_orm::DatabaseConnection;
use serde::Serialize;

use super::case_header::CaseHeader;
use super::page::{PageContext, PageOrRedirect};
use crate::clock::Clock;
use crate::db::repo;
use crate::domain::field_errors::FieldErrors;
use crate::error::{AppError, AppResult};
use crate::services::{self, auth::Actor, case_people, cases::Access};

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
    user_id: i64,
    name: String,
    email: String,
    role: &'static str,
}

async fn view(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    form: AddForm,
    errors: &FieldErrors,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let (case, access) = services::cases::find_visible(db, actor, id).await?;
    if access == Access::Worker {
        return Err(AppError::NotFound);
    }
    let members = repo::centre::members(db, case.id).await?;
    let data = serde_json::json!({
        "header": CaseHeader::new(&case, access, "/people"),
        "is_centre": access == Access::Centre,
        "members": members.iter().map(|(m, u)| Member { user_id: u.id, name: u.name.clone(), email: u.email.clone(), role: if m.role == "rep" { "Rep" } else { "Worker" } }).collect::<Vec<_>>(),
        "form": form,
        "rep_checked": form.role != "worker",
        "field_errors": errors.by_field(),
    });
    Ok(PageContext::for_actor(actor, flash).render_with_errors(
        "centre/people",
        format!("People: {}", case.name),
        errors,
        data,
    ))
}

#[get("/cases/<id>/people")]
async fn page(
    actor: &Actor,
    id: i64,
    db: &State<DatabaseConnection>,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    view(
        db,
        actor,
        id,
        <AddForm as Default>::default(),
        &FieldErrors::new(),
        flash,
    )
    .await
}

#[post("/cases/<id>/people", data = "<form>")]
async fn add(
    actor: &Actor,
    id: i64,
    form: Form<AddForm>,
    db: &State<DatabaseConnection>,
    clock: &State<Clock>,
) -> AppResult<PageOrRedirect> {
    match case_people::add(db, clock, actor, id, &form.email, &form.role).await? {
        Ok(summary) => Ok(PageOrRedirect::success(
            format!("/cases/{id}/people"),
            &summary,
        )),
        Err(errors) => Ok(PageOrRedirect::invalid(
            view(db, actor, id, form.into_inner(), &errors, None).await?,
        )),
    }
}

#[post("/cases/<id>/people/<user_id>/remove")]
async fn remove(
    actor: &Actor,
    id: i64,
    user_id: i64,
    db: &State<DatabaseConnection>,
    clock: &State<Clock>,
) -> AppResult<PageOrRedirect> {
    let summary = case_people::remove(db, clock, actor, id, user_id).await?;
    Ok(PageOrRedirect::success(
        format!("/cases/{id}/people"),
        &summary,
    ))
}
