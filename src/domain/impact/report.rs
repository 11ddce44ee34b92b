//! The report as people read it: each figure with its definition and the previous period's
//! value beside it, and a short summary in plain English.

use super::measures::{measure, Measures};
use super::{Period, Records};
use crate::domain::money::{format_pounds_whole, group_thousands};

/// Printed on the report, so a reader knows which definitions a figure was counted by.
pub const DEFINITIONS_VERSION: &str = "Definitions of November 2026 (version 1)";

/// A figure's value, in its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    Count(i64),
    Pence(i64),
    /// Tenths: hours and averages, shown to one decimal place.
    Tenths(i64),
    /// Hundredths: full-time equivalent jobs, shown to two decimal places.
    Hundredths(i64),
}

impl Value {
    /// As people read it: "12", "£1,250", "4.5", "2.50".
    pub fn display(self) -> String {
        let grouped = |n: i64| {
            let sign = if n < 0 { "-" } else { "" };
            format!("{sign}{}", group_thousands(n.unsigned_abs()))
        };
        match self {
            Value::Count(n) => grouped(n),
            Value::Pence(p) => format_pounds_whole(p),
            // Whole jobs read as whole numbers: "2,445", and "12.50" only when there is a part.
            Value::Hundredths(h) if h % 100 == 0 => grouped(h / 100),
            Value::Hundredths(h) => format!(
                "{}{}.{:02}",
                if h < 0 { "-" } else { "" },
                group_thousands(h.unsigned_abs() / 100),
                h.unsigned_abs() % 100
            ),
            Value::Tenths(_) => self.raw(),
        }
    }

    /// As a spreadsheet reads it: plain numbers, pounds with pence, no signs or commas.
    pub fn raw(self) -> String {
        match self {
            Value::Count(n) => n.to_string(),
            Value::Pence(p) => format!("{}.{:02}", p / 100, (p % 100).abs()),
            Value::Tenths(t) => format!("{}.{}", t / 10, (t % 10).abs()),
            Value::Hundredths(h) => format!("{}.{:02}", h / 100, (h % 100).abs()),
        }
    }

    fn number(self) -> i64 {
        match self {
            Value::Count(n) | Value::Pence(n) | Value::Tenths(n) | Value::Hundredths(n) => n,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub label: String,
    pub value: Value,
    pub previous: Value,
    pub definition: &'static str,
}

impl Figure {
    /// "up 3", "down 1" or "no change", against the previous period.
    pub fn change(&self) -> String {
        let diff = Value::Count(self.value.number() - self.previous.number());
        let shown = match self.value {
            Value::Count(_) => diff.number().abs().to_string(),
            Value::Pence(_) => Value::Pence(diff.number().abs()).display(),
            Value::Tenths(_) => Value::Tenths(diff.number().abs()).display(),
            Value::Hundredths(_) => Value::Hundredths(diff.number().abs()).display(),
        };
        match diff.number() {
            0 => "no change".into(),
            d if d > 0 => format!("up {shown}"),
            _ => format!("down {shown}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub title: &'static str,
    pub figures: Vec<Figure>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImpactReport {
    pub period: Period,
    pub previous: Period,
    pub summary: Vec<String>,
    pub sections: Vec<Section>,
    pub now: Measures,
    pub before: Measures,
}

/// Counts the period and the one before it, and lays the figures out.
pub fn build(records: &Records, period: Period) -> ImpactReport {
    let previous = period.previous();
    build_from(period, measure(records, period), measure(records, previous))
}

/// Lays out the figures of the period and of the one before it (`period.previous()`),
/// however they were counted.
pub fn build_from(period: Period, now: Measures, before: Measures) -> ImpactReport {
    let previous = period.previous();
    let sections = vec![
        outreach(&now, &before),
        front_door(&now, &before),
        cases(&now, &before),
        outcomes(&now, &before),
    ];
    let summary = super::summary::summary(period, previous, &now, &before);
    ImpactReport {
        period,
        previous,
        summary,
        sections,
        now,
        before,
    }
}

/// Builds one section's figures from pairs of (now, before) values.
struct Rows<'a> {
    now: &'a Measures,
    before: &'a Measures,
    figures: Vec<Figure>,
}

impl<'a> Rows<'a> {
    fn new(now: &'a Measures, before: &'a Measures) -> Self {
        Rows {
            now,
            before,
            figures: Vec::new(),
        }
    }

    fn add(
        &mut self,
        label: impl Into<String>,
        unit: fn(i64) -> Value,
        get: impl Fn(&Measures) -> i64,
        definition: &'static str,
    ) {
        self.figures.push(Figure {
            label: label.into(),
            value: unit(get(self.now)),
            previous: unit(get(self.before)),
            definition,
        });
    }

    /// One row per key of a breakdown, in the order of the keys.
    fn breakdown<K: Ord + Clone + Into<String>>(
        &mut self,
        prefix: &str,
        unit: fn(i64) -> Value,
        get: impl Fn(&Measures) -> &std::collections::BTreeMap<K, i64>,
        definition: &'static str,
    ) {
        let mut keys: Vec<K> = get(self.now).keys().cloned().collect();
        keys.extend(get(self.before).keys().cloned());
        keys.sort();
        keys.dedup();
        for key in keys {
            let of = |m: &Measures| get(m).get(&key).copied().unwrap_or(0);
            let label: String = key.clone().into();
            self.figures.push(Figure {
                label: format!("{prefix}{label}"),
                value: unit(of(self.now)),
                previous: unit(of(self.before)),
                definition,
            });
        }
    }
}

pub(super) fn average_usefulness(m: &Measures) -> i64 {
    if m.feedback_given == 0 {
        0
    } else {
        (m.usefulness_total * 10 + m.feedback_given / 2) / m.feedback_given
    }
}

fn learning_hours(m: &Measures) -> i64 {
    (m.learning_minutes * 10 + 30) / 60
}

fn outreach(now: &Measures, before: &Measures) -> Section {
    let mut r = Rows::new(now, before);
    r.add(
        "Events held",
        Value::Count,
        |m| m.events_held,
        "Events whose first session started in the period; a course counts once.",
    );
    r.breakdown(
        "Events: ",
        Value::Count,
        |m| &m.events_by_kind,
        "Events held, by kind.",
    );
    r.breakdown(
        "Events for ",
        Value::Count,
        |m| &m.events_by_audience,
        "Events held, by who they were for.",
    );
    r.add(
        "Sessions held",
        Value::Count,
        |m| m.sessions_held,
        "Sessions that started in the period.",
    );
    r.add(
        "Places offered",
        Value::Count,
        |m| m.places_offered,
        "The capacity of the events held.",
    );
    r.add("Places booked", Value::Count, |m| m.places_booked, "Seats held by booked sign-ups to the events held, support workers included; the waiting list is not counted.");
    r.add("People supported", Value::Count, |m| m.people_supported, "Distinct people present at one session or more in the period: someone at three events counts once.");
    r.add("New people", Value::Count, |m| m.new_people, "People supported whose first ever attendance was in the period. Yearly totals add these up; they never add up each quarter's people supported.");
    r.add(
        "Attendances",
        Value::Count,
        |m| m.attendances,
        "Pairs of a person and a session they were present at.",
    );
    r.add(
        "Learning hours",
        Value::Tenths,
        learning_hours,
        "The length of each attended session, added up, in hours.",
    );
    r.add(
        "Union branches reached",
        Value::Count,
        |m| m.union_branches_reached,
        "Distinct organisations named by union reps who attended.",
    );
    r.add(
        "Advisors' organisations reached",
        Value::Count,
        |m| m.advisor_organisations_reached,
        "Distinct organisations named by business advisors who attended.",
    );
    r.add(
        "Feedback forms",
        Value::Count,
        |m| m.feedback_given,
        "Feedback forms sent in during the period.",
    );
    r.add(
        "Average usefulness (out of 5)",
        Value::Tenths,
        average_usefulness,
        "The mean of the answers to \"how useful was it\", from 1 to 5.",
    );
    r.add(
        "Want to talk about a co-op",
        Value::Count,
        |m| m.want_to_talk,
        "Feedback forms whose next step was to talk to the centre about a co-op.",
    );
    Section {
        title: "Outreach and learning",
        figures: r.figures,
    }
}

fn front_door(now: &Measures, before: &Measures) -> Section {
    let mut r = Rows::new(now, before);
    r.add(
        "Readiness checks completed",
        Value::Count,
        |m| m.readiness_checks,
        "Results of the readiness check shown; only the number is kept, never the answers.",
    );
    r.add(
        "Enquiries received",
        Value::Count,
        |m| m.enquiries,
        "Enquiries that arrived in the period.",
    );
    r.breakdown(
        "",
        Value::Count,
        |m| &m.enquiries_by_source,
        "Enquiries received, by how they came.",
    );
    r.breakdown(
        "Enquirer: ",
        Value::Count,
        |m| &m.enquiries_by_role,
        "Enquiries received, by who the enquirer said they were.",
    );
    r.add(
        "Enquiries accepted",
        Value::Count,
        |m| m.enquiries_accepted,
        "Enquiries accepted in the period, each opening a case.",
    );
    r.add(
        "Enquiries declined",
        Value::Count,
        |m| m.enquiries_declined,
        "Enquiries declined in the period.",
    );
    Section {
        title: "The front door",
        figures: r.figures,
    }
}

fn cases(now: &Measures, before: &Measures) -> Section {
    let mut r = Rows::new(now, before);
    r.add(
        "Cases opened",
        Value::Count,
        |m| m.cases_opened,
        "Cases opened in the period; a case counts as new once.",
    );
    r.add(
        "Cases opened after an event",
        Value::Count,
        |m| m.cases_opened_from_events,
        "Cases opened from an enquiry made by someone who came to an event.",
    );
    r.breakdown(
        "Pathway: ",
        Value::Count,
        |m| &m.cases_by_pathway,
        "Cases opened, by pathway.",
    );
    r.breakdown(
        "Started by: ",
        Value::Count,
        |m| &m.cases_by_trigger,
        "Cases opened, by what started them.",
    );
    r.add(
        "Cases active",
        Value::Count,
        |m| m.cases_active,
        "Cases open on any day of the period: a case spanning two quarters is active in both.",
    );
    r.breakdown(
        "Reached: ",
        Value::Count,
        |m| &m.stages_reached,
        "Cases whose work on a stage started in the period.",
    );
    r.add(
        "Stage gates passed",
        Value::Count,
        |m| m.gates_passed,
        "Stages signed off as complete in the period.",
    );
    r.add(
        "Cases completed",
        Value::Count,
        |m| m.cases_completed,
        "Cases closed as completed in the period.",
    );
    r.add(
        "Completed with the co-op registered",
        Value::Count,
        |m| m.cases_completed_registered,
        "Cases completed in the period whose co-op's date of registration was recorded on or before the period's last day.",
    );
    r.add(
        "Completed with the co-op trading",
        Value::Count,
        |m| m.cases_completed_trading,
        "Cases completed in the period whose co-op's first trading day was recorded on or before the period's last day.",
    );
    r.add(
        "Cases stopped",
        Value::Count,
        |m| m.cases_withdrawn,
        "Cases withdrawn in the period.",
    );
    r.breakdown(
        "Stopped at: ",
        Value::Count,
        |m| &m.stopped_at,
        "Cases withdrawn in the period, by the stage they had reached when they stopped. The reason typed when a case stops is not shown, as it may name people.",
    );
    Section {
        title: "Cases",
        figures: r.figures,
    }
}

fn outcomes(now: &Measures, before: &Measures) -> Section {
    let mut r = Rows::new(now, before);
    r.add("Co-ops registered", Value::Count, |m| m.coops_registered, "Co-ops whose date of registration (FCA or Companies House) is in the period, each counted once.");
    r.add(
        "Co-ops started trading",
        Value::Count,
        |m| m.started_trading,
        "Co-ops whose first trading day is in the period.",
    );
    r.add("Jobs safeguarded (full-time equivalent)", Value::Hundredths, |m| m.jobs_safeguarded, "Jobs kept by buyouts: the number of workers recorded on a buyout's case, counted once, when the co-op's date of registration falls in the period; a job is safeguarded or created, never both.");
    r.add("Jobs created (full-time equivalent)", Value::Hundredths, |m| m.jobs_created, "Jobs created by start-ups: the number of workers recorded on a start-up's case, counted once, when its first trading day falls in the period.");
    r.add("Members at the end of the period", Value::Count, |m| m.members_at_end, "People on the co-ops' registers of members on the last day, by the latest count each case recorded: a freelancer co-op's case records its number of workers as members when it registers.");
    r.add("Members of new co-ops", Value::Count, |m| m.founding_members, "The number of workers recorded on a start-up or freelancer co-op's case, counted once, when the co-op's date of registration falls in the period.");
    r.add(
        "Member capital pledged",
        Value::Pence,
        |m| m.capital_pledged,
        "From each case's latest final business plan: the members who pledged times the amount each, counted once, in the period that version was made.",
    );
    r.add(
        "Member capital raised",
        Value::Pence,
        |m| m.capital_raised,
        "From each case's latest final business plan: members' shares and loans from members marked \"Money received\", counted once, in the period that version was made.",
    );
    r.breakdown(
        "Finance raised: ",
        Value::Pence,
        |m| &m.finance_by_source,
        "From each case's latest final business plan: other sources of money marked \"Money received\" (loans, grants, the seller's deferred payment), by source, counted once, in the period that version was made.",
    );
    Section {
        title: "Outcomes",
        figures: r.figures,
    }
}
