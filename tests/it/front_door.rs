//! The public front door: home page, readiness check, enquiries, the centre's inbox, and
//! joining a case as rep through the invitation of an accepted enquiry.

// Tests may unwrap: a panic there is a failed test with its line.
#![allow(clippy::unwrap_used)]

use chrono::{Datelike, Days};
use coopkit::domain::user::Role;
use rocket::http::Status;

use crate::support::TestApp;

const DAY: i64 = 24 * 60 * 60;

/// Step 1 of the check for 25 proposed redundancies.
fn step_one() -> Vec<(&'static str, String)> {
    [
        ("situation", "redundancies_proposed"),
        ("people", "25"),
        ("sector", "manufacturing"),
        ("union", "unite"),
        ("interest", "most"),
        ("aim", "workers"),
        ("profit", "yes"),
    ]
    .iter()
    .map(|(k, v)| (*k, v.to_string()))
    .collect()
}

/// Steps 1 and 2 together: consultation started 9 days ago.
fn full_check(app: &TestApp) -> Vec<(&'static str, String)> {
    let start = app.clock.today().checked_sub_days(Days::new(9)).unwrap();
    let mut fields = step_one();
    fields.extend([
        ("at_one_site", "25".to_string()),
        ("parts[consultation_start_day]", start.day().to_string()),
        ("parts[consultation_start_month]", start.month().to_string()),
        ("parts[consultation_start_year]", start.year().to_string()),
        ("timescale", "already_happening".to_string()),
        ("accounts", "seen".to_string()),
    ]);
    fields
}

async fn post(app: &TestApp, path: &str, fields: &[(&str, String)]) -> (Status, String) {
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = app.post_form(path, &borrowed).await;
    let status = response.status();
    (status, response.into_string().await.unwrap_or_default())
}

fn enquiry(name: &str) -> Vec<(&'static str, String)> {
    vec![
        ("name", name.to_string()),
        ("email", format!("{}@example.org", name.to_lowercase())),
        ("organisation", "Ribble Print".to_string()),
        ("role", "union_rep".to_string()),
        (
            "situation",
            "Redundancies announced at the print works.".to_string(),
        ),
        ("consent", "yes".to_string()),
    ]
}

/// Sends an enquiry as a visitor and returns its reference.
async fn send_enquiry(app: &TestApp, fields: &[(&str, String)]) -> String {
    app.page("/enquire").await;
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = app.post_form("/enquire", &borrowed).await;
    assert_eq!(response.status(), Status::SeeOther);
    let location = response.headers().get_one("Location").unwrap().to_string();
    location.trim_start_matches("/enquire/sent/").to_string()
}

fn enquiry_id(reference: &str) -> i64 {
    reference.rsplit('-').next().unwrap().parse().unwrap()
}

#[rocket::async_test]
async fn visitors_get_the_home_page_and_signed_in_people_their_cases() {
    let app = TestApp::spawn().await;
    let (status, body) = app.page("/").await;
    assert_eq!(status, Status::Ok);
    assert!(
        body.contains("href=\"/check\""),
        "the home page links to the check"
    );
    assert!(body.contains("Freelancer co-op"));
    for page in ["/advisors", "/privacy"] {
        assert_eq!(app.page(page).await.0, Status::Ok, "{page}");
    }
    assert!(app.page("/privacy").await.1.contains("183 days"));
    app.signed_in_as(Role::Rep, "rita@example.org").await;
    let response = app.get("/").await;
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(response.headers().get_one("Location"), Some("/cases"));
}

#[rocket::async_test]
async fn the_check_says_what_is_missing() {
    let app = TestApp::spawn().await;
    app.page("/check").await;
    let (status, body) = post(&app, "/check", &[]).await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(body.contains("Choose what is happening"));
    assert!(body.contains("Enter how many people are involved"));
    assert!(
        body.contains("href=\"#situation\""),
        "the summary links to the field"
    );

    let (status, body) = post(&app, "/check", &step_one()).await;
    assert_eq!(status, Status::Ok);
    assert!(body.contains("Step 2 of 2"));
    assert!(body.contains("When did the employer start consulting"));
    let mut bad_date = full_check(&app);
    bad_date.retain(|(k, _)| *k != "parts[consultation_start_month]");
    let (status, body) = post(&app, "/check/result", &bad_date).await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(body.contains("Enter the date as day/month/year"));
}

#[rocket::async_test]
async fn the_result_shows_the_30_day_consultation_clock() {
    let app = TestApp::spawn().await;
    app.page("/check").await;
    let (status, body) = post(&app, "/check/result", &full_check(&app)).await;
    assert_eq!(status, Status::Ok, "{body}");
    let end = app.clock.today().checked_add_days(Days::new(21)).unwrap();
    assert!(body.contains("Redundancy consultation: at least 30 days"));
    assert!(body.contains(&format!("Ends on {}", end.format("%A %-d %B %Y"))));
    assert!(body.contains("21 days left"));
    assert!(body.contains("action=\"/enquire\""));
    assert!(body.contains("/check/summary.pdf?"));
}

#[rocket::async_test]
async fn the_summary_is_a_pdf() {
    let app = TestApp::spawn().await;
    let start = app.clock.today().checked_sub_days(Days::new(9)).unwrap();
    let query = format!(
        "situation=redundancies_proposed&people=25&sector=manufacturing&union=unite&interest=most&aim=workers&profit=yes&timescale=already_happening&accounts=seen&consultation_start={}",
        start.format("%Y-%m-%d")
    );
    let response = app.get(&format!("/check/summary.pdf?{query}")).await;
    assert_eq!(response.status(), Status::Ok);
    let bytes = response.into_bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let pages = bytes
        .windows(11)
        .filter(|w| &w[..10] == b"/Type/Page" && w[10] != b's')
        .count();
    assert_eq!(pages, 1, "the summary an advisor hands over is one page");
    let (_, form) = app.page(&format!("/enquire?{query}")).await;
    assert!(form.contains("Your answers from the check are attached"));
    assert!(form.contains("name=\"check.consultation_start\""));
    let response = app.get("/check/summary.pdf?situation=new_idea").await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
}

#[rocket::async_test]
async fn the_enquiry_form_checks_every_field() {
    let app = TestApp::spawn().await;
    app.page("/enquire").await;
    let mut fields = enquiry("Rita");
    fields.retain(|(k, _)| !matches!(*k, "consent" | "role" | "name"));
    fields.push(("phone", "ring me".to_string()));
    let (status, body) = post(&app, "/enquire", &fields).await;
    assert_eq!(status, Status::UnprocessableEntity);
    for message in [
        "Enter your name",
        "Choose who you are",
        "Tick the box",
        "Enter a phone number",
    ] {
        assert!(body.contains(message), "{message}");
    }
    assert!(
        body.contains("Redundancies announced"),
        "what was typed is kept"
    );
    let mut long = enquiry("Rita");
    long[4].1 = "x".repeat(6000);
    let (status, body) = post(&app, "/enquire", &long).await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(body.contains("Use 5,000 characters or fewer: this has 6,000"));
}

#[rocket::async_test]
async fn the_honeypot_and_the_rate_limit_keep_spam_out() {
    let app = TestApp::spawn().await;
    app.page("/enquire").await;
    let mut bot = enquiry("Bot");
    bot.push(("website", "http://spam.example".to_string()));
    let response = app
        .post_form(
            "/enquire",
            &bot.iter()
                .map(|(k, v)| (*k, v.as_str()))
                .collect::<Vec<_>>(),
        )
        .await;
    assert_eq!(
        response.headers().get_one("Location"),
        Some("/enquire/sent")
    );
    let staff = app.create_user(Role::Staff, "sam@example.org").await;
    let _ = staff;
    for i in 0..4 {
        send_enquiry(&app, &enquiry(&format!("Person{i}"))).await;
    }
    let (status, body) = post(&app, "/enquire", &enquiry("Sixth")).await;
    assert_eq!(status, Status::TooManyRequests);
    assert!(body.contains("Please wait an hour"));
    assert!(body.contains("Sixth"), "what was typed is kept");
    app.sign_in("sam@example.org").await;
    let (_, inbox) = app.page("/enquiries").await;
    assert!(!inbox.contains(">Bot<"), "the bot's enquiry was not kept");
    assert_eq!(inbox.matches("@example.org").count(), 0);
    assert_eq!(inbox.matches("ENQ-").count(), 4);
    app.clock.advance(61 * 60);
    app.sign_out().await;
    assert!(!send_enquiry(&app, &enquiry("Later")).await.is_empty());
}

#[rocket::async_test]
async fn accepting_opens_a_prefilled_case_the_enquirer_joins_as_rep() {
    let app = TestApp::spawn().await;
    let mut fields = enquiry("Rita");
    for (k, v) in full_check(&app) {
        if let Some(key) = k.strip_prefix("parts[") {
            let _ = key;
            continue;
        }
        fields.push((leak(format!("check.{k}")), v));
    }
    let start = app.clock.today().checked_sub_days(Days::new(9)).unwrap();
    fields.push((
        "check.consultation_start",
        start.format("%Y-%m-%d").to_string(),
    ));
    let reference = send_enquiry(&app, &fields).await;
    let id = enquiry_id(&reference);

    app.signed_in_as(Role::Staff, "sam@example.org").await;
    let other_case = app.open_case("Another workplace").await;
    let (_, page) = app.page(&format!("/enquiries/{id}")).await;
    assert!(
        page.contains("Redundancies have been proposed"),
        "the check answers are shown"
    );
    let (status, page) = post(
        &app,
        &format!("/enquiries/{id}/accept"),
        &[
            ("version", "1".into()),
            ("name", "Ribble Print".into()),
            ("pathway", "buyout".into()),
            ("trigger", "redundancies".into()),
        ],
    )
    .await;
    assert_eq!(status, Status::Ok, "{page}");
    let marker = "/join/";
    let start_at = page.find(marker).unwrap() + marker.len();
    let token: String = page[start_at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    let (_, accepted) = app.page("/enquiries?status=accepted").await;
    assert!(accepted.contains(&reference));

    let db = app.db();
    let case_id = coopkit::db::repo::enquiries::find(db, id)
        .await
        .unwrap()
        .unwrap()
        .case_id
        .unwrap();
    let prefill = coopkit::db::repo::case_prefill::find(db, case_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(prefill["trigger"], "redundancy_proposal");
    assert_eq!(prefill["headcount"], 25);
    assert_eq!(
        prefill["consultation_start"],
        start.format("%Y-%m-%d").to_string()
    );

    app.sign_out().await;
    let (status, join) = app.page(&format!("/join/{token}")).await;
    assert_eq!(status, Status::Ok);
    assert!(join.contains("rita@example.org"), "the form is prefilled");
    let password = crate::support::PASSWORD;
    let response = app
        .post_form(
            &format!("/join/{token}"),
            &[
                ("name", "Rita"),
                ("password", password),
                ("confirm", password),
            ],
        )
        .await;
    assert_eq!(
        response.headers().get_one("Location"),
        Some(format!("/cases/{case_id}").as_str())
    );
    let (_, cases) = app.page("/cases").await;
    assert!(cases.contains("Ribble Print"));
    assert!(
        !cases.contains("Another workplace"),
        "the rep sees only their case"
    );
    assert_eq!(
        app.get(&format!("/cases/{other_case}")).await.status(),
        Status::NotFound
    );
    let (_, case) = app.page(&format!("/cases/{case_id}")).await;
    assert!(case.contains("Rita joined the case as a rep"));
    let (status, intake) = app
        .page(&format!("/cases/{case_id}/stages/intake/pages/intake"))
        .await;
    assert_eq!(status, Status::Ok);
    assert!(
        intake.contains("value=\"25\""),
        "the intake starts from the check: {intake}"
    );
    let (_, trigger) = app
        .page(&format!("/cases/{case_id}/stages/intake/pages/trigger"))
        .await;
    assert!(
        trigger.contains("value=\"redundancy_proposal\" checked"),
        "the cause is already chosen"
    );
    app.sign_out().await;
    assert_eq!(
        app.page(&format!("/join/{token}")).await.0,
        Status::NotFound,
        "the link works once"
    );
}

fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

#[rocket::async_test]
async fn declined_enquiries_are_deleted_after_the_retention_period() {
    let app = TestApp::spawn().await;
    let declined = enquiry_id(&send_enquiry(&app, &enquiry("Dee")).await);
    let kept_new = enquiry_id(&send_enquiry(&app, &enquiry("Nia")).await);
    let accepted = enquiry_id(&send_enquiry(&app, &enquiry("Ace")).await);
    let late = enquiry_id(&send_enquiry(&app, &enquiry("Lou")).await);
    app.signed_in_as(Role::Staff, "sam@example.org").await;
    app.page(&format!("/enquiries/{declined}")).await;
    let (status, page) = post(
        &app,
        &format!("/enquiries/{declined}/decline"),
        &[("version", "1".into())],
    )
    .await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(page.contains("Say why the enquiry is declined"));
    let reason = [
        ("version", "1".to_string()),
        ("reason", "Not a workplace".to_string()),
    ];
    assert_eq!(
        post(&app, &format!("/enquiries/{declined}/decline"), &reason)
            .await
            .0,
        Status::SeeOther
    );
    assert_eq!(
        post(
            &app,
            &format!("/enquiries/{declined}/notes"),
            &[("note", "Phoned Dee".into())]
        )
        .await
        .0,
        Status::SeeOther
    );
    let stale = post(&app, &format!("/enquiries/{declined}/decline"), &reason).await;
    assert_eq!(
        stale.0,
        Status::SeeOther,
        "a second decision is turned away"
    );
    let accept = [
        ("version", "1".to_string()),
        ("name", "Ace Co".to_string()),
        ("pathway", "startup".to_string()),
        ("trigger", "new_venture".to_string()),
    ];
    assert_eq!(
        post(&app, &format!("/enquiries/{accepted}/accept"), &accept)
            .await
            .0,
        Status::Ok
    );

    app.clock.advance(100 * DAY);
    assert_eq!(
        post(&app, &format!("/enquiries/{late}/decline"), &reason)
            .await
            .0,
        Status::SeeOther
    );
    app.clock.advance(84 * DAY);
    let deleted = coopkit::services::enquiries::purge(app.db(), &app.clock, 183)
        .await
        .unwrap();
    assert_eq!(deleted, 1);
    app.sign_in("sam@example.org").await;
    assert_eq!(
        app.get(&format!("/enquiries/{declined}")).await.status(),
        Status::NotFound
    );
    for kept in [kept_new, accepted, late] {
        assert_eq!(
            app.page(&format!("/enquiries/{kept}")).await.0,
            Status::Ok,
            "enquiry {kept} is kept"
        );
    }
}

#[rocket::async_test]
async fn only_centre_staff_see_the_inbox() {
    let app = TestApp::spawn().await;
    let id = enquiry_id(&send_enquiry(&app, &enquiry("Rita")).await);
    assert_ne!(app.get("/enquiries").await.status(), Status::Ok);
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    assert_eq!(app.get("/enquiries").await.status(), Status::Forbidden);
    assert_eq!(
        app.get(&format!("/enquiries/{id}")).await.status(),
        Status::Forbidden
    );
}
