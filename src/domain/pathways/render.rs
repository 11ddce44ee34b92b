//! Stored answers shown back to people: as form input to edit, and as sentences to check.
//!
//! The two directions mirror `parse`: what [`form_value`] produces, checking accepts again
//! unchanged, so opening and saving a page without edits never changes an answer.

use super::answers::{PersonRow, SubmittedValue};
use super::definition::{Question, QuestionType};
use super::parse::format_basis_points;
use crate::domain::calendar::plain_date;
use crate::domain::money::format_pounds;
use chrono::{Datelike, NaiveDate};
use serde_json::Value;

/// The form input that shows a stored answer (or the question's default when there is none).
pub fn form_value(q: &Question, stored: Option<&Value>) -> SubmittedValue {
    let Some(value) = stored.or(q.default.as_ref()) else {
        return empty_form_value(q);
    };
    match q.kind {
        QuestionType::Date => match as_date(value) {
            Some(d) => SubmittedValue::Date {
                day: d.day().to_string(),
                month: d.month().to_string(),
                year: d.year().to_string(),
            },
            None => empty_form_value(q),
        },
        QuestionType::Month => match value.as_str().and_then(|s| s.split_once('-')) {
            Some((y, m)) => SubmittedValue::Month {
                month: m.trim_start_matches('0').to_string(),
                year: y.to_string(),
            },
            None => empty_form_value(q),
        },
        QuestionType::MultiChoice => SubmittedValue::List {
            items: strings(value),
        },
        QuestionType::PeopleList => SubmittedValue::People {
            rows: people(value),
        },
        QuestionType::Money => {
            SubmittedValue::text(value.as_i64().map(pounds_for_form).unwrap_or_default())
        }
        QuestionType::Percentage => {
            let text = value.as_i64().map(format_basis_points).unwrap_or_default();
            SubmittedValue::text(text.trim_end_matches('%'))
        }
        _ => SubmittedValue::text(match value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }),
    }
}

fn empty_form_value(q: &Question) -> SubmittedValue {
    let blank = String::new;
    match q.kind {
        QuestionType::Date => SubmittedValue::Date {
            day: blank(),
            month: blank(),
            year: blank(),
        },
        QuestionType::Month => SubmittedValue::Month {
            month: blank(),
            year: blank(),
        },
        QuestionType::MultiChoice => SubmittedValue::List { items: Vec::new() },
        QuestionType::PeopleList => SubmittedValue::People { rows: Vec::new() },
        _ => SubmittedValue::text(""),
    }
}

/// "1250.50" rather than "£1,250.50": easy to edit, and read back to the same pence.
fn pounds_for_form(pence: i64) -> String {
    let sign = if pence < 0 { "-" } else { "" };
    let abs = pence.unsigned_abs();
    if abs.is_multiple_of(100) {
        format!("{sign}{}", abs / 100)
    } else {
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

/// An answer as a person reads it on a "check your answers" page. Blank answers read
/// "Not answered".
pub fn display_answer(q: &Question, stored: Option<&Value>) -> String {
    let Some(value) = stored.filter(|v| !v.is_null()) else {
        return "Not answered".to_string();
    };
    match q.kind {
        QuestionType::Money => value.as_i64().map(format_pounds).unwrap_or_default(),
        QuestionType::Percentage => value.as_i64().map(format_basis_points).unwrap_or_default(),
        QuestionType::Date => as_date(value).map(plain_date).unwrap_or_default(),
        QuestionType::Month => value
            .as_str()
            .and_then(|s| NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").ok())
            .map(|d| d.format("%B %Y").to_string())
            .unwrap_or_default(),
        QuestionType::YesNo => match value.as_str() {
            Some("yes") => "Yes".to_string(),
            Some("no") => "No".to_string(),
            _ => String::new(),
        },
        QuestionType::Choice => value
            .as_str()
            .map(|v| q.option_label(v).to_string())
            .unwrap_or_default(),
        QuestionType::MultiChoice => strings(value)
            .iter()
            .map(|v| q.option_label(v))
            .collect::<Vec<_>>()
            .join(", "),
        QuestionType::PeopleList => people(value)
            .iter()
            .map(describe_person)
            .collect::<Vec<_>>()
            .join("; "),
        QuestionType::Number => value.as_i64().map(|n| n.to_string()).unwrap_or_default(),
        QuestionType::Text | QuestionType::LongText => {
            value.as_str().unwrap_or_default().to_string()
        }
    }
}

fn describe_person(p: &PersonRow) -> String {
    let contact: Vec<&str> = [p.email.as_str(), p.phone.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    let mut out = p.name.clone();
    if !p.role.is_empty() {
        out.push_str(&format!(" ({})", p.role));
    }
    if !contact.is_empty() {
        out.push_str(&format!(", {}", contact.join(", ")));
    }
    out
}

fn as_date(value: &Value) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.as_str()?, "%Y-%m-%d").ok()
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

fn people(value: &Value) -> Vec<PersonRow> {
    serde_json::from_value(value.clone()).unwrap_or_default()
}
