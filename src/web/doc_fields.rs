//! One question on a document question page, as the `partials/doc_field` template shows it.
//! Shared by the rules and business-plan pages, whose questions come from the domain as data.

use serde::Serialize;
use serde_json::Value;

/// How a question is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    Text,
    /// A short box: numbers, money, percentages, dates.
    Short,
    LongText,
    /// One choice from a few, as radio buttons in a fieldset.
    Radios,
    /// One choice from many, as a drop-down list.
    Select,
    Checkboxes,
}

#[derive(Debug, Clone, Serialize)]
pub struct OptionView {
    pub value: String,
    pub label: String,
    pub checked: bool,
    pub id: String,
    /// The follow-up questions this answer calls for, shown right after it (see
    /// `web::follow_ups` for how they are hidden and revealed).
    pub reveal: Option<DocReveal>,
}

/// Follow-up questions in a `.conditional` block after the option that calls for them.
#[derive(Debug, Clone, Serialize)]
pub struct DocReveal {
    pub id: String,
    pub name: String,
    pub values: String,
    /// Said in the block where CSS cannot tie it to an option (a drop-down).
    pub note: Option<String>,
    pub fields: Vec<FieldView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FieldView {
    pub name: String,
    pub label: String,
    pub hint: String,
    pub error: Option<String>,
    pub value: String,
    pub text: bool,
    pub short: bool,
    pub long_text: bool,
    pub radios: bool,
    pub select: bool,
    pub checkboxes: bool,
    pub options: Vec<OptionView>,
    /// The ids of follow-up blocks this drop-down reveals (`aria-controls`).
    pub controls: Option<String>,
    /// The phone keypad for a short box: `decimal` has no minus sign on iOS, so boxes that may
    /// take one (and dates) use `text`.
    pub inputmode: &'static str,
}

impl FieldView {
    /// `chosen` lists the values that are selected (one for radios and selects).
    pub fn new(
        name: &str,
        label: &str,
        hint: &str,
        control: Control,
        value: String,
        options: &[(&str, &str)],
        chosen: &[String],
    ) -> FieldView {
        FieldView {
            name: name.to_string(),
            label: label.to_string(),
            hint: hint.to_string(),
            error: None,
            options: options
                .iter()
                .map(|(v, l)| OptionView {
                    value: (*v).to_string(),
                    label: (*l).to_string(),
                    checked: chosen.iter().any(|c| c == v),
                    id: format!("{name}-{v}"),
                    reveal: None,
                })
                .collect(),
            value,
            text: control == Control::Text,
            short: control == Control::Short,
            long_text: control == Control::LongText,
            radios: control == Control::Radios,
            select: control == Control::Select,
            checkboxes: control == Control::Checkboxes,
            controls: None,
            inputmode: if control == Control::Short {
                "decimal"
            } else {
                ""
            },
        }
    }

    pub fn with_inputmode(mut self, inputmode: &'static str) -> Self {
        self.inputmode = inputmode;
        self
    }

    /// Adds where a suggested value came from after the hint ("From the rules: …"); empty
    /// adds nothing.
    pub fn with_note(mut self, note: &str) -> Self {
        if !note.is_empty() {
            self.hint = format!("{} {note}", self.hint).trim().to_string();
        }
        self
    }

    pub fn with_error(mut self, error: Option<&str>) -> Self {
        self.error = error.map(str::to_string);
        self
    }

    /// Puts `fields` after the option `value`, revealed when it is chosen.
    pub fn reveal(&mut self, value: &str, fields: Vec<FieldView>) {
        let (name, id) = (self.name.clone(), format!("conditional-{}", self.name));
        if let Some(option) = self.options.iter_mut().find(|o| o.value == value) {
            option.reveal = Some(DocReveal {
                id,
                name,
                values: value.to_string(),
                note: None,
                fields,
            });
        }
    }
}

/// A saved answer as the text a form box shows.
pub fn display(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(true)) => "yes".into(),
        Some(Value::Bool(false)) => "no".into(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| display(Some(v)))
            .collect::<Vec<_>>()
            .join(" "),
        Some(Value::Object(_)) => String::new(),
    }
}

/// The values of a list answer (checkboxes), as text.
pub fn list(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items.iter().map(|v| display(Some(v))).collect(),
        Some(Value::String(s)) => s.split(',').map(|p| p.trim().to_string()).collect(),
        _ => Vec::new(),
    }
}
