//! A case's "Tasks and notes" page: its advisor and status (staff), tasks and notes.

use rocket::form::{Form, FromForm};
use rocket::request::FlashMessage;
use rocket::{get, post, routes, Route};
use serde::Serialize;

use super::case_header::CaseHeader;
use super::case_list::Opt;
use super::dashboard::human_date;
use super::page::{PageContext, PageOrRedirect};
use crate::clock::format_timestamp;
use crate::domain::access::CaseRole;
use crate::domain::centre::{urgency, NoteVisibility, StatusAction, Urgency};
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::{CaseId, UserId};
use crate::error::{AppError, AppResult};
use crate::services::case_work::{self, NewTask, StatusChange, WorkPage};
use crate::services::{self, auth::Actor, case_notes, Env};

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

/// What the page shows again with a problem: the text typed, and the messages.
struct Retry<'a> {
    form: WorkForm,
    errors: &'a FieldErrors,
}

async fn render(
    env: &Env<'_>,
    actor: &Actor,
    id: CaseId,
    retry: Option<Retry<'_>>,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<crate::web::templates::Template> {
    let page = case_work::work_page(env, actor, id).await?;
    let no_errors = FieldErrors::new();
    let (form, errors) = match retry {
        Some(Retry { form, errors }) => (form, errors),
        None => (<WorkForm as Default>::default(), &no_errors),
    };
    let title = format!("Tasks and notes: {}", page.opened.case.name);
    let view = work_view(env, page, form, errors);
    Ok(PageContext::for_actor(actor, flash).render_with_errors("centre/work", title, errors, view))
}

fn work_view(env: &Env<'_>, page: WorkPage, form: WorkForm, errors: &FieldErrors) -> WorkView {
    let case = &page.opened.case;
    let names = &page.people;
    let name_of = |id: Option<i64>| {
        id.and_then(|id| names.iter().find(|(i, _)| *i == id))
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    };
    let today = env.clock.today();
    let mut advisor_list: Vec<(i64, &String)> =
        page.advisors.iter().map(|(id, n)| (*id, n)).collect();
    advisor_list.sort_by(|a, b| a.1.cmp(b.1));
    WorkView {
        header: CaseHeader::of(&page.opened, "/tasks"),
        is_centre: page.opened.role == CaseRole::Centre,
        version: case.version,
        tasks: page
            .tasks
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
        notes: page
            .notes
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
            .into_iter()
            .map(|(id, name)| Opt {
                value: id.to_string(),
                label: name.clone(),
                selected: case.advisor_id.map(UserId::get) == Some(id),
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
            .filter(|a| a.apply(case.status).is_some())
            .map(|a| ActionView {
                value: a.as_str(),
                label: a.label(),
                checked: form.action == a.as_str(),
            })
            .collect(),
        checklist_count: page.checklist_items,
        stage: super::case_list::stage_title(env.library, case.pathway, &case.current_stage),
        shared_checked: form.visibility == "shared",
        form,
        field_errors: errors.by_field(),
    }
}

#[get("/cases/<id>/tasks")]
async fn page(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<crate::web::templates::Template> {
    render(&env, actor, id, None, flash).await
}

/// Shows the page again with the form's problems (422).
async fn invalid(
    env: &Env<'_>,
    actor: &Actor,
    id: CaseId,
    form: Form<WorkForm>,
    errors: FieldErrors,
) -> AppResult<PageOrRedirect> {
    let retry = Retry {
        form: form.into_inner(),
        errors: &errors,
    };
    let page = render(env, actor, id, Some(retry), None).await?;
    Ok(PageOrRedirect::invalid(page))
}

fn here(id: CaseId) -> String {
    format!("/cases/{id}/tasks")
}

/// The version the form was made from; a missing or garbled one is no version, so the save
/// is refused as stale rather than applied over someone else's change.
fn version_of(form: &WorkForm) -> i64 {
    form.version.trim().parse().unwrap_or(0)
}

/// A stale form is not a fault: send the person back to the page with what changed.
fn conflict_to_flash(id: CaseId, result: AppResult<PageOrRedirect>) -> AppResult<PageOrRedirect> {
    match result {
        Err(AppError::Conflict(message)) => Ok(PageOrRedirect::Redirect(
            rocket::response::Flash::error(rocket::response::Redirect::to(here(id)), message),
        )),
        other => other,
    }
}

#[post("/cases/<id>/advisor", data = "<form>")]
async fn assign(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    form: Form<WorkForm>,
) -> AppResult<PageOrRedirect> {
    // "Nobody" is sent as an empty choice.
    let advisor = form.advisor.trim().parse::<UserId>().ok();
    let result = case_work::assign(&env, actor, id, version_of(&form), advisor)
        .await
        .map(|summary| PageOrRedirect::success(here(id), &summary));
    conflict_to_flash(id, result)
}

#[post("/cases/<id>/status", data = "<form>")]
async fn status(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    form: Form<WorkForm>,
) -> AppResult<PageOrRedirect> {
    let change = StatusChange {
        version: version_of(&form),
        action: &form.action,
        reason: &form.reason,
    };
    let result = match case_work::change_status(&env, actor, id, change).await {
        Ok(Ok(to)) => Ok(PageOrRedirect::success(
            here(id),
            &format!("The case is now {}", to.label().to_lowercase()),
        )),
        Ok(Err(errors)) => invalid(&env, actor, id, form, errors).await,
        Err(e) => Err(e),
    };
    conflict_to_flash(id, result)
}

#[post("/cases/<id>/tasks", data = "<form>")]
async fn add_task(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    form: Form<WorkForm>,
) -> AppResult<PageOrRedirect> {
    let task = NewTask {
        title: &form.title,
        due: &form.due_on,
        assignee: form.assignee.trim().parse().ok(),
    };
    match case_work::add_task(&env, actor, id, task).await? {
        Ok(task) => Ok(PageOrRedirect::success(
            here(id),
            &format!("Task added: {}", task.title),
        )),
        Err(errors) => invalid(&env, actor, id, form, errors).await,
    }
}

#[post("/cases/<id>/tasks/checklist")]
async fn checklist(env: Env<'_>, actor: &Actor, id: CaseId) -> AppResult<PageOrRedirect> {
    let message = match case_work::add_checklist_tasks(&env, actor, id).await? {
        0 => "Every checklist item of this stage already has a task".to_string(),
        1 => "Added 1 task from the stage's checklist".to_string(),
        n => format!("Added {n} tasks from the stage's checklist"),
    };
    Ok(PageOrRedirect::success(here(id), &message))
}

#[post("/cases/<id>/tasks/<task_id>/done", data = "<form>")]
async fn task_done(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    task_id: i64,
    form: Form<WorkForm>,
) -> AppResult<PageOrRedirect> {
    let done = form.done == "yes";
    let message = if done {
        "Task marked as done"
    } else {
        "Task marked as not done"
    };
    let result = case_work::set_task_done(&env, actor, (id, task_id), version_of(&form), done)
        .await
        .map(|()| PageOrRedirect::success(here(id), message));
    conflict_to_flash(id, result)
}

#[post("/cases/<id>/notes", data = "<form>")]
async fn add_note(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    form: Form<WorkForm>,
) -> AppResult<PageOrRedirect> {
    match case_notes::add_note(&env, actor, id, (&form.body, &form.visibility)).await? {
        Ok(()) => Ok(PageOrRedirect::success(
            format!("{}#notes", here(id)),
            "Note added",
        )),
        Err(errors) => invalid(&env, actor, id, form, errors).await,
    }
}

/// The JSON answer, offered as a download.
#[derive(rocket::Responder)]
struct JsonFile {
    body: rocket::serde::json::Value,
    disposition: rocket::http::Header<'static>,
}

#[get("/cases/<id>/export.json")]
async fn export_json(env: Env<'_>, actor: &Actor, id: CaseId) -> AppResult<JsonFile> {
    let body = services::case_export::case_json(&env, actor, id).await?;
    Ok(JsonFile {
        body,
        disposition: rocket::http::Header::new(
            "Content-Disposition",
            format!("attachment; filename=\"coopkit-case-{id}.json\""),
        ),
    })
}
