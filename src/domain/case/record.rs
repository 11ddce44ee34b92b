//! A stored case, typed: what the rest of the program passes around once a case is open.

use super::{CaseStatus, Pathway, Trigger};
use crate::domain::ids::{CaseId, UserId};

/// A case as stored. Built once from its row (`db` does it, failing loudly on a value the
/// code does not know), so nothing downstream re-parses strings or guesses a default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub id: CaseId,
    /// The readable reference, like `PCEC-2026-0001`.
    pub reference: String,
    pub name: String,
    pub pathway: Pathway,
    pub sector: String,
    pub employer: String,
    pub union_name: String,
    pub union_branch: String,
    pub worker_count: i32,
    pub trigger: Trigger,
    pub description: String,
    pub status: CaseStatus,
    /// The key of the stage the case is at, as the pathway files name it (`"intake"`).
    pub current_stage: String,
    pub advisor_id: Option<UserId>,
    pub created_by: UserId,
    /// Optimistic-locking version: a save names the version it was made from.
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
    /// When the current stage was sent for sign-off; `None` when nothing waits.
    pub awaiting_signoff_since: Option<i64>,
}

impl Case {
    /// Whether the case is still going (not completed or withdrawn).
    pub fn is_open(&self) -> bool {
        matches!(self.status, CaseStatus::Active | CaseStatus::OnHold)
    }
}

/// A stored value the code does not know: a row written by a newer version, or by hand.
/// Surfaces as an internal error naming the column, never as a silent default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    pub column: &'static str,
    pub value: String,
}

impl std::fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "unknown value {:?} in column {}",
            self.value, self.column
        )
    }
}

impl std::error::Error for UnknownValue {}

/// Reads a stored enumeration, naming the column when the value is unknown.
pub fn stored<T>(
    column: &'static str,
    value: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<T, UnknownValue> {
    parse(value).ok_or_else(|| UnknownValue {
        column,
        value: value.to_string(),
    })
}
