//! The education centre's overview: the dashboard, case list filters and paging, and the CSV
//! export. One case's work (notes, tasks, status, timeline, people) is in centre_case_work.rs.

// A panic in a test is a failed test with its line, which is what we want.
#![allow(clippy::unwrap_used)]

use coopkit::db::entities::cases;
use coopkit::db::repo;
use coopkit::domain::case::{NewCase, Pathway, Trigger};
use coopkit::domain::user::Role;
use rocket::http::Status;
use sea_orm::{ActiveModelTrait, ActiveValue::Set};

use crate::support::TestApp;

/// Puts a case straight into the database, as the demo command does, for speed.
pub async fn seed_case(
    app: &TestApp,
    n: usize,
    pathway: Pathway,
    status: &str,
    stage: &str,
    by: i64,
) -> cases::Model {
    let case = NewCase {
        name: format!("Works {n:04}"),
        pathway,
        sector: if n.is_multiple_of(2) {
            "Printing".into()
        } else {
            "Care".into()
        },
        employer: format!("Employer {n}"),
        union_name: "Unite".into(),
        union_branch: String::new(),
        worker_count: 10,
        trigger: if n.is_multiple_of(3) {
            Trigger::Closure
        } else {
            Trigger::OwnerRetiring
        },
        description: String::new(),
    };
    let now = app.clock.now() - n as i64;
    let model = repo::cases::insert(app.db(), &case, &format!("SEED-{n:05}"), by, now)
        .await
        .expect("seed");
    let mut active: cases::ActiveModel = model.into();
    active.status = Set(status.into());
    active.current_stage = Set(stage.into());
    active.update(app.db()).await.expect("seed update")
}

/// A page's HTML, asserting it was served.
pub async fn body(app: &TestApp, path: &str) -> String {
    let (status, body) = app.page(path).await;
    assert_eq!(status, Status::Ok, "{path}");
    body
}

#[rocket::async_test]
async fn a_rep_never_sees_the_dashboard_but_staff_do() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    assert_eq!(app.page("/dashboard").await.0, Status::Forbidden);
    app.sign_out().await;
    let staff = app.signed_in_as(Role::Staff, "staff@example.org").await;
    seed_case(&app, 1, Pathway::Buyout, "active", "explore", staff).await;
    seed_case(&app, 2, Pathway::Buyout, "active", "explore", staff).await;
    seed_case(&app, 3, Pathway::Buyout, "withdrawn", "explore", staff).await;
    let page = body(&app, "/dashboard").await;
    assert!(page.contains("<svg class=\"chart\""), "a chart is drawn");
    assert!(
        page.contains("Worker buyout: 2 open"),
        "withdrawn cases are not counted"
    );
    assert!(
        page.contains("<td class=\"num\">2</td>"),
        "the numbers are also in a table"
    );
    assert!(!page.contains("style="), "no inline styles (CSP)");
}

#[rocket::async_test]
async fn the_dashboard_shows_what_needs_staff_today() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in_as(Role::Staff, "sam@example.org").await;
    let quiet = seed_case(&app, 1, Pathway::Buyout, "active", "intake", staff).await;
    app.clock.advance(31 * 24 * 3600);
    app.sign_in("sam@example.org").await;
    let mine = app.open_case("Mine Works").await;
    let waiting = seed_case(&app, 2, Pathway::Startup, "active", "intake", staff).await;
    let mut w: cases::ActiveModel = waiting.clone().into();
    w.awaiting_signoff_since = Set(Some(app.clock.now()));
    w.update(app.db()).await.expect("mark waiting");

    app.page(&format!("/cases/{mine}/tasks")).await;
    let version = repo::cases::find(app.db(), mine)
        .await
        .unwrap()
        .unwrap()
        .version
        .to_string();
    let response = app
        .post_form(
            &format!("/cases/{mine}/advisor"),
            &[("version", &version), ("advisor", &staff.to_string())],
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let yesterday = (app.clock.today() - chrono::Duration::days(1))
        .format("%Y-%m-%d")
        .to_string();
    let response = app
        .post_form(
            &format!("/cases/{mine}/tasks"),
            &[
                ("title", "Ring the owner"),
                ("due_on", &yesterday),
                ("assignee", ""),
            ],
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);

    let page = body(&app, "/dashboard").await;
    let waiting_at = page.find("Waiting for sign-off").unwrap();
    assert!(page[waiting_at..].contains(&waiting.name));
    assert!(page.contains("Ring the owner"));
    assert!(page.contains("Overdue"));
    let quiet_at = page.find("No activity for 30 days</h2>").unwrap();
    assert!(
        page[quiet_at..].contains(&quiet.name),
        "the quiet case is listed"
    );
    let mine_at = page.find("My cases</h2>").unwrap();
    assert!(page[mine_at..].contains("Mine Works"));
}

#[rocket::async_test]
async fn the_list_filters_searches_and_pages_through_hundreds_of_cases() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in_as(Role::Staff, "staff@example.org").await;
    for n in 0..240 {
        let (pathway, status) = match n % 4 {
            0 => (Pathway::Buyout, "active"),
            1 => (Pathway::Startup, "on_hold"),
            2 => (Pathway::Freelancer, "completed"),
            _ => (Pathway::Buyout, "withdrawn"),
        };
        seed_case(&app, n, pathway, status, "intake", staff).await;
    }
    // 60 active buyouts: two pages of 50 + 10, none repeated.
    let first = body(&app, "/cases?pathway=buyout&status=active").await;
    assert_eq!(first.matches("SEED-").count(), 50);
    let next = first
        .split("href=\"/cases?")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a next page")
        .replace("&amp;", "&")
        .replace("&#x3D;", "=");
    assert!(
        next.contains("status=active"),
        "the next page keeps the filters: {next}"
    );
    let second = body(&app, &format!("/cases?{next}")).await;
    assert_eq!(second.matches("SEED-").count(), 10);
    assert!(!second.contains("Next page"));
    assert!(
        !second.contains("SEED-00000<"),
        "page 2 does not repeat page 1's first case"
    );
    assert!(first.contains("SEED-00000<"), "the newest case is first");

    let printing = body(&app, "/cases?sector=Printing&status=active").await;
    assert_eq!(printing.matches("SEED-").count(), 50);
    let search = body(&app, "/cases?q=seed-00013").await;
    assert_eq!(search.matches("SEED-").count(), 1);
    assert!(search.contains("Works 0013"));
    let words = body(&app, "/cases?q=137+EMPLOYER").await;
    assert_eq!(
        words.matches("SEED-").count(),
        1,
        "every word must match, in any case"
    );
    assert!(words.contains("Works 0137"));
    let closure = body(&app, "/cases?trigger=closure&pathway=freelancer").await;
    assert_eq!(
        closure.matches("SEED-").count(),
        20,
        "every third freelancer case is a closure"
    );
    let by_name = body(&app, "/cases?sort=name&status=on_hold&advisor=none").await;
    assert!(by_name.find("Works 0001").unwrap() < by_name.find("Works 0005").unwrap());
    // The filter form shows what was chosen, so the next search starts from it.
    for chosen in [
        "<option value=\"on_hold\" selected>On hold</option>",
        "<option value=\"none\" selected>Nobody yet</option>",
        "<option value=\"name\" selected>Name, A to Z</option>",
        "<option value=\"\">Anyone</option>",
        "<option value=\"\">Last change, newest first</option>",
    ] {
        assert!(by_name.contains(chosen), "{chosen}");
    }
    let nobody = body(&app, "/cases?advisor=me").await;
    assert!(nobody.contains("No cases match these filters"));
}

#[rocket::async_test]
async fn reps_see_only_their_cases_in_the_list() {
    let app = TestApp::spawn().await;
    let staff = app.create_user(Role::Staff, "staff@example.org").await;
    seed_case(&app, 1, Pathway::Buyout, "active", "intake", staff).await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    app.open_case("Rep Works").await;
    let list = body(&app, "/cases?pathway=buyout").await;
    assert!(list.contains("Rep Works"));
    assert!(!list.contains("SEED-00001"));
    assert_eq!(app.page("/cases/export.csv").await.0, Status::Forbidden);
}

#[rocket::async_test]
async fn the_csv_export_defuses_formulas() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Staff, "staff@example.org").await;
    for name in [
        "=HYPERLINK(\"x\")",
        "+44 Works",
        "-Minus Works",
        "@Mention Works",
        "Plain, Works",
    ] {
        app.open_case(name).await;
    }
    let response = app.get("/cases/export.csv").await;
    assert_eq!(response.status(), Status::Ok);
    assert!(response
        .headers()
        .get_one("Content-Disposition")
        .unwrap()
        .contains("attachment"));
    let csv = response.into_string().await.unwrap();
    assert!(csv.starts_with("Reference,Name,"));
    assert!(csv.contains(",\"'=HYPERLINK(\"\"x\"\")\","), "{csv}");
    assert!(csv.contains(",'+44 Works,"));
    assert!(csv.contains(",'-Minus Works,"));
    assert!(csv.contains(",'@Mention Works,"));
    assert!(csv.contains(",\"Plain, Works\","));
    let filtered = app
        .get("/cases/export.csv?q=plain")
        .await
        .into_string()
        .await
        .unwrap();
    assert_eq!(
        filtered.lines().count(),
        2,
        "the header and the one matching case"
    );
}
