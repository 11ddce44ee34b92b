//! Issue 17 point 10: every limit the final version enforces on a single answer (a range, a
//! ceiling) is refused on the question page where it is typed, with the message by the field
//! and what was typed kept, not first at "Make the final version".

use coopkit::db::repo;
use coopkit::domain::rules::{self, FieldKind, FormPage, LegalForm};
use coopkit::domain::user::Role;
use rocket::http::Status;
use serde_json::{Map, Value};

use crate::support::TestApp;

fn example(name: &str) -> Map<String, Value> {
    let path = format!("{}/docs/examples/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).expect("example answers");
    serde_json::from_str(&text).expect("json object")
}

fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('\'', "&#x27;")
        .replace('"', "&quot;")
}

fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Bool(true) => "yes".into(),
        Value::Bool(false) => "no".into(),
        other => other.to_string(),
    }
}

/// The page as a browser would post it, filled in from `answers`.
fn page_form(page: &FormPage, answers: &Map<String, Value>) -> Vec<(String, String)> {
    let mut out = vec![("answers_version".to_string(), "1".to_string())];
    for field in &page.fields {
        let Some(value) = answers.get(field.key) else {
            continue;
        };
        match (field.kind, value) {
            (FieldKind::People, Value::Array(people)) => {
                for (i, person) in people.iter().enumerate() {
                    for key in ["name", "age", "hours_week"] {
                        let v = person.get(key).map(text).unwrap_or_default();
                        out.push((format!("founders[{i}].{key}"), v));
                    }
                    let employee =
                        person.get("employee_or_prospective") == Some(&Value::Bool(true));
                    out.push((
                        format!("founders[{i}].employee"),
                        if employee { "yes" } else { "no" }.into(),
                    ));
                    for role in person["roles"].as_array().into_iter().flatten() {
                        out.push((format!("founders[{i}].roles"), text(role)));
                    }
                }
            }
            (_, Value::Array(items)) => {
                out.extend(items.iter().map(|v| (field.key.to_string(), text(v))));
            }
            _ => out.push((field.key.to_string(), text(value))),
        }
    }
    out
}

/// Each figure on each page, set to values far out of any range, in a complete example: where
/// the final version's check refuses it, the page alone (the later pages still empty) must
/// refuse it too, with the same message.
#[rocket::async_test]
async fn every_range_the_final_version_enforces_is_refused_where_it_is_typed() {
    let app = TestApp::spawn().await;
    let rep = app.signed_in_as(Role::Rep, "rep@example.org").await;
    let mut refused = Vec::new();
    for (file, form, key) in [
        ("rules-society", LegalForm::Society, "society"),
        ("rules-company", LegalForm::Company, "company"),
        ("rules-consortium", LegalForm::Consortium, "consortium"),
    ] {
        let complete = example(file);
        assert!(rules::parse_answers(&complete).is_ok(), "{file} is valid");
        let case = app.open_case(&format!("Range Works {key}")).await;
        let json = Value::Object(complete.clone()).to_string();
        let saved =
            repo::documents::save_answers(app.db(), case, "rules", &json, 0, rep, app.clock.now())
                .await
                .expect("save");
        assert!(saved);
        for page in rules::form_pages(form) {
            let path = format!("/cases/{case}/documents/rules/{}", page.key);
            for field in &page.fields {
                if !matches!(
                    field.kind,
                    FieldKind::Number | FieldKind::Percent | FieldKind::Money
                ) {
                    continue;
                }
                for bad in ["0", "1", "12", "99", "150", "9999"] {
                    let mut answers = complete.clone();
                    answers.insert(field.key.into(), Value::String(bad.into()));
                    let Err(errors) = rules::parse_answers(&answers) else {
                        continue;
                    };
                    let Some(message) = errors.first(field.key).map(str::to_string) else {
                        continue;
                    };
                    // Checks across pages wait for the final version: a 0% ceiling is only
                    // wrong if the Profits page (typed later) pays interest from profit.
                    // Likewise founders (Members page) against a collective board.
                    if message.starts_with("Profit is to pay interest")
                        || message.starts_with("With every member a director")
                    {
                        continue;
                    }
                    let mut posted = answers.clone();
                    // Later pages still empty: only this page's answers and the legal form.
                    posted
                        .retain(|k, _| k == "legal_form" || page.fields.iter().any(|f| f.key == k));
                    let form = page_form(&page, &posted);
                    let fields: Vec<(&str, &str)> =
                        form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                    app.page(&path).await;
                    let response = app.post_form(&path, &fields).await;
                    let status = response.status();
                    let body = response.into_string().await.unwrap_or_default();
                    assert_eq!(
                        status,
                        Status::UnprocessableEntity,
                        "{key} {} = {bad}: refused at the final version ({message}) but saved on its page",
                        field.key
                    );
                    assert!(
                        body.contains(&html(&message)),
                        "{key} {} = {bad}: {message}",
                        field.key
                    );
                    assert!(
                        body.contains(&format!("value=\"{bad}\"")),
                        "what was typed is kept"
                    );
                    refused.push(format!("{key}.{}={bad}", field.key));
                }
            }
        }
    }
    assert!(
        refused.iter().any(|r| r == "society.member_min_age=12"),
        "the minimum age of 12 from the issue: {refused:?}"
    );
    assert!(refused.len() > 40, "{} limits checked", refused.len());
}

/// Saves `answers` as the case's rules answers, as if typed on earlier visits.
async fn saved_rules(app: &TestApp, rep: i64, name: &str, answers: &Map<String, Value>) -> i64 {
    let case = app.open_case(name).await;
    let json = Value::Object(answers.clone()).to_string();
    let saved =
        repo::documents::save_answers(app.db(), case, "rules", &json, 0, rep, app.clock.now())
            .await
            .expect("save");
    assert!(saved);
    case
}

fn rules_page(key: &str) -> FormPage {
    rules::form_pages(LegalForm::Society)
        .into_iter()
        .find(|p| p.key == key)
        .expect("page")
}

/// Issue 17 point 10: a union-nominated director with no outside seat was refused only at
/// "Make the final version". Answers on two pages: whichever page is saved second says so,
/// beside its own question, and keeps what was typed.
#[rocket::async_test]
async fn a_union_director_without_an_outside_seat_is_refused_on_either_page() {
    let app = TestApp::spawn().await;
    let rep = app.signed_in_as(Role::Rep, "rep@example.org").await;
    let mut answers = example("rules-society");
    answers.insert("external_directors_max".into(), Value::String("0".into()));
    let case = saved_rules(&app, rep, "Union Seat Works", &answers).await;
    let message = "A union-nominated director is an outside director: allow at least one outside director on the board page, or do not let the union nominate one.";

    // The union page, typed second: "yes" is refused there.
    let union = rules_page("union");
    let path = format!("/cases/{case}/documents/rules/union");
    let mut typed = answers.clone();
    typed.insert(
        "union_nominated_director".into(),
        Value::String("yes".into()),
    );
    let form = page_form(&union, &typed);
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let response = app.post_form(&path, &fields).await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
    let body = response.into_string().await.unwrap_or_default();
    assert!(body.contains(&html(message)), "{body}");
    assert!(
        body.contains("value=\"yes\" checked"),
        "the answer typed is kept"
    );

    // A real rep's answer: one outside seat on the board page, then "yes" saves.
    let board = rules_page("board");
    let mut seat = answers.clone();
    seat.insert("external_directors_max".into(), Value::String("1".into()));
    let form = page_form(&board, &seat);
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let response = app
        .post_form(&format!("/cases/{case}/documents/rules/board"), &fields)
        .await;
    assert_eq!(response.status(), Status::SeeOther, "one seat saves");
    let mut typed = seat.clone();
    typed.insert(
        "union_nominated_director".into(),
        Value::String("yes".into()),
    );
    let mut form = page_form(&union, &typed);
    form[0].1 = "2".into();
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let response = app.post_form(&path, &fields).await;
    assert_eq!(response.status(), Status::SeeOther, "yes saves with a seat");

    // The board page, typed second: taking the seat away again is refused there.
    let mut typed = seat.clone();
    typed.insert("external_directors_max".into(), Value::String("0".into()));
    let mut form = page_form(&board, &typed);
    form[0].1 = "3".into();
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let response = app
        .post_form(&format!("/cases/{case}/documents/rules/board"), &fields)
        .await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
    let body = response.into_string().await.unwrap_or_default();
    assert!(body.contains(&html(message)), "{body}");
    assert!(body.contains("value=\"0\""), "the figure typed is kept");
}
