//! The report counted from a small fixture whose figures are worked out by hand in the
//! comments, for the first quarter of 2027 and the quarter before it.

use chrono::NaiveDate;

use super::*;
use crate::domain::events::london;
use EnquiryRole::*;
use RegistrationState::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A UK clock time as UTC seconds.
fn at(y: i32, m: u32, d: u32, h: u32) -> i64 {
    london::to_utc(day(y, m, d).and_hms_opt(h, 0, 0).unwrap()).unwrap()
}

fn attended(
    person: i64,
    event: i64,
    session: i64,
    when: i64,
    minutes: i64,
    role: EnquiryRole,
    org: &str,
) -> AttendanceRecord {
    AttendanceRecord {
        person_id: person,
        event_id: event,
        session_id: session,
        at: when,
        minutes,
        role,
        organisation: org.into(),
    }
}

fn place(event_id: i64, state: RegistrationState, seats: u32) -> PlaceRecord {
    PlaceRecord {
        event_id,
        state,
        seats,
    }
}

fn outcome(case_id: i64, when: i64, outcome: Outcome) -> OutcomeRecord {
    OutcomeRecord {
        case_id,
        at: when,
        outcome,
    }
}

fn fixture() -> Records {
    let s1 = at(2027, 1, 12, 12);
    let s2 = at(2027, 3, 2, 18);
    let s3 = at(2027, 4, 6, 18); // summer time, second quarter
    let s4 = at(2026, 11, 10, 10);
    Records {
        events: vec![
            // E1: webinar for advisors, 3 places, one session in Q1.
            EventRecord {
                id: 1,
                kind: EventKind::Webinar,
                audience: Audience::Advisors,
                capacity: 3,
                sessions: vec![s1],
            },
            // E2: a course for union reps starting in Q1 and ending in Q2: held in Q1 only.
            EventRecord {
                id: 2,
                kind: EventKind::Course,
                audience: Audience::UnionReps,
                capacity: 10,
                sessions: vec![s3, s2],
            },
            // E3: a workshop for a case's workers in Q4 2026.
            EventRecord {
                id: 3,
                kind: EventKind::Workshop,
                audience: Audience::CaseWorkers,
                capacity: 8,
                sessions: vec![s4],
            },
        ],
        places: vec![
            place(1, Registered, 1),
            place(1, Registered, 1),
            place(1, Registered, 1),
            place(1, Waitlisted, 1),
            place(1, Cancelled, 1),
            place(2, Registered, 1),
            place(2, Registered, 2),
            place(3, Registered, 1),
            place(3, Registered, 1),
        ],
        attendance: vec![
            attended(1, 3, 4, s4, 90, Advisor, "Lancs Business Hub"),
            attended(4, 3, 4, s4, 90, Worker, ""),
            attended(1, 1, 1, s1, 60, Advisor, "Lancs Business Hub"),
            attended(2, 1, 1, s1, 60, Advisor, " lancs business hub "),
            // The register marked twice for the same person and session.
            attended(2, 1, 1, s1, 60, Advisor, " lancs business hub "),
            attended(3, 2, 2, s2, 120, UnionRep, "Unite Preston branch"),
            attended(3, 2, 3, s3, 120, UnionRep, "Unite Preston branch"),
            attended(5, 2, 2, s2, 120, UnionRep, "GMB North West"),
        ],
        feedback: vec![
            FeedbackRecord {
                event_id: 1,
                at: at(2027, 1, 13, 9),
                useful: 5,
                what_next: WhatNext::TalkToUs,
            },
            FeedbackRecord {
                event_id: 1,
                at: at(2027, 1, 14, 9),
                useful: 4,
                what_next: WhatNext::LearnMore,
            },
            FeedbackRecord {
                event_id: 3,
                at: at(2026, 11, 11, 9),
                useful: 3,
                what_next: WhatNext::NothingYet,
            },
        ],
        readiness_checks: vec![
            (day(2027, 1, 5), 3),
            (day(2027, 2, 1), 2),
            (day(2026, 12, 20), 4),
        ],
        enquiries: vec![
            EnquiryRecord {
                created_at: at(2027, 1, 13, 10),
                role: Advisor,
                source: EnquirySource::Event,
                status: EnquiryStatus::Accepted,
                decided_at: Some(at(2027, 1, 20, 10)),
            },
            EnquiryRecord {
                created_at: at(2027, 2, 10, 10),
                role: Worker,
                source: EnquirySource::ReadinessCheck,
                status: EnquiryStatus::Declined,
                decided_at: Some(at(2027, 2, 12, 10)),
            },
            // Arrived in Q4, accepted in Q1.
            EnquiryRecord {
                created_at: at(2026, 12, 1, 10),
                role: UnionRep,
                source: EnquirySource::EnquiryForm,
                status: EnquiryStatus::Accepted,
                decided_at: Some(at(2027, 1, 4, 10)),
            },
        ],
        cases: vec![
            CaseRecord {
                id: 1,
                pathway: Pathway::Buyout,
                trigger: Trigger::OwnerRetiring,
                opened_at: at(2027, 1, 20, 10),
                status: CaseStatus::Active,
                ended_at: None,
                from_event: true,
            },
            CaseRecord {
                id: 2,
                pathway: Pathway::Startup,
                trigger: Trigger::NewVenture,
                opened_at: at(2026, 10, 15, 10),
                status: CaseStatus::Completed,
                ended_at: Some(at(2027, 2, 28, 10)),
                from_event: false,
            },
            CaseRecord {
                id: 3,
                pathway: Pathway::Buyout,
                trigger: Trigger::Closure,
                opened_at: at(2026, 6, 1, 10),
                status: CaseStatus::Withdrawn,
                ended_at: Some(at(2026, 12, 15, 10)),
                from_event: false,
            },
            CaseRecord {
                id: 4,
                pathway: Pathway::Freelancer,
                trigger: Trigger::NewVenture,
                opened_at: at(2027, 1, 4, 11),
                status: CaseStatus::Active,
                ended_at: None,
                from_event: false,
            },
        ],
        stages: vec![
            StageRecord {
                case_id: 1,
                stage: "Intake".into(),
                started_at: Some(at(2027, 1, 20, 11)),
                completed_at: Some(at(2027, 2, 1, 10)),
            },
            StageRecord {
                case_id: 1,
                stage: "Feasibility".into(),
                started_at: Some(at(2027, 2, 1, 10)),
                completed_at: None,
            },
            StageRecord {
                case_id: 2,
                stage: "Registration".into(),
                started_at: Some(at(2026, 12, 1, 10)),
                completed_at: Some(at(2027, 1, 15, 10)),
            },
        ],
        outcomes: vec![
            outcome(2, at(2027, 1, 15, 10), Outcome::CoopRegistered),
            // Typed again later: still one co-op, on its first date.
            outcome(2, at(2027, 2, 20, 10), Outcome::CoopRegistered),
            outcome(2, at(2027, 2, 1, 10), Outcome::JobsCreated(300)),
            // The same case's jobs again as safeguarded: never both.
            outcome(2, at(2027, 3, 1, 10), Outcome::JobsSafeguarded(200)),
            outcome(1, at(2027, 3, 15, 10), Outcome::JobsSafeguarded(1250)),
            outcome(2, at(2027, 3, 1, 10), Outcome::StartedTrading),
            outcome(2, at(2026, 12, 1, 10), Outcome::Members(5)),
            outcome(2, at(2027, 3, 1, 10), Outcome::Members(7)),
            outcome(2, at(2027, 4, 10, 10), Outcome::Members(9)),
            outcome(1, at(2027, 3, 20, 10), Outcome::Members(12)),
            outcome(1, at(2027, 2, 15, 10), Outcome::CapitalPledged(600_000)),
            outcome(2, at(2027, 3, 1, 10), Outcome::CapitalRaised(250_000)),
            outcome(
                2,
                at(2027, 2, 1, 10),
                Outcome::FinanceRaised(FinanceSource::Loan, 1_000_000),
            ),
            outcome(
                2,
                at(2026, 11, 1, 10),
                Outcome::FinanceRaised(FinanceSource::Grant, 500_000),
            ),
        ],
    }
}

fn q1() -> Period {
    Period::quarter(2027, 1).unwrap()
}

#[test]
fn periods_are_quarters_years_or_any_two_dates() {
    assert_eq!(q1(), Period::between(day(2027, 3, 31), day(2027, 1, 1)));
    assert_eq!(q1().previous(), Period::quarter(2026, 4).unwrap());
    assert_eq!(
        Period::year(2027).unwrap().previous(),
        Period::year(2026).unwrap()
    );
    let ten_days = Period::between(day(2027, 1, 11), day(2027, 1, 20));
    assert_eq!(
        ten_days.previous(),
        Period::between(day(2027, 1, 1), day(2027, 1, 10))
    );
    assert!(Period::quarter(2027, 5).is_none());
    // 23:30 on 31 March 2027 in the UK is 22:30 UTC: still in the first quarter.
    assert!(q1().contains(at(2027, 3, 31, 23) + 30 * 60));
}

#[test]
fn outreach_counts_people_once_and_attendance_not_sign_ups() {
    let m = measure(&fixture(), q1());
    assert_eq!(m.events_held, 2); // E1, E2
    assert_eq!(m.events_by_kind["Webinar"], 1);
    assert_eq!(m.events_by_kind["Course of several sessions"], 1);
    assert_eq!(m.events_by_kind["Workshop"], 0);
    assert_eq!(m.events_by_audience["Business advisors"], 1);
    assert_eq!(m.sessions_held, 2); // s1, s2; s3 is in Q2
    assert_eq!(m.places_offered, 13); // 3 + 10
    assert_eq!(m.places_booked, 6); // E1: 3; E2: 1 + 2 seats
    assert_eq!(m.attendances, 4); // (1,s1) (2,s1) (3,s2) (5,s2)
    assert_eq!(m.people_supported, 4); // 1, 2, 3, 5
    assert_eq!(m.new_people, 3); // 1 first came in Q4
    assert_eq!(m.learning_minutes, 360);
    assert_eq!(m.advisor_organisations_reached, 1); // the hub, however typed
    assert_eq!(m.union_branches_reached, 2);
    assert_eq!(m.feedback_given, 2);
    assert_eq!(m.usefulness_total, 9);
    assert_eq!(m.want_to_talk, 1);

    let q4 = measure(&fixture(), q1().previous());
    assert_eq!(
        (
            q4.events_held,
            q4.attendances,
            q4.people_supported,
            q4.new_people
        ),
        (1, 2, 2, 2)
    );
}

#[test]
fn yearly_new_people_add_up_the_quarters_and_people_are_never_summed() {
    let records = fixture();
    let year = measure(&records, Period::year(2027).unwrap());
    let quarters: Vec<Measures> = (1..=4)
        .map(|q| measure(&records, Period::quarter(2027, q).unwrap()))
        .collect();
    assert_eq!(
        year.new_people,
        quarters.iter().map(|m| m.new_people).sum::<i64>()
    );
    assert_eq!(year.new_people, 3);
    // Person 3 came in Q1 and Q2: 4 + 1 quarterly, but 4 people in the year.
    assert_eq!(quarters[1].people_supported, 1);
    assert_eq!(year.people_supported, 4);
}

#[test]
fn front_door_and_cases_follow_their_dates() {
    let m = measure(&fixture(), q1());
    assert_eq!(m.readiness_checks, 5);
    assert_eq!(m.enquiries, 2);
    assert_eq!(m.enquiries_by_source["From an event"], 1);
    assert_eq!(m.enquiries_by_source["Through the enquiry form"], 0);
    assert_eq!(m.enquiries_by_role["A business advisor"], 1);
    assert_eq!((m.enquiries_accepted, m.enquiries_declined), (2, 1)); // one arrived in Q4
    assert_eq!(m.cases_opened, 2); // cases 1 and 4
    assert_eq!(m.cases_opened_from_events, 1);
    assert_eq!(m.cases_by_pathway["Worker buyout"], 1);
    assert_eq!(m.cases_by_pathway["Worker co-op start-up"], 0);
    assert_eq!(m.cases_by_trigger["A new venture"], 1);
    assert_eq!(m.cases_active, 3); // 1, 2, 4; case 3 ended in Q4
    assert_eq!(m.stages_reached["Intake"], 1);
    assert_eq!(m.stages_reached["Feasibility"], 1);
    assert_eq!(m.gates_passed, 2);
    assert_eq!((m.cases_completed, m.cases_withdrawn), (1, 0));

    let q4 = measure(&fixture(), q1().previous());
    assert_eq!(
        (q4.cases_opened, q4.cases_active, q4.cases_withdrawn),
        (1, 2, 1)
    );
    assert_eq!(q4.readiness_checks, 4);
}

#[test]
fn outcomes_count_once_on_the_evidenced_date() {
    let m = measure(&fixture(), q1());
    assert_eq!(m.coops_registered, 1);
    assert_eq!(m.started_trading, 1);
    assert_eq!(m.jobs_created, 300); // case 2, first evidenced as created
    assert_eq!(m.jobs_safeguarded, 1250); // case 1 only
    assert_eq!(m.members_at_end, 19); // case 2: 7 (the April 9 is after), case 1: 12
    assert_eq!(m.capital_pledged, 600_000);
    assert_eq!(m.capital_raised, 250_000);
    assert_eq!(m.finance_by_source["Loans"], 1_000_000);
    assert_eq!(m.finance_by_source["Grants"], 0);
    let q2 = measure(&fixture(), Period::quarter(2027, 2).unwrap());
    assert_eq!(
        q2.coops_registered, 0,
        "the retyped date is not a second co-op"
    );
}

#[test]
fn the_report_compares_with_the_quarter_before_and_says_it_plainly() {
    let report = build(&fixture(), q1());
    let figure = |label: &str| {
        report
            .sections
            .iter()
            .flat_map(|s| s.figures.iter())
            .find(|f| f.label == label)
            .unwrap_or_else(|| panic!("no figure {label}"))
            .clone()
    };
    let people = figure("People supported");
    assert_eq!(
        (people.value, people.previous),
        (Value::Count(4), Value::Count(2))
    );
    assert_eq!(people.change(), "up 2");
    assert!(!people.definition.is_empty());
    assert_eq!(figure("Learning hours").value.display(), "6.0");
    assert_eq!(
        figure("Average usefulness (out of 5)").value.display(),
        "4.5"
    );
    assert_eq!(
        figure("Jobs safeguarded (full-time equivalent)")
            .value
            .display(),
        "12.50"
    );
    assert_eq!(figure("Member capital pledged").value.display(), "£6,000");
    assert_eq!(figure("Member capital pledged").value.raw(), "6000.00");
    assert_eq!(figure("Cases stopped").change(), "down 1");
    assert_eq!(figure("Reached: Registration").previous, Value::Count(1));
    assert_eq!(report.summary[0], "From 1 January 2027 to 31 March 2027 the centre held 2 events (2 sessions) with 4 attendances by 4 people, 3 of them for the first time.");
    assert!(
        report.summary[1].contains("rating the events 4.5 out of 5"),
        "{}",
        report.summary[1]
    );
    assert!(report.summary.iter().any(|l| l == "1 co-op was registered; 12.50 full-time equivalent jobs were safeguarded and 3.00 created."));
    assert!(report
        .summary
        .last()
        .unwrap()
        .contains("people supported went up (from 2 to 4)"));
}
