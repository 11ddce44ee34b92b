//! The deadline panel shows the notice dates for each way the rules allow a notice to be
//! given, and counts with the notice periods of the case's own draft rules.

use coopkit::db::repo;
use coopkit::domain::user::Role;
use rocket::http::Status;
use serde_json::json;

use crate::support::TestApp;

async fn answer(app: &TestApp, case: i64, by: i64, key: &str, value: serde_json::Value) {
    repo::answers::insert(app.db(), case, key, &value, by, app.clock.now())
        .await
        .expect("an answer");
}

#[rocket::async_test]
async fn meeting_and_expulsion_notices_show_a_date_for_each_way_of_sending() {
    let app = TestApp::spawn().await;
    let rep = app.signed_in_as(Role::Rep, "rep@example.org").await;
    let id = app.open_case("Ribble Print Works").await;
    answer(&app, id, rep, "meeting_date", json!("2026-06-30")).await;
    answer(&app, id, rep, "expulsion_notice_given", json!("2026-06-01")).await;

    let (status, html) = app.page(&format!("/cases/{id}/deadlines")).await;
    assert_eq!(status, Status::Ok);
    // 14 clear days (16–29 June) by default: received by Mon 15 June.
    assert!(
        html.contains("Handed to each member: <strong>Monday 15 June 2026</strong>"),
        "{html}"
    );
    // PATHWAYS.md scenario 10: an email counts as received the day it is sent.
    assert!(html.contains(
        "Emailed (or sent to another electronic address): <strong>Monday 15 June 2026</strong>"
    ));
    assert!(html.contains(
        "Posted to the address in the register: <strong>Saturday 13 June 2026</strong> (a Saturday)"
    ));
    // Expulsion with the model's 21 days: posted 1 June, received the 3rd, meeting the 25th.
    assert!(html.contains("Earliest meeting to vote on expelling a member"));
    assert!(html
        .contains("Posted to the address in the register: <strong>Thursday 25 June 2026</strong>"));

    // The draft rules give 21 clear days' notice and 28 days before an expulsion vote.
    let rules = json!({ "gm_notice_clear_days": "21", "expulsion_notice_days": 28 }).to_string();
    assert!(
        repo::documents::save_answers(app.db(), id, "rules", &rules, 0, rep, app.clock.now())
            .await
            .expect("save")
    );
    let (_, html) = app.page(&format!("/cases/{id}/deadlines")).await;
    // 21 clear days (9–29 June): received by Mon 8 June; posted by Sat 6 June.
    assert!(
        html.contains("Handed to each member: <strong>Monday 8 June 2026</strong>"),
        "{html}"
    );
    assert!(html
        .contains("Posted to the address in the register: <strong>Saturday 6 June 2026</strong>"));
    // 28 days: posted 1 June, received 3 June, 28 clear days 4 June–1 July, meeting 2 July.
    assert!(html
        .contains("Posted to the address in the register: <strong>Thursday 2 July 2026</strong>"));
}

#[rocket::async_test]
async fn an_unpaid_invoice_shows_when_it_is_late_and_the_fixed_sum() {
    let app = TestApp::spawn().await;
    let rep = app.signed_in_as(Role::Rep, "rep@example.org").await;
    let id = app.open_case("Ribble Print Works").await;
    answer(&app, id, rep, "invoice_date", json!("2026-01-30")).await;
    // £2,500.00 is £1,000 or more and under £10,000: a fixed sum of £70.
    answer(&app, id, rep, "invoice_amount", json!(250_000)).await;
    answer(&app, id, rep, "payment_terms_days", json!(60)).await;
    let (_, html) = app.page(&format!("/cases/{id}/deadlines")).await;
    // 30 January + 60 days = 31 March 2026.
    assert!(
        html.contains("Client&#x27;s invoice becomes late")
            || html.contains("Client's invoice becomes late")
    );
    assert!(
        html.contains("<strong>Tuesday 31 March 2026</strong>"),
        "{html}"
    );
    assert!(html.contains("Amount: <strong>£70.00</strong>"));
}
