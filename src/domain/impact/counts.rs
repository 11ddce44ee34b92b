//! A period's figures from counts made in the database (`db::repo::impact_counts`), by the
//! same definitions `measure` applies to every record: the database does the counting by
//! date, and this turns its groups into the report's figures. The tests in `tests/it/impact.rs`
//! hold the two to the same figures on both backends.

use std::collections::BTreeSet;

use super::measures::{is_member_capital, with_all_kinds, with_every_source_and_role, Measures};
use super::{EnquirySource, Outcome};
use crate::domain::case::{CaseStatus, Pathway, Trigger};
use crate::domain::enquiry::{EnquiryRole, EnquiryStatus};
use crate::domain::events::feedback::WhatNext;
use crate::domain::events::registration::RegistrationState;
use crate::domain::events::{Audience, EventKind};
use crate::domain::finance::inputs::SourceKind;

/// What a case's date answer evidences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// "Date of registration".
    Registered,
    /// "Date the co-op starts trading".
    TradingStart,
}

/// Cases whose first date of one kind of evidence falls in the period, or by its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EvidenceCount {
    pub pathway: Pathway,
    pub evidence: Evidence,
    pub in_period: i64,
    pub workers_in_period: i64,
    pub by_end: i64,
    pub workers_by_end: i64,
}

/// Cases that ended in the period, in one group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndedCount {
    pub status: CaseStatus,
    /// The title of the stage a withdrawn case stopped at.
    pub stopped_at: Option<String>,
    pub cases: i64,
    /// Of these, cases whose co-op was registered, or trading, by the period's end.
    pub registered: i64,
    pub trading: i64,
}

/// One period's counts, grouped by what the report breaks figures down by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Events held: kind, audience, events, places offered.
    pub events_held: Vec<(EventKind, Audience, i64, i64)>,
    pub sessions_held: i64,
    /// Seats of the sign-ups on the events held, by state.
    pub places: Vec<(RegistrationState, i64)>,
    pub attendances: i64,
    pub people_supported: i64,
    pub new_people: i64,
    pub learning_minutes: i64,
    /// The organisations of people present, as typed, with their role.
    pub organisations: Vec<(EnquiryRole, String)>,
    /// Feedback: what next, forms, sum of the 1–5 answers.
    pub feedback: Vec<(WhatNext, i64, i64)>,
    pub readiness_checks: i64,
    pub enquiries: Vec<(EnquiryRole, EnquirySource, i64)>,
    pub decided: Vec<(EnquiryStatus, i64)>,
    /// Cases opened: pathway, trigger, cases, of which after an event.
    pub opened: Vec<(Pathway, Trigger, i64, i64)>,
    pub cases_active: i64,
    /// Stages started, by title.
    pub stages_reached: Vec<(String, i64)>,
    pub gates_passed: i64,
    pub ended: Vec<EndedCount>,
    pub evidence: Vec<EvidenceCount>,
    /// Capital and finance from the latest final business plans made in the period.
    pub money: Vec<Outcome>,
}

/// The period's figures from its counts.
pub fn from_counts(c: &Counts) -> Measures {
    let mut m = Measures::default();
    with_all_kinds(&mut m);
    outreach(c, &mut m);
    front_door(c, &mut m);
    cases(c, &mut m);
    outcomes(c, &mut m);
    m
}

fn outreach(c: &Counts, m: &mut Measures) {
    for &(kind, audience, events, places) in &c.events_held {
        m.events_held += events;
        *m.events_by_kind.entry(kind.label()).or_default() += events;
        *m.events_by_audience.entry(audience.label()).or_default() += events;
        m.places_offered += places;
    }
    m.sessions_held = c.sessions_held;
    m.places_booked = c
        .places
        .iter()
        .filter(|(state, _)| state.holds_seats())
        .map(|(_, seats)| seats)
        .sum();
    m.attendances = c.attendances;
    m.people_supported = c.people_supported;
    m.new_people = c.new_people;
    m.learning_minutes = c.learning_minutes;
    // An organisation typed two ways ("Lancs Hub", " lancs hub ") is one organisation.
    let mut branches = BTreeSet::new();
    let mut advisors = BTreeSet::new();
    for (role, organisation) in &c.organisations {
        let organisation = organisation.trim().to_lowercase();
        if organisation.is_empty() {
            continue;
        }
        match role {
            EnquiryRole::UnionRep => branches.insert(organisation),
            EnquiryRole::Advisor => advisors.insert(organisation),
            _ => false,
        };
    }
    m.union_branches_reached = branches.len() as i64;
    m.advisor_organisations_reached = advisors.len() as i64;
    for &(what_next, forms, useful) in &c.feedback {
        m.feedback_given += forms;
        m.usefulness_total += useful;
        if what_next == WhatNext::TalkToUs {
            m.want_to_talk += forms;
        }
    }
}

fn front_door(c: &Counts, m: &mut Measures) {
    m.readiness_checks = c.readiness_checks;
    for &(role, source, n) in &c.enquiries {
        m.enquiries += n;
        *m.enquiries_by_source.entry(source.label()).or_default() += n;
        *m.enquiries_by_role.entry(role.label()).or_default() += n;
    }
    for &(status, n) in &c.decided {
        match status {
            EnquiryStatus::Accepted => m.enquiries_accepted += n,
            EnquiryStatus::Declined => m.enquiries_declined += n,
            _ => {}
        }
    }
    with_every_source_and_role(m);
}

fn cases(c: &Counts, m: &mut Measures) {
    for pathway in Pathway::ALL {
        m.cases_by_pathway.entry(pathway.label()).or_default();
    }
    for trigger in Trigger::ALL {
        m.cases_by_trigger.entry(trigger.label()).or_default();
    }
    for &(pathway, trigger, n, from_events) in &c.opened {
        m.cases_opened += n;
        m.cases_opened_from_events += from_events;
        *m.cases_by_pathway.entry(pathway.label()).or_default() += n;
        *m.cases_by_trigger.entry(trigger.label()).or_default() += n;
    }
    m.cases_active = c.cases_active;
    for (title, n) in &c.stages_reached {
        *m.stages_reached.entry(title.clone()).or_default() += n;
    }
    m.gates_passed = c.gates_passed;
    for ended in &c.ended {
        match ended.status {
            CaseStatus::Completed => {
                m.cases_completed += ended.cases;
                m.cases_completed_registered += ended.registered;
                m.cases_completed_trading += ended.trading;
            }
            CaseStatus::Withdrawn => {
                m.cases_withdrawn += ended.cases;
                let stage = ended
                    .stopped_at
                    .clone()
                    .unwrap_or_else(|| "Not known".into());
                *m.stopped_at.entry(stage).or_default() += ended.cases;
            }
            _ => {}
        }
    }
}

/// What each date evidences, as `services::impact` states on the report: a buyout's
/// registration safeguards its workers' jobs; a start-up's trading start creates them; a
/// freelancer co-op's workers are its members; a start-up or freelancer co-op begins with its
/// workers as members. Each case counts once, on its first date.
fn outcomes(c: &Counts, m: &mut Measures) {
    for e in &c.evidence {
        match (e.evidence, e.pathway) {
            (Evidence::Registered, pathway) => {
                m.coops_registered += e.in_period;
                match pathway {
                    Pathway::Buyout => m.jobs_safeguarded += e.workers_in_period * 100,
                    Pathway::Freelancer => {
                        m.members_at_end += e.workers_by_end;
                        m.founding_members += e.workers_in_period;
                    }
                    Pathway::Startup => m.founding_members += e.workers_in_period,
                }
            }
            (Evidence::TradingStart, Pathway::Startup) => {
                m.started_trading += e.in_period;
                m.jobs_created += e.workers_in_period * 100;
            }
            (Evidence::TradingStart, _) => m.started_trading += e.in_period,
        }
    }
    for outcome in &c.money {
        match *outcome {
            Outcome::CapitalPledged(p) => m.capital_pledged += p,
            Outcome::CapitalRaised(p) => m.capital_raised += p,
            Outcome::FinanceRaised(source, p) => {
                *m.finance_by_source.entry(source.label()).or_default() += p;
            }
            _ => {}
        }
    }
    for source in SourceKind::ALL
        .into_iter()
        .filter(|s| !is_member_capital(*s))
    {
        m.finance_by_source.entry(source.label()).or_default();
    }
}
