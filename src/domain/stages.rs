//! Where each stage of a case stands, and the stage checklist.
//!
//! A stage's stored status says what people have done with it; whether it may start at all
//! follows from the stage before it, so it is worked out here rather than stored (a reopened
//! earlier stage then closes the later ones again without rewriting their rows). Pure: no
//! web, database or template imports.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::field_errors::FieldErrors;
use super::pathways::definition::Stage;

/// The status shown on the task list (GOV.UK "complete multiple tasks" pattern).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum StageStatus {
    CannotStart,
    NotStarted,
    InProgress,
    WaitingForSignoff,
    Completed,
}

impl StageStatus {
    /// The stored value; `CannotStart` is never stored.
    pub fn as_str(self) -> &'static str {
        match self {
            StageStatus::CannotStart => "cannot_start",
            StageStatus::NotStarted => "not_started",
            StageStatus::InProgress => "in_progress",
            StageStatus::WaitingForSignoff => "waiting_for_signoff",
            StageStatus::Completed => "completed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            StageStatus::CannotStart => "Cannot start yet",
            StageStatus::NotStarted => "Not started",
            StageStatus::InProgress => "In progress",
            StageStatus::WaitingForSignoff => "Waiting for sign-off",
            StageStatus::Completed => "Completed",
        }
    }

    /// The colour of the status tag.
    pub fn tag(self) -> &'static str {
        match self {
            StageStatus::CannotStart => "tag-grey",
            StageStatus::NotStarted => "tag-blue",
            StageStatus::InProgress => "tag-yellow",
            StageStatus::WaitingForSignoff => "tag",
            StageStatus::Completed => "tag-green",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            StageStatus::NotStarted,
            StageStatus::InProgress,
            StageStatus::WaitingForSignoff,
            StageStatus::Completed,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }

    /// Whether answers and the checklist of the stage may be changed.
    pub fn is_open(self) -> bool {
        matches!(self, StageStatus::NotStarted | StageStatus::InProgress)
    }
}

/// The statuses of a pathway's stages, in order, from the stored ones (`None` for a stage
/// nobody has touched). A stage may start once the one before it is completed.
pub fn derive_statuses(stored: &[Option<StageStatus>]) -> Vec<StageStatus> {
    let mut out: Vec<StageStatus> = Vec::with_capacity(stored.len());
    for (i, status) in stored.iter().enumerate() {
        let may_start = i == 0 || out[i - 1] == StageStatus::Completed;
        let status = match status {
            Some(s) if *s != StageStatus::NotStarted => *s,
            _ if may_start => StageStatus::NotStarted,
            _ => StageStatus::CannotStart,
        };
        out.push(status);
    }
    out
}

/// One ticked checklist item: done, or not applying with a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ChecklistMark {
    Done,
    Na { reason: String },
}

pub type Checklist = BTreeMap<String, ChecklistMark>;

/// What is stored about a stage once someone has touched it, typed. Built from its row (`db`
/// does it), failing on a status or checklist the code does not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageRecord {
    /// Never `CannotStart`: that is worked out, not stored.
    pub status: StageStatus,
    pub checklist: Checklist,
    /// Who signed the stage off and when; kept after a reopen, shown only while completed.
    pub signed_off: Option<SignOff>,
    pub signoff_note: String,
    /// The centre's comment when it sent the stage back or reopened it.
    pub returned_note: String,
    /// Optimistic-locking version: a checklist save names the version it was made from.
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignOff {
    pub name: String,
    pub at: i64,
}

/// Reads the checklist as posted: per item `key` is `""`, `done` or `na`, and `key-reason`
/// the reason it does not apply. On a problem, the marks come back as ticked (with the
/// messages) so the page can show them again as the person left them.
pub fn read_checklist(
    stage: &Stage,
    posted: &BTreeMap<String, String>,
) -> Result<Checklist, (FieldErrors, Checklist)> {
    let field = |name: &str| posted.get(name).cloned().unwrap_or_default();
    let states: BTreeMap<String, String> = stage
        .checklist
        .iter()
        .map(|i| (i.key.clone(), field(&i.key)))
        .collect();
    let reasons: BTreeMap<String, String> = stage
        .checklist
        .iter()
        .map(|i| (i.key.clone(), field(&format!("{}-reason", i.key))))
        .collect();
    parse_checklist(stage, &states, &reasons).map_err(|errors| {
        let ticked = states
            .iter()
            .filter_map(|(key, state)| {
                let mark = match state.as_str() {
                    "done" => ChecklistMark::Done,
                    "na" => ChecklistMark::Na {
                        reason: reasons.get(key).cloned().unwrap_or_default(),
                    },
                    _ => return None,
                };
                Some((key.clone(), mark))
            })
            .collect();
        (errors, ticked)
    })
}

/// Reads the checklist form: per item `""` (not yet), `done` or `na` with a reason.
pub fn parse_checklist(
    stage: &Stage,
    states: &BTreeMap<String, String>,
    reasons: &BTreeMap<String, String>,
) -> Result<Checklist, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut out = Checklist::new();
    for item in &stage.checklist {
        let reason = reasons.get(&item.key).map_or("", |r| r.trim());
        match states.get(&item.key).map(String::as_str) {
            Some("done") => {
                out.insert(item.key.clone(), ChecklistMark::Done);
            }
            Some("na") if reason.is_empty() => errors.add(
                format!("{}-reason", item.key),
                format!("Say why \"{}\" does not apply", item.label),
            ),
            Some("na") if reason.chars().count() > 500 => errors.add(
                format!("{}-reason", item.key),
                "Keep the reason to 500 characters or fewer",
            ),
            Some("na") => {
                out.insert(
                    item.key.clone(),
                    ChecklistMark::Na {
                        reason: reason.to_string(),
                    },
                );
            }
            _ => {}
        }
    }
    errors.into_result(out)
}

/// The labels of checklist items neither done nor marked as not applying.
pub fn unticked<'a>(stage: &'a Stage, checklist: &Checklist) -> Vec<&'a str> {
    stage
        .checklist
        .iter()
        .filter(|item| !checklist.contains_key(&item.key))
        .map(|item| item.label.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use StageStatus::*;

    #[test]
    fn a_stage_may_start_once_the_one_before_is_completed() {
        assert_eq!(
            derive_statuses(&[None, None, None]),
            vec![NotStarted, CannotStart, CannotStart]
        );
        assert_eq!(
            derive_statuses(&[Some(Completed), None, None]),
            vec![Completed, NotStarted, CannotStart]
        );
        assert_eq!(
            derive_statuses(&[Some(InProgress), Some(NotStarted)]),
            vec![InProgress, CannotStart]
        );
    }

    #[test]
    fn a_later_stage_keeps_its_work_when_an_earlier_one_is_reopened() {
        assert_eq!(
            derive_statuses(&[Some(InProgress), Some(InProgress)]),
            vec![InProgress, InProgress]
        );
    }

    fn stage() -> Stage {
        let lib =
            crate::domain::pathways::load_pathways(std::path::Path::new("templates/pathways"))
                .unwrap();
        lib.stage("buyout", "intake").unwrap().clone()
    }

    #[test]
    fn not_applying_needs_a_reason() {
        let stage = stage();
        let states = BTreeMap::from([
            ("ck_contact_logged".to_string(), "done".to_string()),
            ("ck_owners_identified".to_string(), "na".to_string()),
        ]);
        let errors = parse_checklist(&stage, &states, &BTreeMap::new()).unwrap_err();
        assert_eq!(
            errors.first("ck_owners_identified-reason"),
            Some("Say why \"Owners identified\" does not apply")
        );
        let reasons = BTreeMap::from([(
            "ck_owners_identified".to_string(),
            " Owner is a council ".to_string(),
        )]);
        let list = parse_checklist(&stage, &states, &reasons).unwrap();
        assert_eq!(
            list.get("ck_owners_identified"),
            Some(&ChecklistMark::Na {
                reason: "Owner is a council".into()
            })
        );
        assert_eq!(
            unticked(&stage, &list),
            vec!["Legal clocks checked", "Privacy notice given"]
        );
    }

    #[test]
    fn a_checklist_with_a_problem_comes_back_as_ticked() {
        let stage = stage();
        let posted = BTreeMap::from([
            ("ck_contact_logged".to_string(), "done".to_string()),
            ("ck_owners_identified".to_string(), "na".to_string()),
            ("ck_owners_identified-reason".to_string(), "  ".to_string()),
            ("unknown_item".to_string(), "done".to_string()),
        ]);
        let (errors, ticked) = read_checklist(&stage, &posted).unwrap_err();
        assert!(errors.has("ck_owners_identified-reason"));
        assert_eq!(ticked.get("ck_contact_logged"), Some(&ChecklistMark::Done));
        assert!(matches!(
            ticked.get("ck_owners_identified"),
            Some(ChecklistMark::Na { .. })
        ));
        assert!(!ticked.contains_key("unknown_item"));

        let posted = BTreeMap::from([
            ("ck_owners_identified".to_string(), "na".to_string()),
            (
                "ck_owners_identified-reason".to_string(),
                "A council".to_string(),
            ),
        ]);
        let list = read_checklist(&stage, &posted).unwrap();
        assert_eq!(list.len(), 1);
    }
}
