//! `coopkit demo --cases N`: fills a database with realistic made-up cases for trying coopkit
//! out and for the speed benchmarks (docs/performance.md). Everything is invented; the random
//! generator is seeded, so two runs make the same data.

use rand::{rngs::StdRng, Rng, SeedableRng};
use sea_orm::{sea_query::SimpleExpr, DatabaseConnection};

use crate::clock::Clock;
use crate::db::begin_write;
use crate::db::repo::{self, bulk::insert_rows};
use crate::domain::case::{format_reference, Pathway, Trigger};
use crate::domain::pathways::PathwayLibrary;
use crate::error::AppResult;

/// Cases per transaction: big enough to amortise each commit, small enough to keep memory low.
const BATCH: usize = 1_000;
const DAY: i64 = 24 * 60 * 60;
/// How far back demonstration cases were opened (and events held, `demo_events`): two years,
/// so a report of a year has the year before to compare with.
pub const SPAN_DAYS: i64 = 730;

const PLACES: &[&str] = &[
    "Ribble",
    "Preston",
    "Fishergate",
    "Avenham",
    "Deepdale",
    "Ashton",
    "Fulwood",
    "Penwortham",
    "Lostock",
    "Walton",
    "Bamber",
    "Longton",
    "Moor Park",
    "Broughton",
    "Ingol",
];
const TRADES: &[(&str, &str)] = &[
    ("Print Works", "Printing"),
    ("Care Services", "Social care"),
    ("Bakery", "Food"),
    ("Engineering", "Manufacturing"),
    ("Cleaning Co", "Cleaning"),
    ("Brewery", "Food and drink"),
    ("Bookshop", "Retail"),
    ("Film Crew", "Film and TV"),
    ("Builders", "Construction"),
    ("Cafe", "Hospitality"),
    ("Couriers", "Transport"),
    ("Software", "Technology"),
];
const UNIONS: &[&str] = &["Unite", "GMB", "UNISON", "Usdaw", "BECTU", "CWU", ""];
const FIRST: &[&str] = &[
    "Alex", "Sam", "Jo", "Priya", "Tom", "Aisha", "Chris", "Dana", "Kieran", "Mei", "Nadia",
    "Owen", "Ruth", "Tariq", "Zoe",
];
const LAST: &[&str] = &[
    "Ashworth",
    "Bibby",
    "Cookson",
    "Dewhurst",
    "Entwistle",
    "Fazackerley",
    "Haworth",
    "Iqbal",
    "Jolly",
    "Kay",
    "Livesey",
    "Mistry",
    "Nuttall",
    "Patel",
    "Singleton",
];
const TASKS: &[&str] = &[
    "Book the first meeting with the owner",
    "Send the workers' survey",
    "Ask for three years of accounts",
    "Check the redundancy consultation dates",
    "Draft the steering group's terms of reference",
    "Call the union's regional officer",
    "Arrange the valuation",
    "Ring the bank about a loan",
];
const EVENTS: &[(&str, &str)] = &[
    ("answers_changed", "Answers saved on the workplace page"),
    ("task_added", "Task added: ring the owner"),
    ("note_added", "Added a note shared with reps"),
    ("member_added", "A rep joined the case"),
    ("document_made", "Feasibility summary drafted"),
    ("stage_submitted", "Stage sent for sign-off"),
    ("stage_signed_off", "Stage signed off by the centre"),
    ("task_done", "Task finished: book the meeting room"),
];

/// How much was made.
pub struct DemoSummary {
    pub cases: usize,
    pub events: usize,
}

struct People {
    advisors: Vec<i64>,
    reps: Vec<i64>,
}

pub async fn fill(
    db: &DatabaseConnection,
    clock: &Clock,
    library: &PathwayLibrary,
    prefix: &str,
    cases: usize,
) -> AppResult<DemoSummary> {
    let mut rng = StdRng::seed_from_u64(2026);
    let people = make_people(db, clock, &mut rng).await?;
    let year = chrono::Datelike::year(&clock.today());
    let mut events = 0;
    let mut done = 0;
    while done < cases {
        let count = BATCH.min(cases - done);
        events += make_batch(db, clock, library, prefix, year, count, &people, &mut rng).await?;
        done += count;
        if done % 10_000 == 0 || done == cases {
            println!("  {done} cases, {events} events");
        }
    }
    Ok(DemoSummary { cases, events })
}

/// Six advisors and fifty reps, with one unusable password (admins send reset links).
async fn make_people(
    db: &DatabaseConnection,
    clock: &Clock,
    rng: &mut StdRng,
) -> AppResult<People> {
    let hash = super::passwords::PasswordHasher::new()?
        .hash(super::tokens::new_token())
        .await?;
    let tag = super::tokens::random_base64(4)
        .to_lowercase()
        .replace(['-', '_'], "x");
    let mut advisors = Vec::new();
    let mut reps = Vec::new();
    for i in 0..56 {
        let (role, kind) = if i < 6 {
            ("staff", "advisor")
        } else {
            ("rep", "rep")
        };
        let name = format!(
            "{} {}",
            FIRST[rng.gen_range(0..FIRST.len())],
            LAST[rng.gen_range(0..LAST.len())]
        );
        let email = format!("{kind}{i}.{tag}@demo.coopkit.invalid");
        let user = repo::users::insert(
            db,
            repo::users::NewUser {
                email: &email,
                name: &name,
                role,
                password_hash: &hash,
            },
            clock.now(),
        )
        .await?;
        if role == "staff" {
            advisors.push(user.id)
        } else {
            reps.push(user.id)
        }
    }
    Ok(People { advisors, reps })
}

struct CaseRow {
    reference: String,
    rep: i64,
    created: i64,
    updated: i64,
    pathway: Pathway,
    status: &'static str,
    stage: String,
}

#[allow(clippy::too_many_arguments)]
async fn make_batch(
    db: &DatabaseConnection,
    clock: &Clock,
    library: &PathwayLibrary,
    prefix: &str,
    year: i32,
    count: usize,
    people: &People,
    rng: &mut StdRng,
) -> AppResult<usize> {
    let now = clock.now();
    let txn = begin_write(db).await?;
    let first = repo::bulk::reserve_reference_numbers(&txn, year, count as i32).await?;
    let mut rows = Vec::with_capacity(count);
    let mut meta = Vec::with_capacity(count);
    for i in 0..count {
        let (row, m) = case_row(library, prefix, year, first + i as i32, now, people, rng);
        rows.push(row);
        meta.push(m);
    }
    insert_rows(&txn, "cases", &CASE_COLUMNS, rows).await?;
    let ids =
        repo::bulk::case_ids(&txn, meta.iter().map(|m| m.reference.clone()).collect()).await?;
    let id_of: std::collections::HashMap<_, _> = ids.into_iter().collect();
    let mut members = Vec::new();
    let mut events = Vec::new();
    let mut tasks = Vec::new();
    let mut answers = Vec::new();
    for m in &meta {
        let id = id_of[&m.reference];
        members.push(vec![
            id.into(),
            m.rep.into(),
            "rep".into(),
            m.created.into(),
        ]);
        for (n, at) in event_times(m, rng).into_iter().enumerate() {
            let (kind, summary) = if n == 0 {
                ("case_opened", "Case opened")
            } else {
                EVENTS[rng.gen_range(0..EVENTS.len())]
            };
            events.push(vec![
                id.into(),
                m.rep.into(),
                kind.into(),
                summary.into(),
                "{}".into(),
                at.into(),
            ]);
        }
        let history = super::demo_history::Case {
            id,
            rep: m.rep,
            pathway: m.pathway,
            status: m.status,
            stage: &m.stage,
            created: m.created,
            updated: m.updated,
        };
        events.extend(super::demo_history::events(&history));
        answers.extend(super::demo_history::outcome_answers(&history));
        let due = (clock.today() + chrono::Duration::days(rng.gen_range(-20..60)))
            .format("%Y-%m-%d")
            .to_string();
        let done: Option<i64> = rng.gen_bool(0.6).then_some(m.updated);
        tasks.push(vec![
            id.into(),
            (*pick(rng, TASKS)).into(),
            due.into(),
            people.advisors[rng.gen_range(0..people.advisors.len())].into(),
            done.into(),
            m.rep.into(),
            1.into(),
            m.created.into(),
            m.updated.into(),
        ]);
    }
    let made = events.len();
    insert_rows(
        &txn,
        "case_members",
        &["case_id", "user_id", "role", "created_at"],
        members,
    )
    .await?;
    insert_rows(
        &txn,
        "case_events",
        &[
            "case_id",
            "actor_id",
            "kind",
            "summary",
            "data",
            "created_at",
        ],
        events,
    )
    .await?;
    insert_rows(
        &txn,
        "case_answers",
        &[
            "case_id",
            "question_key",
            "value",
            "version",
            "updated_by",
            "updated_at",
        ],
        answers,
    )
    .await?;
    insert_rows(
        &txn,
        "tasks",
        &[
            "case_id",
            "title",
            "due_on",
            "assignee_id",
            "done_at",
            "created_by",
            "version",
            "created_at",
            "updated_at",
        ],
        tasks,
    )
    .await?;
    txn.commit().await?;
    Ok(made)
}

const CASE_COLUMNS: [&str; 18] = [
    "reference",
    "name",
    "pathway",
    "sector",
    "employer",
    "union_name",
    "union_branch",
    "worker_count",
    "trigger",
    "description",
    "status",
    "current_stage",
    "advisor_id",
    "created_by",
    "version",
    "created_at",
    "updated_at",
    "awaiting_signoff_since",
];

/// About ten events spread between the case's opening and its last change.
fn event_times(m: &CaseRow, rng: &mut StdRng) -> Vec<i64> {
    let n = rng.gen_range(6..=14);
    let mut times: Vec<i64> = (0..n)
        .map(|i| {
            if i == 0 {
                m.created
            } else {
                rng.gen_range(m.created..=m.updated)
            }
        })
        .collect();
    times.sort_unstable();
    if let Some(last) = times.last_mut() {
        *last = m.updated;
    }
    times
}

fn pick<'a, T>(rng: &mut StdRng, items: &'a [T]) -> &'a T {
    &items[rng.gen_range(0..items.len())]
}

fn case_row(
    library: &PathwayLibrary,
    prefix: &str,
    year: i32,
    number: i32,
    now: i64,
    people: &People,
    rng: &mut StdRng,
) -> (Vec<SimpleExpr>, CaseRow) {
    let pathway = *pick(
        rng,
        &[
            Pathway::Buyout,
            Pathway::Buyout,
            Pathway::Startup,
            Pathway::Freelancer,
        ],
    );
    let stages: Vec<String> = library
        .pathway(pathway.as_str())
        .map(|p| p.stages.iter().map(|s| s.key.clone()).collect())
        .unwrap_or_else(|| vec!["intake".into()]);
    // Earlier stages hold more cases, as in life.
    let stage = stages[(rng.gen_range(0.0f64..1.0).powi(2) * stages.len() as f64) as usize].clone();
    let status = *pick(
        rng,
        &[
            "active",
            "active",
            "active",
            "active",
            "active",
            "active",
            "active",
            "on_hold",
            "completed",
            "withdrawn",
        ],
    );
    let (trade, sector) = *pick(rng, TRADES);
    let place = *pick(rng, PLACES);
    let trigger = if pathway == Pathway::Buyout {
        *pick(
            rng,
            &[
                Trigger::OwnerRetiring,
                Trigger::Sale,
                Trigger::Closure,
                Trigger::Administration,
                Trigger::Redundancies,
            ],
        )
    } else {
        Trigger::NewVenture
    };
    let created = now - rng.gen_range(DAY..SPAN_DAYS * DAY);
    let updated = rng.gen_range(created..now);
    let advisor: Option<i64> = rng.gen_bool(0.85).then(|| *pick(rng, &people.advisors));
    let awaiting: Option<i64> = (status == "active" && rng.gen_bool(0.02)).then_some(updated);
    let reference = format_reference(prefix, year, number);
    let employer = if pathway == Pathway::Buyout {
        format!("{place} {trade} Ltd")
    } else {
        String::new()
    };
    let rep = *pick(rng, &people.reps);
    let row: Vec<SimpleExpr> = vec![
        reference.clone().into(),
        format!("{place} {trade} {number}").into(),
        pathway.as_str().into(),
        sector.into(),
        employer.into(),
        (*pick(rng, UNIONS)).into(),
        String::new().into(),
        rng.gen_range(3..120).into(),
        trigger.as_str().into(),
        "Demonstration case made by coopkit demo.".into(),
        status.into(),
        stage.clone().into(),
        advisor.into(),
        rep.into(),
        1i64.into(),
        created.into(),
        updated.into(),
        awaiting.into(),
    ];
    (
        row,
        CaseRow {
            reference,
            rep,
            created,
            updated,
            pathway,
            status,
            stage,
        },
    )
}
