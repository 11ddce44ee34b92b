//! The document library: published versions only, PDF downloads only for members of the case
//! and the centre (404 for anyone else), read marks, and publishing.
//!
//! The `documents` table comes from the documents feature on another branch. Until the
//! branches meet, `documents_table` makes a stand-in with the expected columns (it does
//! nothing once the real table exists); `add_document` may then need its column list
//! matched to the real table.

use coopkit::domain::user::Role;
use rocket::http::Status;
use sea_orm::sea_query::{Alias, ColumnDef, Query, Table};
use sea_orm::ConnectionTrait;

use crate::invitations::{accept_as_new, invite};
use crate::support::TestApp;

async fn documents_table(app: &TestApp) {
    let col = |name: &str| ColumnDef::new(Alias::new(name)).not_null().to_owned();
    let stmt = Table::create()
        .table(Alias::new("documents"))
        .if_not_exists()
        .col(
            ColumnDef::new(Alias::new("id"))
                .big_integer()
                .not_null()
                .primary_key(),
        )
        .col(col("case_id").big_integer())
        .col(col("kind").string())
        .col(col("version").integer())
        .col(col("draft").boolean())
        .col(col("published").boolean())
        .col(col("markup").text())
        .col(ColumnDef::new(Alias::new("pdf")).binary().null())
        .col(col("created_at").big_integer())
        .to_owned();
    app.db().execute(&stmt).await.expect("documents table");
}

async fn add_document(app: &TestApp, id: i64, case: i64, published: bool) {
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
            ]
            .map(Alias::new),
        )
        .values_panic([
            id.into(),
            case.into(),
            "rules".into(),
            2.into(),
            false.into(),
            published.into(),
            "# Rules of Ribble Print Co-operative\n\nThe members own the co-op together.\n".into(),
            b"%PDF-1.7 pretend".to_vec().into(),
            app.clock.now().into(),
        ])
        .to_owned();
    app.db().execute(&stmt).await.expect("document row");
}

#[rocket::async_test]
async fn workers_read_and_download_published_documents_and_reps_see_who_read_them() {
    let app = TestApp::spawn().await;
    documents_table(&app).await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let case = app.open_case("Ribble Print Works").await;
    let other = app.open_case("Other Works").await;
    add_document(&app, 1, case, false).await;
    add_document(&app, 2, other, true).await;
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
        list.contains("The co-op&#x27;s rules, version 2")
            || list.contains("The co-op's rules, version 2")
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
            && disposition.ends_with("-rules-v2.pdf\""),
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
    documents_table(&app).await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let case = app.open_case("Ribble Print Works").await;
    add_document(&app, 1, case, false).await;
    assert_eq!(
        app.get(&format!("/cases/{case}/documents/library/1/pdf"))
            .await
            .status(),
        Status::NotFound,
        "not published yet"
    );
    add_document(&app, 3, case, true).await;
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
