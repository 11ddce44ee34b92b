//! The readiness check's form: every answer as typed, dates as day, month and year boxes,
//! and the views the question partial renders from.
//!
//! With no JavaScript, questions that depend on earlier answers go on a second page: step 1
//! asks the questions every visitor sees, step 2 the follow-ups their answers call for. The
//! answers of earlier steps travel in hidden fields, so nothing is stored on the server.

use std::collections::BTreeMap;

use rocket::form::FromForm;
use serde::Serialize;

use crate::domain::field_errors::FieldErrors;
use crate::domain::readiness::{questions, Question, QuestionKind, ReadinessInput};

const DATE_KEYS: [&str; 3] = ["consultation_start", "insolvency_date", "target_date"];

/// The check's fields. Each date also comes as `<key>_day`, `_month` and `_year` from the
/// page that asks it; later pages carry it whole in `<key>`.
#[derive(FromForm, Default, Debug, Clone)]
pub struct CheckForm {
    /// One value per ticked box, or (carried from an earlier page) one comma-separated text.
    #[field(default = Vec::new())]
    situation: Vec<String>,
    #[field(default = String::new())]
    people: String,
    #[field(default = String::new())]
    at_one_site: String,
    #[field(default = String::new())]
    consultation_start: String,
    #[field(default = String::new())]
    insolvency_date: String,
    #[field(default = String::new())]
    staff_dismissed: String,
    #[field(default = String::new())]
    target_date: String,
    #[field(default = String::new())]
    timescale: String,
    #[field(default = String::new())]
    sector: String,
    #[field(default = String::new())]
    union: String,
    #[field(default = String::new())]
    interest: String,
    #[field(default = String::new())]
    owner_wish: String,
    #[field(default = String::new())]
    aim: String,
    #[field(default = String::new())]
    profit: String,
    #[field(default = String::new())]
    turnaround: String,
    #[field(default = String::new())]
    accounts: String,
    /// `<key>_day`, `<key>_month`, `<key>_year` of the date questions.
    #[field(default = BTreeMap::new())]
    parts: BTreeMap<String, String>,
}

impl CheckForm {
    /// The answers as the domain reads them, each date put together from its boxes.
    pub fn input(&self) -> ReadinessInput {
        let mut input = ReadinessInput {
            situation: self.situation.join(","),
            people: self.people.clone(),
            at_one_site: self.at_one_site.clone(),
            consultation_start: self.consultation_start.clone(),
            insolvency_date: self.insolvency_date.clone(),
            staff_dismissed: self.staff_dismissed.clone(),
            target_date: self.target_date.clone(),
            timescale: self.timescale.clone(),
            sector: self.sector.clone(),
            union: self.union.clone(),
            interest: self.interest.clone(),
            owner_wish: self.owner_wish.clone(),
            aim: self.aim.clone(),
            profit: self.profit.clone(),
            turnaround: self.turnaround.clone(),
            accounts: self.accounts.clone(),
        };
        for key in DATE_KEYS {
            if let Some(date) = self.date_from_parts(key) {
                match key {
                    "consultation_start" => input.consultation_start = date,
                    "insolvency_date" => input.insolvency_date = date,
                    _ => input.target_date = date,
                }
            }
        }
        input
    }

    fn part(&self, key: &str, part: &str) -> &str {
        self.parts
            .get(&format!("{key}_{part}"))
            .map_or("", |v| v.trim())
    }

    /// `d/m/y` when any box was filled in, so a half-typed date is reported, not dropped.
    fn date_from_parts(&self, key: &str) -> Option<String> {
        let (d, m, y) = (
            self.part(key, "day"),
            self.part(key, "month"),
            self.part(key, "year"),
        );
        (!(d.is_empty() && m.is_empty() && y.is_empty())).then(|| format!("{d}/{m}/{y}"))
    }
}

/// Which page a question is asked on.
pub fn is_follow_up(question: &Question) -> bool {
    question.show_if.is_some()
}

#[derive(Serialize)]
pub struct OptionView {
    id: String,
    value: &'static str,
    label: &'static str,
    checked: bool,
}

/// One question as the `partials/readiness_question` partial shows it.
#[derive(Serialize)]
pub struct QuestionView {
    key: &'static str,
    label: &'static str,
    hint: &'static str,
    is_choice: bool,
    /// Checkboxes rather than radios: more than one answer may be chosen.
    is_multi: bool,
    is_number: bool,
    is_date: bool,
    optional: bool,
    options: Vec<OptionView>,
    value: String,
    day: String,
    month: String,
    year: String,
    error: Option<String>,
}

pub fn question_view(
    question: &Question,
    input: &ReadinessInput,
    errors: &FieldErrors,
) -> QuestionView {
    let value = input.get(question.key).to_string();
    let chosen = input.values(question.key);
    let (day, month, year) = split_date(&value);
    QuestionView {
        key: question.key,
        label: question.label,
        hint: question.hint,
        is_choice: matches!(question.kind, QuestionKind::Choice | QuestionKind::Choices),
        is_multi: question.kind == QuestionKind::Choices,
        is_number: question.kind == QuestionKind::Number,
        is_date: question.kind == QuestionKind::Date,
        optional: !question.required && question.kind != QuestionKind::Choice,
        options: question
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| OptionView {
                // The first radio carries the question's id, so the error summary's link
                // lands on it.
                id: if i == 0 {
                    question.key.to_string()
                } else {
                    format!("{}-{}", question.key, o.value)
                },
                value: o.value,
                label: o.label,
                checked: chosen.contains(&o.value),
            })
            .collect(),
        value,
        day,
        month,
        year,
        error: errors.first(question.key).map(str::to_string),
    }
}

/// A carried date back into its boxes: `2027-02-01` or `1/2/2027`.
fn split_date(value: &str) -> (String, String, String) {
    let parts: Vec<&str> = if value.contains('/') {
        value.split('/').collect()
    } else {
        value.split('-').rev().collect()
    };
    match parts.as_slice() {
        [d, m, y] => (d.to_string(), m.to_string(), y.to_string()),
        _ => Default::default(),
    }
}

/// The questions of one step that are shown for these answers.
pub fn step_questions(follow_ups: bool, input: &ReadinessInput) -> Vec<Question> {
    questions()
        .into_iter()
        .filter(|q| is_follow_up(q) == follow_ups && q.is_shown(input))
        .collect()
}

#[derive(Serialize)]
pub struct AnswerView {
    question: &'static str,
    answer: String,
}

/// The questions asked and the answers given, as the visitor read them.
pub fn answer_pairs(input: &ReadinessInput) -> Vec<AnswerView> {
    questions()
        .iter()
        .filter(|q| q.is_shown(input) && !input.get(q.key).is_empty())
        .map(|q| {
            let labels: Vec<&str> = input
                .values(q.key)
                .into_iter()
                .map(|raw| {
                    q.options
                        .iter()
                        .find(|o| o.value == raw)
                        .map_or(raw, |o| o.label)
                })
                .collect();
            let answer = labels.join("; ");
            AnswerView {
                question: q.label,
                answer,
            }
        })
        .collect()
}

/// A name and value for a hidden field.
#[derive(Serialize)]
pub struct Hidden {
    pub name: String,
    pub value: String,
}

/// Hidden fields carrying the answers to `keys`, named with `prefix` (e.g. `check.`).
pub fn hidden_fields(input: &ReadinessInput, keys: &[&str], prefix: &str) -> Vec<Hidden> {
    keys.iter()
        .filter(|k| !input.get(k).is_empty())
        .map(|k| Hidden {
            name: format!("{prefix}{k}"),
            value: input.get(k).to_string(),
        })
        .collect()
}

/// Every question's key, in order.
pub fn all_keys() -> Vec<&'static str> {
    questions().iter().map(|q| q.key).collect()
}

/// The answers as a URL query, for the summary's download link.
pub fn query_string(input: &ReadinessInput) -> String {
    hidden_fields(input, &all_keys(), "")
        .iter()
        .map(|h| format!("{}={}", h.name, encode(&h.value)))
        .collect::<Vec<_>>()
        .join("&")
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_put_together_from_their_boxes_or_carried_whole() {
        let mut form = CheckForm {
            target_date: "2030-01-05".into(),
            ..Default::default()
        };
        for (part, value) in [("day", "1"), ("month", "2"), ("year", "2027")] {
            form.parts
                .insert(format!("consultation_start_{part}"), value.into());
        }
        let input = form.input();
        assert_eq!(input.consultation_start, "1/2/2027");
        assert_eq!(input.target_date, "2030-01-05");
        assert_eq!(
            split_date("2030-01-05"),
            ("05".into(), "01".into(), "2030".into())
        );
        assert_eq!(
            split_date("1/2/2027"),
            ("1".into(), "2".into(), "2027".into())
        );
    }

    #[test]
    fn the_query_string_is_encoded() {
        let input = ReadinessInput {
            situation: "new_idea".into(),
            target_date: "1/2/2027".into(),
            ..Default::default()
        };
        assert_eq!(
            query_string(&input),
            "situation=new_idea&target_date=1%2F2%2F2027"
        );
    }
}
