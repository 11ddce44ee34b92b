//! The public readiness summary PDF needs no account, so each address may download it only so
//! often (counted in the database, so every server sharing it counts together).

use chrono::Days;
use rocket::futures::future::join_all;
use rocket::http::Status;

use crate::support::TestApp;

fn full_query(app: &TestApp) -> String {
    let start = app
        .clock
        .today()
        .checked_sub_days(Days::new(9))
        .expect("a date");
    format!(
        "situation=redundancies_proposed&people=25&sector=manufacturing&union=unite&interest=most&aim=workers&profit=yes&timescale=already_happening&accounts=seen&consultation_start={}",
        start.format("%Y-%m-%d")
    )
}

async fn download(app: &TestApp, query: &str, from: &str) -> (Status, String) {
    let response = app
        .client
        .get(format!("/check/summary.pdf?{query}"))
        .remote(from.parse().expect("an address"))
        .dispatch()
        .await;
    let status = response.status();
    let bytes = response.into_bytes().await.unwrap_or_default();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

#[rocket::async_test]
async fn an_address_gets_twenty_summaries_in_ten_minutes_then_a_page_saying_to_wait() {
    let app = TestApp::spawn().await;
    // Incomplete answers are refused (422) without making a PDF, but they count too.
    for _ in 0..20 {
        let (status, _) = download(&app, "situation=new_idea", "192.0.2.1:5000").await;
        assert_eq!(status, Status::UnprocessableEntity);
    }
    let query = full_query(&app);
    let (status, body) = download(&app, &query, "192.0.2.1:5001").await;
    assert_eq!(status, Status::TooManyRequests);
    assert!(body.contains("Please wait a few minutes"), "{body}");
    assert!(body.contains("Wait ten minutes"), "{body}");

    // Someone else is not held up.
    let (status, body) = download(&app, &query, "198.51.100.7:5000").await;
    assert_eq!(status, Status::Ok);
    assert!(body.starts_with("%PDF-"));

    app.clock.advance(10 * 60 + 1);
    let (status, body) = download(&app, &query, "192.0.2.1:5002").await;
    assert_eq!(
        status,
        Status::Ok,
        "after the window the summary comes again"
    );
    assert!(body.starts_with("%PDF-"));
}

#[rocket::async_test]
async fn a_burst_of_downloads_from_one_address_makes_at_most_twenty() {
    let app = TestApp::spawn().await;
    let results = join_all((0..60).map(|i| {
        download(
            &app,
            "situation=new_idea",
            if i % 2 == 0 {
                "192.0.2.9:1"
            } else {
                "192.0.2.9:2"
            },
        )
    }))
    .await;
    let served = results
        .iter()
        .filter(|(s, _)| *s == Status::UnprocessableEntity)
        .count();
    let refused = results
        .iter()
        .filter(|(s, _)| *s == Status::TooManyRequests)
        .count();
    assert_eq!(served + refused, 60, "only 422 or 429");
    assert!(served <= 20, "{served} of 60 went through");
}
