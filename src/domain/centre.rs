//! The education centre's rules for following cases: status changes, tasks, notes, event
//! kinds as people read them, and spreadsheet-safe CSV.

use chrono::NaiveDate;

use super::case::CaseStatus;
use super::field_errors::FieldErrors;

/// What staff can do to a case's overall status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusAction {
    Hold,
    Withdraw,
    Complete,
    Reopen,
}

impl StatusAction {
    pub const ALL: [StatusAction; 4] = [
        StatusAction::Hold,
        StatusAction::Withdraw,
        StatusAction::Complete,
        StatusAction::Reopen,
    ];

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "hold" => Some(Self::Hold),
            "withdraw" => Some(Self::Withdraw),
            "complete" => Some(Self::Complete),
            "reopen" => Some(Self::Reopen),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Hold => "hold",
            Self::Withdraw => "withdraw",
            Self::Complete => "complete",
            Self::Reopen => "reopen",
        }
    }

    /// The button's words.
    pub fn label(self) -> &'static str {
        match self {
            Self::Hold => "Put on hold",
            Self::Withdraw => "Withdraw the case",
            Self::Complete => "Mark as completed",
            Self::Reopen => "Reopen the case",
        }
    }

    /// The status the case moves to, or `None` when the action does not fit its status.
    pub fn apply(self, from: CaseStatus) -> Option<CaseStatus> {
        use CaseStatus::*;
        match (self, from) {
            (Self::Hold, Active) => Some(OnHold),
            (Self::Withdraw, Active | OnHold) => Some(Withdrawn),
            (Self::Complete, Active | OnHold) => Some(Completed),
            (Self::Reopen, OnHold | Withdrawn | Completed) => Some(Active),
            _ => None,
        }
    }

    /// Withdrawing needs a reason, for the funders' reports and for anyone reopening it.
    pub fn needs_reason(self) -> bool {
        self == Self::Withdraw
    }
}

/// Checks a status change and its reason; the message goes by the `reason` field.
pub fn check_status_change(
    action: StatusAction,
    from: CaseStatus,
    reason: &str,
) -> Result<CaseStatus, FieldErrors> {
    let mut errors = FieldErrors::new();
    let to = action.apply(from);
    if to.is_none() {
        errors.add(
            "action",
            format!(
                "A case that is {} cannot be changed that way",
                from.label().to_lowercase()
            ),
        );
    }
    if action.needs_reason() && reason.trim().is_empty() {
        errors.add("reason", "Say why the case is being withdrawn");
    } else if reason.chars().count() > 1000 {
        errors.add("reason", "Use 1,000 characters or fewer");
    }
    match to {
        Some(to) if errors.is_empty() => Ok(to),
        _ => Err(errors),
    }
}

/// A task that passed its checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskInput {
    pub title: String,
    /// ISO date.
    pub due_on: Option<String>,
}

/// Checks a task form: a title, and a due date if one was given (`2026-12-01` as date
/// fields send it, or `1/12/2026` as people type it).
pub fn check_task(title: &str, due: &str) -> Result<TaskInput, FieldErrors> {
    let mut errors = FieldErrors::new();
    let title = title.trim();
    if title.is_empty() {
        errors.add("title", "Say what needs doing");
    } else if title.chars().count() > 200 {
        errors.add("title", "Use 200 characters or fewer");
    }
    let due = due.trim();
    let due_on = if due.is_empty() {
        None
    } else {
        match parse_date(due) {
            Some(date) => Some(date.format("%Y-%m-%d").to_string()),
            None => {
                errors.add("due_on", "Enter the date like 1/12/2026");
                None
            }
        }
    };
    errors.into_result(TaskInput {
        title: title.to_string(),
        due_on,
    })
}

pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .ok()
        .filter(|d| (2000..=2100).contains(&chrono::Datelike::year(d)))
}

/// How urgent an open task is, for its tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    Done,
    Overdue,
    DueSoon,
    Later,
}

/// Overdue when its day has passed; due soon within 14 days.
pub fn urgency(due_on: Option<&str>, done: bool, today: NaiveDate) -> Urgency {
    if done {
        return Urgency::Done;
    }
    match due_on.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()) {
        Some(day) if day < today => Urgency::Overdue,
        Some(day) if (day - today).num_days() <= 14 => Urgency::DueSoon,
        _ => Urgency::Later,
    }
}

/// Who may read a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteVisibility {
    /// Centre staff only.
    Staff,
    /// Centre staff and the case's reps.
    Shared,
}

impl NoteVisibility {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "staff" => Some(Self::Staff),
            "shared" => Some(Self::Shared),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Staff => "staff",
            Self::Shared => "shared",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Staff => "Centre staff only",
            Self::Shared => "Shared with the case's reps",
        }
    }
}

/// Checks a note form.
pub fn check_note(body: &str, visibility: &str) -> Result<(String, NoteVisibility), FieldErrors> {
    let mut errors = FieldErrors::new();
    let body = body.trim();
    if body.is_empty() {
        errors.add("body", "Write the note");
    } else if body.chars().count() > 10_000 {
        errors.add("body", "Use 10,000 characters or fewer");
    }
    let visibility = NoteVisibility::parse(visibility);
    if visibility.is_none() {
        errors.add("visibility", "Choose who can read this note");
    }
    match visibility {
        Some(v) if errors.is_empty() => Ok((body.to_string(), v)),
        _ => Err(errors),
    }
}

/// Groups of event kinds for the timeline's filter: (value, label, kinds' prefixes).
pub const EVENT_GROUPS: &[(&str, &str, &[&str])] = &[
    (
        "case",
        "Case opened, status and advisor",
        &["case_", "status_", "advisor_"],
    ),
    (
        "stage",
        "Stages and sign-offs",
        &["stage_", "gate_", "signoff", "signed_off"],
    ),
    ("answers", "Answers", &["answer"]),
    ("documents", "Documents", &["document"]),
    ("notes", "Notes", &["note_"]),
    ("tasks", "Tasks", &["task_"]),
    ("people", "People", &["member_", "invitation", "invite"]),
];

/// The timeline group an event kind belongs to (`other` when none).
pub fn event_group(kind: &str) -> &'static str {
    EVENT_GROUPS
        .iter()
        .find(|(_, _, prefixes)| prefixes.iter().any(|p| kind.starts_with(p)))
        .map_or("other", |(value, _, _)| value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_changes_follow_the_case() {
        use CaseStatus::*;
        assert_eq!(StatusAction::Hold.apply(Active), Some(OnHold));
        assert_eq!(StatusAction::Hold.apply(Completed), None);
        assert_eq!(StatusAction::Reopen.apply(Withdrawn), Some(Active));
        assert_eq!(StatusAction::Reopen.apply(Active), None);
        assert!(check_status_change(StatusAction::Withdraw, Active, " ").is_err());
        assert_eq!(
            check_status_change(StatusAction::Withdraw, Active, "Owner sold elsewhere"),
            Ok(Withdrawn)
        );
    }

    #[test]
    fn tasks_need_a_title_and_a_real_date() {
        assert!(check_task("", "").is_err());
        assert_eq!(
            check_task("Call the owner", "1/12/2026").map(|t| t.due_on),
            Ok(Some("2026-12-01".into()))
        );
        assert!(check_task("Call", "31/02/2026").is_err());
        assert_eq!(check_task("Call", "").map(|t| t.due_on), Ok(None));
    }

    #[test]
    fn urgency_counts_days() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert_eq!(urgency(Some("2026-11-25"), false, today), Urgency::Overdue);
        assert_eq!(urgency(Some("2026-11-26"), false, today), Urgency::DueSoon);
        assert_eq!(urgency(Some("2026-12-10"), false, today), Urgency::DueSoon);
        assert_eq!(urgency(Some("2026-12-11"), false, today), Urgency::Later);
        assert_eq!(urgency(Some("2026-11-01"), true, today), Urgency::Done);
    }

    #[test]
    fn event_kinds_fall_into_groups() {
        assert_eq!(event_group("note_added"), "notes");
        assert_eq!(event_group("case_opened"), "case");
        assert_eq!(event_group("stage_signed_off"), "stage");
        assert_eq!(event_group("mystery"), "other");
    }
}
