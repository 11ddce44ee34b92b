//! What the case list is narrowed to and how it is ordered: the filter a page builds from
//! its address and the repository turns into one indexed query.

use super::ids::UserId;

/// How the list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Most recently changed first.
    #[default]
    Updated,
    /// Workplace name, A to Z.
    Name,
    /// Reference, oldest first.
    Reference,
}

/// Which advisor's cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdvisorFilter {
    Is(UserId),
    Nobody,
}

/// What the list is narrowed to. `None` means "any".
#[derive(Debug, Clone, Default)]
pub struct CaseFilter {
    pub pathway: Option<String>,
    pub stage: Option<String>,
    pub status: Option<String>,
    pub advisor: Option<AdvisorFilter>,
    pub sector: Option<String>,
    pub trigger: Option<String>,
    /// Cases with an open task due on or before this ISO date.
    pub due_by: Option<String>,
    /// Words looked for in the name, reference, employer and union.
    pub search: Option<String>,
    /// Only the cases this person belongs to (reps and workers).
    pub member_id: Option<UserId>,
    pub sort: Sort,
}
