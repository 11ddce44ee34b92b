//! Each kind of question on a form page, checked on the server with a message by the field
//! and what was typed kept: money, several-of-a-list, long text, people, percentages, months.

use coopkit::db::repo;
use coopkit::domain::user::Role;
use rocket::http::Status;

use crate::pathways::{open_stage, page};
use crate::support::TestApp;

async fn body(response: rocket::local::asynchronous::LocalResponse<'_>) -> String {
    response.into_string().await.unwrap_or_default()
}

#[rocket::async_test]
async fn money_multi_choice_and_cross_checks_are_validated() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let id = app.open_case("Ribble Print Works").await;
    open_stage(&app, id, "feasibility").await;
    let path = page(id, "feasibility", "feasibility_quick");
    let (status, html) = app.page(&path).await;
    assert_eq!(status, Status::Ok);
    assert!(
        html.contains("type=\"checkbox\""),
        "multi_choice shows checkboxes"
    );
    assert!(html.contains("<span class=\"input-prefix\" aria-hidden=\"true\">£</span>"));

    let response = app
        .post_form(
            &path,
            &[
                ("quick_val_low", "£12,000"),
                ("quick_val_high", "ten grand"),
                ("survey_sent", "x"),
                ("skills_gaps", "finance"),
                ("skills_gaps", "juggling"),
            ],
        )
        .await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
    let html = body(response).await;
    assert!(
        html.contains("Highest likely value of the business:"),
        "{html}"
    );
    assert!(
        html.contains("Select only the listed answers for skills the co-op would need"),
        "{html}"
    );
    assert!(html.contains("Number of workers asked in the survey must be a whole number"));
    assert!(html.contains("value=\"ten grand\""));
    assert!(html.contains("value=\"12,000\"") || html.contains("value=\"£12,000\""));
    assert!(
        html.contains("name=\"skills_gaps\" value=\"finance\" checked"),
        "ticks are kept"
    );

    // Money compared with another money answer.
    let response = app
        .post_form(
            &path,
            &[("quick_val_low", "50000"), ("quick_val_high", "40000.50")],
        )
        .await;
    let html = body(response).await;
    assert!(html.contains("value=\"40000.50\""));
    assert!(
        !html.contains("Highest likely value of the business:"),
        "a valid amount"
    );
}

#[rocket::async_test]
async fn long_answers_are_checked_for_length_and_kept() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    app.page("/cases/new").await;
    let mut form = crate::support::valid_case_form("Preston Bike Menders");
    form.retain(|(k, _)| *k != "pathway");
    form.push(("pathway", "startup"));
    let response = app.post_form("/cases", &form).await;
    let location = response
        .headers()
        .get_one("Location")
        .expect("opened")
        .to_string();
    let id: i64 = location.trim_start_matches("/cases/").parse().expect("id");
    open_stage(&app, id, "idea_people").await;
    let path = page(id, "idea_people", "idea");
    app.page(&path).await;

    let response = app
        .post_form(&path, &[("idea_summary", "Fix bikes"), ("customers", "")])
        .await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
    let html = body(response).await;
    assert!(html.contains("must be 20 characters or more"), "{html}");
    assert!(
        html.contains(">Fix bikes</textarea>"),
        "what was typed is kept"
    );
    assert!(html.contains("Enter who will pay for it"), "{html}");
}

#[rocket::async_test]
async fn people_lists_and_percentages_are_validated() {
    let app = TestApp::spawn().await;
    let rep = app.signed_in_as(Role::Rep, "rep@example.org").await;
    app.page("/cases/new").await;
    let mut form = crate::support::valid_case_form("Preston Film Crews");
    form.retain(|(k, _)| *k != "pathway");
    form.push(("pathway", "freelancer"));
    let response = app.post_form("/cases", &form).await;
    let id: i64 = response
        .headers()
        .get_one("Location")
        .expect("test setup")
        .trim_start_matches("/cases/")
        .parse()
        .expect("test setup");
    open_stage(&app, id, "shared_need").await;
    let path = page(id, "shared_need", "founders");
    app.page(&path).await;

    let response = app
        .post_form(
            &path,
            &[
                ("committed_founders.0.name", ""),
                ("committed_founders.0.email", "not an email"),
                ("committed_founders.1.name", ""),
            ],
        )
        .await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
    let html = body(response).await;
    assert!(html.contains("Enter a name for person 1"), "{html}");
    assert!(html.contains("value=\"not an email\""));

    let response = app
        .post_form(
            &path,
            &[
                ("committed_founders.0.name", "Ann Lee"),
                ("committed_founders.0.role", "Camera"),
                ("committed_founders.0.email", "ann@example.org"),
                ("committed_founders.1.name", "Bo Shaw"),
                ("committed_founders.2.name", "Cy Dunn"),
            ],
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let (_, html) = app.page(&path).await;
    assert!(html.contains("value=\"Ann Lee\"") && html.contains("value=\"Bo Shaw\""));
    assert!(
        html.contains("name=\"committed_founders.4.name\""),
        "spare rows to add people"
    );

    // Percentages: the commission page applies once a consortium model is chosen.
    repo::answers::insert(
        app.db(),
        id,
        "model",
        &"consortium_agent".into(),
        rep,
        app.clock.now(),
    )
    .await
    .expect("test setup");
    open_stage(&app, id, "member_agreement").await;
    let path = page(id, "member_agreement", "agreement");
    let (status, _) = app.page(&path).await;
    assert_eq!(status, Status::Ok);
    for (typed, message) in [
        ("ten", "as a percentage, like 12.5"),
        ("45", "must be 30% or less"),
    ] {
        let response = app
            .post_form(&path, &[("member_commission_pct", typed)])
            .await;
        assert_eq!(response.status(), Status::UnprocessableEntity);
        let html = body(response).await;
        assert!(html.contains(message), "{typed}: {html}");
        assert!(html.contains(&format!("value=\"{typed}\"")));
    }
}

#[rocket::async_test]
async fn months_are_validated() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let id = app.open_case("Ribble Print Works").await;
    open_stage(&app, id, "legal").await;
    let path = page(id, "legal", "registration");
    app.page(&path).await;
    let response = app
        .post_form(
            &path,
            &[
                ("vat_exceeded_month.month", "13"),
                ("vat_exceeded_month.year", "2026"),
            ],
        )
        .await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
    let html = body(response).await;
    assert!(html.contains("as a month and year, like 10 2026"), "{html}");
    assert!(html.contains(
        "name=\"vat_exceeded_month.month\" type=\"text\" inputmode=\"numeric\" value=\"13\""
    ));
}
