//! The few sentences at the top of the report, for a funder who reads nothing else.

use super::measures::Measures;
use super::report::{average_usefulness, Value};
use super::Period;

fn plural(n: i64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

pub(super) fn summary(
    period: Period,
    previous: Period,
    now: &Measures,
    before: &Measures,
) -> Vec<String> {
    let mut lines = vec![format!(
        "From {} the centre held {} ({}) with {} by {}, {} of them for the first time.",
        period.describe(),
        plural(now.events_held, "event", "events"),
        plural(now.sessions_held, "session", "sessions"),
        plural(now.attendances, "attendance", "attendances"),
        plural(now.people_supported, "person", "people"),
        now.new_people,
    )];
    if now.feedback_given > 0 {
        lines.push(format!(
            "{} gave feedback, rating the events {} out of 5 for usefulness on average; {} to talk to the centre about a co-op.",
            plural(now.feedback_given, "person", "people"),
            Value::Tenths(average_usefulness(now)).display(),
            plural(now.want_to_talk, "wants", "want"),
        ));
    }
    lines.push(format!(
        "{} came in, {} of them from events; {} accepted and {} declined.",
        plural(now.enquiries, "enquiry", "enquiries"),
        now.enquiries_by_source
            .get("From an event")
            .copied()
            .unwrap_or(0),
        now.enquiries_accepted,
        now.enquiries_declined,
    ));
    lines.push(format!(
        "{} opened ({} after an event), {} active, and {} passed.",
        plural(now.cases_opened, "case was", "cases were"),
        now.cases_opened_from_events,
        plural(now.cases_active, "case was", "cases were"),
        plural(now.gates_passed, "stage gate was", "stage gates were"),
    ));
    if now.coops_registered > 0 || now.jobs_safeguarded > 0 || now.jobs_created > 0 {
        lines.push(format!(
            "{} registered; {} full-time equivalent jobs were safeguarded and {} created.",
            plural(now.coops_registered, "co-op was", "co-ops were"),
            Value::Hundredths(now.jobs_safeguarded).display(),
            Value::Hundredths(now.jobs_created).display(),
        ));
    } else {
        lines.push("No co-op was registered in this period.".into());
    }
    if now.cases_completed > 0 || now.cases_withdrawn > 0 {
        lines.push(format!(
            "{} completed ({} with the co-op registered) and {} stopped.",
            plural(now.cases_completed, "case was", "cases were"),
            now.cases_completed_registered,
            now.cases_withdrawn,
        ));
    }
    let finance: i64 = now.finance_by_source.values().sum();
    if now.capital_pledged > 0 || now.capital_raised > 0 || finance > 0 {
        lines.push(format!(
            "Members pledged {} of their own capital and paid in {}; {} of other finance was raised.",
            Value::Pence(now.capital_pledged).display(),
            Value::Pence(now.capital_raised).display(),
            Value::Pence(finance).display(),
        ));
    }
    lines.push(format!(
        "Compared with {}: people supported {} (from {} to {}), cases opened {} (from {} to {}).",
        previous.describe(),
        direction(now.people_supported, before.people_supported),
        before.people_supported,
        now.people_supported,
        direction(now.cases_opened, before.cases_opened),
        before.cases_opened,
        now.cases_opened,
    ));
    lines
}

fn direction(now: i64, before: i64) -> &'static str {
    match now.cmp(&before) {
        std::cmp::Ordering::Greater => "went up",
        std::cmp::Ordering::Less => "went down",
        std::cmp::Ordering::Equal => "stayed the same",
    }
}
