//! What the business-plan question pages post, turned into the nested answers
//! `finance::parse_inputs` reads, and the model's messages for one page's questions.

use serde_json::{Map, Value};

use super::form_body;
use crate::domain::field_errors::FieldErrors;
use crate::domain::finance::{self, FormField, FormPage};

pub(super) fn get_path<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(value, |v, part| v.get(part))
}

fn set_path(root: &mut Map<String, Value>, path: &str, value: Option<Value>) {
    let mut parts: Vec<&str> = path.split('.').collect();
    let last = parts.pop().unwrap_or(path);
    let mut map = root;
    for part in parts {
        let entry = map
            .entry(part.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        if !entry.is_object() {
            *entry = Value::Object(Map::new());
        }
        let Value::Object(inner) = entry else { return };
        map = inner;
    }
    match value {
        Some(v) => map.insert(last.to_string(), v),
        None => map.remove(last),
    };
}

pub(super) fn first_field(page: &FormPage) -> String {
    let key = page.fields.first().map_or("", |f| f.key);
    match &page.repeat {
        Some(r) => format!("{}[0].{key}", r.key),
        None => key.to_string(),
    }
}

/// The model's messages for this page's questions only: later pages may still be empty.
pub(super) fn page_errors(page: &FormPage, answers: &Value) -> FieldErrors {
    let mut out = FieldErrors::new();
    if let Err(errors) = finance::parse_inputs(answers) {
        let ours = |field: &str| match &page.repeat {
            Some(r) => field == r.key || field.starts_with(&format!("{}[", r.key)),
            None => page.fields.iter().any(|f| f.key == field),
        };
        for e in errors.iter().filter(|e| ours(&e.field)) {
            out.add(e.field.clone(), e.message.clone());
        }
    }
    out.labelled(|key| summary_label(page, key))
}

/// The question a problem belongs to, for the error summary: `sources[1].rate_pct` on a page
/// of repeated rows is "Source 2, Annual interest rate".
fn summary_label(page: &FormPage, key: &str) -> Option<String> {
    let (row, field) = match key.split_once("].") {
        Some((start, field)) => {
            let index: usize = start.rsplit('[').next()?.parse().ok()?;
            (Some(index + 1), field)
        }
        None => (None, key),
    };
    let label = page.fields.iter().find(|f| f.key == field)?.label;
    Some(match (row, &page.repeat) {
        (Some(n), Some(repeat)) => format!("{} {n}, {label}", repeat.item_label),
        _ => label.to_string(),
    })
}

/// A posted box as an answer: empty boxes are left out so defaults apply; month lists become
/// arrays of figures.
fn posted(f: &FormField, text: &str) -> Option<Value> {
    if text.is_empty() {
        return None;
    }
    if f.kind.ends_with("_by_month") {
        let figures = text.split([' ', ';', '\t', '\n']).filter(|s| !s.is_empty());
        return Some(Value::Array(
            figures.map(|s| Value::String(s.into())).collect(),
        ));
    }
    Some(Value::String(text.to_string()))
}

pub(super) fn apply(
    page: &FormPage,
    fields: &[(String, String)],
    rows: usize,
    answers: &mut Map<String, Value>,
) {
    match &page.repeat {
        None => {
            for f in &page.fields {
                set_path(answers, f.key, posted(f, form_body::value(fields, f.key)));
            }
        }
        Some(repeat) => {
            let items: Vec<Value> = (0..rows.min(repeat.max))
                .filter_map(|i| {
                    let row: Map<String, Value> = page
                        .fields
                        .iter()
                        .filter_map(|f| {
                            let name = format!("{}[{i}].{}", repeat.key, f.key);
                            posted(f, form_body::value(fields, &name))
                                .map(|v| (f.key.to_string(), v))
                        })
                        .collect();
                    (!row.is_empty()).then_some(Value::Object(row))
                })
                .collect();
            answers.insert(repeat.key.to_string(), Value::Array(items));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::doc_fields::display;

    #[test]
    fn dotted_keys_become_nested_objects_and_back() {
        let mut answers = Map::new();
        set_path(
            &mut answers,
            "costs.legal",
            Some(Value::String("18,000".into())),
        );
        set_path(&mut answers, "price", Some(Value::String("400000".into())));
        let value = Value::Object(answers.clone());
        assert_eq!(value["costs"]["legal"], "18,000");
        assert_eq!(display(get_path(&value, "costs.legal")), "18,000");
        set_path(&mut answers, "costs.legal", None);
        assert!(Value::Object(answers)["costs"].get("legal").is_none());
    }

    #[test]
    fn source_rows_become_a_list_without_empty_rows() {
        let page = finance::form_pages()
            .into_iter()
            .find(|p| p.key == "bp_sources")
            .unwrap();
        let fields = form_body::parse("sources[0].type=bank&sources[0].amount=50000&sources[0].rate_pct=6.5&sources[2].type=grant&sources[2].amount=1000");
        let mut answers = Map::new();
        apply(&page, &fields, 6, &mut answers);
        let sources = answers["sources"].as_array().unwrap();
        assert_eq!(sources.len(), 2);
        assert_eq!(sources[0]["rate_pct"], "6.5");
        assert_eq!(sources[1]["type"], "grant");
    }
}
