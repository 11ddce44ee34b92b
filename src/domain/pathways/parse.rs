//! Turns what a person typed into the stored form of each question type, or a message.
//!
//! Messages follow the GOV.UK pattern: say what to do ("Enter a date in the form 31 3 2027"),
//! name the question, and never blame the person. Stored forms are the "stored as" column of
//! docs/pathways-format.md, so answers stay plain JSON.

use super::answers::{PersonRow, SubmittedValue};
use super::definition::{Question, QuestionType};
use super::render::display_answer;
use super::PathwayLibrary;
use crate::domain::calendar::{month_length_note, plain_date};
use crate::domain::money::{format_pounds, parse_pence};
use chrono::NaiveDate;
use serde_json::{json, Value};

pub(super) type Parsed = Result<Option<Value>, String>;

/// The label as it reads inside a sentence: "Case name" becomes "case name", but an
/// abbreviation such as "HR1 form received" keeps its capitals.
pub(super) fn in_sentence(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if !second.is_uppercase() && !second.is_ascii_digit() => {
            first.to_lowercase().chain(label.chars().skip(1)).collect()
        }
        _ => label.to_string(),
    }
}

/// The message for a required question left blank.
pub(super) fn missing_message(q: &Question) -> String {
    if let Some(custom) = &q.required_message {
        return custom.clone();
    }
    let label = in_sentence(&q.label);
    match q.kind {
        QuestionType::YesNo => format!("Select yes or no: {label}"),
        QuestionType::Choice => format!("Select {label}"),
        QuestionType::MultiChoice => format!("Select at least one option: {label}"),
        QuestionType::PeopleList => format!("Add the people: {label}"),
        _ => format!("Enter {label}"),
    }
}

pub(super) fn parse_answer(
    lib: &PathwayLibrary,
    q: &Question,
    submitted: Option<&SubmittedValue>,
) -> Parsed {
    let Some(submitted) = submitted else {
        return Ok(None);
    };
    match q.kind {
        QuestionType::Text | QuestionType::LongText => text(lib, q, submitted),
        QuestionType::Number => number(q, &submitted.as_text()),
        QuestionType::Money => money(q, &submitted.as_text()),
        QuestionType::Percentage => percentage(q, &submitted.as_text()),
        QuestionType::Date => date(q, submitted),
        QuestionType::Month => month(q, submitted),
        QuestionType::YesNo => yes_no(q, &submitted.as_text()),
        QuestionType::Choice => choice(q, &submitted.as_text()),
        QuestionType::MultiChoice => multi_choice(q, submitted),
        QuestionType::PeopleList => people(q, submitted),
    }
}

fn text(lib: &PathwayLibrary, q: &Question, submitted: &SubmittedValue) -> Parsed {
    let raw = submitted.as_text();
    let value = if q.kind == QuestionType::Text {
        raw.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        raw.trim().replace("\r\n", "\n")
    };
    if value.is_empty() {
        return Ok(None);
    }
    let label = &q.label;
    let length = value.chars().count();
    if let Some(min) = q.min_len.filter(|&m| length < m) {
        return Err(format!("{label} must be {min} characters or more"));
    }
    if let Some(max) = q.max_len.filter(|&m| length > m) {
        return Err(format!(
            "{label} must be {max} characters or fewer (it is {length})"
        ));
    }
    if let Some(pattern) = lib.pattern(&q.key) {
        if !pattern.is_match(&value) {
            let default = format!("{label} is not in the right format");
            return Err(q.pattern_message.clone().unwrap_or(default));
        }
    }
    Ok(Some(Value::String(value)))
}

fn number(q: &Question, raw: &str) -> Parsed {
    let cleaned: String = raw.chars().filter(|c| !matches!(c, ',' | ' ')).collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    let n: i64 = cleaned
        .parse()
        .map_err(|_| format!("{} must be a whole number, like 12", q.label))?;
    check_range(q, n, |v| v.to_string())?;
    Ok(Some(json!(n)))
}

fn money(q: &Question, raw: &str) -> Parsed {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    let pence = parse_pence(raw).map_err(|m| format!("{}: {}", q.label, lower_first(m)))?;
    check_range(q, pence, format_pounds)?;
    Ok(Some(json!(pence)))
}

fn percentage(q: &Question, raw: &str) -> Parsed {
    let cleaned = raw.trim().trim_end_matches('%').trim();
    if cleaned.is_empty() {
        return Ok(None);
    }
    let bad = || format!("Enter {} as a percentage, like 12.5", in_sentence(&q.label));
    let (whole, fraction) = cleaned.split_once('.').unwrap_or((cleaned, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty()
        || !digits(whole)
        || !digits(fraction)
        || fraction.len() > 2
        || whole.len() > 6
    {
        return Err(bad());
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| bad())?
    };
    let hundredths: i64 = format!("{fraction:0<2}").parse().map_err(|_| bad())?;
    let basis_points = whole * 100 + hundredths;
    check_range(q, basis_points, format_basis_points)?;
    Ok(Some(json!(basis_points)))
}

/// 1250 basis points is "12.5%".
pub(super) fn format_basis_points(bp: i64) -> String {
    let text = format!("{}.{:02}", bp / 100, (bp % 100).abs());
    format!("{}%", text.trim_end_matches('0').trim_end_matches('.'))
}

fn check_range(q: &Question, n: i64, show: impl Fn(i64) -> String) -> Result<(), String> {
    if let Some(min) = q.min.filter(|&m| n < m) {
        return Err(format!("{} must be {} or more", q.label, show(min)));
    }
    if let Some(max) = q.max.filter(|&m| n > m) {
        return Err(format!("{} must be {} or less", q.label, show(max)));
    }
    Ok(())
}

fn date(q: &Question, submitted: &SubmittedValue) -> Parsed {
    let (day, month, year) = match submitted {
        SubmittedValue::Date { day, month, year } => (
            day.trim().to_string(),
            month.trim().to_string(),
            year.trim().to_string(),
        ),
        other => match split_date_text(&other.as_text()) {
            Some(parts) => parts,
            None if other.as_text().trim().is_empty() => return Ok(None),
            None => {
                return Err(format!(
                    "Enter {} in the form 31 3 2027",
                    in_sentence(&q.label)
                ))
            }
        },
    };
    Ok(day_month_year(&q.label, &day, &month, &year)?
        .map(|date| Value::String(date.format("%Y-%m-%d").to_string())))
}

/// A date typed as day, month and year (the app's one way of asking for a date), for the
/// question or field `label`: `None` when all three are empty, else the date or a message.
pub fn day_month_year(
    label: &str,
    day: &str,
    month: &str,
    year: &str,
) -> Result<Option<NaiveDate>, String> {
    let (day, month, year) = (day.trim(), month.trim(), year.trim());
    if day.is_empty() && month.is_empty() && year.is_empty() {
        return Ok(None);
    }
    for (part, name) in [(day, "day"), (month, "month"), (year, "year")] {
        if part.is_empty() {
            return Err(format!("{label} must include a {name}"));
        }
        if !part.chars().all(|c| c.is_ascii_digit()) {
            return Err(format!(
                "Enter {} in the form 31 3 2027",
                in_sentence(label)
            ));
        }
    }
    if year.len() != 4 {
        return Err(format!(
            "The year of {} must have 4 numbers, like 2027",
            in_sentence(label)
        ));
    }
    let parsed = match (day.parse(), month.parse(), year.parse()) {
        (Ok(d), Ok(m), Ok(y)) => NaiveDate::from_ymd_opt(y, m, d),
        _ => None,
    };
    let date = parsed.ok_or_else(|| match month_length_note(day, month, year) {
        Some(note) => format!("{label} must be a real date: {note}"),
        None => format!("{label} must be a real date"),
    })?;
    Ok(Some(date))
}

/// "2027-03-31", "31 3 2027" or "31/3/2027" as (day, month, year).
fn split_date_text(text: &str) -> Option<(String, String, String)> {
    let text = text.trim();
    if let [y, m, d] = text.split('-').collect::<Vec<_>>()[..] {
        if y.len() == 4 {
            return Some((d.into(), m.into(), y.into()));
        }
    }
    let parts: Vec<&str> = text
        .split(|c: char| c == '/' || c == '.' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    match parts[..] {
        [d, m, y] => Some((d.into(), m.into(), y.into())),
        _ => None,
    }
}

fn month(q: &Question, submitted: &SubmittedValue) -> Parsed {
    let (month, year) = match submitted {
        SubmittedValue::Month { month, year } => {
            (month.trim().to_string(), year.trim().to_string())
        }
        other => {
            let text = other.as_text();
            let text = text.trim();
            if text.is_empty() {
                return Ok(None);
            }
            match text.split_once('-') {
                Some((y, m)) if y.len() == 4 => (m.to_string(), y.to_string()),
                _ => text
                    .split_once([' ', '/'])
                    .map(|(m, y)| (m.trim().to_string(), y.trim().to_string()))
                    .unwrap_or_default(),
            }
        }
    };
    if month.is_empty() && year.is_empty() {
        return Ok(None);
    }
    let bad = || {
        format!(
            "Enter {} as a month and year, like 10 2026",
            in_sentence(&q.label)
        )
    };
    let m: u32 = month.parse().map_err(|_| bad())?;
    let y: i32 = year.parse().map_err(|_| bad())?;
    if year.len() != 4 || NaiveDate::from_ymd_opt(y, m, 1).is_none() {
        return Err(bad());
    }
    Ok(Some(Value::String(format!("{y:04}-{m:02}"))))
}

fn yes_no(q: &Question, raw: &str) -> Parsed {
    match raw.trim().to_ascii_lowercase().as_str() {
        "" => Ok(None),
        "yes" => Ok(Some(json!("yes"))),
        "no" => Ok(Some(json!("no"))),
        _ => Err(format!("Select yes or no: {}", in_sentence(&q.label))),
    }
}

fn choice(q: &Question, raw: &str) -> Parsed {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    if q.options.iter().any(|o| o.value == value) {
        Ok(Some(json!(value)))
    } else {
        Err(format!(
            "Select one of the listed answers for {}",
            in_sentence(&q.label)
        ))
    }
}

fn multi_choice(q: &Question, submitted: &SubmittedValue) -> Parsed {
    let chosen: Vec<String> = match submitted {
        SubmittedValue::List { items } => items
            .iter()
            .map(|i| i.trim().to_string())
            .filter(|i| !i.is_empty())
            .collect(),
        other => other
            .as_text()
            .split(',')
            .map(|i| i.trim().to_string())
            .filter(|i| !i.is_empty())
            .collect(),
    };
    if chosen.is_empty() {
        return Ok(None);
    }
    if chosen
        .iter()
        .any(|c| !q.options.iter().any(|o| &o.value == c))
    {
        return Err(format!(
            "Select only the listed answers for {}",
            in_sentence(&q.label)
        ));
    }
    // Stored in the order of the options so the same choice always stores the same way.
    let ordered: Vec<&str> = q
        .options
        .iter()
        .filter(|o| chosen.contains(&o.value))
        .map(|o| o.value.as_str())
        .collect();
    if let Some(min) = q.min_items.filter(|&m| ordered.len() < m) {
        return Err(format!(
            "Select at least {min} answers for {}",
            in_sentence(&q.label)
        ));
    }
    Ok(Some(json!(ordered)))
}

fn people(q: &Question, submitted: &SubmittedValue) -> Parsed {
    let rows: Vec<PersonRow> = match submitted {
        SubmittedValue::People { rows } => rows
            .iter()
            .map(PersonRow::trimmed)
            .filter(|r| !r.is_blank())
            .collect(),
        _ => {
            return Err(format!(
                "Add the people one to a row: {}",
                in_sentence(&q.label)
            ))
        }
    };
    if rows.is_empty() {
        return Ok(None);
    }
    for (i, row) in rows.iter().enumerate() {
        let n = i + 1;
        if row.name.is_empty() {
            return Err(format!("Enter a name for person {n}"));
        }
        if !row.email.is_empty() && !crate::domain::email::looks_like_email(&row.email) {
            return Err(format!(
                "Enter an email address like name@example.com for {}",
                row.name
            ));
        }
        let digits = row.phone.chars().filter(char::is_ascii_digit).count();
        let phone_chars = row
            .phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +()-".contains(c));
        if !row.phone.is_empty() && (!phone_chars || !(7..=15).contains(&digits)) {
            return Err(format!(
                "Enter a phone number like 01772 123456 for {}",
                row.name
            ));
        }
    }
    if let Some(min) = q.min_items.filter(|&m| rows.len() < m) {
        return Err(format!(
            "Add at least {min} people to {} (there are {})",
            in_sentence(&q.label),
            rows.len()
        ));
    }
    if let Some(max) = q.max_items.filter(|&m| rows.len() > m) {
        return Err(format!(
            "Add no more than {max} people to {}",
            in_sentence(&q.label)
        ));
    }
    Ok(Some(serde_json::to_value(rows).map_err(|e| e.to_string())?))
}

fn lower_first(message: &str) -> String {
    in_sentence(message)
}

/// Checks that compare an answer with another answer or with today.
pub(super) fn cross_check(
    lib: &PathwayLibrary,
    q: &Question,
    value: &Value,
    merged: &super::Answers,
    today: NaiveDate,
) -> Option<String> {
    let other = |key: &Option<String>| {
        let key = key.as_ref()?;
        let question = lib.question(key)?;
        let answer = super::visibility::effective_value(lib, key, merged)?;
        Some((question, answer))
    };
    if let (Some(n), Some((oq, ov))) = (value.as_i64(), other(&q.not_more_than)) {
        if ov.as_i64().is_some_and(|limit| n > limit) {
            return Some(format!(
                "{} cannot be more than {} ({})",
                q.label,
                in_sentence(&oq.label),
                display_answer(oq, Some(ov))
            ));
        }
    }
    if let (Some(n), Some((oq, ov))) = (value.as_i64(), other(&q.at_least_question)) {
        if ov.as_i64().is_some_and(|floor| n < floor) {
            return Some(format!(
                "{} must be at least {} ({})",
                q.label,
                in_sentence(&oq.label),
                display_answer(oq, Some(ov))
            ));
        }
    }
    let as_date = |v: &Value| {
        v.as_str()
            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
    };
    let date = as_date(value)?;
    if q.not_after_today && date > today {
        return Some(format!("{} must be today or in the past", q.label));
    }
    if let Some((oq, ov)) = other(&q.not_before) {
        if let Some(earliest) = as_date(ov).filter(|e| date < *e) {
            return Some(format!(
                "{} must be on or after {} ({})",
                q.label,
                in_sentence(&oq.label),
                plain_date(earliest)
            ));
        }
    }
    None
}
