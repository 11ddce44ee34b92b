//! The per-address limits share one table of hits, told apart by counter: each limit must count
//! only its own requests, and a window that has passed must let people in again and delete the
//! hits it no longer needs.

use coopkit::db::entities::rate_limit_hits;
use coopkit::services::enquiries::{MAX_PER_WINDOW, RATE_WINDOW_SECS};
use rocket::http::Status;
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::support::TestApp;

async fn send_enquiry(app: &TestApp, name: &str) -> (Status, String) {
    app.page("/enquire").await;
    let response = app
        .post_form(
            "/enquire",
            &[
                ("name", name),
                ("email", "amira@example.org"),
                ("organisation", "Ribble Print"),
                ("role", "union_rep"),
                ("situation", "The owner is retiring next spring."),
                ("consent", "yes"),
            ],
        )
        .await;
    let status = response.status();
    (status, response.into_string().await.unwrap_or_default())
}

async fn hits(app: &TestApp) -> u64 {
    rate_limit_hits::Entity::find()
        .count(app.db())
        .await
        .expect("count hits")
}

#[rocket::async_test]
async fn the_enquiry_limit_counts_enquiries_only_and_lets_people_in_after_its_window() {
    let app = TestApp::spawn().await;
    // Hits on another counter from the same address: were the counts shared, these would use
    // up the enquiry limit before the first enquiry.
    for _ in 0..MAX_PER_WINDOW {
        let summary = app.get("/check/summary.pdf?situation=new_idea").await;
        assert_ne!(summary.status(), Status::TooManyRequests);
    }
    for n in 0..MAX_PER_WINDOW {
        let (status, _) = send_enquiry(&app, &format!("Amira {n}")).await;
        assert_eq!(status, Status::SeeOther, "enquiry {n} is accepted");
    }
    let (status, page) = send_enquiry(&app, "Amira Over").await;
    assert_eq!(status, Status::TooManyRequests);
    assert!(page.contains("which is our limit to keep out spam"));
    assert!(
        page.contains("value=\"Amira Over\""),
        "what was typed is kept"
    );

    app.clock.advance(RATE_WINDOW_SECS + 1);
    let (status, _) = send_enquiry(&app, "Amira Later").await;
    assert_eq!(status, Status::SeeOther, "the window has passed");

    // The daily tidy-up deletes enquiry hits older than a day and nothing else.
    let before = hits(&app).await;
    app.clock.advance(24 * 60 * 60);
    coopkit::services::enquiries::purge(app.db(), &app.clock, 30)
        .await
        .expect("tidy up");
    let after = hits(&app).await;
    assert_eq!(
        before - after,
        MAX_PER_WINDOW,
        "the first enquiries' hits, now over a day old, go; the later one stays, and the \
         summary hits are another counter's to forget"
    );
}

/// The four tables each limit used to keep became counters of one; hits still inside their
/// window when the server was upgraded must keep counting.
#[rocket::async_test]
async fn hits_from_the_old_tables_keep_counting_after_the_upgrade() {
    use migration::{Migrator, MigratorTrait};
    use sea_orm::ConnectionTrait;

    let app = TestApp::spawn().await;
    let db = app.db();
    let steps = Migrator::migrations()
        .iter()
        .rev()
        .position(|m| m.name() == "m20261130_000300_one_rate_limit_table")
        .map(|p| u32::try_from(p + 1).expect("a few"));
    Migrator::down(db, steps).await.expect("down");
    let now = app.clock.now();
    // The address the test client is seen from (it has none).
    let address = "unknown";
    for _ in 0..MAX_PER_WINDOW {
        db.execute_unprepared(&format!(
            "INSERT INTO enquiry_attempts (address, at) VALUES ('{address}', {now})"
        ))
        .await
        .expect("an old enquiry hit");
    }
    db.execute_unprepared(&format!(
        "INSERT INTO reset_requests (email_hash, address, at) VALUES ('abc', '{address}', {now})"
    ))
    .await
    .expect("an old reset request");
    Migrator::up(db, None).await.expect("up again");

    assert_eq!(
        hits(&app).await,
        MAX_PER_WINDOW + 2,
        "one hit per counter per old row"
    );
    let (status, _) = send_enquiry(&app, "Amira After").await;
    assert_eq!(
        status,
        Status::TooManyRequests,
        "the enquiries sent before the upgrade still count"
    );
}
