//! The founders question of the rules: a table of people, each with a name, age, hours and
//! roles, shown as rows of boxes and read back from the posted rows.

use serde::Serialize;
use serde_json::Value;

use super::doc_fields::{display, list, OptionView};
use super::form_body;
use crate::domain::field_errors::FieldErrors;

/// Founder rows shown: what is saved plus two spare, at least five, at most twelve.
fn founder_rows(saved: usize) -> usize {
    (saved + 2).clamp(5, 12)
}

#[derive(Serialize)]
pub(super) struct FoundersView {
    label: &'static str,
    hint: String,
    error: Option<String>,
    rows: Vec<FounderRow>,
}

#[derive(Serialize)]
struct FounderRow {
    number: usize,
    name: String,
    age: String,
    hours_week: String,
    employee: bool,
    prefix: String,
    roles: Vec<OptionView>,
}

const ROLES: &[(&str, &str)] = &[
    ("director", "Director"),
    ("secretary", "Secretary"),
    ("chair", "Chair"),
    ("treasurer", "Treasurer"),
];

impl FoundersView {
    /// Says where suggested founders came from, after the hint.
    pub(super) fn with_note(mut self, note: Option<&str>) -> Self {
        if let Some(note) = note {
            self.hint = format!("{} {note}", self.hint);
        }
        self
    }
}

pub(super) fn founders_view(
    label: &'static str,
    hint: &'static str,
    saved: Option<&Value>,
    errors: &FieldErrors,
) -> FoundersView {
    let saved: Vec<&Value> = saved
        .and_then(Value::as_array)
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    let rows = (0..founder_rows(saved.len()))
        .map(|i| {
            let f = saved.get(i).copied();
            let get = |k: &str| display(f.and_then(|f| f.get(k)));
            let prefix = format!("founders[{i}]");
            let roles = list(f.and_then(|f| f.get("roles")));
            FounderRow {
                number: i + 1,
                name: get("name"),
                age: get("age"),
                hours_week: get("hours_week"),
                employee: f.is_none_or(|f| {
                    f.get("employee_or_prospective")
                        .and_then(Value::as_bool)
                        .unwrap_or(true)
                }),
                roles: ROLES
                    .iter()
                    .map(|(v, l)| OptionView {
                        value: (*v).into(),
                        label: (*l).into(),
                        checked: roles.iter().any(|r| r == v),
                        id: format!("{prefix}.roles-{v}"),
                        reveal: None,
                    })
                    .collect(),
                prefix,
            }
        })
        .collect();
    FoundersView {
        label,
        hint: hint.to_string(),
        error: errors.first("founders").map(str::to_string),
        rows,
    }
}

pub(super) fn posted_founders(fields: &[(String, String)]) -> Value {
    let founders = (0..12)
        .filter_map(|i| {
            let get = |k: &str| form_body::value(fields, &format!("founders[{i}].{k}")).to_string();
            let (name, age, hours) = (get("name"), get("age"), get("hours_week"));
            if name.is_empty() && age.is_empty() && hours.is_empty() {
                return None;
            }
            let roles: Vec<Value> = form_body::values(fields, &format!("founders[{i}].roles"))
                .into_iter()
                .map(|r| Value::String(r.into()))
                .collect();
            Some(serde_json::json!({
                "name": name, "age": age, "hours_week": hours,
                "employee_or_prospective": get("employee") == "yes", "roles": roles,
            }))
        })
        .collect();
    Value::Array(founders)
}
