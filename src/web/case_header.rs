//! The heading and tabs shared by every page of a case.
//!
//! Each area of a case (stages, deadlines, documents, people, survey, tasks and notes,
//! timeline) is its own page under `/cases/<id>/…`; this header names the case and links the
//! areas the person may use, marking the current one.

use serde::Serialize;

use crate::db::entities::cases;
use crate::domain::case::{CaseStatus, Pathway};
use crate::services::cases::{Access, OpenCase};

#[derive(Serialize)]
pub struct CaseHeader {
    pub id: i64,
    pub reference: String,
    pub name: String,
    pub pathway: &'static str,
    pub status: &'static str,
    pub status_key: String,
    /// `centre`, `rep` or `worker`.
    pub access: &'static str,
    pub is_centre: bool,
    pub is_rep: bool,
    pub is_worker: bool,
    pub tabs: Vec<Tab>,
}

#[derive(Serialize)]
pub struct Tab {
    pub href: String,
    pub label: &'static str,
    pub current: bool,
}

/// The areas of a case: (path under the case, label, who sees it).
const AREAS: &[(&str, &str, &[Access])] = &[
    ("", "Stages", &[Access::Centre, Access::Rep, Access::Worker]),
    (
        "/progress",
        "Progress",
        &[Access::Centre, Access::Rep, Access::Worker],
    ),
    ("/deadlines", "Deadlines", &[Access::Centre, Access::Rep]),
    (
        "/meetings",
        "Meetings",
        &[Access::Centre, Access::Rep, Access::Worker],
    ),
    (
        "/documents",
        "Documents",
        &[Access::Centre, Access::Rep, Access::Worker],
    ),
    ("/people", "People", &[Access::Centre, Access::Rep]),
    (
        "/invitations",
        "Invitations",
        &[Access::Centre, Access::Rep],
    ),
    (
        "/survey",
        "Survey",
        &[Access::Centre, Access::Rep, Access::Worker],
    ),
    ("/tasks", "Tasks and notes", &[Access::Centre, Access::Rep]),
    ("/timeline", "Timeline", &[Access::Centre, Access::Rep]),
];

impl CaseHeader {
    /// The header of an opened case; `current` is the area's path under the case.
    pub fn of(opened: &OpenCase, current: &str) -> Self {
        let case = &opened.case;
        let role = opened.role;
        Self {
            id: case.id.get(),
            reference: case.reference.clone(),
            name: case.name.clone(),
            pathway: case.pathway.label(),
            status: case.status.label(),
            status_key: case.status.as_str().to_string(),
            access: role.as_str(),
            is_centre: role == Access::Centre,
            is_rep: role == Access::Rep,
            is_worker: role == Access::Worker,
            tabs: tabs(case.id.get(), role, current),
        }
    }

    /// `current` is the area's path under the case, e.g. `""` or `"/documents"`.
    pub fn new(case: &cases::Model, access: Access, current: &str) -> Self {
        let tabs = tabs(case.id, access, current);
        Self {
            id: case.id,
            reference: case.reference.clone(),
            name: case.name.clone(),
            pathway: Pathway::parse(&case.pathway).map_or("Unknown", Pathway::label),
            status: CaseStatus::parse(&case.status).map_or("Unknown", CaseStatus::label),
            status_key: case.status.clone(),
            access: access.as_str(),
            is_centre: access == Access::Centre,
            is_rep: access == Access::Rep,
            is_worker: access == Access::Worker,
            tabs,
        }
    }
}

fn tabs(case_id: i64, role: Access, current: &str) -> Vec<Tab> {
    AREAS
        .iter()
        .filter(|(_, _, who)| who.contains(&role))
        .map(|(path, label, _)| Tab {
            href: format!("/cases/{case_id}{path}"),
            label,
            current: *path == current,
        })
        .collect()
}
