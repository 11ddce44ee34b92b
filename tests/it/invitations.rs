//! Inviting workers: the link's life (create, accept, expire, reuse, withdraw, resend), lists
//! with bad rows, who may invite, and email through a real (local) SMTP server.

use coopkit::domain::user::Role;
use rocket::http::{ContentType, Header, Status};

use crate::smtp_sink::SmtpSink;
use crate::support::{TestApp, PASSWORD};

/// Every `/join/…` path shown in a page, in order.
pub fn join_paths(body: &str) -> Vec<String> {
    body.match_indices("/join/")
        .map(|(at, _)| {
            let rest = &body[at..];
            let end = rest.find(['"', '<', '\n', ' ']).unwrap_or(rest.len());
            rest[..end].to_string()
        })
        .filter(|p| p.len() > 20)
        .collect()
}

/// Invites one worker through the form and returns the path of their link.
pub async fn invite(app: &TestApp, case: i64, name: &str, email: &str) -> String {
    app.page(&format!("/cases/{case}/invitations")).await;
    let response = app
        .post_form(
            &format!("/cases/{case}/invitations"),
            &[("name", name), ("email", email)],
        )
        .await;
    assert_eq!(response.status(), Status::Ok);
    let body = response.into_string().await.unwrap_or_default();
    assert!(
        body.contains("Copy this link now"),
        "the new link is shown once"
    );
    join_paths(&body).pop().expect("a join link")
}

/// Follows a link as a new person and makes their account; they end up signed in.
pub async fn accept_as_new(app: &TestApp, path: &str, name: &str) {
    let (status, body) = app.page(path).await;
    assert_eq!(status, Status::Ok, "{body}");
    let response = app
        .post_form(
            path,
            &[
                ("name", name),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
}

async fn rep_with_case(app: &TestApp) -> i64 {
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    app.open_case("Ribble Print Works").await
}

#[rocket::async_test]
async fn a_worker_accepts_an_invitation_once_and_sees_only_that_case() {
    let app = TestApp::spawn().await;
    let case = rep_with_case(&app).await;
    let other = app.open_case("Other Works").await;
    let (_, page) = app.page(&format!("/cases/{case}/invitations")).await;
    assert!(page.contains("Email is not set up: share the link yourself"));
    let link = invite(&app, case, "Ann Lee", "Ann@Example.org").await;
    app.sign_out().await;

    let (status, body) = app.page(&link).await;
    assert_eq!(status, Status::Ok);
    assert!(body.contains("Join Ribble Print Works") && body.contains("ann@example.org"));
    let short = app
        .post_form(
            &link,
            &[
                ("name", "Ann Lee"),
                ("password", "short"),
                ("confirm", "short"),
            ],
        )
        .await;
    assert_eq!(short.status(), Status::UnprocessableEntity);
    assert!(short
        .into_string()
        .await
        .unwrap_or_default()
        .contains("Use at least 12 characters"));
    let response = app
        .post_form(
            &link,
            &[
                ("name", "Ann Lee"),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(
        response.headers().get_one("Location"),
        Some(format!("/cases/{case}/progress").as_str())
    );

    let (status, progress) = app.page(&format!("/cases/{case}/progress")).await;
    assert_eq!(status, Status::Ok);
    assert!(progress.contains("Ann Lee") && progress.contains("Trigger and intake"));
    let (_, list) = app.page("/cases").await;
    assert!(list.contains("Ribble Print Works") && !list.contains("Other Works"));
    assert_eq!(
        app.page(&format!("/cases/{other}")).await.0,
        Status::NotFound
    );
    assert_eq!(
        app.page(&format!("/cases/{case}/invitations")).await.0,
        Status::Forbidden
    );

    app.sign_out().await;
    let (status, again) = app.page(&link).await;
    assert_eq!(status, Status::NotFound);
    assert!(again.contains("already been used"));
}

#[rocket::async_test]
async fn an_expired_link_says_so_and_a_resend_makes_a_new_one() {
    let app = TestApp::spawn().await;
    let case = rep_with_case(&app).await;
    let old = invite(&app, case, "Bob Hart", "bob@example.org").await;
    app.clock.advance(14 * 24 * 60 * 60 + 1);
    app.sign_in("rep@example.org").await;
    let (_, page) = app.page(&format!("/cases/{case}/invitations")).await;
    assert!(page.contains("Link expired"));
    let (status, body) = app.page(&old).await;
    assert_eq!(status, Status::NotFound);
    assert!(body.contains("has expired"));

    let id = coopkit::db::repo::invitations::for_case(app.db(), case)
        .await
        .expect("read")[0]
        .id;
    app.page(&format!("/cases/{case}/invitations")).await;
    let response = app
        .post_form(&format!("/cases/{case}/invitations/{id}/resend"), &[])
        .await;
    assert_eq!(response.status(), Status::Ok);
    let fresh = join_paths(&response.into_string().await.unwrap_or_default())
        .pop()
        .expect("new link");
    assert_ne!(fresh, old);
    assert!(
        app.page(&old).await.1.contains("not valid"),
        "the old link stops working"
    );
    app.sign_out().await;
    accept_as_new(&app, &fresh, "Bob Hart").await;
}

#[rocket::async_test]
async fn a_withdrawn_link_no_longer_works() {
    let app = TestApp::spawn().await;
    let case = rep_with_case(&app).await;
    let link = invite(&app, case, "Cy Dunn", "cy@example.org").await;
    let id = coopkit::db::repo::invitations::for_case(app.db(), case)
        .await
        .expect("read")[0]
        .id;
    let response = app
        .post_form(&format!("/cases/{case}/invitations/{id}/withdraw"), &[])
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let (_, page) = app.page(&format!("/cases/{case}/invitations")).await;
    assert!(page.contains("Withdrawn"));
    let again = app
        .post_form(&format!("/cases/{case}/invitations/{id}/withdraw"), &[])
        .await;
    assert_eq!(again.status(), Status::Conflict);
    app.sign_out().await;
    let (status, body) = app.page(&link).await;
    assert_eq!(status, Status::NotFound);
    assert!(body.contains("withdrawn"));
    app.page("/login").await;
    let post = app
        .post_form(
            &link,
            &[
                ("name", "Cy"),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        post.status(),
        Status::NotFound,
        "a withdrawn link cannot make an account"
    );
}

#[rocket::async_test]
async fn a_pasted_list_invites_the_good_rows_and_reports_the_bad_by_line() {
    let app = TestApp::spawn().await;
    let case = rep_with_case(&app).await;
    invite(&app, case, "Ann Lee", "ann@example.org").await;
    let list = "name,email\nBea Cole,bea@example.org\nNo Email\nCal Dee,cal@\nDot Eve,dot@example.org\nAnn Lee,ann@example.org\nBea Again,BEA@example.org\n";
    app.page(&format!("/cases/{case}/invitations")).await;
    let response = app
        .post_form(
            &format!("/cases/{case}/invitations/list"),
            &[("list", list)],
        )
        .await;
    assert_eq!(response.status(), Status::Ok);
    let body = response.into_string().await.unwrap_or_default();
    assert_eq!(join_paths(&body).len(), 2, "Bea and Dot get links");
    for expected in [
        "<td>3</td>",
        "Only one value",
        "<td>4</td>",
        "right format",
        "<td>6</td>",
        "already been invited",
        "<td>7</td>",
        "already in this list",
    ] {
        assert!(body.contains(expected), "{expected}");
    }
    let all = coopkit::db::repo::invitations::for_case(app.db(), case)
        .await
        .expect("read");
    assert_eq!(all.len(), 3);

    let nothing = app
        .post_form(
            &format!("/cases/{case}/invitations/list"),
            &[("list", "just nonsense")],
        )
        .await;
    assert_eq!(nothing.status(), Status::UnprocessableEntity);
    assert!(nothing
        .into_string()
        .await
        .unwrap_or_default()
        .contains("No one on the list could be invited"));
}

#[rocket::async_test]
async fn an_uploaded_csv_file_is_read() {
    let app = TestApp::spawn().await;
    let case = rep_with_case(&app).await;
    app.page(&format!("/cases/{case}/invitations")).await;
    let csrf = app.csrf();
    let body = format!(
        "--XyZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{csrf}\r\n--XyZ\r\nContent-Disposition: form-data; name=\"list\"\r\n\r\n\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"staff.csv\"\r\nContent-Type: text/csv\r\n\r\nName,Email\r\nEd Fox,ed@example.org\r\nFay Gee,fay@example.org\r\nbad line\r\n\r\n--XyZ--\r\n"
    );
    let response = app
        .client
        .post(format!("/cases/{case}/invitations/list"))
        .header(ContentType::new("multipart", "form-data").with_params(("boundary", "XyZ")))
        .header(Header::new("Sec-Fetch-Site", "same-origin"))
        .body(body)
        .dispatch()
        .await;
    assert_eq!(response.status(), Status::Ok);
    let page = response.into_string().await.unwrap_or_default();
    assert_eq!(join_paths(&page).len(), 2);
    assert!(page.contains("<td>4</td>"));
}

#[rocket::async_test]
async fn only_reps_of_the_case_and_the_centre_invite_and_only_the_centre_invites_reps() {
    let app = TestApp::spawn().await;
    let case = rep_with_case(&app).await;
    app.page(&format!("/cases/{case}/invitations")).await;
    let rep_invite = app
        .post_form(
            &format!("/cases/{case}/invitations"),
            &[("name", "R"), ("email", "r@example.org"), ("role", "rep")],
        )
        .await;
    assert_eq!(rep_invite.status(), Status::Forbidden);
    app.sign_out().await;
    app.signed_in_as(Role::Rep, "stranger@example.org").await;
    assert_eq!(
        app.page(&format!("/cases/{case}/invitations")).await.0,
        Status::NotFound
    );
    let post = app
        .post_form(
            &format!("/cases/{case}/invitations"),
            &[("name", "X"), ("email", "x@example.org")],
        )
        .await;
    assert_eq!(post.status(), Status::NotFound);
    app.sign_out().await;

    app.signed_in_as(Role::Staff, "staff@example.org").await;
    app.page(&format!("/cases/{case}/invitations")).await;
    let response = app
        .post_form(
            &format!("/cases/{case}/invitations"),
            &[
                ("name", "Rita Rep"),
                ("email", "rita@example.org"),
                ("role", "rep"),
            ],
        )
        .await;
    assert_eq!(response.status(), Status::Ok);
    let link = join_paths(&response.into_string().await.unwrap_or_default())
        .pop()
        .expect("link");
    app.sign_out().await;
    accept_as_new(&app, &link, "Rita Rep").await;
    let (status, _) = app.page(&format!("/cases/{case}/invitations")).await;
    assert_eq!(status, Status::Ok, "an invited rep manages invitations");
}

#[rocket::async_test]
async fn someone_with_an_account_signs_in_and_joins() {
    let app = TestApp::spawn().await;
    let case = rep_with_case(&app).await;
    let link = invite(&app, case, "Gus Hill", "gus@example.org").await;
    app.sign_out().await;
    app.create_user(Role::Worker, "gus@example.org").await;
    let (_, body) = app.page(&link).await;
    assert!(body.contains("There is already an account for gus@example.org"));
    app.sign_in("gus@example.org").await;
    let (_, body) = app.page(&link).await;
    assert!(body.contains("Join with this account?"));
    let response = app.post_form(&format!("{link}/accept"), &[]).await;
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(
        app.page(&format!("/cases/{case}/progress")).await.0,
        Status::Ok
    );
}

#[rocket::async_test]
async fn invitations_are_emailed_through_the_configured_smtp_server() {
    let sink = SmtpSink::start().await;
    let app = TestApp::spawn_with(&[
        ("smtp_host", "127.0.0.1".into()),
        ("smtp_port", sink.port.to_string()),
        ("smtp_from", "coopkit <noreply@example.org>".into()),
    ])
    .await;
    let case = rep_with_case(&app).await;
    let (_, page) = app.page(&format!("/cases/{case}/invitations")).await;
    assert!(!page.contains("Email is not set up"));
    let response = app
        .post_form(
            &format!("/cases/{case}/invitations"),
            &[("name", "Ann Lee"), ("email", "ann@example.org")],
        )
        .await;
    let body = response.into_string().await.unwrap_or_default();
    assert!(body.contains("Emailed"));
    let link = join_paths(&body).pop().expect("link");
    let mail = sink.received();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].to, ["ann@example.org"]);
    let unfolded = mail[0].data.replace("=\n", "");
    assert!(unfolded.contains(&link), "the email carries the link");
    assert!(mail[0].data.contains("Ribble Print Works"));
}

#[rocket::async_test]
async fn a_sending_failure_is_shown_to_the_rep() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let app = TestApp::spawn_with(&[
        ("smtp_host", "127.0.0.1".into()),
        ("smtp_port", closed.to_string()),
        ("smtp_from", "noreply@example.org".into()),
    ])
    .await;
    let case = rep_with_case(&app).await;
    app.page(&format!("/cases/{case}/invitations")).await;
    let response = app
        .post_form(
            &format!("/cases/{case}/invitations"),
            &[("name", "Ann Lee"), ("email", "ann@example.org")],
        )
        .await;
    let body = response.into_string().await.unwrap_or_default();
    assert!(body.contains("Not emailed: The email could not be sent"));
    assert_eq!(
        join_paths(&body).len(),
        1,
        "the link is still shown to share by hand"
    );
    let (_, page) = app.page(&format!("/cases/{case}/invitations")).await;
    assert!(
        page.contains("Email failed: The email could not be sent"),
        "kept with the invitation"
    );
}
