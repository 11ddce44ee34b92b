//! The heading and tabs shared by every page of a case.
//!
//! Each area of a case (stages, deadlines, documents, people, survey, tasks and notes,
//! timeline) is its own page under `/cases/<id>/…`; this header names the case and links the
//! areas the person may use, marking the current one.

use serde::Serialize;

use crate::db::entities::cases;
use crate::domain::case::{CaseStatus, Pathway};
use crate::services::cases::Access;

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
    /// `current` is the area's path under the case, e.g. `""` or `"/documents"`.
    pub fn new(case: &cases::Model, access: Access, current: &str) -> Self {
        let tabs = AREAS
            .iter()
            .filter(|(_, _, who)| who.contains(&access))
            .map(|(path, label, _)| Tab {
                href: format!("/cases/{}{path}", case.id),
                label,
                current: *path == current,
            })
            .collect();
        Self {
            id: case.id,
            reference: case.reference.clone(),
            name: case.name.clone(),
            pathway: Pathway::parse(&case.pathway).map_or("Unknown", Pathway::label),
            status: CaseStatus::parse(&case.status).map_or("Unknown", CaseStatus::label),
            status_key: case.status.clone(),
            access: match access {
                Access::Centre => "centre",
                Access::Rep => "rep",
                Access::Worker => "worker",
            },
            is_centre: access == Access::Centre,
            is_rep: access == Access::Rep,
            is_worker: access == Access::Worker,
            tabs,
        }
    }
}
