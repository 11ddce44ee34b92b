//! Two people saving the same form page: nothing is overwritten, both values are shown and
//! the person chooses per question.

use coopkit::domain::user::Role;
use rocket::http::Status;

use crate::pathways::{intake_fields, page};
use crate::support::TestApp;

#[rocket::async_test]
async fn two_people_saving_the_same_answer_see_both_and_choose() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let id = app.open_case("Ribble Print Works").await;
    let path = page(id, "intake", "intake");
    app.page(&path).await;
    assert_eq!(
        app.post_form(&path, &intake_fields()).await.status(),
        Status::SeeOther
    );

    // Both open the page with the town "Preston"; the other person saves "Leyland" first.
    let (_, html) = app.page(&path).await;
    let orig = "\"Preston\"";
    assert!(
        html.contains("name=\"_orig.town\" value=\"&quot;Preston&quot;\""),
        "{html}"
    );
    let mut theirs = intake_fields();
    theirs.retain(|(k, _)| *k != "town");
    theirs.extend([("town", "Leyland"), ("_orig.town", orig)]);
    assert_eq!(
        app.post_form(&path, &theirs).await.status(),
        Status::SeeOther
    );

    let mut mine = intake_fields();
    mine.retain(|(k, _)| *k != "town" && *k != "headcount");
    mine.extend([
        ("town", "Chorley"),
        ("_orig.town", orig),
        ("headcount", "30"),
    ]);
    let response = app.post_form(&path, &mine).await;
    assert_eq!(response.status(), Status::Conflict);
    let html = response.into_string().await.unwrap_or_default();
    assert!(html.contains("Someone else changed these answers"));
    assert!(
        html.contains("<strong>Leyland</strong>") && html.contains("<strong>Chorley</strong>"),
        "{html}"
    );
    let (_, form) = app.page(&path).await;
    assert!(
        form.contains("value=\"Leyland\""),
        "nothing was overwritten"
    );

    // They choose their own town; their other change (headcount) is saved with it.
    let carried = hidden_fields(&html);
    let mut fields: Vec<(&str, &str)> = carried
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    fields.push(("_choose.town", "mine"));
    let response = app.post_form(&format!("{path}/resolve"), &fields).await;
    assert_eq!(response.status(), Status::SeeOther);
    let (_, form) = app.page(&path).await;
    assert!(form.contains("value=\"Chorley\"") && form.contains("value=\"30\""));
}

/// The hidden fields of a page, except the CSRF token.
fn hidden_fields(html: &str) -> Vec<(String, String)> {
    html.split("<input type=\"hidden\" name=\"")
        .skip(1)
        .filter_map(|rest| {
            let (name, rest) = rest.split_once("\" value=\"")?;
            let (value, _) = rest.split_once('"')?;
            let value = value
                .replace("&quot;", "\"")
                .replace("&amp;", "&")
                .replace("&#x3D;", "=");
            (name != "_csrf").then(|| (name.to_string(), value))
        })
        .collect()
}

#[rocket::async_test]
async fn an_answer_someone_else_changed_is_kept_when_this_person_left_it_alone() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let id = app.open_case("Ribble Print Works").await;
    let path = page(id, "intake", "intake");
    app.page(&path).await;
    assert_eq!(
        app.post_form(&path, &intake_fields()).await.status(),
        Status::SeeOther
    );
    let orig = "\"Preston\"";
    let mut theirs = intake_fields();
    theirs.retain(|(k, _)| *k != "town");
    theirs.extend([("town", "Leyland"), ("_orig.town", orig)]);
    assert_eq!(
        app.post_form(&path, &theirs).await.status(),
        Status::SeeOther
    );

    // This person's page still says Preston; they change only the headcount.
    let mut mine = intake_fields();
    mine.retain(|(k, _)| *k != "headcount");
    mine.extend([("_orig.town", orig), ("headcount", "30")]);
    let response = app.post_form(&path, &mine).await;
    assert_eq!(response.status(), Status::SeeOther, "no clash to resolve");
    let (_, form) = app.page(&path).await;
    assert!(
        form.contains("value=\"Leyland\""),
        "the other person's town is kept"
    );
    assert!(form.contains("inputmode=\"numeric\" value=\"30\""));
}
