//! The workers' survey: validation, changing answers until it closes, totals, and privacy
//! (a worker never sees another worker's answers, by any route).

use coopkit::domain::user::Role;
use rocket::http::Status;

use crate::invitations::{accept_as_new, invite};
use crate::support::TestApp;

/// A case with a rep and two workers who joined by invitation; the rep is signed in.
async fn case_with_two_workers(app: &TestApp) -> i64 {
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let case = app.open_case("Ribble Print Works").await;
    let ann = invite(app, case, "Ann Lee", "ann@example.org").await;
    let bob = invite(app, case, "Bob Hart", "bob@example.org").await;
    app.sign_out().await;
    accept_as_new(app, &ann, "Ann Lee").await;
    app.sign_out().await;
    accept_as_new(app, &bob, "Bob Hart").await;
    app.sign_out().await;
    app.sign_in("rep@example.org").await;
    case
}

fn answers<'a>(join: &'a str, band: &'a str, exact: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("would_join", join),
        ("worries", "money"),
        ("worries", "time"),
        ("worries_other", "Whether the van is paid off"),
        ("capital_band", band),
        ("capital_exact", exact),
        ("capital_term", "payroll_12"),
        ("hours", "37"),
        ("skills", "finance"),
    ]
}

async fn answer(app: &TestApp, case: i64, fields: &[(&str, &str)]) -> Status {
    app.page(&format!("/cases/{case}/survey")).await;
    app.post_form(&format!("/cases/{case}/survey"), fields)
        .await
        .status()
}

#[rocket::async_test]
async fn a_worker_answers_and_changes_answers_until_the_survey_closes() {
    // Totals from the first answer, so that a worker sees them here (the threshold has its
    // own test).
    let app = TestApp::spawn_with_numbers(&[("survey_min_answers_for_totals", 1)]).await;
    let case = case_with_two_workers(&app).await;
    app.sign_out().await;
    app.sign_in("ann@example.org").await;

    app.page(&format!("/cases/{case}/survey")).await;
    let bad = app
        .post_form(
            &format!("/cases/{case}/survey"),
            &[
                ("capital_band", "exact"),
                ("capital_exact", "lots"),
                ("hours", "400"),
            ],
        )
        .await;
    assert_eq!(bad.status(), Status::UnprocessableEntity);
    let body = bad.into_string().await.unwrap_or_default();
    for message in [
        "There is a problem",
        "Choose whether you would join",
        "Enter an amount in pounds and pence",
        "between 0 and 100",
        "value=\"lots\"",
    ] {
        assert!(body.contains(message), "{message}");
    }

    assert_eq!(
        answer(&app, case, &answers("yes", "100_500", "")).await,
        Status::SeeOther
    );
    let (_, page) = app.page(&format!("/cases/{case}/survey")).await;
    assert!(page.contains("1 yes, 0 maybe, 0 no"));
    assert!(page.contains("£300 from 1 person"));
    assert!(
        page.contains("id=\"band-100_500\" name=\"capital_band\" value=\"100_500\" checked"),
        "saved answers are shown again"
    );
    assert_eq!(
        answer(&app, case, &answers("maybe", "exact", "1,200")).await,
        Status::SeeOther
    );
    let (_, page) = app.page(&format!("/cases/{case}/survey")).await;
    assert!(page.contains("0 yes, 1 maybe, 0 no") && page.contains("£1,200 from 1 person"));

    app.sign_out().await;
    app.sign_in("rep@example.org").await;
    app.page(&format!("/cases/{case}/survey")).await;
    assert_eq!(
        app.post_form(&format!("/cases/{case}/survey/close"), &[])
            .await
            .status(),
        Status::SeeOther
    );
    app.sign_out().await;
    app.sign_in("ann@example.org").await;
    let (_, page) = app.page(&format!("/cases/{case}/survey")).await;
    assert!(page.contains("The survey is closed"));
    assert!(!page.contains("Save my answers"));
    assert_eq!(
        answer(&app, case, &answers("no", "none", "")).await,
        Status::Conflict
    );
    assert_eq!(
        app.post_form(&format!("/cases/{case}/survey/reopen"), &[])
            .await
            .status(),
        Status::Forbidden,
        "a worker cannot reopen it"
    );
}

#[rocket::async_test]
async fn a_worker_never_sees_another_workers_answers() {
    // Totals from the first answer, so that a worker sees them here (the threshold has its
    // own test).
    let app = TestApp::spawn_with_numbers(&[("survey_min_answers_for_totals", 1)]).await;
    let case = case_with_two_workers(&app).await;
    app.sign_out().await;
    app.sign_in("ann@example.org").await;
    assert_eq!(
        answer(&app, case, &answers("yes", "exact", "777")).await,
        Status::SeeOther
    );
    app.sign_out().await;

    app.sign_in("bob@example.org").await;
    let (status, page) = app.page(&format!("/cases/{case}/survey")).await;
    assert_eq!(status, Status::Ok);
    assert!(page.contains("1 yes, 0 maybe, 0 no"), "totals are shared");
    assert!(
        !page.contains("Ann Lee") && !page.contains("van is paid off"),
        "no names or free text"
    );
    assert!(
        !page.contains(" checked>"),
        "Bob's form is empty, not Ann's"
    );
    assert!(!page.contains("Everyone's answers"));
    assert_eq!(
        app.page(&format!("/cases/{case}/survey/answers.csv"))
            .await
            .0,
        Status::NotFound
    );
    let (_, timeline) = app.page(&format!("/cases/{case}")).await;
    assert!(
        !timeline.contains("777") && !timeline.contains("van is paid off"),
        "the history says who answered, never what"
    );
    app.sign_out().await;

    app.signed_in_as(Role::Rep, "other-rep@example.org").await;
    assert_eq!(
        app.page(&format!("/cases/{case}/survey")).await.0,
        Status::NotFound
    );
    assert_eq!(
        app.page(&format!("/cases/{case}/survey/answers.csv"))
            .await
            .0,
        Status::NotFound
    );
}

#[rocket::async_test]
async fn reps_and_staff_see_everyones_answers_totals_and_an_export() {
    let app = TestApp::spawn().await;
    let case = case_with_two_workers(&app).await;
    app.sign_out().await;
    app.sign_in("ann@example.org").await;
    answer(&app, case, &answers("yes", "500_1000", "")).await;
    app.sign_out().await;
    app.sign_in("bob@example.org").await;
    answer(&app, case, &answers("yes", "exact", "=1+1")).await;
    answer(&app, case, &answers("yes", "exact", "250")).await;
    app.sign_out().await;

    app.signed_in_as(Role::Staff, "staff@example.org").await;
    let (_, page) = app.page(&format!("/cases/{case}/survey")).await;
    assert!(
        page.contains("Ann Lee")
            && page.contains("Bob Hart")
            && page.contains("Whether the van is paid off")
    );
    assert!(
        page.contains("£1,000 from 2 people"),
        "£750 midpoint + £250"
    );
    assert!(page.contains("Money and bookkeeping: 2"));
    let response = app.get(&format!("/cases/{case}/survey/answers.csv")).await;
    assert_eq!(response.status(), Status::Ok);
    assert!(response
        .headers()
        .get_one("Content-Disposition")
        .unwrap_or_default()
        .starts_with("attachment"));
    let csv = response.into_string().await.unwrap_or_default();
    assert!(csv.starts_with("name,would_join,capital_pence"));
    assert!(csv.contains("Ann Lee,yes,75000,"), "{csv}");

    let totals = coopkit::services::survey::pledge_totals(app.db(), case)
        .await
        .expect("totals");
    assert_eq!(
        (
            totals.members_pledged,
            totals.total_pence,
            totals.median_pence
        ),
        (2, 100_000, 50_000)
    );
}

#[rocket::async_test]
async fn the_survey_pledges_start_the_business_plans_member_capital() {
    let app = TestApp::spawn().await;
    let case = case_with_two_workers(&app).await;
    app.sign_out().await;
    app.sign_in("ann@example.org").await;
    assert_eq!(
        answer(&app, case, &answers("yes", "exact", "1200")).await,
        Status::SeeOther
    );
    app.sign_out().await;
    app.sign_in("bob@example.org").await;
    assert_eq!(
        answer(&app, case, &answers("maybe", "exact", "800")).await,
        Status::SeeOther
    );
    app.sign_out().await;
    app.sign_in("rep@example.org").await;

    let (status, page) = app
        .page(&format!("/cases/{case}/documents/business-plan/bp_members"))
        .await;

    assert_eq!(status, Status::Ok);
    assert!(page.contains("value=\"2\""), "two members pledged: {page}");
    assert!(
        page.contains("value=\"1000.00\""),
        "the average pledge of £1,200 and £800"
    );
}
