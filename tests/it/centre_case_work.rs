//! One case's work at the education centre: notes with history and visibility, status
//! changes, tasks from checklists, the timeline and its export, and who may change the case.

// A panic in a test is a failed test with its line, which is what we want.
#![allow(clippy::unwrap_used)]

use coopkit::db::repo;
use coopkit::domain::user::Role;
use rocket::http::Status;

use crate::centre::body;
use crate::support::TestApp;

#[rocket::async_test]
async fn staff_notes_stay_with_staff_and_edits_keep_history() {
    let app = TestApp::spawn().await;
    let rep = app.create_user(Role::Rep, "rep@example.org").await;
    app.signed_in_as(Role::Staff, "staff@example.org").await;
    let id = app.open_case("Ribble Print Works").await;
    app.page(&format!("/cases/{id}/people")).await;
    let response = app
        .post_form(
            &format!("/cases/{id}/people"),
            &[("email", "rep@example.org"), ("role", "rep")],
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    app.page(&format!("/cases/{id}/tasks")).await;
    app.post_form(
        &format!("/cases/{id}/notes"),
        &[("body", "Owner seems reluctant"), ("visibility", "staff")],
    )
    .await;
    app.post_form(
        &format!("/cases/{id}/notes"),
        &[("body", "Meeting on Friday"), ("visibility", "shared")],
    )
    .await;
    let invalid = app
        .post_form(
            &format!("/cases/{id}/notes"),
            &[("body", " "), ("visibility", "staff")],
        )
        .await;
    assert_eq!(invalid.status(), Status::UnprocessableEntity);
    assert!(invalid
        .into_string()
        .await
        .unwrap()
        .contains("Write the note"));

    let notes = repo::notes::for_case(app.db(), id, false).await.unwrap();
    let shared = notes.iter().find(|n| n.visibility == "shared").unwrap();
    app.page(&format!("/cases/{id}/notes/{}", shared.id)).await;
    let response = app
        .post_form(
            &format!("/cases/{id}/notes/{}", shared.id),
            &[
                ("version", "1"),
                ("body", "Meeting moved to Monday"),
                ("visibility", "shared"),
            ],
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let history = body(&app, &format!("/cases/{id}/notes/{}", shared.id)).await;
    assert!(
        history.contains("Meeting on Friday"),
        "the old text is kept"
    );
    app.sign_out().await;

    app.sign_in("rep@example.org").await;
    let _ = rep;
    let page = body(&app, &format!("/cases/{id}/tasks")).await;
    assert!(page.contains("Meeting moved to Monday"));
    assert!(
        !page.contains("Owner seems reluctant"),
        "reps never see staff-only notes"
    );
    let timeline = body(&app, &format!("/cases/{id}/timeline")).await;
    assert!(!timeline.contains("staff-only note"));
    assert!(timeline.contains("note shared with reps"));
    assert_eq!(
        app.page(&format!("/cases/{id}/notes/{}", shared.id))
            .await
            .0,
        Status::NotFound
    );
}

#[rocket::async_test]
async fn status_changes_and_checklist_tasks_show_on_the_timeline() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Staff, "staff@example.org").await;
    let id = app.open_case("Ribble Print Works").await;
    app.page(&format!("/cases/{id}/tasks")).await;
    let response = app
        .post_form(
            &format!("/cases/{id}/status"),
            &[("version", "1"), ("action", "withdraw"), ("reason", "")],
        )
        .await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
    assert!(response
        .into_string()
        .await
        .unwrap()
        .contains("Say why the case is being withdrawn"));
    let response = app
        .post_form(
            &format!("/cases/{id}/status"),
            &[
                ("version", "1"),
                ("action", "withdraw"),
                ("reason", "Sold to a rival"),
            ],
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let stale = app
        .post_form(
            &format!("/cases/{id}/status"),
            &[("version", "1"), ("action", "reopen")],
        )
        .await;
    assert_eq!(stale.status(), Status::SeeOther);
    assert_eq!(
        repo::cases::find(app.db(), id)
            .await
            .unwrap()
            .unwrap()
            .status,
        "withdrawn",
        "a stale form changes nothing"
    );
    app.post_form(
        &format!("/cases/{id}/status"),
        &[("version", "2"), ("action", "reopen")],
    )
    .await;
    assert_eq!(
        repo::cases::find(app.db(), id)
            .await
            .unwrap()
            .unwrap()
            .status,
        "active"
    );

    let response = app
        .post_form(&format!("/cases/{id}/tasks/checklist"), &[])
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let page = body(&app, &format!("/cases/{id}/tasks")).await;
    assert!(
        page.contains("First contact logged"),
        "the intake checklist became tasks"
    );

    let timeline = body(&app, &format!("/cases/{id}/timeline")).await;
    assert!(timeline.contains("from active to withdrawn: Sold to a rival"));
    assert!(timeline.contains("from withdrawn to active"));
    let tasks_only = body(&app, &format!("/cases/{id}/timeline?kind=tasks")).await;
    assert!(tasks_only.contains("tasks from the intake checklist"));
    assert!(tasks_only.contains("<option value=\"\">Everything</option>"));
    assert!(tasks_only.contains("<option value=\"tasks\" selected>"));
    assert!(!tasks_only.contains("withdrawn"));
    let now = app.clock.now();
    coopkit::db::repo::answers::insert(app.db(), id, "town", &serde_json::json!("Preston"), 1, now)
        .await
        .expect("an answer");
    let json = app
        .get(&format!("/cases/{id}/export.json"))
        .await
        .into_string()
        .await
        .unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["case"]["name"], "Ribble Print Works");
    assert!(value["events"].as_array().unwrap().len() >= 4);
    assert!(value["tasks"].as_array().unwrap().len() >= 4);
    assert_eq!(
        value["answers"]["town"], "Preston",
        "the answers are exported"
    );
    assert!(value["documents"].is_array() && value["stages"].is_array());
}

#[rocket::async_test]
async fn only_staff_change_a_case_and_people_taken_off_lose_it() {
    let app = TestApp::spawn().await;
    let rep = app.create_user(Role::Rep, "rep@example.org").await;
    app.create_user(Role::Worker, "worker@example.org").await;
    app.signed_in_as(Role::Staff, "staff@example.org").await;
    let id = app.open_case("Ribble Print Works").await;
    app.page(&format!("/cases/{id}/people")).await;
    for (email, role) in [("rep@example.org", "rep"), ("worker@example.org", "worker")] {
        let response = app
            .post_form(
                &format!("/cases/{id}/people"),
                &[("email", email), ("role", role)],
            )
            .await;
        assert_eq!(response.status(), Status::SeeOther);
    }
    let unknown = app
        .post_form(
            &format!("/cases/{id}/people"),
            &[("email", "nobody@example.org"), ("role", "rep")],
        )
        .await;
    assert_eq!(unknown.status(), Status::UnprocessableEntity);
    app.sign_out().await;

    app.sign_in("worker@example.org").await;
    assert_eq!(
        app.page(&format!("/cases/{id}/tasks")).await.0,
        Status::NotFound,
        "workers see no notes"
    );
    app.sign_out().await;

    app.sign_in("rep@example.org").await;
    let people = body(&app, &format!("/cases/{id}/people")).await;
    assert!(people.contains("worker"), "reps see who is on the case");
    app.page(&format!("/cases/{id}/tasks")).await;
    for path in ["notes", "tasks", "status", "advisor"] {
        let response = app
            .post_form(
                &format!("/cases/{id}/{path}"),
                &[
                    ("body", "x"),
                    ("visibility", "shared"),
                    ("title", "x"),
                    ("version", "1"),
                    ("action", "hold"),
                ],
            )
            .await;
        assert_eq!(
            response.status(),
            Status::Forbidden,
            "a rep may not post to {path}"
        );
    }
    app.sign_out().await;

    app.sign_in("staff@example.org").await;
    app.page(&format!("/cases/{id}/people")).await;
    let response = app
        .post_form(&format!("/cases/{id}/people/{rep}/remove"), &[])
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    app.sign_out().await;
    app.sign_in("rep@example.org").await;
    assert_eq!(app.page(&format!("/cases/{id}")).await.0, Status::NotFound);
}
