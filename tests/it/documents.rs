//! The Documents tab: answers, drafts and final versions of the rules and the business plan,
//! reading and downloading versions, comparing rules versions, and who may see them.

use coopkit::db::repo;
use coopkit::domain::user::Role;
use rocket::http::Status;

use crate::support::TestApp;

fn example(name: &str) -> String {
    let path = format!("{}/docs/examples/{name}.json", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).expect("example answers")
}

/// Stores answers as the question pages would have saved them.
async fn seed(app: &TestApp, case_id: i64, kind: &str, json: &str, by: i64) {
    let current = repo::documents::answers(app.db(), case_id, kind)
        .await
        .expect("read answers")
        .map_or(0, |a| a.version);
    let saved =
        repo::documents::save_answers(app.db(), case_id, kind, json, current, by, app.clock.now())
            .await
            .expect("save answers");
    assert!(saved);
}

/// Counts page objects (`/Type/Page`, not `/Pages`).
fn page_objects(pdf: &[u8]) -> usize {
    let needle = b"/Type/Page";
    pdf.windows(needle.len() + 1)
        .filter(|w| &w[..needle.len()] == needle && w[needle.len()] != b's')
        .count()
}

async fn rep_with_case(app: &TestApp) -> (i64, i64) {
    let rep = app.signed_in_as(Role::Rep, "rep@example.org").await;
    let case = app.open_case("Ribbleton Print Works").await;
    (rep, case)
}

#[rocket::async_test]
async fn a_rep_makes_rules_drafts_whose_versions_count_up_and_downloads_the_pdf() {
    let app = TestApp::spawn().await;
    let (rep, case) = rep_with_case(&app).await;
    seed(&app, case, "rules", &example("rules-society"), rep).await;

    let (status, first, _) = app.make_document(case, "rules", false).await;
    assert_eq!(status, Status::SeeOther);
    assert!(
        first.starts_with(&format!("/cases/{case}/documents/versions/")),
        "{first}"
    );
    let (status, second, _) = app.make_document(case, "rules", false).await;
    assert_eq!(status, Status::SeeOther);
    assert_ne!(first, second);

    let (status, body) = app.page(&second).await;
    assert_eq!(status, Status::Ok);
    assert!(body.contains("Rules, version 2"));
    assert!(body.contains("Ribbleton Print Works Co-operative Limited"));
    assert!(
        body.contains("Legal check"),
        "the legal check is the last section"
    );
    assert!(body.contains("<article class=\"doc\">"));

    let (_, list) = app.page(&format!("/cases/{case}/documents")).await;
    assert!(list.contains("Version 2") || list.contains(">2</td>"));
    assert!(list.contains("rep example org") || list.contains("rep"));

    let response = app.get(&format!("{second}/pdf")).await;
    assert_eq!(response.status(), Status::Ok);
    assert_eq!(
        response.content_type(),
        Some(rocket::http::ContentType::PDF)
    );
    let disposition = response
        .headers()
        .get_one("Content-Disposition")
        .unwrap_or_default()
        .to_string();
    assert!(
        disposition.starts_with("attachment; filename=\"PCEC-"),
        "{disposition}"
    );
    assert!(disposition.ends_with("-rules-v2.pdf\""), "{disposition}");
    let pdf = response.into_bytes().await.expect("pdf bytes");
    assert!(pdf.starts_with(b"%PDF-"));
    let pages = page_objects(&pdf);
    assert!(
        pages >= 8,
        "the society rules run to several pages, got {pages}"
    );
    assert!(body.contains(&format!("Download the PDF ({pages} pages)")));
}

#[rocket::async_test]
async fn the_society_example_passes_the_legal_check_and_can_be_made_final() {
    let app = TestApp::spawn().await;
    let (rep, case) = rep_with_case(&app).await;
    seed(&app, case, "rules", &example("rules-society"), rep).await;
    let (status, location, _) = app.make_document(case, "rules", true).await;
    assert_eq!(status, Status::SeeOther, "the example is ready to file");
    let (_, body) = app.page(&location).await;
    assert!(body.contains("Final"));
    assert!(body.contains("The check found nothing that blocks filing"));
    // All 14 Schedule 1 matters appear in the check's table, each with its clauses.
    for matter in [
        "Name",
        "Objects",
        "Registered office",
        "Maximum shareholding",
        "Borrowing and deposits",
    ] {
        assert!(body.contains(matter), "{matter}");
    }
    let start = body.find("Schedule 1 matters").expect("schedule 1 table");
    let rows = body[start..]
        .split("</table>")
        .next()
        .unwrap_or_default()
        .matches("<tr>")
        .count();
    assert_eq!(rows, 15, "a header row and the 14 matters");
}

#[rocket::async_test]
async fn a_final_version_is_refused_with_the_reasons_and_links_to_the_questions() {
    let app = TestApp::spawn().await;
    let (rep, case) = rep_with_case(&app).await;
    seed(&app, case, "rules", &example("rules-broken"), rep).await;

    let (status, _, body) = app.make_document(case, "rules", true).await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(body.contains("cannot be made final yet"));
    assert!(body.contains("A special resolution needs more than 50%"));
    assert!(body.contains(&format!(
        "/cases/{case}/documents/rules/meetings#special_majority_pct"
    )));
    assert!(body.contains(&format!("/cases/{case}/documents/rules/name#name")));
    let (_, list) = app.page(&format!("/cases/{case}/documents")).await;
    assert!(list.contains("No versions yet."), "nothing was stored");

    // A draft can still be made, and says so.
    let (status, location, _) = app.make_document(case, "rules", false).await;
    assert_eq!(status, Status::SeeOther);
    let (_, draft) = app.page(&location).await;
    assert!(draft.contains("Not ready to file"));
    assert!(draft.contains("DRAFT"));
}

#[rocket::async_test]
async fn two_versions_of_the_rules_are_compared_clause_by_clause() {
    let app = TestApp::spawn().await;
    let (rep, case) = rep_with_case(&app).await;
    seed(&app, case, "rules", &example("rules-society"), rep).await;
    let (_, first, _) = app.make_document(case, "rules", false).await;

    // Change the name through the question page, as a rep would.
    let (status, page) = app
        .page(&format!("/cases/{case}/documents/rules/name"))
        .await;
    assert_eq!(status, Status::Ok);
    assert!(page.contains("value=\"Ribbleton Print Works Co-operative Limited\""));
    let version = repo::documents::answers(app.db(), case, "rules")
        .await
        .expect("read")
        .expect("answers")
        .version
        .to_string();
    let response = app
        .post_form(
            &format!("/cases/{case}/documents/rules/name"),
            &[
                ("answers_version", &version),
                ("name", "Ribbleton Printers Co-operative Limited"),
                ("office_nation", "england"),
                ("office_address", "Unit 4, Ribbleton Lane Trading Estate, Preston PR1 5EZ"),
                ("objects", "Commercial and digital printing, finishing and binding, bought from its former owner by the people who work there."),
            ],
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let (_, second, _) = app.make_document(case, "rules", false).await;

    let id = |loc: &str| loc.rsplit('/').next().unwrap_or_default().to_string();
    let (status, body) = app
        .page(&format!(
            "/cases/{case}/documents/compare?from={}&to={}",
            id(&first),
            id(&second)
        ))
        .await;
    assert_eq!(status, Status::Ok);
    assert!(body.contains("from version 1 to version 2"));
    assert!(body.contains("Changed"));
    assert!(
        body.contains("Ribbleton <del>Print Works</del> <ins>Printers</ins> Co-operative"),
        "the old word is struck through: {}",
        body.split("diff-text").nth(1).unwrap_or_default()
    );
    assert!(
        body.contains("<ins>Printers</ins>"),
        "the new word is marked"
    );
    assert!(body.contains("clauses are the same in both versions"));
}

#[rocket::async_test]
async fn people_outside_the_case_get_404_and_workers_see_only_published_versions() {
    let app = TestApp::spawn().await;
    let (rep, case) = rep_with_case(&app).await;
    seed(&app, case, "rules", &example("rules-society"), rep).await;
    let (_, location, _) = app.make_document(case, "rules", false).await;

    let worker = app.create_user(Role::Worker, "worker@example.org").await;
    repo::cases::add_member(app.db(), case, worker, "worker", app.clock.now())
        .await
        .expect("member");
    app.create_user(Role::Rep, "other@example.org").await;

    app.sign_out().await;
    app.sign_in("other@example.org").await;
    for path in [
        format!("/cases/{case}/documents"),
        location.clone(),
        format!("{location}/pdf"),
        format!("/cases/{case}/documents/rules"),
    ] {
        assert_eq!(app.get(&path).await.status(), Status::NotFound, "{path}");
    }

    app.sign_out().await;
    app.sign_in("worker@example.org").await;
    let (status, list) = app.page(&format!("/cases/{case}/documents")).await;
    assert_eq!(status, Status::Ok);
    assert!(
        list.contains("No versions yet."),
        "drafts are not published to workers"
    );
    assert!(!list.contains("Make a draft"));
    assert_eq!(app.get(&location).await.status(), Status::NotFound);
    assert_eq!(
        app.get(&format!("{location}/pdf")).await.status(),
        Status::NotFound
    );

    app.sign_out().await;
    app.signed_in_as(Role::Staff, "staff@example.org").await;
    assert_eq!(
        app.get(&format!("{location}/pdf")).await.status(),
        Status::Ok,
        "centre staff see every case"
    );
}

#[rocket::async_test]
async fn the_rules_questions_start_with_the_legal_form_and_show_problems_by_the_field() {
    let app = TestApp::spawn().await;
    let (_, case) = rep_with_case(&app).await;
    let (status, start) = app.page(&format!("/cases/{case}/documents/rules")).await;
    assert_eq!(status, Status::Ok);
    assert!(start.contains("<legend>Which legal form will the co-op take?</legend>"));

    let response = app
        .post_form(
            &format!("/cases/{case}/documents/rules"),
            &[("answers_version", "0")],
        )
        .await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
    assert!(response
        .into_string()
        .await
        .unwrap_or_default()
        .contains("Choose the legal form the co-op will take"));

    app.page(&format!("/cases/{case}/documents/rules")).await;
    let response = app
        .post_form(
            &format!("/cases/{case}/documents/rules"),
            &[("answers_version", "0"), ("legal_form", "society")],
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(
        response.headers().get_one("Location"),
        Some(format!("/cases/{case}/documents/rules/name").as_str())
    );

    app.page(&format!("/cases/{case}/documents/rules/members"))
        .await;
    let response = app
        .post_form(
            &format!("/cases/{case}/documents/rules/members"),
            &[
                ("answers_version", "1"),
                ("founders[0].name", "Maureen Ashworth"),
                ("founders[0].age", "54"),
                ("founders[0].hours_week", "37"),
                ("founders[0].employee", "yes"),
                ("founders[0].roles", "director"),
                ("founders[0].roles", "chair"),
                ("member_min_age", "sixteen"),
            ],
        )
        .await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
    let body = response.into_string().await.unwrap_or_default();
    assert!(body.contains("Enter a whole number, like 3"));
    assert!(
        body.contains("href=\"#member_min_age\">Youngest age to join: Enter a whole number"),
        "the summary links to the field and names the question"
    );
    assert!(body.contains("value=\"sixteen\""), "what was typed is kept");
    assert!(body.contains("value=\"Maureen Ashworth\""));

    let response = app
        .post_form(
            &format!("/cases/{case}/documents/rules/members"),
            &[
                ("answers_version", "1"),
                ("founders[0].name", "Maureen Ashworth"),
                ("founders[0].age", "54"),
                ("founders[0].hours_week", "37"),
                ("founders[0].roles", "chair"),
                ("founders[0].roles", "director"),
                // The officers the annual return needs are checked on this page too.
                ("founders[1].name", "Tariq Hussain"),
                ("founders[1].age", "41"),
                ("founders[1].hours_week", "37"),
                ("founders[1].roles", "director"),
                ("founders[2].name", "Joanne Whittle"),
                ("founders[2].age", "33"),
                ("founders[2].hours_week", "30"),
                ("founders[2].roles", "secretary"),
                ("member_min_age", "16"),
            ],
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let saved = repo::documents::answers(app.db(), case, "rules")
        .await
        .expect("read")
        .expect("saved");
    let json: serde_json::Value = serde_json::from_str(&saved.answers).expect("json");
    assert_eq!(json["founders"][0]["roles"][0], "chair");
    assert_eq!(json["member_min_age"], "16");
    assert_eq!(saved.version, 2);
}

#[rocket::async_test]
async fn a_draft_published_from_the_documents_tab_reaches_the_workers_library() {
    let app = TestApp::spawn().await;
    let (rep, case) = rep_with_case(&app).await;
    seed(&app, case, "rules", &example("rules-society"), rep).await;
    let (status, _, _) = app.make_document(case, "rules", false).await;
    assert_eq!(status, Status::SeeOther);

    let (_, tab) = app.page(&format!("/cases/{case}/documents")).await;
    let action = tab
        .split("action=\"")
        .filter_map(|s| s.split('"').next())
        .find(|a| a.ends_with("/publish"))
        .expect("a publish button for the new version")
        .to_string();
    let response = app.post_form(&action, &[]).await;
    assert_eq!(response.status(), Status::SeeOther);

    let (_, tab) = app.page(&format!("/cases/{case}/documents")).await;
    assert!(
        tab.contains(">Published<"),
        "the version is marked published"
    );
    let (status, library) = app.page(&format!("/cases/{case}/documents/library")).await;
    assert_eq!(status, Status::Ok);
    assert!(
        library.contains("version 1"),
        "the library lists it: {library}"
    );
}
