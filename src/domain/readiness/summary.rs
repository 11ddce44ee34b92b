//! The printed one-page summary's context, and the answers handed on to a case's intake.
//!
//! Dates and counts are formatted here because the summary template may only use
//! handlebars' built-in helpers. Lists are trimmed so typical answers fit on one A4 page; the
//! result page on the web shows everything.

use super::answers::{Choice, ReadinessAnswers, Situation};
use super::assess::natural_pathway;
use super::clocks::{consultation_days, redundancies_counted};
use super::{Clock, Recommendation};
use chrono::NaiveDate;
use serde_json::{json, Map, Value};

/// On paper only the first few actions fit; the web page shows them all. The last action
/// (contacting the Education Centre) is always kept.
const THIS_WEEK_ON_PAPER: usize = 4;
const NEXT_STEPS_ON_PAPER: usize = 2;
/// The intake accepts a headcount up to this; larger answers are left for staff to enter.
const INTAKE_MAX_HEADCOUNT: u32 = 5000;

/// A date as people read it, e.g. "Wednesday 3 March 2027".
pub(super) fn long_date(date: NaiveDate) -> String {
    date.format("%A %-d %B %Y").to_string()
}

fn days_left_text(days: i64) -> String {
    match days {
        ..=-1 => "Passed".to_string(),
        0 => "Ends today".to_string(),
        1 => "1 day".to_string(),
        n => format!("{n} days"),
    }
}

fn clock_row(clock: &Clock) -> Value {
    let (ends_on, days_left) = match (clock.ends_on, clock.days_left) {
        (Some(end), Some(days)) => (long_date(end), days_left_text(days)),
        _ if clock.needs_start_date => ("Find out the start date".to_string(), "?".to_string()),
        _ => ("Applies now".to_string(), "n/a".to_string()),
    };
    json!({ "title": clock.title, "ends_on": ends_on, "days_left": days_left })
}

/// A label as it reads after "Your situation:", e.g. "the owner is retiring".
fn sentence_case_inner(label: &str) -> String {
    let mut chars = label.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

/// Every situation chosen as it reads after "Your situation:", e.g. "the owner is retiring
/// and redundancies have been proposed".
fn situations_in_words(answers: &ReadinessAnswers) -> String {
    let labels: Vec<String> = answers
        .situations
        .iter()
        .map(|s| sentence_case_inner(s.label()))
        .collect();
    match labels.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// This week's actions that fit on paper: the first few, and always the last.
fn on_paper(actions: &[String]) -> Vec<&String> {
    if actions.len() <= THIS_WEEK_ON_PAPER {
        return actions.iter().collect();
    }
    let (last, first) = match actions.split_last() {
        Some(split) => split,
        None => return Vec::new(),
    };
    first
        .iter()
        .take(THIS_WEEK_ON_PAPER - 1)
        .chain([last])
        .collect()
}

/// The context for `templates/documents/readiness.hbs`. Every key is always present, as the
/// template renders in strict mode.
pub fn summary_context(
    answers: &ReadinessAnswers,
    rec: &Recommendation,
    today: NaiveDate,
) -> Value {
    let union = if answers.union.is_involved() {
        answers.union.label()
    } else {
        ""
    };
    json!({
        "prepared_on": long_date(today),
        "situation": situations_in_words(answers),
        "people": answers.people,
        "union": union,
        "headline": rec.headline,
        "urgency": rec.urgency.label(),
        "pathway": rec.pathway.map_or("", |p| p.label()),
        "clocks": rec.clocks.iter().map(clock_row).collect::<Vec<_>>(),
        "warnings": rec.warnings,
        "this_week": on_paper(&rec.this_week),
        "forms": rec.legal_forms.iter()
            .map(|f| json!({ "name": f.name, "why": f.why }))
            .collect::<Vec<_>>(),
        "alternatives": rec.alternatives.iter()
            .map(|a| json!({ "title": a.title, "summary": a.summary }))
            .collect::<Vec<_>>(),
        "next_steps": rec.next_steps.iter().take(NEXT_STEPS_ON_PAPER).collect::<Vec<_>>(),
        "help": rec.help.iter()
            .map(|h| json!({ "name": h.name, "how": h.how }))
            .collect::<Vec<_>>(),
    })
}

/// The intake `trigger` value for a situation; `None` for situations with no trigger page.
fn trigger_value(situation: Situation) -> Option<&'static str> {
    match situation {
        Situation::OwnerRetiring => Some("owner_retiring"),
        Situation::OwnerSelling => Some("owner_selling"),
        Situation::ClosureAnnounced => Some("closure_announced"),
        Situation::RedundanciesProposed => Some("redundancy_proposal"),
        Situation::Administration => Some("administration"),
        Situation::Liquidation => Some("liquidation"),
        Situation::Freelancers | Situation::NewIdea => None,
    }
}

/// Answers to copy into a new case's intake, by intake question key. Only keys with a known
/// answer are included, so staff fill in the rest. The pathway and trigger are those of the
/// most pressing situation chosen, even when the check advised "not now": staff decide
/// whether to open a case. The facts the check's legal clocks were worked out from go over
/// too (the consultation start and the redundancies counted at one workplace, the date of
/// the insolvency), so the case shows the same deadlines the check did.
pub fn intake_prefill(answers: &ReadinessAnswers) -> Map<String, Value> {
    let iso = |date: NaiveDate| json!(date.format("%Y-%m-%d").to_string());
    let mut prefill = Map::new();
    let pathway = natural_pathway(answers.situation);
    prefill.insert("pathway".into(), json!(pathway.value()));
    if answers.people <= INTAKE_MAX_HEADCOUNT {
        prefill.insert("headcount".into(), json!(answers.people));
    }
    match answers.union {
        super::UnionAnswer::NotSure => {}
        super::UnionAnswer::None => {
            prefill.insert("union_present".into(), json!("no"));
        }
        named => {
            prefill.insert("union_present".into(), json!("yes"));
            prefill.insert("union_name".into(), json!(named.value()));
        }
    }
    if let Some(trigger) = trigger_value(answers.situation) {
        prefill.insert("trigger".into(), json!(trigger));
        if let Some(date) = answers.key_date() {
            prefill.insert("trigger_date".into(), iso(date));
        }
    }
    if answers.any(Situation::jobs_at_risk) {
        // The check counted everyone when the number at one workplace was not given, and
        // said so; the case starts from the same count, for the rep to correct.
        let counted = redundancies_counted(answers);
        prefill.insert("max_one_site_90d".into(), json!(counted));
        if let Some(date) = answers
            .consultation_start
            .filter(|_| consultation_days(counted).is_some())
        {
            prefill.insert("consultation_start".into(), iso(date));
        }
    }
    if let Some(date) = answers
        .insolvency_date
        .filter(|_| answers.any(Situation::is_insolvent))
    {
        prefill.insert("insolvency_date".into(), iso(date));
    }
    prefill
}

/// The legal facts a case takes over from the check, one sentence each, for its timeline:
/// the dates its legal clocks run from.
pub fn intake_facts(answers: &ReadinessAnswers) -> Vec<String> {
    let prefill = intake_prefill(answers);
    let date_of = |key: &str| {
        prefill
            .get(key)
            .and_then(Value::as_str)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    };
    let mut facts = Vec::new();
    if let Some(start) = date_of("consultation_start") {
        facts.push(format!(
            "Collective consultation on redundancies started on {}, with {} redundancies counted at one workplace.",
            long_date(start),
            redundancies_counted(answers)
        ));
    }
    if let Some(entered) = date_of("insolvency_date") {
        facts.push(format!(
            "The business went into administration or liquidation on {}.",
            long_date(entered)
        ));
    }
    facts
}
