//! Stage guidance as a rep and centre staff read it: warnings, conditional paragraphs, the
//! sources of legal statements, glossary links, and the glossary page itself.

use std::path::Path;

use coopkit::db::repo;
use coopkit::domain::pathways::{load_pathways, PathwayLibrary};
use coopkit::domain::user::Role;
use rocket::http::Status;
use serde_json::json;

use crate::support::{valid_case_form, TestApp};

fn library() -> PathwayLibrary {
    load_pathways(Path::new("templates/pathways")).expect("the pathway files load")
}

/// Stores an answer as if a form had saved it, so a test can reach a later stage's text.
async fn set_answer(app: &TestApp, case: i64, key: &str, value: serde_json::Value) {
    let rows = repo::answers::for_case(app.db(), case)
        .await
        .expect("answers");
    let by = 1;
    match rows.iter().find(|r| r.question_key == key) {
        Some(row) => {
            let saved =
                repo::answers::update_if_version(app.db(), row.id, row.version, &value, by, 0)
                    .await
                    .expect("updated");
            assert!(saved);
        }
        None => repo::answers::insert(app.db(), case, key, &value, by, 0)
            .await
            .expect("inserted"),
    }
}

async fn open_case_on(app: &TestApp, pathway: &str) -> i64 {
    app.page("/cases/new").await;
    let mut form = valid_case_form("Guidance case");
    form.retain(|(k, _)| *k != "pathway");
    form.push(("pathway", pathway));
    let response = app.post_form("/cases", &form).await;
    assert_eq!(response.status(), Status::SeeOther);
    let location = response.headers().get_one("Location").expect("redirect");
    location.trim_start_matches("/cases/").parse().expect("id")
}

fn links_to(html: &str, key: &str) -> usize {
    html.matches(&format!("href=\"/glossary#{key}\"")).count()
}

#[rocket::async_test]
async fn the_deal_stage_shows_tupe_and_the_fast_track_only_when_they_apply_with_sources() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let id = app.open_case("Ribble Print Works").await;
    let stage = format!("/cases/{id}/stages/deal");

    set_answer(&app, id, "trigger", json!("owner_selling")).await;
    set_answer(&app, id, "purchase_type", json!("assets_only")).await;
    set_answer(&app, id, "same_staff_same_work", json!("no")).await;
    let (status, html) = app.page(&stage).await;
    assert_eq!(status, Status::Ok);
    assert!(!html.contains("TUPE stands for"), "{html}");
    assert!(!html.contains("Fast track"));
    assert!(html.contains("Work in this order."));

    set_answer(&app, id, "same_staff_same_work", json!("yes")).await;
    set_answer(&app, id, "trigger", json!("administration")).await;
    let (_, html) = app.page(&stage).await;
    assert!(html.contains("class=\"warning-block\""));
    assert!(html.contains(
        "Fast track: in <a class=\"term\" href=\"/glossary#administration\">administration</a> or"
    ));
    assert!(html.contains("protective award</a> for failing to consult"));
    assert!(html.contains("stands for the Transfer of Undertakings"));
    assert!(html.contains("<span class=\"source-label\">Source:</span> TUPE 2006 reg 4(3), 4(7) and 4(8); TUPE 2006 reg 7"));
    assert_eq!(
        links_to(&html, "tupe"),
        1,
        "TUPE links once, where it first appears"
    );
    assert_eq!(links_to(&html, "protective_award"), 1);
}

#[rocket::async_test]
async fn workers_see_the_sources_too_and_the_glossary_page_is_public() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let id = app.open_case("Ribble Print Works").await;
    let worker = app.create_user(Role::Worker, "worker@example.org").await;
    repo::cases::add_member(app.db(), id, worker, "worker", app.clock.now())
        .await
        .expect("test setup");
    app.sign_out().await;
    app.sign_in("worker@example.org").await;
    let (_, html) = app.page(&format!("/cases/{id}/stages/aftercare")).await;
    assert!(html.contains("including s.84(3)(c)"), "{html}");
    app.sign_out().await;

    let (status, html) = app.page("/glossary").await;
    assert_eq!(status, Status::Ok);
    for term in library().glossary().terms() {
        assert!(
            html.contains(&format!("<dt id=\"{}\">", term.key)),
            "{}",
            term.key
        );
    }
    assert!(html.contains("Transfer of Undertakings (Protection of Employment) Regulations 2006"));
}

/// Every glossary term that appears in a stage's always-shown guidance is linked on that
/// stage's page, for every stage of every pathway.
#[rocket::async_test]
async fn every_glossary_term_in_the_guidance_links_to_the_glossary() {
    let lib = library();
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    for pathway in lib.pathways() {
        let id = open_case_on(&app, &pathway.key).await;
        for stage in &pathway.stages {
            let text: String = stage
                .warnings
                .iter()
                .chain(&stage.guidance)
                .filter(|n| n.show_if.is_none())
                .flat_map(|n| n.paragraphs())
                .collect::<Vec<_>>()
                .join("\n");
            let (status, html) = app.page(&format!("/cases/{id}/stages/{}", stage.key)).await;
            assert_eq!(status, Status::Ok);
            for key in lib.glossary().used_in(&text) {
                assert_eq!(
                    links_to(&html, &key),
                    1,
                    "{} stage {}: term {key} should link once",
                    pathway.key,
                    stage.key
                );
            }
        }
    }
}

#[rocket::async_test]
async fn a_legal_statement_in_a_question_hint_names_its_source() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let id = app.open_case("Ribble Print Works").await;
    set_answer(&app, id, "trigger", json!("closure_announced")).await;
    let (status, html) = app
        .page(&format!("/cases/{id}/stages/intake/pages/redundancy"))
        .await;
    assert_eq!(status, Status::Ok);
    assert!(
        html.contains("Source: Trade Union and Labour Relations (Consolidation) Act 1992 s.188."),
        "{html}"
    );
}
