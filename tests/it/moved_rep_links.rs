//! Rep links made before issue 16 lived in `one_time_tokens`; the migration that made them
//! ordinary invitations must keep every one that was sent working, and every used one used.

use coopkit::db::entities::enquiries;
use coopkit::domain::user::Role;
use coopkit::services::tokens::hash_token;
use migration::{Migrator, MigratorTrait};
use rocket::http::Status;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use crate::support::{TestApp, PASSWORD};

/// Sends an enquiry from `email` through the front door and returns its id.
async fn enquiry_from(app: &TestApp, name: &str, email: &str) -> i64 {
    app.page("/enquire").await;
    let response = app
        .post_form(
            "/enquire",
            &[
                ("name", name),
                ("email", email),
                ("organisation", "Ribble Print"),
                ("role", "union_rep"),
                ("situation", "Redundancies announced at the print works."),
                ("consent", "yes"),
            ],
        )
        .await;
    let location = response.headers().get_one("Location").unwrap_or_default();
    location
        .rsplit('-')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("an enquiry reference in the redirect")
}

/// Makes the enquiry accepted the way the old code did: a rep link in `one_time_tokens`.
async fn old_rep_link(app: &TestApp, enquiry: i64, case: i64, token: &str, used: bool) {
    let db = app.db();
    let now = app.clock.now();
    let link = coopkit::db::repo::tokens::insert(
        db,
        &hash_token(token),
        "rep_invitation",
        None,
        now,
        now + 14 * 24 * 60 * 60,
    )
    .await
    .expect("old link");
    if used {
        coopkit::db::repo::tokens::consume(db, link.id, now)
            .await
            .expect("use it");
    }
    enquiries::ActiveModel {
        id: Set(enquiry),
        status: Set("accepted".into()),
        case_id: Set(Some(case)),
        invitation_id: Set(Some(link.id)),
        ..Default::default()
    }
    .update(db)
    .await
    .expect("accepted the old way");
}

#[rocket::async_test]
async fn rep_links_sent_before_the_move_still_work_once() {
    let app = TestApp::spawn().await;
    let fresh = enquiry_from(&app, "Rita", "Rita@Example.org").await;
    let spent = enquiry_from(&app, "Sol", "sol@example.org").await;
    app.signed_in_as(Role::Staff, "sam@example.org").await;
    let case = app.open_case("Ribble Print").await;
    let other = app.open_case("Sol's Bakery").await;
    app.sign_out().await;

    // Back to the schema before the move, with links made as the old code made them.
    let db = app.db();
    Migrator::down(db, Some(2)).await.expect("down");
    old_rep_link(&app, fresh, case, "old-link-never-used-000000000000", false).await;
    old_rep_link(&app, spent, other, "old-link-already-used-0000000000", true).await;
    Migrator::up(db, None).await.expect("up again");

    let left = coopkit::db::entities::one_time_tokens::Entity::find()
        .filter(coopkit::db::entities::one_time_tokens::Column::Purpose.eq("rep_invitation"))
        .all(db)
        .await
        .expect("tokens");
    assert!(left.is_empty(), "no rep link is left in one_time_tokens");
    let enquiry = coopkit::db::repo::enquiries::find(db, fresh)
        .await
        .expect("read")
        .expect("enquiry");
    assert_eq!(enquiry.invitation_id, None);

    let old = "/join-as-rep/old-link-never-used-000000000000";
    let (status, page) = app.page(old).await;
    assert_eq!(status, Status::Ok, "{page}");
    assert!(page.contains("rita@example.org") && page.contains("as its rep"));
    let response = app
        .post_form(
            "/join/old-link-never-used-000000000000",
            &[
                ("name", "Rita"),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        response.headers().get_one("Location"),
        Some(format!("/cases/{case}").as_str())
    );
    let (_, overview) = app.page(&format!("/cases/{case}")).await;
    assert!(overview.contains("Rita joined the case as a rep"));
    app.sign_out().await;
    assert_eq!(app.page(old).await.0, Status::NotFound, "it works once");

    let (status, page) = app
        .page("/join-as-rep/old-link-already-used-0000000000")
        .await;
    assert_eq!(status, Status::NotFound);
    assert!(page.contains("already been used"), "{page}");
}
