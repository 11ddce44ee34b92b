//! `coopkit demo --events N`: made-up events with their sessions, sign-ups, registers and
//! feedback, so the impact report can be tried and timed at the size of years of outreach
//! (docs/performance.md). Seeded like the cases, so two runs make the same data.

use rand::{rngs::StdRng, Rng, SeedableRng};
use sea_orm::{sea_query::SimpleExpr, DatabaseConnection};

use crate::clock::Clock;
use crate::db::begin_write;
use crate::db::repo::bulk::{insert_rows, newest_ids};
use crate::domain::enquiry::EnquiryRole;
use crate::domain::events::feedback::WhatNext;
use crate::domain::events::{Audience, EventKind};
use crate::error::AppResult;

/// Events per transaction.
const BATCH: usize = 500;
const DAY: i64 = 24 * 60 * 60;
const ORGANISATIONS: &[&str] = &[
    "Unite Preston branch",
    "GMB North West",
    "UNISON Lancashire",
    "Lancs Business Hub",
    "Preston Enterprise",
    "Ribble Accountants",
    "UCLan film society",
    "Freelance Preston",
    "",
];

/// How much was made.
pub struct DemoEvents {
    pub events: usize,
    pub sign_ups: usize,
}

pub async fn fill(db: &DatabaseConnection, clock: &Clock, events: usize) -> AppResult<DemoEvents> {
    let mut rng = StdRng::seed_from_u64(2027);
    let tag = super::tokens::random_base64(6)
        .to_lowercase()
        .replace(['-', '_'], "x");
    // About two sign-ups per person: people come back.
    let people = make_people(db, clock, &tag, (events * 8).max(50)).await?;
    let mut made = DemoEvents {
        events: 0,
        sign_ups: 0,
    };
    while made.events < events {
        let count = BATCH.min(events - made.events);
        made.sign_ups += batch(db, clock, &tag, count, made.events, &people, &mut rng).await?;
        made.events += count;
        if made.events.is_multiple_of(2_000) || made.events == events {
            println!("  {} events, {} sign-ups", made.events, made.sign_ups);
        }
    }
    Ok(made)
}

async fn make_people(
    db: &DatabaseConnection,
    clock: &Clock,
    tag: &str,
    count: usize,
) -> AppResult<Vec<i64>> {
    let now = clock.now();
    let roles = EnquiryRole::ALL;
    let mut ids = Vec::with_capacity(count);
    let mut done = 0;
    while done < count {
        let n = 5_000.min(count - done);
        let rows = (done..done + n)
            .map(|i| -> Vec<SimpleExpr> {
                vec![
                    format!("Demo person {i}").into(),
                    format!("person{i}.{tag}@demo.coopkit.invalid").into(),
                    ORGANISATIONS[i % ORGANISATIONS.len()].into(),
                    roles[i % roles.len()].as_str().into(),
                    now.into(),
                    now.into(),
                ]
            })
            .collect();
        let txn = begin_write(db).await?;
        insert_rows(
            &txn,
            "event_people",
            &[
                "name",
                "email",
                "organisation",
                "role",
                "created_at",
                "updated_at",
            ],
            rows,
        )
        .await?;
        ids.extend(newest_ids(&txn, "event_people", n as u64).await?);
        txn.commit().await?;
        done += n;
    }
    Ok(ids)
}

/// One batch of events; returns how many sign-ups it made.
async fn batch(
    db: &DatabaseConnection,
    clock: &Clock,
    tag: &str,
    count: usize,
    before: usize,
    people: &[i64],
    rng: &mut StdRng,
) -> AppResult<usize> {
    let now = clock.now();
    let txn = begin_write(db).await?;
    let mut plans = Vec::with_capacity(count);
    let mut rows = Vec::with_capacity(count);
    for i in 0..count {
        let kind = EventKind::ALL[rng.gen_range(0..EventKind::ALL.len())];
        let audience = Audience::ALL[rng.gen_range(0..Audience::ALL.len())];
        let capacity: i64 = rng.gen_range(8..=40);
        // Over the same years as the demonstration cases (`demo::SPAN_DAYS` back) and three
        // months ahead, at 10:00 or 18:00 UK time (roughly).
        let span = super::demo::SPAN_DAYS;
        let day = now - span * DAY + rng.gen_range(0..span + 90) * DAY;
        let hour: i64 = if rng.gen_bool(0.5) { 9 } else { 17 };
        let start = day - day.rem_euclid(DAY) + hour * 3600;
        let sessions = if kind == EventKind::Course { 3 } else { 1 };
        plans.push((start, sessions, capacity));
        rows.push(vec![
            format!("{} {}", kind.label(), before + i + 1).into(),
            kind.as_str().into(),
            audience.as_str().into(),
            "Preston Co-operative Education Centre".into(),
            "".into(),
            capacity.into(),
            "Demonstration event made by coopkit demo.".into(),
            true.into(),
            "published".into(),
            0i32.into(),
            1i64.into(),
            (start - 30 * DAY).into(),
            (start - 30 * DAY).into(),
        ]);
    }
    insert_rows(
        &txn,
        "events",
        &[
            "title",
            "kind",
            "audience",
            "place",
            "online_link",
            "capacity",
            "description",
            "is_open",
            "status",
            "sequence",
            "version",
            "created_at",
            "updated_at",
        ],
        rows,
    )
    .await?;
    let event_ids = newest_ids(&txn, "events", count as u64).await?;
    let mut sessions = Vec::new();
    for (id, (start, n, _)) in event_ids.iter().zip(&plans) {
        for week in 0..*n {
            let at = start + week * 7 * DAY;
            sessions.push(vec![(*id).into(), at.into(), (at + 2 * 3600).into()]);
        }
    }
    let session_count: usize = plans.iter().map(|p| p.1 as usize).sum();
    insert_rows(
        &txn,
        "event_sessions",
        &["event_id", "starts_at", "ends_at"],
        sessions,
    )
    .await?;
    let session_ids = newest_ids(&txn, "event_sessions", session_count as u64).await?;
    let mut registrations = Vec::new();
    let mut present_plan = Vec::new();
    let mut next_session = 0;
    for (e, (id, (start, n, capacity))) in event_ids.iter().zip(&plans).enumerate() {
        let own_sessions = &session_ids[next_session..next_session + *n as usize];
        next_session += *n as usize;
        let wanted = rng.gen_range(capacity / 2..=capacity + 3);
        let first = rng.gen_range(0..people.len());
        for j in 0..wanted {
            let person = people[(first + j as usize) % people.len()];
            let state = if j >= *capacity {
                "waitlisted"
            } else if rng.gen_bool(0.1) {
                "cancelled"
            } else {
                "registered"
            };
            let active: Option<i64> = (state != "cancelled").then_some(person);
            let queued = start - rng.gen_range(1..30) * DAY;
            registrations.push(vec![
                (*id).into(),
                person.into(),
                state.into(),
                1i32.into(),
                queued.into(),
                active.into(),
                // 64 characters, unique per run (the tag) and per sign-up (the number).
                format!(
                    "d{tag}{:0>width$}",
                    (before + e) * 100 + j as usize,
                    width = 63 - tag.len()
                )
                .into(),
                "".into(),
                "public".into(),
                1i64.into(),
                queued.into(),
                queued.into(),
            ]);
            let past = *start < now;
            present_plan.push((
                state == "registered" && past,
                own_sessions.to_vec(),
                *start,
                *id,
            ));
        }
    }
    let made = registrations.len();
    insert_rows(
        &txn,
        "event_registrations",
        &[
            "event_id",
            "person_id",
            "state",
            "seats",
            "queued_at",
            "active_person",
            "link_token_hash",
            "access_needs",
            "source",
            "version",
            "created_at",
            "updated_at",
        ],
        registrations,
    )
    .await?;
    let registration_ids = newest_ids(&txn, "event_registrations", made as u64).await?;
    let mut attendance = Vec::new();
    let mut feedback = Vec::new();
    for (registration, (attended, own_sessions, start, event)) in
        registration_ids.iter().zip(&present_plan)
    {
        if !attended {
            continue;
        }
        let mut came = false;
        for session in own_sessions {
            let present = rng.gen_bool(0.85);
            came |= present;
            attendance.push(vec![
                (*registration).into(),
                (*session).into(),
                present.into(),
                Option::<i64>::None.into(),
                (start + 3 * 3600).into(),
            ]);
        }
        if came && rng.gen_bool(0.3) {
            let next = WhatNext::ALL[rng.gen_range(0..WhatNext::ALL.len())];
            feedback.push(vec![
                (*event).into(),
                (*registration).into(),
                rng.gen_range(2i16..=5).into(),
                next.as_str().into(),
                "".into(),
                false.into(),
                (start + DAY).into(),
            ]);
        }
    }
    insert_rows(
        &txn,
        "event_attendance",
        &[
            "registration_id",
            "session_id",
            "present",
            "recorded_by",
            "recorded_at",
        ],
        attendance,
    )
    .await?;
    insert_rows(
        &txn,
        "event_feedback",
        &[
            "event_id",
            "registration_id",
            "useful",
            "what_next",
            "comments",
            "may_quote",
            "created_at",
        ],
        feedback,
    )
    .await?;
    txn.commit().await?;
    Ok(made)
}
