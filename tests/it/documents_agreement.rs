//! Rules and business plan of one case are checked against each other: a mismatch blocks
//! the final version of both, names the answer that fixes it, and shows in both documents.

use coopkit::db::repo;
use coopkit::domain::user::Role;
use rocket::http::Status;
use serde_json::{Map, Value};

use crate::support::TestApp;

fn example(name: &str) -> Map<String, Value> {
    let path = format!("{}/docs/examples/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("example")).expect("json")
}

async fn seed(app: &TestApp, case_id: i64, kind: &str, answers: &Map<String, Value>, by: i64) {
    let current = repo::documents::answers(app.db(), case_id, kind)
        .await
        .expect("read answers")
        .map_or(0, |a| a.version);
    let json = Value::Object(answers.clone()).to_string();
    let saved =
        repo::documents::save_answers(app.db(), case_id, kind, &json, current, by, app.clock.now())
            .await
            .expect("save answers");
    assert!(saved);
}

const BORROWING: &str =
    "The plan borrows £478,000.00, but the rules let the co-op owe at most £150,000.00";
const FOUNDERS: &str = "The rules name 5 founder members, who all join and pay in, but the plan counts on only 4 members.";

#[rocket::async_test]
async fn a_plan_that_disagrees_with_the_rules_blocks_both_final_versions_with_links_to_the_fix() {
    let app = TestApp::spawn().await;
    let rep = app.signed_in_as(Role::Rep, "rep@example.org").await;
    let case = app.open_case("Ribbleton Print Works").await;
    let mut rules = example("rules-society");
    rules.insert("borrowing_mode".into(), Value::from("cap"));
    seed(&app, case, "rules", &rules, rep).await;

    // With no plan yet, the rules alone are ready to file.
    let (status, _, _) = app.make_document(case, "rules", false).await;
    assert_eq!(status, Status::SeeOther);

    let mut plan = example("business-plan");
    plan.insert("members_pledged".into(), Value::from(4));
    seed(&app, case, "business_plan", &plan, rep).await;

    let (status, _, body) = app.make_document(case, "rules", true).await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(body.contains(BORROWING), "{body}");
    assert!(body.contains(FOUNDERS));
    // The borrowing maximum is a rules answer; the members counted on are the plan's.
    assert!(body.contains(&format!("/cases/{case}/documents/rules/")));
    assert!(body.contains("#borrowing_cap_pence"));
    assert!(body.contains(&format!(
        "/cases/{case}/documents/business-plan/bp_members#members_pledged"
    )));

    let (status, _, body) = app.make_document(case, "business_plan", true).await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(body.contains(BORROWING), "{body}");
    assert!(body.contains(FOUNDERS));
    assert!(body.contains("#borrowing_cap_pence"));

    // Both drafts say so in their own check.
    let (_, location, _) = app.make_document(case, "rules", false).await;
    let (_, draft) = app.page(&location).await;
    assert!(draft.contains("Agreement with the business plan"));
    assert!(draft.contains("Not ready to file"));
    let (_, location, _) = app.make_document(case, "business_plan", false).await;
    let (_, draft) = app.page(&location).await;
    assert!(draft.contains("Agreement with the rules"));
    assert!(draft.contains("the rules let the co-op owe at most £150,000.00"));

    // Fixed on both sides: members approve borrowing above the board's limit, and the plan
    // counts on every worker. What is left is a warning, and the rules can be filed.
    rules.insert("borrowing_mode".into(), Value::from("gm_above_cap"));
    seed(&app, case, "rules", &rules, rep).await;
    plan.insert("members_pledged".into(), Value::from(24));
    seed(&app, case, "business_plan", &plan, rep).await;
    let (status, location, body) = app.make_document(case, "rules", true).await;
    assert_eq!(status, Status::SeeOther, "{body}");
    let (_, version) = app.page(&location).await;
    assert!(version.contains("a general meeting must approve the rest by ordinary resolution"));
}
