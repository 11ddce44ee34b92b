//! The document library: published versions only, PDF downloads only for members of the case
//! and the centre (404 for anyone else), read marks, and publishing.
//!
//! Documents are added straight into the `documents` table (the documents tests cover how
//! they are generated); these tests are about who may read them.

use coopkit::domain::user::Role;
use rocket::http::Status;
use sea_orm::sea_query::{Alias, Query};
use sea_orm::ConnectionTrait;

use crate::invitations::{accept_as_new, invite};
use crate::support::TestApp;

pub(crate) async fn add_document(
    app: &TestApp,
    id: i64,
    case: i64,
    published: bool,
    created_by: i64,
) {
    let stmt = Query::insert()
        .into_table(Alias::new("documents"))
        .columns(
            [
                "id",
                "case_id",
                "kind",
                "version",
                "draft",
                "published",
                "markup",
                "pdf",
                "created_at",
                "coop_name",
                "content_hash",
                "answers",
                "page_count",
                "created_by",
            ]
            .map(Alias::new),
        )
        .values_panic([
            id.into(),
            case.into(),
            "rules".into(),
            (id as i32).into(),
            false.into(),
            published.into(),
            "# Rules of Ribble Print Co-operative\n\nThe members own the co-op together.\n".into(),
            b"%PDF-1.7 pretend".to_vec().into(),
            app.clock.now().into(),
            "Ribble Print Co-operative Limited".into(),
            "0".repeat(64).into(),
            "{}".into(),
            1.into(),
            created_by.into(),
        ])
        .to_owned();
    app.db().execute(&stmt).await.expect("document row");
}

#[rocket::async_test]
async fn workers_read_and_download_published_documents_and_reps_see_who_read_them() {
    let app = TestApp::spawn().await;
    let rep = app.signed_in_as(Role::Rep, "rep@example.org").await;
    let case = app.open_case("Ribble Print Works").await;
    let other = app.open_case("Other Works").await;
    add_document(&app, 1, case, false, rep).await;
    add_document(&app, 2, other, true, rep).await;
    let link = invite(&app, case, "Ann Lee", "ann@example.org").await;
    app.page(&format!("/cases/{case}/documents/library")).await;
    let publish = app
        .post_form(&format!("/cases/{case}/documents/1/publish"), &[])
        .await;
    assert_eq!(publish.status(), Status::SeeOther);
    assert_eq!(
        app.post_form(&format!("/cases/{case}/documents/2/publish"), &[])
            .await
            .status(),
        Status::NotFound,
        "another case's document"
    );
    app.sign_out().await;

    accept_as_new(&app, &link, "Ann Lee").await;
    let (_, list) = app.page(&format!("/cases/{case}/documents/library")).await;
    assert!(
        list.contains("The co-op&#x27;s rules, version 1")
            || list.contains("The co-op's rules, version 1")
    );
    let (status, html) = app
        .page(&format!("/cases/{case}/documents/library/1"))
        .await;
    assert_eq!(status, Status::Ok);
    assert!(html.contains("The members own the co-op together."));
    let download = app
        .get(&format!("/cases/{case}/documents/library/1/pdf"))
        .await;
    assert_eq!(download.status(), Status::Ok);
    assert_eq!(
        download.headers().get_one("Content-Type"),
        Some("application/pdf")
    );
    let disposition = download
        .headers()
        .get_one("Content-Disposition")
        .unwrap_or_default()
        .to_string();
    assert!(
        disposition.starts_with("attachment; filename=\"PCEC-")
            && disposition.ends_with("-rules-v1.pdf\""),
        "{disposition}"
    );
    assert!(download
        .into_bytes()
        .await
        .unwrap_or_default()
        .starts_with(b"%PDF"));
    assert_eq!(
        app.get(&format!("/cases/{other}/documents/library/2/pdf"))
            .await
            .status(),
        Status::NotFound,
        "not a member of that case"
    );
    assert_eq!(
        app.get(&format!("/cases/{case}/documents/library/2/pdf"))
            .await
            .status(),
        Status::NotFound,
        "a document of another case"
    );
    let read = app
        .post_form(&format!("/cases/{case}/documents/library/1/read"), &[])
        .await;
    assert_eq!(read.status(), Status::SeeOther);
    assert!(app
        .page(&format!("/cases/{case}/documents/library"))
        .await
        .1
        .contains("You have read this"));
    assert_eq!(
        app.post_form(&format!("/cases/{case}/documents/1/publish"), &[])
            .await
            .status(),
        Status::Forbidden
    );
    app.sign_out().await;

    app.sign_in("rep@example.org").await;
    let (_, list) = app.page(&format!("/cases/{case}/documents/library")).await;
    assert!(list.contains("Read by:</strong> Ann Lee"));
}

#[rocket::async_test]
async fn unpublished_documents_and_strangers_get_404() {
    let app = TestApp::spawn().await;
    let rep = app.signed_in_as(Role::Rep, "rep@example.org").await;
    let case = app.open_case("Ribble Print Works").await;
    add_document(&app, 1, case, false, rep).await;
    assert_eq!(
        app.get(&format!("/cases/{case}/documents/library/1/pdf"))
            .await
            .status(),
        Status::NotFound,
        "not published yet"
    );
    add_document(&app, 3, case, true, rep).await;
    assert_eq!(
        app.get(&format!("/cases/{case}/documents/library/3/pdf"))
            .await
            .status(),
        Status::Ok,
        "a rep of the case"
    );
    app.sign_out().await;
    assert_ne!(
        app.get(&format!("/cases/{case}/documents/library/3/pdf"))
            .await
            .status(),
        Status::Ok,
        "signed out"
    );
    app.signed_in_as(Role::Rep, "stranger@example.org").await;
    assert_eq!(
        app.get(&format!("/cases/{case}/documents/library/3/pdf"))
            .await
            .status(),
        Status::NotFound
    );
    app.sign_out().await;
    app.signed_in_as(Role::Worker, "worker-elsewhere@example.org")
        .await;
    assert_eq!(
        app.get(&format!("/cases/{case}/documents/library/3/pdf"))
            .await
            .status(),
        Status::NotFound
    );
    app.sign_out().await;
    app.signed_in_as(Role::Staff, "staff@example.org").await;
    assert_eq!(
        app.get(&format!("/cases/{case}/documents/library/3/pdf"))
            .await
            .status(),
        Status::Ok,
        "centre staff"
    );
}
