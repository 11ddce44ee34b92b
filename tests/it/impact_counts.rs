//! The impact report counts each figure in SQL (`repo::impact_counts`); the definitions were
//! first written as counting in memory over every record (`domain::impact::measure`, tested
//! against a fixture worked out by hand). Here both count a varied made-up database, and must
//! agree on every figure of every period, on whichever backend the tests run on.

use chrono::{Datelike, Duration, NaiveDate};
use coopkit::db::entities::{documents, enquiries};
use coopkit::domain::events::london;
use coopkit::domain::impact::{Measures, Period};
use coopkit::domain::user::Role;
use coopkit::services::auth::Actor;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, Statement};

use crate::support::TestApp;

const DAY: i64 = 24 * 60 * 60;

async fn run(app: &TestApp, sql: &str) {
    app.db()
        .execute_unprepared(sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

async fn ints(app: &TestApp, sql: &str, cols: &[&str]) -> Vec<Vec<i64>> {
    let backend = app.db().get_database_backend();
    let rows = app
        .db()
        .query_all_raw(Statement::from_string(backend, sql))
        .await
        .expect("query");
    rows.iter()
        .map(|r| {
            cols.iter()
                .map(|c| {
                    r.try_get::<i64>("", c)
                        .or_else(|_| r.try_get::<i32>("", c).map(i64::from))
                        .expect("an integer")
                })
                .collect()
        })
        .collect()
}

fn day_of(at: i64) -> NaiveDate {
    london::to_local(at).date()
}

/// More than the demonstration data has: cancelled events, organisations typed two ways,
/// more case history (status changes, stages started and signed off), outcome dates of cases
/// still open, enquiries (some from events, some becoming cases), readiness checks and final
/// business plans.
async fn add_history(app: &TestApp) {
    run(
        app,
        "UPDATE events SET status = 'cancelled' WHERE id % 7 = 0",
    )
    .await;
    run(
        app,
        "UPDATE event_people SET organisation = '  LANCS business hub ' WHERE id % 13 = 0",
    )
    .await;
    // Cases put on hold; cases that ended, most with the change in their log (some twice,
    // with a reason that looks like JSON), some without (their last change is taken).
    run(
        app,
        r#"INSERT INTO case_events (case_id, actor_id, kind, summary, data, created_at)
           SELECT id, NULL, 'status_changed', 'changed', '{"from":"active","to":"on_hold"}',
             created_at + 86400
           FROM cases WHERE id % 4 = 0"#,
    )
    .await;
    // The log stays in time order, as it is in use (append-only, stamped when written):
    // each change below comes after the demonstration's own, made at the case's last change.
    // A case withdrawn and then completed ended when it was completed.
    run(
        app,
        r#"INSERT INTO case_events (case_id, actor_id, kind, summary, data, created_at)
           SELECT id, NULL, 'status_changed', 'changed', '{"from":"on_hold","to":"withdrawn"}',
             updated_at + 86400
           FROM cases WHERE id % 8 = 0 AND status = 'completed'"#,
    )
    .await;
    run(
        app,
        r#"INSERT INTO case_events (case_id, actor_id, kind, summary, data, created_at)
           SELECT id, NULL, 'status_changed', 'changed',
             '{"from":"active","reason":"they said \"to\":\"completed\"","to":"' || status || '"}',
             updated_at + (2 + id % 40) * 86400
           FROM cases WHERE status IN ('completed', 'withdrawn') AND id % 3 <> 0"#,
    )
    .await;
    for (filter, data) in [
        ("id % 2 = 0", r#"'{"stage":"' || current_stage || '"}'"#),
        ("id % 17 = 0", r#"'{"stage":"no_such_stage"}'"#),
        ("id % 19 = 0", "'{}'"),
        ("id % 23 = 0", r#"'{"stage":5}'"#),
    ] {
        run(
            app,
            &format!(
                "INSERT INTO case_events (case_id, actor_id, kind, summary, data, created_at)
                 SELECT id, NULL, 'stage_started', 'started', {data},
                   created_at + (id % 60) * 86400 FROM cases WHERE {filter}"
            ),
        )
        .await;
    }
    for (key, signed_off, filter) in [
        ("intake", "created_at + (id % 90) * 86400", "id % 3 = 0"),
        ("feasibility", "NULL", "id % 5 = 0"),
    ] {
        run(
            app,
            &format!(
                "INSERT INTO case_stages (case_id, stage_key, status, checklist, signed_off_at,
                   signoff_note, returned_note, updated_at)
                 SELECT id, '{key}', 'signed_off', '{{}}', {signed_off}, '', '', created_at
                 FROM cases WHERE {filter}"
            ),
        )
        .await;
    }
    outcome_dates(app).await;
    front_door(app).await;
    plans(app).await;
}

/// Registration dates for some cases that have not completed (yet), trading starts for half of
/// them, and cleared answers ("null").
async fn outcome_dates(app: &TestApp) {
    let cases = ints(
        app,
        "SELECT id, CASE WHEN status = 'completed' THEN 1 ELSE 0 END AS done, updated_at \
         FROM cases ORDER BY id",
        &["id", "done", "updated_at"],
    )
    .await;
    let mut values = Vec::new();
    // Completed demonstration cases have theirs already.
    for c in cases.iter().filter(|c| c[1] == 0) {
        let (id, updated) = (c[0], c[2]);
        if id % 29 == 0 {
            values.push(format!("({id}, 'registered', 'null', 1, {updated})"));
            continue;
        }
        if id % 6 != 0 {
            continue;
        }
        let registered = day_of(updated - (id % 30 - 10) * DAY);
        values.push(format!(
            "({id}, 'registered', '\"{registered}\"', 1, {updated})"
        ));
        if id % 2 == 0 {
            let trading = registered + Duration::days(id % 50);
            values.push(format!(
                "({id}, 'trading_start', '\"{trading}\"', 1, {updated})"
            ));
        }
    }
    for chunk in values.chunks(100) {
        run(
            app,
            &format!(
                "INSERT INTO case_answers (case_id, question_key, value, version, updated_at) VALUES {}",
                chunk.join(", ")
            ),
        )
        .await;
    }
}

/// Enquiries of every role, source and status; some come from an event's sign-up, some are
/// decided, some become cases.
async fn front_door(app: &TestApp) {
    let now = app.clock.now();
    let statuses = ["new", "in_progress", "accepted", "declined"];
    let roles = coopkit::domain::enquiry::EnquiryRole::ALL;
    for i in 0..60i64 {
        let status = statuses[(i % 4) as usize];
        let created = now - ((i * 37) % 700) * DAY;
        let decided = matches!(status, "accepted" | "declined").then_some(created + (i % 20) * DAY);
        enquiries::ActiveModel {
            name: Set(format!("Enquirer {i}")),
            email: Set(format!("enquirer{i}@example.org")),
            phone: Set(String::new()),
            organisation: Set(String::new()),
            role: Set(roles[(i as usize) % roles.len()].as_str().into()),
            situation: Set("We want to talk about a co-op.".into()),
            readiness: Set((i % 3 == 0).then(|| "{}".to_string())),
            status: Set(status.into()),
            decline_reason: Set(String::new()),
            case_id: Set((status == "accepted").then_some(i + 1)),
            invitation_id: Set(None),
            version: Set(1),
            created_at: Set(created),
            updated_at: Set(created),
            decided_at: Set(decided),
            ..Default::default()
        }
        .insert(app.db())
        .await
        .expect("an enquiry");
    }
    let first = ints(app, "SELECT MIN(id) AS n FROM enquiries", &["n"]).await[0][0];
    run(
        app,
        &format!("UPDATE event_registrations SET enquiry_id = {first} + id % 60 WHERE id % 23 = 0"),
    )
    .await;
    let today = day_of(now);
    for back in [0i64, 3, 40, 100, 200, 380, 500] {
        let day = today - Duration::days(back);
        run(
            app,
            &format!(
                "INSERT INTO readiness_check_counts (day, completed) VALUES ('{day}', {})",
                back % 7 + 1
            ),
        )
        .await;
    }
}

/// Final business plans with money received: two versions for one case (only the latest
/// counts), a draft (never counts), and a plan whose answers no longer read.
async fn plans(app: &TestApp) {
    let path = format!(
        "{}/docs/examples/business-plan.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("example")).expect("json");
    for source in plan["sources"].as_array_mut().expect("sources") {
        source["status"] = "drawn".into();
    }
    let plan = plan.to_string();
    let user = ints(app, "SELECT MIN(id) AS n FROM users", &["n"]).await[0][0];
    let now = app.clock.now();
    for (case_id, version, draft, back, answers) in [
        (1i64, 1, false, 300i64, plan.as_str()),
        (1, 2, false, 20, plan.as_str()),
        (2, 1, false, 100, plan.as_str()),
        (3, 1, true, 10, plan.as_str()),
        (4, 1, false, 50, "{\"old\": true}"),
        (5, 1, false, 400, plan.as_str()),
    ] {
        documents::ActiveModel {
            case_id: Set(case_id),
            kind: Set("business_plan".into()),
            version: Set(version),
            draft: Set(draft),
            coop_name: Set("Test Co-op".into()),
            content_hash: Set(format!("{case_id}-{version}")),
            answers: Set(answers.into()),
            markup: Set(String::new()),
            pdf: Set(Vec::new()),
            page_count: Set(1),
            published: Set(false),
            created_by: Set(user),
            created_at: Set(now - back * DAY),
            ..Default::default()
        }
        .insert(app.db())
        .await
        .expect("a plan");
    }
}

/// Quarters back over the demonstration's two years, two calendar years, and any two dates.
fn periods(today: NaiveDate) -> Vec<Period> {
    let mut periods = Vec::new();
    let (mut year, mut quarter) = (today.year(), today.month0() / 3 + 1);
    for _ in 0..9 {
        periods.extend(Period::quarter(year, quarter));
        if quarter == 1 {
            (year, quarter) = (year - 1, 4);
        } else {
            quarter -= 1;
        }
    }
    periods.extend(Period::year(today.year()));
    periods.extend(Period::year(today.year() - 1));
    periods.push(Period::between(today - Duration::days(45), today));
    periods.push(Period::between(today - Duration::days(364), today));
    periods
}

#[rocket::async_test]
async fn the_counts_in_sql_match_the_definitions_counted_over_every_record() {
    let app = TestApp::spawn().await;
    let env = app.env();
    coopkit::services::demo::fill(app.db(), &app.clock, env.library, "TEST", 240)
        .await
        .expect("demonstration cases");
    coopkit::services::demo_events::fill(app.db(), &app.clock, 40)
        .await
        .expect("demonstration events");
    add_history(&app).await;
    let actor = Actor {
        id: 0,
        email: "sam@example.org".into(),
        name: "Sam".into(),
        role: Role::Staff,
        session_id: 0,
        csrf_token: String::new(),
    };
    let mut seen = Vec::<Measures>::new();
    for period in periods(day_of(app.clock.now())) {
        let report = coopkit::services::impact::report(&env, &actor, period)
            .await
            .expect("counted in SQL");
        let (now, before) = coopkit::services::impact_reference::measures(&env, &actor, period)
            .await
            .expect("counted in memory");
        assert_eq!(report.now, now, "{period:?}");
        assert_eq!(report.before, before, "before {period:?}");
        seen.push(now);
    }
    // The data gives every kind of figure something to count, so agreeing means something.
    let some = |f: fn(&Measures) -> i64| seen.iter().any(|m| f(m) > 0);
    assert!(some(|m| m.events_held));
    assert!(some(|m| m.places_booked));
    assert!(some(|m| m.new_people));
    assert!(some(|m| m.advisor_organisations_reached));
    assert!(some(|m| m.want_to_talk));
    assert!(some(|m| m.readiness_checks));
    assert!(some(|m| m.enquiries_accepted));
    assert!(some(|m| m.cases_opened_from_events));
    assert!(some(|m| m.gates_passed));
    assert!(some(|m| m.stages_reached.len() as i64));
    assert!(some(|m| m.cases_withdrawn));
    assert!(some(|m| m.cases_completed_registered));
    assert!(some(|m| m.cases_completed_trading));
    assert!(some(|m| m.jobs_safeguarded));
    assert!(some(|m| m.jobs_created));
    assert!(some(|m| m.members_at_end));
    assert!(some(|m| m.founding_members));
    assert!(some(|m| m.capital_raised));
    assert!(some(|m| m.finance_by_source.values().sum()));
}
