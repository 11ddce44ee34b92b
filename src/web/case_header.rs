//! The heading and tabs shared by every page of a case.
//!
//! Each area of a case (stages, deadlines, documents, people, survey, tasks and notes,
//! timeline) is its own page under `/cases/<id>/…`; this header names the case and links the
//! areas the person may use, marking the current one.

use serde::Serialize;

use crate::domain::access::{self, CaseRole, Need};
use crate::services::cases::OpenCase;

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

/// The areas of a case: (path under the case, label, what a person needs to see it). A tab
/// shows exactly when its page would open for the person (`domain::access::decide`).
const AREAS: &[(&str, &str, Need)] = &[
    ("", "Stages", Need::Follow),
    ("/progress", "Progress", Need::Follow),
    ("/learning", "Learning", Need::Follow),
    ("/deadlines", "Deadlines", Need::WorkingPages),
    ("/meetings", "Meetings", Need::Follow),
    ("/documents", "Documents", Need::Follow),
    ("/people", "People", Need::WorkingPages),
    ("/invitations", "Invitations", Need::WorkingPages),
    ("/survey", "Survey", Need::Follow),
    ("/tasks", "Tasks and notes", Need::WorkingPages),
    ("/timeline", "Timeline", Need::WorkingPages),
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
            is_centre: role == CaseRole::Centre,
            is_rep: role == CaseRole::Rep,
            is_worker: role == CaseRole::Worker,
            tabs: tabs(case.id.get(), role, current),
        }
    }
}

fn tabs(case_id: i64, role: CaseRole, current: &str) -> Vec<Tab> {
    AREAS
        .iter()
        .filter(|(_, _, need)| access::decide(Some(role), *need).is_ok())
        .map(|(path, label, _)| Tab {
            href: format!("/cases/{case_id}{path}"),
            label,
            current: *path == current,
        })
        .collect()
}
