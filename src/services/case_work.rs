//! Staff's work on a case: its advisor and status, and its tasks (notes are in `case_notes`).
//! Every change is one transaction with its entry in the case's event log.

use std::collections::HashMap;

use serde_json::json;

use super::auth::Actor;
use super::cases::{self, OpenCase};
use super::Env;
use crate::db::begin_case_write;
use crate::db::entities::{cases as case_rows, notes, tasks};
use crate::db::repo;
use crate::domain::access::{self, Need};
use crate::domain::case::CaseStatus;
use crate::domain::centre::{check_status_change, check_task, StatusAction};
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::{CaseId, UserId};
use crate::domain::user::Role;
use crate::error::{AppError, AppResult};

pub(in crate::services) const STALE: &str = "Someone else changed this case while you were looking at it. The page now shows their change: check it and try again.";

/// What the "Tasks and notes" page shows.
pub struct WorkPage {
    pub opened: OpenCase,
    pub tasks: Vec<tasks::Model>,
    pub notes: Vec<notes::Model>,
    /// Centre staff by id: who may advise the case.
    pub advisors: HashMap<i64, String>,
    /// Everyone who may be named on the page (centre staff and the case's people), by name.
    pub people: Vec<(i64, String)>,
    /// How many checklist items the case's current stage has.
    pub checklist_items: usize,
}

/// The "Tasks and notes" page: the centre's and reps' (to a worker it does not exist).
pub async fn work_page(env: &Env<'_>, actor: &Actor, case_id: CaseId) -> AppResult<WorkPage> {
    let opened = cases::open(env, actor, case_id, Need::WorkingPages).await?;
    let db = env.db();
    let tasks = repo::tasks::for_case(db, case_id.get()).await?;
    let notes = super::case_notes::readable(env, &opened).await?;
    let advisors = super::centre::advisors(env).await?;
    let mut people: Vec<(i64, String)> = advisors.clone().into_iter().collect();
    for (_, user) in repo::centre::members(db, case_id.get()).await? {
        people.push((user.id, user.name));
    }
    people.sort_by(|a, b| a.1.cmp(&b.1));
    let checklist_items = checklist(env, &opened).len();
    Ok(WorkPage {
        opened,
        tasks,
        notes,
        advisors,
        people,
        checklist_items,
    })
}

/// The checklist of the case's current stage as (key, label).
fn checklist(env: &Env<'_>, opened: &OpenCase) -> Vec<(String, String)> {
    let case = &opened.case;
    env.library
        .stage(case.pathway.as_str(), &case.current_stage)
        .map(|s| {
            s.checklist
                .iter()
                .map(|c| (c.key.clone(), c.label.clone()))
                .collect()
        })
        .unwrap_or_default()
}

/// Opens a case for a change only the centre makes: anyone else is refused (403) before the
/// case is even looked up, so the answer says nothing about which cases exist.
async fn open_for_centre(env: &Env<'_>, actor: &Actor, case_id: CaseId) -> AppResult<OpenCase> {
    access::require_centre(actor.role)?;
    cases::open(env, actor, case_id, Need::Decide).await
}

/// Makes a staff member or admin the case's advisor (or nobody, with `None`).
pub async fn assign(
    env: &Env<'_>,
    actor: &Actor,
    case_id: CaseId,
    version: i64,
    advisor_id: Option<UserId>,
) -> AppResult<String> {
    let case = open_for_centre(env, actor, case_id).await?.case;
    let db = env.db();
    let advisor = match advisor_id {
        Some(id) => Some(
            repo::users::find(db, id.get())
                .await?
                .filter(|u| !u.disabled && Role::parse(&u.role).is_some_and(Role::is_centre))
                .ok_or_else(|| AppError::Conflict("that person cannot advise cases".into()))?,
        ),
        None => None,
    };
    let advisor_id = advisor_id.map(UserId::get);
    let now = env.clock.now();
    let txn = begin_case_write(db, case_id.get()).await?;
    let change = vec![(case_rows::Column::AdvisorId, advisor_id.into())];
    if !repo::centre::update_versioned(&txn, case_id.get(), version, change, now).await? {
        return Err(AppError::Conflict(STALE.into()));
    }
    let summary = match &advisor {
        Some(a) => format!("{} made {} the advisor", actor.name, a.name),
        None => format!("{} removed the advisor", actor.name),
    };
    repo::events::record(
        &txn,
        case_id.get(),
        Some(actor.id),
        "advisor_assigned",
        &summary,
        &json!({ "advisor_id": advisor_id, "previous": case.advisor_id }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(summary)
}

/// A change of status as asked for on the page: the version it was made from, the action
/// chosen (`hold`, `withdraw`, …) and the reason given.
pub struct StatusChange<'a> {
    pub version: i64,
    pub action: &'a str,
    pub reason: &'a str,
}

/// Puts a case on hold, withdraws, completes or reopens it. `Ok(Err(_))` carries messages
/// for the form.
pub async fn change_status(
    env: &Env<'_>,
    actor: &Actor,
    case_id: CaseId,
    change: StatusChange<'_>,
) -> AppResult<Result<CaseStatus, FieldErrors>> {
    let from = open_for_centre(env, actor, case_id).await?.case.status;
    let StatusChange {
        version,
        action,
        reason,
    } = change;
    let Some(action) = StatusAction::parse(action) else {
        let mut errors = FieldErrors::new();
        errors.add("action", "Choose what to do with the case");
        return Ok(Err(errors));
    };
    let to = match check_status_change(action, from, reason) {
        Ok(to) => to,
        Err(errors) => return Ok(Err(errors)),
    };
    let now = env.clock.now();
    let txn = begin_case_write(env.db(), case_id.get()).await?;
    let update = vec![(case_rows::Column::Status, to.as_str().into())];
    if !repo::centre::update_versioned(&txn, case_id.get(), version, update, now).await? {
        return Err(AppError::Conflict(STALE.into()));
    }
    let mut summary = format!(
        "{} changed the status from {} to {}",
        actor.name,
        from.label().to_lowercase(),
        to.label().to_lowercase()
    );
    if !reason.trim().is_empty() {
        summary.push_str(&format!(": {}", reason.trim()));
    }
    repo::events::record(
        &txn,
        case_id.get(),
        Some(actor.id),
        "status_changed",
        &summary,
        &json!({ "from": from.as_str(), "to": to.as_str(), "reason": reason.trim() }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(to))
}

/// Whether this account may be given a task on this case: an active account of centre staff
/// (staff or admin) or a member of this case. Anyone else would learn of a case that is not
/// theirs from their task list.
async fn may_be_assigned(env: &Env<'_>, case_id: CaseId, user_id: UserId) -> AppResult<bool> {
    let db = env.db();
    let Some(user) = repo::users::find(db, user_id.get())
        .await?
        .filter(|u| !u.disabled)
    else {
        return Ok(false);
    };
    let centre = Role::parse(&user.role).is_some_and(Role::is_centre);
    Ok(centre
        || repo::cases::membership(db, case_id.get(), user_id.get())
            .await?
            .is_some())
}

/// A task as typed on the page: its title, due date (as typed) and assignee.
pub struct NewTask<'a> {
    pub title: &'a str,
    pub due: &'a str,
    pub assignee: Option<UserId>,
}

/// Adds a task to a case. The assignee must be centre staff or someone on the case.
pub async fn add_task(
    env: &Env<'_>,
    actor: &Actor,
    case_id: CaseId,
    task: NewTask<'_>,
) -> AppResult<Result<tasks::Model, FieldErrors>> {
    open_for_centre(env, actor, case_id).await?;
    let checked = check_task(task.title, task.due);
    let assignee_ok = match task.assignee {
        Some(id) => may_be_assigned(env, case_id, id).await?,
        None => true,
    };
    let input = match (checked, assignee_ok) {
        (Ok(input), true) => input,
        (checked, _) => {
            let mut errors = checked.err().unwrap_or_default();
            if !assignee_ok {
                errors.add(
                    "assignee",
                    "Choose someone from the list: centre staff or someone on this case",
                );
            }
            return Ok(Err(errors));
        }
    };
    let now = env.clock.now();
    let txn = begin_case_write(env.db(), case_id.get()).await?;
    let task = repo::tasks::insert(
        &txn,
        repo::tasks::NewTask {
            case_id: case_id.get(),
            title: &input.title,
            due_on: input.due_on.as_deref(),
            assignee_id: task.assignee.map(UserId::get),
            checklist_key: None,
            created_by: actor.id,
        },
        now,
    )
    .await?;
    repo::events::record(
        &txn,
        case_id.get(),
        Some(actor.id),
        "task_added",
        &format!("{} added the task \"{}\"", actor.name, input.title),
        &json!({ "task_id": task.id, "due_on": input.due_on }),
        now,
    )
    .await?;
    repo::centre::touch(&txn, case_id.get(), now).await?;
    txn.commit().await?;
    Ok(Ok(task))
}

/// Adds one task for each checklist item of the case's current stage that has no task yet,
/// assigned to the case's advisor. Returns how many were added.
pub async fn add_checklist_tasks(
    env: &Env<'_>,
    actor: &Actor,
    case_id: CaseId,
) -> AppResult<usize> {
    // Reps see the case, so they are told no (403) rather than that it does not exist.
    let opened = cases::open(env, actor, case_id, Need::Decide).await?;
    let items = checklist(env, &opened);
    let case = &opened.case;
    let db = env.db();
    let existing = repo::tasks::for_case(db, case_id.get()).await?;
    let now = env.clock.now();
    let txn = begin_case_write(db, case_id.get()).await?;
    let mut added = 0;
    for (key, label) in &items {
        if existing
            .iter()
            .any(|t| t.checklist_key.as_deref() == Some(key))
        {
            continue;
        }
        repo::tasks::insert(
            &txn,
            repo::tasks::NewTask {
                case_id: case_id.get(),
                title: label,
                due_on: None,
                assignee_id: case.advisor_id.map(UserId::get),
                checklist_key: Some(key),
                created_by: actor.id,
            },
            now,
        )
        .await?;
        added += 1;
    }
    if added > 0 {
        repo::events::record(
            &txn,
            case_id.get(),
            Some(actor.id),
            "task_added",
            &format!(
                "{} added {added} tasks from the {} checklist",
                actor.name, case.current_stage
            ),
            &json!({ "stage": case.current_stage, "count": added }),
            now,
        )
        .await?;
        repo::centre::touch(&txn, case_id.get(), now).await?;
    }
    txn.commit().await?;
    Ok(added)
}

/// Ticks a task off (`done`), or back on, from the version the person saw.
pub async fn set_task_done(
    env: &Env<'_>,
    actor: &Actor,
    (case_id, task_id): (CaseId, i64),
    version: i64,
    done: bool,
) -> AppResult<()> {
    open_for_centre(env, actor, case_id).await?;
    let db = env.db();
    let task = repo::tasks::find(db, task_id)
        .await?
        .filter(|t| t.case_id == case_id.get())
        .ok_or(AppError::NotFound)?;
    let now = env.clock.now();
    let txn = begin_case_write(db, case_id.get()).await?;
    if !repo::tasks::set_done(&txn, task.id, version, done.then_some(actor.id), now).await? {
        return Err(AppError::Conflict(STALE.into()));
    }
    let (kind, verb) = if done {
        ("task_done", "finished")
    } else {
        ("task_reopened", "reopened")
    };
    repo::events::record(
        &txn,
        case_id.get(),
        Some(actor.id),
        kind,
        &format!("{} {verb} the task \"{}\"", actor.name, task.title),
        &json!({ "task_id": task.id }),
        now,
    )
    .await?;
    repo::centre::touch(&txn, case_id.get(), now).await?;
    txn.commit().await?;
    Ok(())
}
