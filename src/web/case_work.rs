//! A case's "Tasks and notes" page: its advisor and status (staff), tasks and notes.

use rocket::form::{Form, FromForm};
use rocket::request::FlashMessage;
use rocket::{get, post, routes, Route, State};
use sea_orm::DatabaseConnection;
use serde::Serialize;

use super::case_header::CaseHeader;
use super::case_list::Opt;
use super::dashboard::human_date;
use super::page::{PageContext, PageOrRedirect};
use crate::clock::{format_timestamp, Clock};
use crate::db::entities::cases;
use crate::domain::centre::{urgency, NoteVisibility, StatusAction, Urgency};
use crate::domain::field_errors::FieldErrors;
use crate::domain::pathways::PathwayLibrary;
use crate::error::{AppError, AppResult};
use crate::services::{self, auth::Actor, case_work, cases::Access};

pub fn routes() -> Vec<Route> {
    routes![
        page,
        assign,
        status,
        add_task,
        checklist,
        task_done,
        add_note,
        export_json
    ]
}

/// What was typed into the page's forms, shown again when one has a problem.
#[derive(FromForm, Default, Serialize, Clone)]
pub struct WorkForm {
    #[field(default = String::new())]
    title: String,
    #[field(default = String::new())]
    due_on: String,
    #[field(default = String::new())]
    assignee: String,
    #[field(default = String::new())]
    body: String,
    #[field(default = String::new())]
    visibility: String,
    #[field(default = String::new())]
    action: String,
    #[field(default = String::new())]
    reason: String,
    #[field(default = String::new())]
    advisor: String,
    #[field(default = String::new())]
    version: String,
    #[field(default = String::new())]
    done: String,
}

#[derive(Serialize)]
struct TaskView {
    id: i64,
    title: String,
    due: String,
    assignee: String,
    done: bool,
    overdue: bool,
    due_soon: bool,
    version: i64,
}

#[derive(Serialize)]
struct NoteView {
    id: i64,
    body: String,
    staff_only: bool,
    visibility: &'static str,
    author: String,
    when: String,
    edited: bool,
}

#[derive(Serialize)]
struct ActionView {
    value: &'static str,
    label: &'static str,
    checked: bool,
}

#[derive(Serialize)]
struct WorkView {
    header: CaseHeader,
    is_centre: bool,
    version: i64,
    tasks: Vec<TaskView>,
    notes: Vec<NoteView>,
    advisors: Vec<Opt>,
    assignees: Vec<Opt>,
    actions: Vec<ActionView>,
    checklist_count: usize,
    stage: String,
    form: WorkForm,
    field_errors: std::collections::BTreeMap<String, String>,
    shared_checked: bool,
}

#[allow(clippy::too_many_arguments)]
async fn render(
    db: &DatabaseConnection,
    clock: &Clock,
    actor: &Actor,
    library: Option<&PathwayLibrary>,
    case_id: i64,
    form: WorkForm,
    errors: &FieldErrors,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<rocket_dyn_templates::Template> {
    let (case, access) = services::cases::find_visible(db, actor, case_id).await?;
    if access == Access::Worker {
        return Err(AppError::NotFound);
    }
    let tasks = crate::db::repo::tasks::for_case(db, case.id).await?;
    let notes = case_work::notes_for(db, access, case.id).await?;
    let names = people_names(db, &case).await?;
    let name_of = |id: Option<i64>| {
        id.and_then(|id| names.iter().find(|(i, _)| *i == id))
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    };
    let today = clock.today();
    let advisors = services::centre::advisor_names(db).await?;
    let mut advisor_list: Vec<(String, String)> = advisors
        .iter()
        .map(|(id, n)| (id.to_string(), n.clone()))
        .collect();
    advisor_list.sort_by(|a, b| a.1.cmp(&b.1));
    let current_advisor = Some(case.advisor_id.map(|id| id.to_string()).unwrap_or_default());
    let status = crate::domain::case::CaseStatus::parse(&case.status)
        .unwrap_or(crate::domain::case::CaseStatus::Active);
    let view = WorkView {
        header: CaseHeader::new(&case, access, "/tasks"),
        is_centre: access == Access::Centre,
        version: case.version,
        tasks: tasks
            .iter()
            .map(|t| {
                let u = urgency(t.due_on.as_deref(), t.done_at.is_some(), today);
                TaskView {
                    id: t.id,
                    title: t.title.clone(),
                    due: t.due_on.as_deref().map(human_date).unwrap_or_default(),
                    assignee: name_of(t.assignee_id),
                    done: u == Urgency::Done,
                    overdue: u == Urgency::Overdue,
                    due_soon: u == Urgency::DueSoon,
                    version: t.version,
                }
            })
            .collect(),
        notes: notes
            .iter()
            .map(|n| NoteView {
                id: n.id,
                body: n.body.clone(),
                staff_only: n.visibility == "staff",
                visibility: NoteVisibility::parse(&n.visibility).map_or("", NoteVisibility::label),
                author: name_of(Some(n.author_id)),
                when: format_timestamp(n.updated_at),
                edited: n.version > 1,
            })
            .collect(),
        advisors: advisor_list
            .iter()
            .map(|(v, l)| Opt {
                value: v.clone(),
                label: l.clone(),
                selected: Some(v) == current_advisor.as_ref(),
            })
            .collect(),
        assignees: names
            .iter()
            .map(|(id, n)| Opt {
                value: id.to_string(),
                label: n.clone(),
                selected: form.assignee == id.to_string(),
            })
            .collect(),
        actions: StatusAction::ALL
            .iter()
            .filter(|a| a.apply(status).is_some())
            .map(|a| ActionView {
                value: a.as_str(),
                label: a.label(),
                checked: form.action == a.as_str(),
            })
            .collect(),
        checklist_count: library
            .and_then(|l| l.stage(&case.pathway, &case.current_stage))
            .map_or(0, |s| s.checklist.len()),
        stage: super::case_list::stage_title(library, &case.pathway, &case.current_stage),
        shared_checked: form.visibility == "shared",
        form,
        field_errors: errors.by_field(),
    };
    Ok(PageContext::for_actor(actor, flash).render_with_errors(
        "centre/work",
        format!("Tasks and notes: {}", case.name),
        errors,
        view,
    ))
}

/// Everyone who can be named on this page: centre staff and the case's people.
async fn people_names(
    db: &DatabaseConnection,
    case: &cases::Model,
) -> AppResult<Vec<(i64, String)>> {
    let mut names: Vec<(i64, String)> = services::centre::advisor_names(db)
        .await?
        .into_iter()
        .collect();
    for (_, user) in crate::db::repo::centre::members(db, case.id).await? {
        names.push((user.id, user.name));
    }
    names.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(names)
}

#[get("/cases/<id>/tasks")]
async fn page(
    actor: &Actor,
    id: i64,
    db: &State<DatabaseConnection>,
    clock: &State<Clock>,
    library: Option<&State<PathwayLibrary>>,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<rocket_dyn_templates::Template> {
    render(
        db,
        clock,
        actor,
        library.map(|l| l.inner()),
        id,
        <WorkForm as Default>::default(),
        &FieldErrors::new(),
        flash,
    )
    .await
}

/// Shows the page again with the form's problems (422).
async fn invalid(
    db: &DatabaseConnection,
    clock: &Clock,
    actor: &Actor,
    library: Option<&State<PathwayLibrary>>,
    id: i64,
    form: &WorkForm,
    errors: FieldErrors,
) -> AppResult<PageOrRedirect> {
    let page = render(
        db,
        clock,
        actor,
        library.map(|l| l.inner()),
        id,
        form.clone(),
        &errors,
        None,
    )
    .await?;
    Ok(PageOrRedirect::invalid(page))
}

fn here(id: i64) -> String {
    format!("/cases/{id}/tasks")
}

fn version_of(form: &WorkForm) -> i64 {
    form.version.trim().parse().unwrap_or(0)
}

/// A stale form is not a fault: send the person back to the page with what changed.
fn conflict_to_flash(id: i64, result: AppResult<PageOrRedirect>) -> AppResult<PageOrRedirect> {
    match result {
        Err(AppError::Conflict(message)) => Ok(PageOrRedirect::Redirect(
            rocket::response::Flash::error(rocket::response::Redirect::to(here(id)), message),
        )),
        other => other,
    }
}

#[post("/cases/<id>/advisor", data = "<form>")]
async fn assign(
    actor: &Actor,
    id: i64,
    form: Form<WorkForm>,
    db: &State<DatabaseConnection>,
    clock: &State<Clock>,
) -> AppResult<PageOrRedirect> {
    let advisor = form.advisor.trim().parse::<i64>().ok();
    let result = case_work::assign(db, clock, actor, id, version_of(&form), advisor)
        .await
        .map(|summary| PageOrRedirect::success(here(id), &summary));
    conflict_to_flash(id, result)
}

#[post("/cases/<id>/status", data = "<form>")]
async fn status(
    actor: &Actor,
    id: i64,
    form: Form<WorkForm>,
    db: &State<DatabaseConnection>,
    clock: &State<Clock>,
    library: Option<&State<PathwayLibrary>>,
) -> AppResult<PageOrRedirect> {
    let result = match case_work::change_status(
        db,
        clock,
        actor,
        id,
        version_of(&form),
        &form.action,
        &form.reason,
    )
    .await
    {
        Ok(Ok(to)) => Ok(PageOrRedirect::success(
            here(id),
            &format!("The case is now {}", to.label().to_lowercase()),
        )),
        Ok(Err(errors)) => invalid(db, clock, actor, library, id, &form, errors).await,
        Err(e) => Err(e),
    };
    conflict_to_flash(id, result)
}

#[post("/cases/<id>/tasks", data = "<form>")]
async fn add_task(
    actor: &Actor,
    id: i64,
    form: Form<WorkForm>,
    db: &State<DatabaseConnection>,
    clock: &State<Clock>,
    library: Option<&State<PathwayLibrary>>,
) -> AppResult<PageOrRedirect> {
    let assignee = form.assignee.trim().parse::<i64>().ok();
    match case_work::add_task(db, clock, actor, id, &form.title, &form.due_on, assignee).await? {
        Ok(task) => Ok(PageOrRedirect::success(
            here(id),
            &format!("Task added: {}", task.title),
        )),
        Err(errors) => invalid(db, clock, actor, library, id, &form, errors).await,
    }
}

#[post("/cases/<id>/tasks/checklist")]
async fn checklist(
    actor: &Actor,
    id: i64,
    db: &State<DatabaseConnection>,
    clock: &State<Clock>,
    library: Option<&State<PathwayLibrary>>,
) -> AppResult<PageOrRedirect> {
    let (case, _) = services::cases::find_visible(db, actor, id).await?;
    let items: Vec<(String, String)> = library
        .and_then(|l| {
            l.inner()
                .stage(&case.pathway, &case.current_stage)
                .map(|s| {
                    s.checklist
                        .iter()
                        .map(|c| (c.key.clone(), c.label.clone()))
                        .collect()
                })
        })
        .unwrap_or_default();
    let added = case_work::add_checklist_tasks(db, clock, actor, id, &items).await?;
    let message = match added {
        0 => "Every checklist item of this stage already has a task".to_string(),
        1 => "Added 1 task from the stage's checklist".to_string(),
        n => format!("Added {n} tasks from the stage's checklist"),
    };
    Ok(PageOrRedirect::success(here(id), &message))
}

#[post("/cases/<id>/tasks/<task_id>/done", data = "<form>")]
async fn task_done(
    actor: &Actor,
    id: i64,
    task_id: i64,
    form: Form<WorkForm>,
    db: &State<DatabaseConnection>,
    clock: &State<Clock>,
) -> AppResult<PageOrRedirect> {
    let done = form.done == "yes";
    let result = case_work::set_task_done(db, clock, actor, id, task_id, version_of(&form), done)
        .await
        .map(|()| {
            PageOrRedirect::success(
                here(id),
                if done {
                    "Task marked as done"
                } else {
                    "Task marked as not done"
                },
            )
        });
    conflict_to_flash(id, result)
}

#[post("/cases/<id>/notes", data = "<form>")]
async fn add_note(
    actor: &Actor,
    id: i64,
    form: Form<WorkForm>,
    db: &State<DatabaseConnection>,
    clock: &State<Clock>,
    library: Option<&State<PathwayLibrary>>,
) -> AppResult<PageOrRedirect> {
    match case_work::add_note(db, clock, actor, id, &form.body, &form.visibility).await? {
        Ok(()) => Ok(PageOrRedirect::success(
            format!("{}#notes", here(id)),
            "Note added",
        )),
        Err(errors) => invalid(db, clock, actor, library, id, &form, errors).await,
    }
}

/// The JSON answer, offered as a download.
#[derive(rocket::Responder)]
struct JsonFile {
    body: rocket::serde::json::Value,
    disposition: rocket::http::Header<'static>,
}

#[get("/cases/<id>/export.json")]
async fn export_json(
    actor: &Actor,
    id: i64,
    db: &State<DatabaseConnection>,
) -> AppResult<JsonFile> {
    let body = services::case_export::case_json(db, actor, id).await?;
    Ok(JsonFile {
        body,
        disposition: rocket::http::Header::new(
            "Content-Disposition",
            format!("attachment; filename=\"coopkit-case-{id}.json\""),
        ),
    })
}
