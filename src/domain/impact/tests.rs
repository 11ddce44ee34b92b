//! The report counted from a small fixture whose figures are worked out by hand in the
//! comments, for the first quarter of 2027 and the quarter before it.

use chrono::NaiveDate;

use super::*;
use crate::domain::events::london;
use crate::domain::finance::inputs::SourceKind;
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
                cancelled: false,
            },
            // E2: a course for union reps starting in Q1 and ending in Q2: held in Q1 only.
            EventRecord {
                id: 2,
                kind: EventKind::Course,
                audience: Audience::UnionReps,
                capacity: 10,
                sessions: vec![s3, s2],
                cancelled: false,
            },
            // E3: a workshop for a case's workers in Q4 2026.
            EventRecord {
                id: 3,
                kind: EventKind::Workshop,
                audience: Audience::CaseWorkers,
                capacity: 8,
                sessions: vec![s4],
                cancelled: false,
            },
            // E4: a drop-in in Q1 that the centre cancelled: not held, so in no figure.
            EventRecord {
                id: 4,
                kind: EventKind::DropIn,
                audience: Audience::Public,
                capacity: 30,
                sessions: vec![at(2027, 2, 20, 10)],
                cancelled: true,
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
            // Booked on the cancelled E4 before it was called off.
            place(4, Cancelled, 1),
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
                stopped_at: None,
            },
            CaseRecord {
                id: 2,
                pathway: Pathway::Startup,
                trigger: Trigger::NewVenture,
                opened_at: at(2026, 10, 15, 10),
                status: CaseStatus::Completed,
                ended_at: Some(at(2027, 2, 28, 10)),
                from_event: false,
                stopped_at: None,
            },
            CaseRecord {
                id: 3,
                pathway: Pathway::Buyout,
                trigger: Trigger::Closure,
                opened_at: at(2026, 6, 1, 10),
                status: CaseStatus::Withdrawn,
                ended_at: Some(at(2026, 12, 15, 10)),
                from_event: false,
                stopped_at: Some("Feasibility".into()),
            },
            CaseRecord {
                id: 4,
                pathway: Pathway::Freelancer,
                trigger: Trigger::NewVenture,
                opened_at: at(2027, 1, 4, 11),
                status: CaseStatus::Active,
                ended_at: None,
                from_event: false,
                stopped_at: None,
            },
            // A buyout opened in Q3 2026 that stopped at its finance stage in Q1.
            CaseRecord {
                id: 5,
                pathway: Pathway::Buyout,
                trigger: Trigger::Closure,
                opened_at: at(2026, 9, 1, 10),
                status: CaseStatus::Withdrawn,
                ended_at: Some(at(2027, 3, 10, 10)),
                from_event: false,
                stopped_at: Some("Business plan and finance".into()),
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
                Outcome::FinanceRaised(SourceKind::CoopLoanFund, 1_000_000),
            ),
            outcome(
                1,
                at(2027, 3, 20, 10),
                Outcome::FinanceRaised(SourceKind::KeyFund, 250_000),
            ),
            outcome(
                1,
                at(2027, 3, 21, 10),
                Outcome::FinanceRaised(SourceKind::CoopLoanFund, 40_000),
            ),
            outcome(
                2,
                at(2026, 11, 1, 10),
                Outcome::FinanceRaised(SourceKind::Grant, 500_000),
            ),
            // Case 2, a start-up, began with 5 members when it registered; typed again
            // later as 6, it still counts once, on the first date.
            outcome(2, at(2027, 1, 15, 10), Outcome::FoundingMembers(5)),
            outcome(2, at(2027, 2, 20, 10), Outcome::FoundingMembers(6)),
            // Case 4, a freelancer co-op, registers in Q2 with 8.
            outcome(4, at(2027, 4, 10, 10), Outcome::FoundingMembers(8)),
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
    assert_eq!(m.events_by_kind["Drop-in"], 0, "E4 was cancelled");
    assert_eq!(m.events_by_audience["Business advisors"], 1);
    assert_eq!(m.sessions_held, 2); // s1, s2; s3 is in Q2; E4 was cancelled
    assert_eq!(m.places_offered, 13); // 3 + 10; not the cancelled E4's 30
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
    assert_eq!(m.cases_active, 4); // 1, 2, 4, 5; case 3 ended in Q4
    assert_eq!(m.stages_reached["Intake"], 1);
    assert_eq!(m.stages_reached["Feasibility"], 1);
    assert_eq!(m.gates_passed, 2);
    assert_eq!((m.cases_completed, m.cases_withdrawn), (1, 1)); // case 2; case 5
    assert_eq!(m.stopped_at["Business plan and finance"], 1); // case 5
    assert!(
        !m.stopped_at.contains_key("Feasibility"),
        "case 3 stopped in Q4"
    );

    // Q4 2026: case 2 opened; active: 2, 3 (ended 15 December) and 5 (opened in Q3).
    let q4 = measure(&fixture(), q1().previous());
    assert_eq!(
        (q4.cases_opened, q4.cases_active, q4.cases_withdrawn),
        (1, 3, 1)
    );
    assert_eq!(q4.stopped_at["Feasibility"], 1);
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
    // Co-operative Loan Fund: case 2's £10,000 (1 Feb) + case 1's £400 (21 Mar).
    assert_eq!(m.finance_by_source["Co-operative Loan Fund"], 1_040_000);
    assert_eq!(m.finance_by_source["Key Fund"], 250_000);
    assert_eq!(m.finance_by_source["Grant"], 0, "the grant came in Q4");
    assert!(
        !m.finance_by_source.contains_key("Members' shares"),
        "members' money is member capital, not finance"
    );
    // Case 2 started with 5 (the 6 typed later is not counted again); case 4 is in Q2.
    assert_eq!(m.founding_members, 5);
    // Case 2 was completed on 28 February, registered on 15 January and trading from
    // 1 March: after closing, but by the quarter's end, so it counts as trading.
    assert_eq!(
        (m.cases_completed_registered, m.cases_completed_trading),
        (1, 1)
    );
    let q2 = measure(&fixture(), Period::quarter(2027, 2).unwrap());
    assert_eq!(
        q2.coops_registered, 0,
        "the retyped date is not a second co-op"
    );
    assert_eq!(q2.founding_members, 8);
    let q4 = measure(&fixture(), q1().previous());
    assert_eq!(q4.finance_by_source["Grant"], 500_000);
    assert_eq!(q4.founding_members, 0);
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
    assert_eq!(figure("Cases stopped").change(), "no change"); // 1 and 1
    assert_eq!(figure("Stopped at: Feasibility").previous, Value::Count(1));
    assert_eq!(figure("Finance raised: Key Fund").value.display(), "£2,500");
    assert_eq!(figure("Reached: Registration").previous, Value::Count(1));
    assert_eq!(report.summary[0], "From 1 January 2027 to 31 March 2027 the centre held 2 events (2 sessions) with 4 attendances by 4 people, 3 of them for the first time.");
    assert!(
        report.summary[1].contains("rating the events 4.5 out of 5"),
        "{}",
        report.summary[1]
    );
    assert!(report.summary.iter().any(|l| l == "1 co-op was registered; 12.50 full-time equivalent jobs were safeguarded and 3 created."));
    assert!(report
        .summary
        .iter()
        .any(|l| l == "1 case was completed (1 with the co-op registered) and 1 stopped."));
    // Pledged £6,000 (case 1); raised £2,500 (case 2); other finance £10,000 + £2,500 + £400.
    assert!(report.summary.iter().any(|l| l == "Members pledged £6,000 of their own capital and paid in £2,500; £12,900 of other finance was raised."), "{:?}", report.summary);
    assert!(report
        .summary
        .last()
        .unwrap()
        .contains("people supported went up (from 2 to 4)"));
}
