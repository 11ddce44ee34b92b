//! The impact report beyond the events journey: the PDF with its charts, outcomes read from
//! a case's final business plan, and saved runs that show the same figures later.

use coopkit::db::repo;
use coopkit::domain::user::Role;
use rocket::http::Status;

use crate::support::TestApp;

/// Today and the day after, UK dates, as the report's query.
fn around_today(app: &TestApp) -> String {
    let from = coopkit::domain::events::london::to_local(app.clock.now()).date();
    let to = from + chrono::Duration::days(1);
    format!("from={from}&to={to}")
}

/// The "this period" cell of a figure's row on a report page.
pub(crate) fn figure_on_page(page: &str, label: &str) -> String {
    // The page escapes labels as handlebars does ("Advisors&#x27; organisations reached").
    let label = label.replace('\'', "&#x27;");
    let row = page
        .split("<tr>")
        .find(|r| r.contains(&format!("<td>{label}<br>")))
        .unwrap_or_else(|| panic!("no row {label}"));
    let cell = row.split("<td class=\"num\"").nth(1).expect("a value cell");
    let cell = cell.split_once('>').map_or("", |(_, rest)| rest);
    cell.split("</td>").next().unwrap_or_default().to_string()
}

/// The business plan example with some money marked as received.
pub(crate) fn plan_with_money_received() -> String {
    let path = format!(
        "{}/docs/examples/business-plan.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).expect("example answers");
    let mut plan: serde_json::Value = serde_json::from_str(&text).expect("json");
    for source in plan["sources"].as_array_mut().expect("sources") {
        if matches!(
            source["type"].as_str(),
            Some("member_shares" | "coop_loan_fund")
        ) {
            source["status"] = "drawn".into();
        }
    }
    plan.to_string()
}

#[rocket::async_test]
async fn a_final_business_plan_gives_capital_and_finance_raised() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in_as(Role::Staff, "sam@example.org").await;
    let case = app.open_case("Ribble Print Works").await;
    let saved = repo::documents::save_answers(
        app.db(),
        case,
        "business_plan",
        &plan_with_money_received(),
        0,
        staff,
        app.clock.now(),
    )
    .await
    .expect("save");
    assert!(saved);
    // A draft counts for nothing; only the final version does.
    let (status, _, _) = app.make_document(case, "business_plan", false).await;
    assert_eq!(status, Status::SeeOther);
    let period = around_today(&app);
    let csv = app
        .get(&format!("/reports/impact.csv?{period}"))
        .await
        .into_string()
        .await
        .expect("csv");
    assert!(
        csv.contains("Outcomes,Member capital pledged,0.00,0.00,"),
        "{csv}"
    );

    let (status, _, body) = app.make_document(case, "business_plan", true).await;
    assert_eq!(status, Status::SeeOther, "{body}");
    let csv = app
        .get(&format!("/reports/impact.csv?{period}"))
        .await
        .into_string()
        .await
        .expect("csv");
    // The example: 24 members pledge £2,000 each = £48,000. Members' shares (by default
    // the pledges, £48,000) and the Co-operative Loan Fund's £85,000 are marked received;
    // the seller's deferred payment, Key Fund, Unity Trust and the investor are not.
    for row in [
        "Outcomes,Member capital pledged,48000.00,0.00,",
        "Outcomes,Member capital raised,48000.00,0.00,",
        "Outcomes,Finance raised: Co-operative Loan Fund,85000.00,0.00,",
        "Outcomes,Finance raised: Key Fund,0.00,0.00,",
        "Outcomes,Finance raised: Deferred payment to the seller,0.00,0.00,",
    ] {
        assert!(csv.contains(row), "{row} in\n{csv}");
    }
    let (_, page) = app.page(&format!("/reports/impact?{period}")).await;
    assert_eq!(figure_on_page(&page, "Member capital raised"), "£48,000");
    assert!(
        page.contains("latest final business plan"),
        "the definition is on the page"
    );
    assert!(page.contains("Members pledged £48,000 of their own capital and paid in £48,000; £85,000 of other finance was raised."));
}

#[rocket::async_test]
async fn the_report_is_a_pdf_with_charts() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Staff, "sam@example.org").await;
    let period = around_today(&app);
    let (_, page) = app.page(&format!("/reports/impact?{period}")).await;
    assert!(
        page.contains("/reports/impact.pdf?from"),
        "the page links to the PDF"
    );
    // Each breakdown row reads as a label, not as half a sentence ("From A worker").
    assert_eq!(figure_on_page(&page, "Enquirer: A worker"), "0");
    assert!(!page.contains("<td>From A "), "{page}");
    let response = app.get(&format!("/reports/impact.pdf?{period}")).await;
    assert_eq!(response.status(), Status::Ok);
    let disposition = response
        .headers()
        .get_one("Content-Disposition")
        .unwrap_or_default()
        .to_string();
    assert!(disposition.contains("impact-"), "{disposition}");
    let pdf = response.into_bytes().await.expect("bytes");
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(
        pdf.len() > 10_000,
        "a report with charts, {} bytes",
        pdf.len()
    );

    app.sign_out().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let response = app.get(&format!("/reports/impact.pdf?{period}")).await;
    assert_eq!(
        response.status(),
        Status::Forbidden,
        "reps do not see the programme's figures"
    );
}

#[rocket::async_test]
async fn a_saved_run_shows_the_same_figures_after_the_records_change() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Staff, "sam@example.org").await;
    let period = around_today(&app);
    let today = coopkit::domain::events::london::to_local(app.clock.now())
        .date()
        .format("%Y-%m-%d")
        .to_string();
    repo::impact::add_readiness_check(app.db(), &today)
        .await
        .expect("count");
    let (_, page) = app.page(&format!("/reports/impact?{period}")).await;
    assert!(page.contains("No figures have been saved yet."));
    let (from, to) = period.split_once('&').expect("two dates");
    let response = app
        .post_form(
            "/reports/impact/runs",
            &[
                ("from", from.trim_start_matches("from=")),
                ("to", to.trim_start_matches("to=")),
            ],
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let run = response
        .headers()
        .get_one("Location")
        .expect("the saved run")
        .to_string();
    assert!(run.starts_with("/reports/impact/runs/"), "{run}");

    // Two more checks are completed after the figures were sent.
    for _ in 0..2 {
        repo::impact::add_readiness_check(app.db(), &today)
            .await
            .expect("count");
    }
    let (_, live) = app.page(&format!("/reports/impact?{period}")).await;
    assert_eq!(figure_on_page(&live, "Readiness checks completed"), "3");
    assert!(
        live.contains(&format!("href=\"{run}\"")),
        "the run is listed"
    );
    assert!(live.contains("saved by"));
    let (status, saved) = app.page(&run).await;
    assert_eq!(status, Status::Ok);
    assert_eq!(figure_on_page(&saved, "Readiness checks completed"), "1");
    assert!(saved.contains("They do not change when records do."));
    let (status, _) = app.page("/reports/impact/runs/999999").await;
    assert_eq!(status, Status::NotFound);
}

/// On a phone the figures' four columns were squeezed until numbers broke ("0." over "0",
/// "no ch an ge"). Each value cell now names its column, for the layout that puts the values
/// in a row under the figure's name, and the stylesheet never breaks a value.
#[rocket::async_test]
async fn the_figures_stay_whole_and_named_on_a_phone() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Staff, "sam@example.org").await;
    let (_, page) = app
        .page(&format!("/reports/impact?{}", around_today(&app)))
        .await;
    assert!(page.contains("<td class=\"num\" data-label=\"This period\">0</td>"));
    assert!(page.contains("<td class=\"num\" data-label=\"Before\">0.0</td>"));
    assert!(page.contains("<td class=\"change\" data-label=\"Change\">no change</td>"));
    let css = app
        .get("/static/app.css")
        .await
        .into_string()
        .await
        .expect("the stylesheet");
    assert!(css.contains(
        ".figures-table .num, .figures-table th, .figures-table .change { overflow-wrap: normal; white-space: nowrap; }"
    ));
}
