//! From the readiness check to a case (issue 17, point 5): what the visitor told the check
//! reaches the case staff open from their enquiry, so the case shows the same legal deadline,
//! with the same days left, and its timeline says when consultation started.

// Tests may unwrap: a panic there is a failed test with its line.
#![allow(clippy::unwrap_used)]

use chrono::{Datelike, Days, NaiveDate};
use coopkit::domain::user::Role;
use rocket::http::Status;

use crate::support::TestApp;

const DAY: i64 = 24 * 60 * 60;

async fn post(app: &TestApp, path: &str, fields: &[(&str, String)]) -> (Status, String) {
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = app.post_form(path, &borrowed).await;
    let status = response.status();
    (status, response.into_string().await.unwrap_or_default())
}

/// The hidden fields of a page, as a browser would send them.
fn hidden_inputs(body: &str) -> Vec<(String, String)> {
    let attribute = |tag: &str, name: &str| {
        let marker = format!("{name}=\"");
        let start = tag.find(&marker)? + marker.len();
        let end = tag[start..].find('"')?;
        Some(
            tag[start..start + end]
                .replace("&#x2F;", "/")
                .replace("&#x3D;", "=")
                .replace("&amp;", "&"),
        )
    };
    body.split("<input type=\"hidden\"")
        .skip(1)
        .filter_map(|rest| {
            let tag = &rest[..rest.find('>')?];
            Some((attribute(tag, "name")?, attribute(tag, "value")?))
        })
        .filter(|(name, _)| name != "_csrf")
        .collect()
}

/// A visitor whose owner is retiring *and* whose employer proposed 25 redundancies at one
/// site, consultation having started 14 days ago: 16 days left of the 30.
fn the_check(start: NaiveDate) -> Vec<(&'static str, String)> {
    [
        ("situation", "owner_retiring"),
        ("situation", "redundancies_proposed"),
        ("people", "40"),
        ("sector", "manufacturing"),
        ("union", "unite"),
        ("interest", "most"),
        ("aim", "workers"),
        ("profit", "yes"),
        ("at_one_site", "25"),
        ("timescale", "already_happening"),
        ("owner_wish", "open_to_staff"),
        ("accounts", "seen"),
    ]
    .iter()
    .map(|(k, v)| (*k, v.to_string()))
    .chain([
        ("parts[consultation_start_day]", start.day().to_string()),
        ("parts[consultation_start_month]", start.month().to_string()),
        ("parts[consultation_start_year]", start.year().to_string()),
    ])
    .collect()
}

#[rocket::async_test]
async fn the_case_shows_the_deadline_the_check_showed() {
    let app = TestApp::spawn().await;
    let start = app.clock.today().checked_sub_days(Days::new(14)).unwrap();
    let ends = start.checked_add_days(Days::new(30)).unwrap();
    let ends_text = ends.format("%A %-d %B %Y").to_string();

    // The visitor ticks two situations; step 2 asks the follow-ups of both.
    app.page("/check").await;
    let step_one: Vec<(&str, String)> = the_check(start)
        .into_iter()
        .filter(|(k, _)| !k.starts_with("parts[") && *k != "at_one_site")
        .collect();
    let (status, step_two) = post(&app, "/check", &step_one).await;
    assert_eq!(status, Status::Ok, "{step_two}");
    assert!(step_two.contains("When did the employer start consulting"));
    assert!(step_two.contains("What does the owner want from the sale?"));

    let (status, result) = post(&app, "/check/result", &the_check(start)).await;
    assert_eq!(status, Status::Ok, "{result}");
    assert!(result.contains("Urgent"));
    assert!(result.contains(&format!("Ends on {ends_text}")));
    assert!(result.contains("16 days left"), "{result}");
    assert!(
        result.contains("confidentiality agreement"),
        "the owner's retirement is reflected too"
    );

    // "Send an enquiry with these answers" carries them to the enquiry form.
    let query: Vec<String> = hidden_inputs(&result)
        .iter()
        .map(|(k, v)| format!("{k}={}", v.replace(',', "%2C").replace('/', "%2F")))
        .collect();
    let (status, form) = app.page(&format!("/enquire?{}", query.join("&"))).await;
    assert_eq!(status, Status::Ok);
    let mut fields: Vec<(String, String)> = hidden_inputs(&form);
    assert!(
        fields.iter().any(|(k, _)| k == "check.consultation_start"),
        "the check's answers are attached: {form}"
    );
    for (k, v) in [
        ("name", "Rita"),
        ("email", "rita@example.org"),
        ("organisation", "Ribble Print"),
        ("role", "union_rep"),
        ("situation", "Redundancies, and the owner wants to retire."),
        ("consent", "yes"),
    ] {
        fields.push((k.to_string(), v.to_string()));
    }
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let response = app.post_form("/enquire", &borrowed).await;
    assert_eq!(response.status(), Status::SeeOther);
    let location = response.headers().get_one("Location").unwrap().to_string();
    let id: i64 = location.rsplit('-').next().unwrap().parse().unwrap();

    app.signed_in_as(Role::Staff, "sam@example.org").await;
    app.page(&format!("/enquiries/{id}")).await;
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
    let case_id = coopkit::db::repo::enquiries::find(app.db(), id)
        .await
        .unwrap()
        .unwrap()
        .case_id
        .unwrap();

    let (status, deadlines) = app.page(&format!("/cases/{case_id}/deadlines")).await;
    assert_eq!(status, Status::Ok);
    assert!(
        deadlines.contains("Earliest first dismissal after collective consultation"),
        "{deadlines}"
    );
    assert!(deadlines.contains(&ends_text), "{deadlines}");
    assert!(deadlines.contains("16 days left"), "{deadlines}");
    app.clock.advance(2 * DAY);
    app.sign_in("sam@example.org").await;
    let (_, deadlines) = app.page(&format!("/cases/{case_id}/deadlines")).await;
    assert!(
        deadlines.contains("14 days left"),
        "the same clock, two days on: {deadlines}"
    );

    let (_, timeline) = app.page(&format!("/cases/{case_id}/timeline")).await;
    assert!(
        timeline.contains(&format!(
            "Collective consultation on redundancies started on {}",
            start.format("%A %-d %B %Y")
        )),
        "{timeline}"
    );
}

#[rocket::async_test]
async fn a_date_that_does_not_exist_is_called_out() {
    let app = TestApp::spawn().await;
    app.page("/check").await;
    let mut fields = the_check(app.clock.today());
    for (key, value) in fields.iter_mut() {
        match *key {
            "parts[consultation_start_day]" => *value = "31".into(),
            "parts[consultation_start_month]" => *value = "2".into(),
            "parts[consultation_start_year]" => *value = "2026".into(),
            _ => {}
        }
    }
    let (status, body) = post(&app, "/check/result", &fields).await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(
        body.contains("31 February 2026 is not a date: February 2026 has 28 days"),
        "{body}"
    );
    assert!(!body.contains("Enter the date as day/month/year"));
}
