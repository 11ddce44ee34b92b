//! Issue 17 point 3: the business plan's hints are true whatever order its pages are filled
//! in, a refused save keeps every box as typed, and leaving a page says it does not save.

use coopkit::db::repo;
use coopkit::domain::user::Role;
use rocket::http::Status;

use crate::support::TestApp;

async fn saved_plan(app: &TestApp, case: i64) -> (serde_json::Value, String) {
    let saved = repo::documents::answers(app.db(), case, "business_plan")
        .await
        .expect("read")
        .expect("saved");
    (
        serde_json::from_str(&saved.answers).expect("json"),
        saved.version.to_string(),
    )
}

/// Members' shares left blank, a bank loan with its terms, and a grant.
fn sources(version: &str) -> Vec<(&str, &str)> {
    vec![
        ("answers_version", version),
        ("rows", "6"),
        ("sources[0].type", "member_shares"),
        ("sources[0].label", "Members' shares"),
        ("sources[0].amount", ""),
        ("sources[0].status", "idea"),
        ("sources[1].type", "bank"),
        ("sources[1].label", "Unity term loan"),
        ("sources[1].amount", "50,000"),
        ("sources[1].status", "offer"),
        ("sources[1].rate_pct", "6.5"),
        ("sources[1].term_months", "60"),
        ("sources[1].repayment", "amortising_reducing"),
        ("sources[1].fee_pct", "1.5"),
        ("sources[2].type", "grant"),
        ("sources[2].label", "Start-up grant"),
        ("sources[2].amount", "4,000"),
        ("sources[2].status", "applied"),
    ]
}

fn members(version: &str, pledged: &'static str) -> Vec<(&'static str, String)> {
    vec![
        ("answers_version", version.to_string()),
        ("members_pledged", pledged.to_string()),
        ("pledge_each", "3,000".to_string()),
        ("legal_form", "society_worker".to_string()),
    ]
}

async fn post(app: &TestApp, path: &str, fields: &[(&str, String)]) -> Status {
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_form(path, &borrowed).await.status()
}

#[rocket::async_test]
async fn members_shares_left_blank_use_the_pledges_whichever_page_is_filled_first() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let case = app.open_case("Ribble Print Works").await;
    let plan = |key: &str| format!("/cases/{case}/documents/business-plan/{key}");

    let (_, page) = app.page(&plan("bp_sources")).await;
    assert!(page.contains("the plan then uses the pledges on the Members&#x27; money page"));
    // The sources first, the pledges not given yet: the blank is accepted, as the hint says.
    let response = app.post_form(&plan("bp_sources"), &sources("0")).await;
    assert_eq!(
        response.status(),
        Status::SeeOther,
        "{}",
        response.into_string().await.unwrap_or_default()
    );
    let (json, version) = saved_plan(&app, case).await;
    assert!(
        json["sources"][0].get("amount").is_none(),
        "the blank stays blank"
    );

    // Then the pledges: the blank amount now means 10 × £3,000.
    app.page(&plan("bp_members")).await;
    assert_eq!(
        post(&app, &plan("bp_members"), &members(&version, "10")).await,
        Status::SeeOther
    );
    let (json, version) = saved_plan(&app, case).await;
    let errors = coopkit::domain::finance::parse_inputs(&json).expect_err("later pages are empty");
    assert!(
        errors.iter().all(|e| !e.field.starts_with("sources")),
        "the sources read with the pledges: {errors:?}"
    );

    // With no pledges given, the page says both ways out, by the box, keeping every box typed.
    app.page(&plan("bp_members")).await;
    assert_eq!(
        post(&app, &plan("bp_members"), &members(&version, "0")).await,
        Status::SeeOther
    );
    let (_, version) = saved_plan(&app, case).await;
    app.page(&plan("bp_sources")).await;
    let typed = sources(&version);
    let response = app.post_form(&plan("bp_sources"), &typed).await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
    let html = response.into_string().await.unwrap_or_default();
    assert!(
        html.contains("Enter the amount, or the pledges on the Members&#x27; money page"),
        "{html}"
    );
    assert!(html.contains("href=\"#sources[0].amount\""));
    for (name, value) in typed
        .iter()
        .filter(|(n, v)| n.starts_with("sources[") && !v.is_empty())
    {
        let value = value.replace('\'', "&#x27;");
        let shown = html.contains(&format!("name=\"{name}\"")) && html.contains(&value);
        assert!(shown, "{name} = {value} is not shown again");
    }
    assert!(html.contains("value=\"Unity term loan\""));
    assert!(html.contains("value=\"6.5\""));
}

#[rocket::async_test]
async fn plan_and_rules_pages_say_their_links_do_not_save() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let case = app.open_case("Ribble Print Works").await;
    let (_, page) = app
        .page(&format!("/cases/{case}/documents/business-plan/bp_costs"))
        .await;
    assert!(page.contains("novalidate data-warn-unsaved>"));
    assert!(page.contains("These links do not save this page"));
    assert!(page.contains("<script src=\"/static/warn-unsaved.js\" defer></script>"));
    let script = app.get("/static/warn-unsaved.js").await;
    assert_eq!(script.status(), Status::Ok);
    let text = script.into_string().await.unwrap_or_default();
    assert!(text.contains("beforeunload") && text.contains("form[data-warn-unsaved]"));
}

/// A source's loan terms follow its type: revealed for loans, never checked for shares.
#[rocket::async_test]
async fn loan_terms_follow_the_type_of_source() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let case = app.open_case("Ribble Print Works").await;
    let path = format!("/cases/{case}/documents/business-plan/bp_sources");
    let (_, html) = app.page(&path).await;
    let select = html.find("name=\"sources[0].type\"").expect("type");
    let block = html
        .find("<div class=\"conditional\" id=\"conditional-sources[0].rate_pct\" data-reveal-name=\"sources[0].type\" data-reveal-values=\"member_loans vendor_deferred")
        .expect("loan terms in a block");
    let rate = html.find("name=\"sources[0].rate_pct\"").expect("rate");
    assert!(select < block && block < rate);
    assert!(html.contains(
        "aria-controls=\"conditional-sources[0].rate_pct conditional-sources[0].grant_pct\""
    ));
    assert!(html.contains("For loans only: leave these blank for members&#x27; shares"));

    let response = app
        .post_form(
            &path,
            &[
                ("answers_version", "0"),
                ("rows", "6"),
                ("sources[0].type", "grant"),
                ("sources[0].amount", "4,000"),
                ("sources[0].rate_pct", "lots"),
                ("sources[0].term_months", "forever"),
            ],
        )
        .await;
    assert_eq!(
        response.status(),
        Status::SeeOther,
        "a grant has no loan terms to check"
    );
}
