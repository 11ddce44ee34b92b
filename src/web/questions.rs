//! Form pages' questions: reading them from a posted form and showing them by type.
//!
//! A form page's fields depend on the pathway files, so they cannot be a fixed `FromForm`
//! struct: the body is read as name/value pairs. Names are the question key, with `.day`,
//! `.month`, `.year` for dates, repeated names for ticked boxes, `key.N.name` (role, email,
//! phone) for rows of people, and `_orig.key` for the answer as it was when the page opened.

use std::collections::BTreeMap;

use rocket::data::Data;
use serde::Serialize;
use serde_json::Value;

use crate::domain::pathways::definition::{Page, Question, QuestionType};
use crate::domain::pathways::{PersonRow, SubmittedValue};
use crate::error::AppResult;
use crate::services::page_save::PageSubmission;

/// The posted fields in order, decoded.
pub struct Fields(Vec<(String, String)>);

impl Fields {
    /// Reads the body; see `form_body::read` for what a bad body answers.
    pub async fn read(data: Data<'_>) -> AppResult<Fields> {
        Ok(Fields(super::form_body::read(data).await?))
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self, name: &str) -> String {
        self.get(name).unwrap_or_default().to_string()
    }

    /// The stored row's version the page was opened with (hidden field `version`); 0, "no
    /// row", when missing or not a number, which a stored row then refuses as a conflict.
    pub fn version(&self) -> i64 {
        self.get("version")
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0)
    }

    /// Each name with the first value posted for it.
    pub fn by_name(&self) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for (name, value) in &self.0 {
            out.entry(name.clone()).or_insert_with(|| value.clone());
        }
        out
    }

    fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// A stored JSON value carried in a hidden field: `""` for none.
    pub fn json(&self, name: &str) -> Option<Option<Value>> {
        let text = self.get(name)?;
        Some(if text.is_empty() {
            None
        } else {
            serde_json::from_str(text).ok()
        })
    }
}

/// Most people rows a form shows; more than enough for a steering group.
const MAX_ROWS: usize = 30;

/// What was typed into one question.
pub fn submitted(q: &Question, f: &Fields) -> SubmittedValue {
    let k = &q.key;
    match q.kind {
        QuestionType::Date => SubmittedValue::Date {
            day: f.text(&format!("{k}.day")),
            month: f.text(&format!("{k}.month")),
            year: f.text(&format!("{k}.year")),
        },
        QuestionType::Month => SubmittedValue::Month {
            month: f.text(&format!("{k}.month")),
            year: f.text(&format!("{k}.year")),
        },
        QuestionType::MultiChoice => SubmittedValue::List { items: f.all(k) },
        QuestionType::PeopleList => SubmittedValue::People {
            rows: (0..MAX_ROWS)
                .map_while(|i| {
                    let part = |p: &str| f.get(&format!("{k}.{i}.{p}")).map(String::from);
                    Some(PersonRow {
                        name: part("name")?,
                        role: part("role").unwrap_or_default(),
                        email: part("email").unwrap_or_default(),
                        phone: part("phone").unwrap_or_default(),
                    })
                })
                .collect(),
        },
        _ => SubmittedValue::text(f.text(k)),
    }
}

/// A whole page as posted: what was typed and the answers the page was opened with.
pub fn submission(page: &Page, f: &Fields) -> PageSubmission {
    PageSubmission {
        values: page
            .questions
            .iter()
            .map(|q| (q.key.clone(), submitted(q, f)))
            .collect(),
        opened_with: page
            .questions
            .iter()
            .filter_map(|q| Some((q.key.clone(), f.json(&format!("_orig.{}", q.key))?)))
            .collect(),
    }
}

#[derive(Serialize, Default)]
pub struct QuestionView {
    pub key: String,
    pub label: String,
    pub hint: Option<String>,
    pub error: Option<String>,
    pub required: bool,
    /// The template to use: text, long_text, number, money, percentage, date, month,
    /// radios, select, checkboxes or people.
    pub widget: &'static str,
    pub is: BTreeMap<&'static str, bool>,
    pub text: String,
    pub day: String,
    pub month: String,
    pub year: String,
    pub options: Vec<OptionView>,
    /// The radios or boxes in runs: a run that reveals follow-ups holds them after its last
    /// option (see `follow_ups`); every other option is a run of its own.
    pub option_groups: Vec<OptionGroup>,
    /// Follow-ups that cannot sit among options (after a number or a drop-down).
    pub after: Vec<RevealView>,
    /// The ids of `after` blocks, for a number's or drop-down's `aria-controls`.
    pub controls: Option<String>,
    pub rows: Vec<RowView>,
    /// The stored answer when the page was opened, as JSON (`""` for none).
    pub orig: String,
}

#[derive(Serialize, Clone)]
pub struct OptionView {
    pub id: String,
    /// The question's key: the input's name.
    pub name: String,
    pub value: String,
    pub label: String,
    pub checked: bool,
    /// The id of the follow-ups this option reveals (`aria-controls`).
    pub controls: Option<String>,
}

#[derive(Serialize)]
pub struct OptionGroup {
    pub options: Vec<OptionView>,
    pub reveal: Option<RevealView>,
}

/// Follow-up questions in a block the page shows when the controlling answer calls for them.
#[derive(Serialize)]
pub struct RevealView {
    pub id: String,
    /// The controlling input's name, and the values (space-separated) or the least number
    /// that reveal the block, for the optional script.
    pub name: String,
    pub values: Option<String>,
    pub at_least: Option<String>,
    /// Said in the block when CSS cannot tie it to an option, so a page without the script
    /// still tells people when to answer.
    pub note: Option<String>,
    pub questions: Vec<QuestionView>,
}

#[derive(Serialize)]
pub struct RowView {
    pub index: usize,
    pub number: usize,
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
}

/// More than this many options show as a drop-down instead of radios.
const RADIO_LIMIT: usize = 8;

/// A question ready to render with its current value, message and opening answer.
pub fn view(
    q: &Question,
    value: &SubmittedValue,
    error: Option<&str>,
    orig: Option<&Value>,
) -> QuestionView {
    let widget = match q.kind {
        QuestionType::Text => "text",
        QuestionType::LongText => "long_text",
        QuestionType::Number => "number",
        QuestionType::Money => "money",
        QuestionType::Percentage => "percentage",
        QuestionType::Date => "date",
        QuestionType::Month => "month",
        QuestionType::YesNo => "radios",
        QuestionType::Choice if q.options.len() > RADIO_LIMIT => "select",
        QuestionType::Choice => "radios",
        QuestionType::MultiChoice => "checkboxes",
        QuestionType::PeopleList => "people",
    };
    let mut v = QuestionView {
        key: q.key.clone(),
        label: q.label.clone(),
        hint: q.hint_with_sources(),
        error: error.map(String::from),
        required: q.required,
        widget,
        is: BTreeMap::from([(widget, true)]),
        orig: orig.map(Value::to_string).unwrap_or_default(),
        ..Default::default()
    };
    fill_value(&mut v, q, value);
    v
}

fn fill_value(v: &mut QuestionView, q: &Question, value: &SubmittedValue) {
    match value {
        SubmittedValue::Text { text } => v.text = text.clone(),
        SubmittedValue::Date { day, month, year } => {
            (v.day, v.month, v.year) = (day.clone(), month.clone(), year.clone())
        }
        SubmittedValue::Month { month, year } => (v.month, v.year) = (month.clone(), year.clone()),
        SubmittedValue::List { .. } => {}
        SubmittedValue::People { rows } => {
            // Two blank rows to add people, at least three rows in all.
            let shown = (rows.len() + 2).clamp(3, MAX_ROWS);
            v.rows = (0..shown)
                .map(|i| {
                    let row = rows.get(i).cloned().unwrap_or_default();
                    RowView {
                        index: i,
                        number: i + 1,
                        name: row.name,
                        role: row.role,
                        email: row.email,
                        phone: row.phone,
                    }
                })
                .collect();
        }
    }
    let chosen: Vec<String> = match value {
        SubmittedValue::List { items } => items.clone(),
        SubmittedValue::Text { text } => vec![text.clone()],
        _ => Vec::new(),
    };
    let options: Vec<(String, String)> = if q.kind == QuestionType::YesNo {
        vec![("yes".into(), "Yes".into()), ("no".into(), "No".into())]
    } else {
        q.options
            .iter()
            .map(|o| (o.value.clone(), o.label.clone()))
            .collect()
    };
    v.options = options
        .into_iter()
        .enumerate()
        .map(|(i, (value, label))| OptionView {
            // The first option takes the question's own id so the error summary can link to it.
            id: if i == 0 {
                q.key.clone()
            } else {
                format!("{}-{}", q.key, i + 1)
            },
            name: q.key.clone(),
            checked: chosen.contains(&value),
            value,
            label,
            controls: None,
        })
        .collect();
    v.option_groups = v
        .options
        .iter()
        .map(|o| OptionGroup {
            options: vec![o.clone()],
            reveal: None,
        })
        .collect();
}
