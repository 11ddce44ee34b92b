//! The smaller things a rep and staff tripped over in issue 17 (point 12), each as a user sees
//! it: exports that say what they mean, "Last change" that follows every change, logs that
//! tell a refusal from a fault.

// Tests may unwrap: a panic there is a failed test with its line.
#![allow(clippy::unwrap_used)]

use coopkit::domain::user::Role;
use rocket::http::Status;

use crate::support::TestApp;

#[rocket::async_test]
async fn the_csv_export_names_the_stage_as_people_read_it() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Staff, "staff@example.org").await;
    app.open_case("Ribble Works").await;
    let response = app.get("/cases/export.csv").await;
    assert_eq!(response.status(), Status::Ok);
    let csv = response.into_string().await.unwrap();
    let row = csv.lines().nth(1).unwrap();
    assert!(row.contains(",Trigger and intake,"), "{row}");
    assert!(!row.contains(",intake,"), "{row}");
}
