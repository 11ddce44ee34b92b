//! The rules questions as data, grouped into short pages, so the web layer can render the
//! form without knowing the rules. Labels and hints are written for a rep who has never set up
//! a co-op; keys are the answers-file keys (docs/rules-answers.md).

use serde::Serialize;

use super::form_questions::PAGES;
use super::options::LegalForm;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Text,
    LongText,
    Number,
    /// Pounds and pence as typed; stored as pence.
    Money,
    Percent,
    YesNo,
    Choice,
    MultiChoice,
    /// The founders list: name, age, weekly hours, employee or not, roles.
    People,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormField {
    pub key: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    pub kind: FieldKind,
    /// `(value, label)` pairs for choices; empty otherwise.
    pub options: Vec<(&'static str, &'static str)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormPage {
    pub key: &'static str,
    pub title: &'static str,
    pub fields: Vec<FormField>,
}

/// Answers that call for the rest of their page: `(question, answer)`. The questions after it
/// on its page are asked only with that answer, so the form reveals them in place. Reading the
/// answers agrees: the union's terms are read only when the co-op recognises a union
/// (`answers::read_with_defaults`), so a term typed while "No" is chosen is never an error.
pub const REVEALS_REST_OF_PAGE: &[(&str, &str)] = &[("union_coop", "yes")];

/// The pages of questions for a form, in order; pages with no question for it are left out.
pub fn form_pages(form: LegalForm) -> Vec<FormPage> {
    let letter = match form {
        LegalForm::Society => 'S',
        LegalForm::Company => 'C',
        LegalForm::Consortium => 'F',
    };
    PAGES
        .iter()
        .map(|&(key, title, rows)| FormPage {
            key,
            title,
            fields: rows
                .iter()
                .filter(|row| row.0.contains(letter))
                .map(|&(_, key, label, hint, kind, options)| FormField {
                    key,
                    label,
                    hint,
                    kind,
                    options: options.to_vec(),
                })
                .collect(),
        })
        .filter(|page| !page.fields.is_empty())
        .collect()
}
