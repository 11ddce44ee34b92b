//! Follow-up questions are in the page before any save, each after the answer that calls for
//! it (issue 17 point 4), and a follow-up whose answer was not chosen never causes an error.

use rocket::http::Status;

use crate::pathways::page;
use crate::support::TestApp;
use coopkit::domain::user::Role;

/// `html` has `parts` in this order.
fn in_order(html: &str, parts: &[&str]) {
    let mut from = 0;
    for part in parts {
        let at = html[from..]
            .find(part)
            .unwrap_or_else(|| panic!("{part} not found after byte {from}:\n{html}"));
        from += at + part.len();
    }
}

fn trigger_page(
    employer: &'static str,
    company: &'static str,
) -> Vec<(&'static str, &'static str)> {
    vec![
        ("trigger", "closure_announced"),
        ("trigger_date.day", "1"),
        ("trigger_date.month", "9"),
        ("trigger_date.year", "2026"),
        ("closure_date.day", ""),
        ("closure_date.month", ""),
        ("closure_date.year", ""),
        ("employer_form", employer),
        ("company_number", company),
        ("owners_agree", ""),
    ]
}

#[rocket::async_test]
async fn a_stage_page_shows_its_follow_ups_after_their_answers_before_any_save() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let id = app.open_case("Ribble Print Works").await;

    let (status, html) = app.page(&page(id, "intake", "trigger")).await;
    assert_eq!(status, Status::Ok);
    in_order(
        &html,
        &[
            "<div class=\"reveal-group\">",
            "value=\"company\"",
            "aria-controls=\"conditional-company_number\"",
            "value=\"llp\"",
            "aria-controls=\"conditional-company_number\"",
            "<div class=\"conditional\" id=\"conditional-company_number\" data-reveal-name=\"employer_form\" data-reveal-values=\"company llp\">",
            "<label for=\"company_number\">Company number</label>",
            "name=\"company_number\"",
            "</div>",
            "value=\"partnership\"",
        ],
    );
    in_order(
        &html,
        &[
            "value=\"owner_selling\"",
            "id=\"conditional-owners_agree\"",
            "name=\"owners_agree\"",
            "value=\"closure_announced\"",
            "value=\"redundancy_proposal\"",
            "id=\"conditional-closure_date\"",
            "name=\"closure_date.day\"",
            "value=\"administration\"",
        ],
    );
    assert!(!html.contains("<script>"), "no inline script");
    assert!(html.contains("<script src=\"/static/reveal.js\" defer></script>"));
    let script = app.get("/static/reveal.js").await;
    assert_eq!(script.status(), Status::Ok);
    let css = app
        .get("/static/app.css")
        .await
        .into_string()
        .await
        .unwrap_or_default();
    assert!(
        css.contains(".reveal-group:not(:has(> .choice > input:checked)) > .conditional"),
        "CSS hides a follow-up while its answer is not chosen"
    );

    // A number reveals the consultation dates: CSS cannot judge "20 or more", so the block
    // says when to answer it, and the script hides it below 20.
    let response = app
        .post_form(
            &page(id, "intake", "trigger"),
            &trigger_page("partnership", ""),
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let (_, html) = app.page(&page(id, "intake", "redundancy")).await;
    in_order(
        &html,
        &[
            "id=\"max_one_site_90d\" name=\"max_one_site_90d\"",
            "aria-controls=\"conditional-consultation_start\"",
            "<div class=\"conditional\" id=\"conditional-consultation_start\" data-reveal-name=\"max_one_site_90d\" data-reveal-at-least=\"20\">",
            "Answer these questions only if the number above is 20 or more.",
            "name=\"consultation_start.day\"",
            "name=\"consultation_concluded.day\"",
            "</div>",
            "name=\"union_recognised\"",
        ],
    );
}

#[rocket::async_test]
async fn a_follow_up_whose_answer_was_not_chosen_is_ignored_on_saving() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let id = app.open_case("Ribble Print Works").await;
    let path = page(id, "intake", "trigger");
    app.page(&path).await;

    let mut fields = trigger_page("partnership", "not a number");
    fields.retain(|(k, _)| !k.starts_with("closure_date"));
    fields.extend([
        ("closure_date.day", "45"),
        ("closure_date.month", "x"),
        ("closure_date.year", ""),
    ]);
    fields.retain(|(k, _)| *k != "trigger");
    fields.push(("trigger", "owner_retiring"));
    fields.retain(|(k, _)| *k != "owners_agree");
    fields.push(("owners_agree", "yes"));
    let response = app.post_form(&path, &fields).await;
    assert_eq!(
        response.status(),
        Status::SeeOther,
        "junk in follow-ups whose answers were not chosen is no error: {}",
        response.into_string().await.unwrap_or_default()
    );

    // Dropped, not kept: the questions do not apply to the answers chosen, and the case
    // keeps only answers to questions it asks.
    let (_, html) = app.page(&path).await;
    assert!(!html.contains("not a number"));
    assert!(!html.contains("value=\"45\""));
    assert!(html.contains("value=\"owner_retiring\" checked"));
}

#[rocket::async_test]
async fn a_follow_up_whose_answer_was_chosen_is_checked_beside_its_field() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let id = app.open_case("Ribble Print Works").await;
    let path = page(id, "intake", "trigger");
    app.page(&path).await;

    let response = app.post_form(&path, &trigger_page("company", "")).await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
    let html = response.into_string().await.unwrap_or_default();
    assert!(html.contains("href=\"#company_number\""), "in the summary");
    in_order(
        &html,
        &[
            "id=\"conditional-company_number\"",
            "<p class=\"error-message\" id=\"company_number-error\"><span class=\"visually-hidden\">Error:</span> Enter company number</p>",
            "name=\"company_number\"",
        ],
    );
    assert!(
        html.contains("name=\"trigger_date.day\" type=\"text\" inputmode=\"numeric\" value=\"1\""),
        "what was typed elsewhere is kept"
    );
    assert!(html.contains("value=\"company\" checked"));

    let response = app.post_form(&path, &trigger_page("llp", "OC12")).await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
    let html = response.into_string().await.unwrap_or_default();
    in_order(
        &html,
        &[
            "id=\"conditional-company_number\"",
            "id=\"company_number-error\"",
            "Enter the company number as 8 numbers, or 2 letters then 6 numbers",
            "name=\"company_number\" type=\"text\" value=\"OC12\" aria-invalid=\"true\"",
        ],
    );

    let response = app.post_form(&path, &trigger_page("llp", "OC123456")).await;
    assert_eq!(response.status(), Status::SeeOther);

    // A number that calls for follow-ups: 25 at one site needs the consultation's start.
    let redundancy = page(id, "intake", "redundancy");
    app.page(&redundancy).await;
    let numbers = [
        ("proposed_redundancies", "30"),
        ("max_one_site_90d", "25"),
        ("union_recognised", "yes"),
    ];
    let response = app.post_form(&redundancy, &numbers).await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
    let html = response.into_string().await.unwrap_or_default();
    in_order(
        &html,
        &[
            "value=\"25\"",
            "id=\"conditional-consultation_start\"",
            "id=\"consultation_start-error\"",
            "Enter date collective consultation started",
            "name=\"consultation_start.day\"",
        ],
    );
    // Below 20 the same empty dates are no error.
    let mut fewer = numbers.to_vec();
    fewer[1] = ("max_one_site_90d", "12");
    fewer.push(("consultation_start.day", "nonsense"));
    let response = app.post_form(&redundancy, &fewer).await;
    assert_eq!(response.status(), Status::SeeOther);
}

/// The rules' trade union terms follow "Recognise a trade union?": in the page from the start,
/// after "Yes", and checked only when "Yes" is chosen.
#[rocket::async_test]
async fn the_rules_union_terms_are_revealed_by_yes_and_checked_only_then() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let case = app.open_case("Ribble Print Works").await;
    app.page(&format!("/cases/{case}/documents/rules")).await;
    let response = app
        .post_form(
            &format!("/cases/{case}/documents/rules"),
            &[("answers_version", "0"), ("legal_form", "society")],
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let path = format!("/cases/{case}/documents/rules/union");
    let (status, html) = app.page(&path).await;
    assert_eq!(status, Status::Ok);
    in_order(
        &html,
        &[
            "<div class=\"reveal-group\">",
            "value=\"yes\" aria-controls=\"conditional-union_coop\"",
            "<div class=\"conditional\" id=\"conditional-union_coop\" data-reveal-name=\"union_coop\" data-reveal-values=\"yes\">",
            "name=\"union_name\"",
            "name=\"workers_in_unit\"",
            "</div>",
            "value=\"no\"",
        ],
    );

    let response = app
        .post_form(
            &path,
            &[
                ("answers_version", "1"),
                ("union_coop", "no"),
                ("union_committee_size", "lots"),
            ],
        )
        .await;
    assert_eq!(
        response.status(),
        Status::SeeOther,
        "no union: its terms are not checked"
    );

    app.page(&path).await;
    let response = app
        .post_form(
            &path,
            &[
                ("answers_version", "2"),
                ("union_coop", "yes"),
                ("union_name", "Unite"),
                ("union_committee_size", "lots"),
            ],
        )
        .await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
    let html = response.into_string().await.unwrap_or_default();
    in_order(
        &html,
        &[
            "id=\"conditional-union_coop\"",
            "value=\"Unite\"",
            "id=\"union_committee_size-error\"",
            "value=\"lots\"",
        ],
    );
}

/// The readiness check asks its follow-ups on a second step (a "Continue" step): the first
/// step never reports a question it has not shown.
#[rocket::async_test]
async fn the_check_asks_follow_ups_on_its_second_step_without_an_error() {
    let app = TestApp::spawn().await;
    let (_, step_one) = app.page("/check").await;
    assert!(!step_one.contains("name=\"at_one_site\""));
    let response = app
        .post_form(
            "/check",
            &[
                ("situation", "redundancies_proposed"),
                ("people", "40"),
                ("sector", "manufacturing"),
                ("union", "unite"),
                ("interest", "most"),
                ("aim", "workers"),
                ("profit", "no"),
            ],
        )
        .await;
    assert_eq!(response.status(), Status::Ok);
    let html = response.into_string().await.unwrap_or_default();
    assert!(html.contains("Step 2 of 2"));
    assert!(html.contains("name=\"at_one_site\""));
    assert!(html.contains("name=\"turnaround\""));
    assert!(!html.contains("There is a problem"), "{html}");
    assert!(!html.contains("class=\"error-message\""));
}
