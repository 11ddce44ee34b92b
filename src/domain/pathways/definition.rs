//! The shapes of the pathway files: pathways, stages, checklists, gates, pages and questions.
//!
//! These types are what `templates/pathways/*.toml` deserialise into, so a field here is a
//! setting staff can write in those files (see docs/pathways-format.md). Unknown settings are
//! refused rather than ignored, so a misspelt `requried = true` stops the start instead of
//! silently making a question optional. Each item remembers where it starts in its file so
//! the loader can name the line of a mistake. Pure data: no web, database or template imports.

use serde::{Deserialize, Deserializer, Serialize};
use toml::Spanned;

/// An item that remembers the byte offset at which it starts in its file.
pub trait Located {
    fn set_offset(&mut self, offset: usize);
}

/// Deserialises a list of tables and records where each one starts, for error messages.
pub(super) fn located<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Located,
{
    let items: Vec<Spanned<T>> = Vec::deserialize(deserializer)?;
    Ok(items
        .into_iter()
        .map(|spanned| {
            let offset = spanned.span().start;
            let mut item = spanned.into_inner();
            item.set_offset(offset);
            item
        })
        .collect())
}

macro_rules! impl_located {
    ($($t:ty),*) => {$(
        impl Located for $t {
            fn set_offset(&mut self, offset: usize) {
                self.offset = offset;
            }
        }
    )*};
}
impl_located!(Stage, Note, ChecklistItem, Criterion, Page, Question);

/// One pathway file (`buyout.toml`): a route from first contact to a running co-op.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pathway {
    pub key: String,
    pub title: String,
    pub summary: String,
    #[serde(deserialize_with = "located")]
    pub stages: Vec<Stage>,
}

/// One stage of a pathway, shown as one entry of the case's task list.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub key: String,
    pub title: String,
    pub purpose: String,
    pub duration: String,
    pub who: String,
    /// What to do, in order: each `[[stages.guidance]]` is one or more paragraphs.
    #[serde(deserialize_with = "located")]
    pub guidance: Vec<Note>,
    /// Risks shown in a warning block above the guidance, each only when its `show_if` holds.
    #[serde(default, deserialize_with = "located")]
    pub warnings: Vec<Note>,
    #[serde(default)]
    pub help: String,
    /// Keys of pages in `pages.toml`, in the order they are filled in.
    #[serde(default)]
    pub pages: Vec<String>,
    /// Deadline rule ids (`D1`) shown with this stage.
    #[serde(default)]
    pub deadlines: Vec<String>,
    /// Names of the documents this stage produces.
    #[serde(default)]
    pub documents: Vec<String>,
    #[serde(default, deserialize_with = "located")]
    pub checklist: Vec<ChecklistItem>,
    /// No gate: the stage is ongoing and staff close the case instead.
    #[serde(default)]
    pub gate: Option<Gate>,
    #[serde(skip)]
    pub offset: usize,
}

impl Stage {
    /// Every guidance paragraph, whatever its condition, with line breaks joined up.
    pub fn guidance_paragraphs(&self) -> Vec<String> {
        self.guidance.iter().flat_map(Note::paragraphs).collect()
    }
}

/// A block of guidance or a warning. A legal statement names its `sources` (the Act and
/// section, or the regulator's page) so that centre staff can check it; `show_if` limits it
/// to the cases it is about, so a rep reads the TUPE text only when TUPE can apply.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// One or more paragraphs of plain English; a blank line starts a new paragraph.
    pub text: String,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub show_if: Option<ShowIf>,
    #[serde(skip)]
    pub offset: usize,
}

impl Note {
    /// The text split into paragraphs, each with its line breaks joined up.
    pub fn paragraphs(&self) -> Vec<String> {
        self.text
            .split("\n\n")
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect()
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    pub key: String,
    pub label: String,
    #[serde(default)]
    pub hint: Option<String>,
    #[serde(skip)]
    pub offset: usize,
}

/// Who must agree before the next stage opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GateKind {
    /// Centre staff sign off.
    Staff,
    /// Staff sign off on the evidence of a resolution the members carried at a meeting
    /// recorded in coopkit (or, failing that, with a written reason).
    Vote,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Gate {
    pub kind: GateKind,
    pub description: String,
    /// For a vote gate: what the carried resolution must approve to count as evidence
    /// (`meetings::Approves` values, any of them); empty for any carried resolution of a
    /// founding or general meeting.
    #[serde(default)]
    pub resolution_approves: Vec<String>,
    #[serde(default, deserialize_with = "located")]
    pub criteria: Vec<Criterion>,
}

/// One condition on an answer that must hold before a gate can be signed off. Exactly one
/// of `equals`, `any_of`, `not_empty` and `at_least` is set (the loader checks this).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub question: String,
    #[serde(default)]
    pub equals: Option<String>,
    #[serde(default)]
    pub any_of: Option<Vec<String>>,
    #[serde(default)]
    pub not_empty: Option<bool>,
    #[serde(default)]
    pub at_least: Option<i64>,
    /// What is true when the criterion holds, e.g. "The steering group has decided to go ahead."
    pub message: String,
    #[serde(skip)]
    pub offset: usize,
}

/// The content of `pages.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PagesFile {
    #[serde(deserialize_with = "located")]
    pub pages: Vec<Page>,
}

/// One form page: a short list of questions answered and saved together.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    pub key: String,
    pub title: String,
    #[serde(default)]
    pub intro: Option<String>,
    #[serde(default)]
    pub show_if: Option<ShowIf>,
    #[serde(deserialize_with = "located")]
    pub questions: Vec<Question>,
    #[serde(skip)]
    pub offset: usize,
}

/// The kinds of answer a question takes; see the table in docs/pathways-format.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionType {
    Text,
    LongText,
    Number,
    Money,
    Percentage,
    Date,
    Month,
    YesNo,
    Choice,
    MultiChoice,
    PeopleList,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    pub value: String,
    pub label: String,
}

/// When a page or question is shown: one condition, or a list that must all hold.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(untagged)]
pub enum ShowIf {
    One(Condition),
    All(Vec<Condition>),
}

impl ShowIf {
    pub fn conditions(&self) -> &[Condition] {
        match self {
            ShowIf::One(c) => std::slice::from_ref(c),
            ShowIf::All(list) => list,
        }
    }
}

/// A test on another question's answer. Exactly one of the tests is set.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub question: String,
    #[serde(default)]
    pub equals: Option<String>,
    #[serde(default)]
    pub any_of: Option<Vec<String>>,
    #[serde(default)]
    pub at_least: Option<i64>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub key: String,
    pub label: String,
    #[serde(default)]
    pub hint: Option<String>,
    /// Where the law in the hint comes from, shown after it (as for guidance blocks).
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(rename = "type")]
    pub kind: QuestionType,
    #[serde(default)]
    pub required: bool,
    /// Replaces the standard "Enter ..." message when a required answer is missing.
    #[serde(default)]
    pub required_message: Option<String>,
    #[serde(default)]
    pub min: Option<i64>,
    #[serde(default)]
    pub max: Option<i64>,
    #[serde(default)]
    pub min_len: Option<usize>,
    #[serde(default)]
    pub max_len: Option<usize>,
    #[serde(default)]
    pub pattern: Option<String>,
    #[serde(default)]
    pub pattern_message: Option<String>,
    /// A number question whose answer this one may not exceed.
    #[serde(default)]
    pub not_more_than: Option<String>,
    /// A number question whose answer this one must reach.
    #[serde(default)]
    pub at_least_question: Option<String>,
    #[serde(default)]
    pub not_after_today: bool,
    /// A date question this date may not be before.
    #[serde(default)]
    pub not_before: Option<String>,
    #[serde(default)]
    pub options: Vec<ChoiceOption>,
    #[serde(default)]
    pub min_items: Option<usize>,
    #[serde(default)]
    pub max_items: Option<usize>,
    #[serde(default)]
    pub show_if: Option<ShowIf>,
    /// A starting value, written as it is stored (e.g. `"yes"`, `14`).
    #[serde(default)]
    pub default: Option<serde_json::Value>,
    /// An answer the case already holds, offered pre-filled with where it came from
    /// (`"case.headcount"`, `"survey.total_pence"`, or a table mapping choices); see
    /// `domain::suggest`.
    #[serde(default)]
    pub suggest: Option<crate::domain::suggest::Declared>,
    #[serde(skip)]
    pub offset: usize,
}

impl Question {
    /// The hint followed by its sources, so a legal statement on a form names its law.
    pub fn hint_with_sources(&self) -> Option<String> {
        if self.sources.is_empty() {
            return self.hint.clone();
        }
        let sources = format!("Source: {}.", self.sources.join("; "));
        Some(match &self.hint {
            Some(hint) => format!("{hint} {sources}"),
            None => sources,
        })
    }

    /// The label of a choice value, or the value itself if it is not an option.
    pub fn option_label<'a>(&'a self, value: &'a str) -> &'a str {
        self.options
            .iter()
            .find(|o| o.value == value)
            .map_or(value, |o| o.label.as_str())
    }
}
