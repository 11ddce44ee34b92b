//! Which pages and questions apply to a case, given its answers.
//!
//! A question hidden by `show_if` is never required and any answer stored for it is ignored,
//! so that changing an early answer (say, the trigger) quietly retires the answers that no
//! longer apply instead of leaving stale legal dates on the timeline. Hiding is transitive: a
//! condition reads the other question's answer only while that question is itself shown.

use super::answers::Answers;
use super::definition::{Page, Question, ShowIf};
use super::PathwayLibrary;
use serde_json::Value;

/// show_if chains longer than this are treated as hidden; the files have chains of two or
/// three, so this only guards against a loop written into the files.
const MAX_DEPTH: usize = 16;

/// Whether a question is shown (and so may be required) given the case's answers.
pub fn is_visible(lib: &PathwayLibrary, question_key: &str, answers: &Answers) -> bool {
    visible_at(lib, question_key, answers, 0)
}

/// Whether a page applies to the case at all.
pub fn is_page_visible(lib: &PathwayLibrary, page: &Page, answers: &Answers) -> bool {
    holds(lib, page.show_if.as_ref(), answers, 0)
}

/// Whether a guidance block's or warning's condition holds (no condition always holds).
pub fn show_if_holds(lib: &PathwayLibrary, show_if: Option<&ShowIf>, answers: &Answers) -> bool {
    holds(lib, show_if, answers, 0)
}

/// The questions of a page that are shown, in order.
pub fn visible_questions<'a>(
    lib: &PathwayLibrary,
    page: &'a Page,
    answers: &Answers,
) -> Vec<&'a Question> {
    if !is_page_visible(lib, page, answers) {
        return Vec::new();
    }
    page.questions
        .iter()
        .filter(|q| holds(lib, q.show_if.as_ref(), answers, 0))
        .collect()
}

/// The answers with those of hidden questions removed: what deadlines and gates should read.
/// Keys that no page asks (answers kept by other forms) pass through unchanged.
pub fn effective_answers(lib: &PathwayLibrary, answers: &Answers) -> Answers {
    answers
        .iter()
        .filter(|(key, _)| lib.question(key).is_none() || is_visible(lib, key, answers))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// The answer to use for a question: none while the question is hidden.
pub(crate) fn effective_value<'a>(
    lib: &PathwayLibrary,
    key: &str,
    answers: &'a Answers,
) -> Option<&'a Value> {
    effective_at(lib, key, answers, 0)
}

fn effective_at<'a>(
    lib: &PathwayLibrary,
    key: &str,
    answers: &'a Answers,
    depth: usize,
) -> Option<&'a Value> {
    if lib.question(key).is_some() && !visible_at(lib, key, answers, depth) {
        return None;
    }
    answers.get(key)
}

fn visible_at(lib: &PathwayLibrary, key: &str, answers: &Answers, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    let (Some(question), Some(page)) = (lib.question(key), lib.page_of_question(key)) else {
        return false;
    };
    holds(lib, page.show_if.as_ref(), answers, depth)
        && holds(lib, question.show_if.as_ref(), answers, depth)
}

fn holds(lib: &PathwayLibrary, show_if: Option<&ShowIf>, answers: &Answers, depth: usize) -> bool {
    let Some(show_if) = show_if else { return true };
    show_if.conditions().iter().all(|c| {
        let value = effective_at(lib, &c.question, answers, depth + 1);
        value_passes(value, c.equals.as_deref(), c.any_of.as_deref(), c.at_least)
    })
}

/// The shared test of `show_if` conditions and gate criteria. `equals` on a list answer
/// (multi_choice) means "includes"; numbers compare with their written form.
pub(crate) fn value_passes(
    value: Option<&Value>,
    equals: Option<&str>,
    any_of: Option<&[String]>,
    at_least: Option<i64>,
) -> bool {
    let Some(value) = value else { return false };
    if let Some(wanted) = equals {
        return matches_text(value, wanted);
    }
    if let Some(options) = any_of {
        return options.iter().any(|o| matches_text(value, o));
    }
    if let Some(floor) = at_least {
        return match value {
            Value::Number(n) => n.as_i64().is_some_and(|n| n >= floor),
            Value::Array(items) => i64::try_from(items.len()).is_ok_and(|n| n >= floor),
            _ => false,
        };
    }
    true
}

fn matches_text(value: &Value, wanted: &str) -> bool {
    match value {
        Value::String(s) => s == wanted,
        Value::Array(items) => items.iter().any(|i| i.as_str() == Some(wanted)),
        Value::Number(n) => n.to_string() == wanted,
        Value::Bool(b) => b.to_string() == wanted,
        _ => false,
    }
}

/// Whether an answer counts as given: not absent, not an empty string or list.
pub(crate) fn is_answered(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !s.trim().is_empty(),
        Some(Value::Array(items)) => !items.is_empty(),
        Some(_) => true,
    }
}
