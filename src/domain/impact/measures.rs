//! Counting one period's figures from the records, each by its definition.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{EnquirySource, Outcome, Period, Records};
use crate::domain::case::{CaseStatus, Pathway, Trigger};
use crate::domain::enquiry::{EnquiryRole, EnquiryStatus};
use crate::domain::events::feedback::WhatNext;
use crate::domain::events::{Audience, EventKind};
use crate::domain::finance::inputs::SourceKind;

/// One period's figures. Money is pence; jobs are hundredths of a full-time job.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Measures {
    // Outreach
    pub events_held: i64,
    pub events_by_kind: BTreeMap<&'static str, i64>,
    pub events_by_audience: BTreeMap<&'static str, i64>,
    pub sessions_held: i64,
    pub places_offered: i64,
    pub places_booked: i64,
    pub people_supported: i64,
    pub new_people: i64,
    pub attendances: i64,
    pub learning_minutes: i64,
    pub union_branches_reached: i64,
    pub advisor_organisations_reached: i64,
    pub feedback_given: i64,
    /// Sum of the 1–5 answers, for the average.
    pub usefulness_total: i64,
    pub want_to_talk: i64,
    // Front door
    pub readiness_checks: i64,
    pub enquiries: i64,
    pub enquiries_by_source: BTreeMap<&'static str, i64>,
    pub enquiries_by_role: BTreeMap<&'static str, i64>,
    pub enquiries_accepted: i64,
    pub enquiries_declined: i64,
    // Cases
    pub cases_opened: i64,
    pub cases_opened_from_events: i64,
    pub cases_by_pathway: BTreeMap<&'static str, i64>,
    pub cases_by_trigger: BTreeMap<&'static str, i64>,
    pub cases_active: i64,
    pub stages_reached: BTreeMap<String, i64>,
    pub gates_passed: i64,
    pub cases_completed: i64,
    /// Of the cases completed, those whose co-op was registered by the period's end.
    pub cases_completed_registered: i64,
    /// Of the cases completed, those whose co-op had started trading by the period's end.
    pub cases_completed_trading: i64,
    pub cases_withdrawn: i64,
    /// Cases withdrawn, by the stage they had reached.
    pub stopped_at: BTreeMap<String, i64>,
    // Outcomes
    pub coops_registered: i64,
    pub started_trading: i64,
    pub jobs_safeguarded: i64,
    pub jobs_created: i64,
    pub members_at_end: i64,
    pub founding_members: i64,
    pub capital_pledged: i64,
    pub capital_raised: i64,
    pub finance_by_source: BTreeMap<&'static str, i64>,
}

pub fn measure(records: &Records, period: Period) -> Measures {
    let mut m = Measures::default();
    with_all_kinds(&mut m);
    outreach(records, period, &mut m);
    front_door(records, period, &mut m);
    cases(records, period, &mut m);
    outcomes(records, period, &mut m);
    m
}

fn outreach(records: &Records, period: Period, m: &mut Measures) {
    let held: Vec<_> = records
        .events
        .iter()
        .filter(|e| e.held_in(period))
        .collect();
    let held_ids: BTreeSet<i64> = held.iter().map(|e| e.id).collect();
    m.events_held = held.len() as i64;
    for event in &held {
        *m.events_by_kind.entry(event.kind.label()).or_default() += 1;
        *m.events_by_audience
            .entry(event.audience.label())
            .or_default() += 1;
        m.places_offered += i64::from(event.capacity);
    }
    m.sessions_held = records
        .events
        .iter()
        .filter(|e| !e.cancelled)
        .flat_map(|e| e.sessions.iter())
        .filter(|&&s| period.contains(s))
        .count() as i64;
    m.places_booked = records
        .places
        .iter()
        .filter(|p| held_ids.contains(&p.event_id) && p.state.holds_seats())
        .map(|p| i64::from(p.seats))
        .sum();

    // Each (person, session) pair once, even if the register was marked twice.
    let mut pairs = BTreeSet::new();
    let mut people = BTreeSet::new();
    let mut branches = BTreeSet::new();
    let mut advisors = BTreeSet::new();
    let mut first_ever: HashMap<i64, i64> = HashMap::new();
    for a in &records.attendance {
        let first = first_ever.entry(a.person_id).or_insert(a.at);
        *first = (*first).min(a.at);
        if !period.contains(a.at) || !pairs.insert((a.person_id, a.session_id)) {
            continue;
        }
        people.insert(a.person_id);
        m.learning_minutes += a.minutes;
        let organisation = a.organisation.trim().to_lowercase();
        if !organisation.is_empty() {
            match a.role {
                EnquiryRole::UnionRep => {
                    branches.insert(organisation);
                }
                EnquiryRole::Advisor => {
                    advisors.insert(organisation);
                }
                _ => {}
            }
        }
    }
    m.attendances = pairs.len() as i64;
    m.people_supported = people.len() as i64;
    m.new_people = people
        .iter()
        .filter(|p| first_ever.get(p).is_some_and(|&at| period.contains(at)))
        .count() as i64;
    m.union_branches_reached = branches.len() as i64;
    m.advisor_organisations_reached = advisors.len() as i64;

    for f in records.feedback.iter().filter(|f| period.contains(f.at)) {
        m.feedback_given += 1;
        m.usefulness_total += i64::from(f.useful);
        if f.what_next == WhatNext::TalkToUs {
            m.want_to_talk += 1;
        }
    }
}

fn front_door(records: &Records, period: Period, m: &mut Measures) {
    m.readiness_checks = records
        .readiness_checks
        .iter()
        .filter(|(day, _)| period.from <= *day && *day <= period.to)
        .map(|(_, n)| *n as i64)
        .sum();
    for e in &records.enquiries {
        if period.contains(e.created_at) {
            m.enquiries += 1;
            *m.enquiries_by_source.entry(e.source.label()).or_default() += 1;
            *m.enquiries_by_role.entry(e.role.label()).or_default() += 1;
        }
        if e.decided_at.is_some_and(|at| period.contains(at)) {
            match e.status {
                EnquiryStatus::Accepted => m.enquiries_accepted += 1,
                EnquiryStatus::Declined => m.enquiries_declined += 1,
                _ => {}
            }
        }
    }
    with_every_source_and_role(m);
}

fn cases(records: &Records, period: Period, m: &mut Measures) {
    for pathway in Pathway::ALL {
        m.cases_by_pathway.entry(pathway.label()).or_default();
    }
    for trigger in Trigger::ALL {
        m.cases_by_trigger.entry(trigger.label()).or_default();
    }
    for case in &records.cases {
        if period.contains(case.opened_at) {
            m.cases_opened += 1;
            m.cases_opened_from_events += i64::from(case.from_event);
            *m.cases_by_pathway.entry(case.pathway.label()).or_default() += 1;
            *m.cases_by_trigger.entry(case.trigger.label()).or_default() += 1;
        }
        // Active: opened by the period's end and not ended before it began.
        let opened_by_end = !period.ends_before(case.opened_at);
        let ended_before = case
            .ended_at
            .is_some_and(|at| crate::domain::events::london::to_local(at).date() < period.from);
        if opened_by_end && !ended_before {
            m.cases_active += 1;
        }
        if case.ended_at.is_some_and(|at| period.contains(at)) {
            match case.status {
                CaseStatus::Completed => m.cases_completed += 1,
                CaseStatus::Withdrawn => {
                    m.cases_withdrawn += 1;
                    let stage = case
                        .stopped_at
                        .clone()
                        .unwrap_or_else(|| "Not known".into());
                    *m.stopped_at.entry(stage).or_default() += 1;
                }
                _ => {}
            }
        }
    }
    for stage in &records.stages {
        if stage.started_at.is_some_and(|at| period.contains(at)) {
            *m.stages_reached.entry(stage.stage.clone()).or_default() += 1;
        }
        if stage.completed_at.is_some_and(|at| period.contains(at)) {
            m.gates_passed += 1;
        }
    }
}

fn outcomes(records: &Records, period: Period, m: &mut Measures) {
    // A case's registration, trading start and jobs count once, on the first date they
    // were evidenced: a record typed again later is not a second co-op or more jobs. A
    // case's jobs are safeguarded or created, never both: the first evidenced wins.
    let mut registered: HashMap<i64, i64> = HashMap::new();
    let mut trading: HashMap<i64, i64> = HashMap::new();
    let mut jobs: HashMap<i64, (i64, Outcome)> = HashMap::new();
    let mut members: HashMap<i64, (i64, i64)> = HashMap::new();
    let mut founding: HashMap<i64, (i64, i64)> = HashMap::new();
    for r in &records.outcomes {
        match r.outcome {
            Outcome::CoopRegistered => keep_first(&mut registered, r.case_id, r.at),
            Outcome::StartedTrading => keep_first(&mut trading, r.case_id, r.at),
            Outcome::JobsSafeguarded(_) | Outcome::JobsCreated(_) => {
                let slot = jobs.entry(r.case_id).or_insert((r.at, r.outcome));
                if r.at < slot.0 {
                    *slot = (r.at, r.outcome);
                }
            }
            // The latest count on or before the period's end.
            Outcome::Members(n) if !period.ends_before(r.at) => {
                let slot = members.entry(r.case_id).or_insert((r.at, n));
                if r.at >= slot.0 {
                    *slot = (r.at, n);
                }
            }
            Outcome::FoundingMembers(n) => {
                let slot = founding.entry(r.case_id).or_insert((r.at, n));
                if r.at < slot.0 {
                    *slot = (r.at, n);
                }
            }
            Outcome::CapitalPledged(p) if period.contains(r.at) => m.capital_pledged += p,
            Outcome::CapitalRaised(p) if period.contains(r.at) => m.capital_raised += p,
            Outcome::FinanceRaised(source, p) if period.contains(r.at) => {
                *m.finance_by_source.entry(source.label()).or_default() += p;
            }
            _ => {}
        }
    }
    m.coops_registered = registered
        .values()
        .filter(|&&at| period.contains(at))
        .count() as i64;
    m.started_trading = trading.values().filter(|&&at| period.contains(at)).count() as i64;
    for (at, outcome) in jobs.values() {
        if !period.contains(*at) {
            continue;
        }
        match outcome {
            Outcome::JobsSafeguarded(fte) => m.jobs_safeguarded += fte,
            Outcome::JobsCreated(fte) => m.jobs_created += fte,
            _ => {}
        }
    }
    m.members_at_end = members.values().map(|(_, n)| n).sum();
    m.founding_members = founding
        .values()
        .filter(|(at, _)| period.contains(*at))
        .map(|(_, n)| n)
        .sum();
    // Members' own money is member capital, not finance raised.
    for source in SourceKind::ALL
        .into_iter()
        .filter(|s| !is_member_capital(*s))
    {
        m.finance_by_source.entry(source.label()).or_default();
    }
    // How the cases that were completed in the period ended: with their co-op registered,
    // trading, by the period's end (evidence may come before or after the case closes).
    let by_end = |at: &i64| !period.ends_before(*at);
    for case in &records.cases {
        let completed_in_period = case.status == CaseStatus::Completed
            && case.ended_at.is_some_and(|at| period.contains(at));
        if !completed_in_period {
            continue;
        }
        m.cases_completed_registered += i64::from(registered.get(&case.id).is_some_and(by_end));
        m.cases_completed_trading += i64::from(trading.get(&case.id).is_some_and(by_end));
    }
}

/// Money the members put in themselves: shares and loans from members.
pub fn is_member_capital(source: SourceKind) -> bool {
    matches!(source, SourceKind::MemberShares | SourceKind::MemberLoans)
}

fn keep_first(map: &mut HashMap<i64, i64>, case_id: i64, at: i64) {
    let slot = map.entry(case_id).or_insert(at);
    *slot = (*slot).min(at);
}

/// Keeps every kind and audience in the tables, even at nought, so periods line up.
/// Every enquiry source and role in the tables, even at nought, so periods line up.
pub(super) fn with_every_source_and_role(m: &mut Measures) {
    for source in [
        EnquirySource::Event,
        EnquirySource::ReadinessCheck,
        EnquirySource::EnquiryForm,
    ] {
        m.enquiries_by_source.entry(source.label()).or_default();
    }
    for role in EnquiryRole::ALL {
        m.enquiries_by_role.entry(role.label()).or_default();
    }
}

pub(super) fn with_all_kinds(m: &mut Measures) {
    for kind in EventKind::ALL {
        m.events_by_kind.entry(kind.label()).or_default();
    }
    for audience in Audience::ALL {
        m.events_by_audience.entry(audience.label()).or_default();
    }
}
