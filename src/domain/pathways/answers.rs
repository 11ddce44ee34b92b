//! A case's answers and the checking of one submitted form page.
//!
//! Answers are one JSON map per case (question key to stored value) so they serialise
//! straight into the database and into document contexts. Form input arrives as text and is
//! only stored once every visible question on the page is valid; otherwise the page is shown
//! again with a message per field and exactly what was typed, so nothing is lost.

use super::definition::Question;
use super::parse::{cross_check, missing_message, parse_answer};
use super::visibility::is_visible;
use super::PathwayLibrary;
use crate::domain::field_errors::FieldErrors;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A case's answers: question key to stored value ("stored as" in docs/pathways-format.md).
pub type Answers = BTreeMap<String, serde_json::Value>;

/// What a form sends for one question, before checking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SubmittedValue {
    /// Most questions: one text box, radio group or select.
    Text { text: String },
    /// The GOV.UK date pattern: three boxes.
    Date {
        day: String,
        month: String,
        year: String,
    },
    /// Two boxes: month and year.
    Month { month: String, year: String },
    /// Ticked boxes of a multi_choice question.
    List { items: Vec<String> },
    /// Rows of a people_list question; blank rows are ignored.
    People { rows: Vec<PersonRow> },
}

impl SubmittedValue {
    pub fn text(text: impl Into<String>) -> Self {
        SubmittedValue::Text { text: text.into() }
    }

    /// The value as one line of text, for types that take text.
    pub fn as_text(&self) -> String {
        match self {
            SubmittedValue::Text { text } => text.clone(),
            SubmittedValue::Date { day, month, year } => format!("{day} {month} {year}"),
            SubmittedValue::Month { month, year } => format!("{month} {year}"),
            SubmittedValue::List { items } => items.join(","),
            SubmittedValue::People { rows } => rows
                .iter()
                .map(|r| r.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

/// One person in a people_list answer. No date of birth: coopkit does not need it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRow {
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
}

impl PersonRow {
    pub(super) fn trimmed(&self) -> Self {
        let tidy = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        Self {
            name: tidy(&self.name),
            role: tidy(&self.role),
            email: self.email.trim().to_string(),
            phone: tidy(&self.phone),
        }
    }

    pub(super) fn is_blank(&self) -> bool {
        self.name.is_empty()
            && self.role.is_empty()
            && self.email.is_empty()
            && self.phone.is_empty()
    }
}

/// A page that cannot be saved: the problems, and what was typed so the form shows it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageRejected {
    pub errors: FieldErrors,
    pub typed: BTreeMap<String, SubmittedValue>,
}

/// Checks one submitted page against its questions.
///
/// Whether a question is shown is judged on the case's existing answers merged with this
/// submission, so a "yes" on this page reveals its follow-up question on the same page.
/// Hidden questions are not required and what was typed into them is dropped. On success
/// returns the stored values of the page's answered, visible questions; store them with
/// [`apply_page`].
pub fn validate_page(
    lib: &PathwayLibrary,
    page_key: &str,
    submitted: &BTreeMap<String, SubmittedValue>,
    existing: &Answers,
    today: NaiveDate,
) -> Result<Answers, PageRejected> {
    let mut errors = FieldErrors::new();
    let Some(page) = lib.page(page_key) else {
        errors.add("page", "This form page does not exist");
        return Err(PageRejected {
            errors,
            typed: submitted.clone(),
        });
    };
    let parsed: Vec<(&Question, Result<Option<serde_json::Value>, String>)> = page
        .questions
        .iter()
        .map(|q| (q, parse_answer(lib, q, submitted.get(&q.key))))
        .collect();
    let mut merged = existing.clone();
    for (q, result) in &parsed {
        merged.remove(&q.key);
        if let Ok(Some(value)) = result {
            merged.insert(q.key.clone(), value.clone());
        }
    }
    let mut accepted = Answers::new();
    for (q, result) in parsed {
        if !is_visible(lib, &q.key, &merged) {
            continue;
        }
        match result {
            Err(message) => errors.add(&q.key, message),
            Ok(None) if q.required => errors.add(&q.key, missing_message(q)),
            Ok(None) => {}
            Ok(Some(value)) => match cross_check(lib, q, &value, &merged, today) {
                Some(message) => errors.add(&q.key, message),
                None => {
                    accepted.insert(q.key.clone(), value);
                }
            },
        }
    }
    errors.into_result(accepted).map_err(|errors| PageRejected {
        errors,
        typed: submitted.clone(),
    })
}

/// The case's answers after saving a validated page: the page's old answers are replaced
/// (a question left blank loses its old answer) and every other answer is kept.
pub fn apply_page(
    lib: &PathwayLibrary,
    page_key: &str,
    existing: &Answers,
    validated: Answers,
) -> Answers {
    let mut answers = existing.clone();
    if let Some(page) = lib.page(page_key) {
        for q in &page.questions {
            answers.remove(&q.key);
        }
    }
    answers.extend(validated);
    answers
}
