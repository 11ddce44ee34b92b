//! Legal clocks that are already running when people first ask.
//!
//! The day counts follow the deadline rules (PATHWAYS.md §5): D1 for collective redundancy
//! consultation, D7 for the connected-party window in administration. Nothing is rolled
//! forward for weekends: these are the dates the law sets.

use super::answers::{ReadinessAnswers, Situation};
use super::Clock;
use chrono::{Days, NaiveDate};

/// Redundancies at one establishment within 90 days that trigger collective consultation.
pub(super) const COLLECTIVE_THRESHOLD: u32 = 20;
/// From this many the minimum consultation is 45 days rather than 30.
const LARGE_THRESHOLD: u32 = 100;
/// The connected-party window: 8 weeks counting the day of entry, so entry + 55 days (D7).
const CONNECTED_WINDOW_DAYS: u64 = 55;

/// The clocks of every situation chosen, the most pressing situation's first.
pub(super) fn running(answers: &ReadinessAnswers, today: NaiveDate) -> Vec<Clock> {
    let mut clocks: Vec<Clock> = Vec::new();
    for situation in &answers.situations {
        let clock = match situation {
            Situation::ClosureAnnounced | Situation::RedundanciesProposed => {
                redundancy_clock(answers, today)
            }
            Situation::Administration => {
                Some(connected_party_clock(answers.insolvency_date, today))
            }
            Situation::Liquidation => Some(liquidation_fact()),
            _ => None,
        };
        // A closure and proposed redundancies run the same consultation clock: show it once.
        if let Some(clock) = clock.filter(|c| !clocks.iter().any(|o| o.title == c.title)) {
            clocks.push(clock);
        }
    }
    clocks
}

/// The redundancies that count: those at the most affected site, or everyone if unknown.
pub(super) fn redundancies_counted(answers: &ReadinessAnswers) -> u32 {
    answers.at_one_site.unwrap_or(answers.people)
}

/// The minimum consultation period in days (D1), or `None` below the threshold.
pub(super) fn consultation_days(redundancies: u32) -> Option<u64> {
    match redundancies {
        n if n >= LARGE_THRESHOLD => Some(45),
        n if n >= COLLECTIVE_THRESHOLD => Some(30),
        _ => None,
    }
}

fn ending(
    start: Option<NaiveDate>,
    days: u64,
    today: NaiveDate,
) -> (Option<NaiveDate>, Option<i64>) {
    let ends_on = start.and_then(|s| s.checked_add_days(Days::new(days)));
    (ends_on, ends_on.map(|end| (end - today).num_days()))
}

fn redundancy_clock(answers: &ReadinessAnswers, today: NaiveDate) -> Option<Clock> {
    let count = redundancies_counted(answers);
    let days = consultation_days(count)?;
    let (ends_on, days_left) = ending(answers.consultation_start, days, today);
    let band = if days == 45 {
        "100 or more"
    } else {
        "between 20 and 99"
    };
    let mut explanation = format!(
        "The employer proposes {band} redundancies at one workplace. It must consult the \
         union or elected reps at least {days} days before the first dismissal, and tell the \
         government on form HR1. The end date is the earliest day a dismissal can take \
         effect. Use consultation to put forward a worker buyout."
    );
    if answers.consultation_start.is_none() {
        explanation.push_str(" It runs from the day consultation starts: find out the date.");
    }
    if answers.at_one_site.is_none() {
        explanation.push_str(&format!(
            " We counted all {count} people: check each workplace."
        ));
    }
    Some(Clock {
        title: format!("Redundancy consultation: at least {days} days"),
        explanation,
        ends_on,
        days_left,
        needs_start_date: answers.consultation_start.is_none(),
        rule: "D1 (TULRCA 1992 s.188)".to_string(),
    })
}

fn connected_party_clock(entered: Option<NaiveDate>, today: NaiveDate) -> Clock {
    let (ends_on, days_left) = ending(entered, CONNECTED_WINDOW_DAYS, today);
    let mut explanation = String::from(
        "For the first 8 weeks of an administration, selling the business to anyone connected \
         with it (such as a director or a director's relative) needs the creditors' approval or \
         an independent evaluator's report. If a director is in your buying group, tell your \
         adviser now. In an administration sale the staff usually move to the buyer on their \
         existing terms (TUPE).",
    );
    if entered.is_none() {
        explanation.push_str(" The window runs from the date of administration: find it out.");
    }
    Clock {
        title: "Administration: 8-week connected-party window".to_string(),
        explanation,
        ends_on,
        days_left,
        needs_start_date: entered.is_none(),
        rule: "D7 (SI 2021/427)".to_string(),
    }
}

fn liquidation_fact() -> Clock {
    Clock {
        title: "Liquidation: jobs do not transfer to a buyer".to_string(),
        explanation: "When a business is sold out of liquidation, the staff's jobs do not move \
                      to the buyer under TUPE. A co-op buying the assets would take people on \
                      afresh. Unpaid wages, notice and redundancy pay are usually claimed from \
                      the government's Redundancy Payments Service. The liquidator sells assets \
                      quickly, so ask about them at once."
            .to_string(),
        ends_on: None,
        days_left: None,
        needs_start_date: false,
        rule: "TUPE 2006 reg 8(7)".to_string(),
    }
}
