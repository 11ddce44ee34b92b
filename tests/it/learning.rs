//! The learning library: staff write a page (whose markup never becomes HTML) and upload a
//! PDF (checked by its bytes and size), tag both with stages, change and retire them; the
//! people of cases read them and mark them as read; others signed in may not.

use coopkit::domain::user::Role;
use rocket::http::{ContentType, Header, Status};

use crate::invitations::{accept_as_new, invite};
use crate::support::TestApp;

pub const GOVERNANCE_PAGE: &str = "## Who decides what\nIn a co-op **every member** has one vote.\n\n- The members elect the board\n- The board appoints managers\n<script>alert('x')</script>\n@clause S1 Not a clause";

async fn post(app: &TestApp, path: &str, fields: &[(&str, &str)]) -> (Status, String, String) {
    let response = app.post_form(path, fields).await;
    let status = response.status();
    let location = response
        .headers()
        .get_one("Location")
        .unwrap_or_default()
        .to_string();
    (
        status,
        location,
        response.into_string().await.unwrap_or_default(),
    )
}

/// Staff add a page tagged for the buyout's members' decision; returns its id.
pub async fn add_governance_page(app: &TestApp) -> i64 {
    app.page("/staff/learning/new").await;
    let (status, location, body) = post(
        app,
        "/staff/learning",
        &[
            ("title", "Governance and management"),
            ("format", "page"),
            ("body", GOVERNANCE_PAGE),
            ("stage", "buyout:members_vote"),
            ("stage", "startup:founding"),
        ],
    )
    .await;
    assert_eq!(status, Status::SeeOther, "{body}");
    location
        .trim_start_matches("/learning/")
        .parse()
        .expect("material id")
}

/// Posts the material form as a browser does with a file chosen (multipart).
async fn upload(
    app: &TestApp,
    path: &str,
    title: &str,
    file: &[u8],
    version: &str,
) -> (Status, String, String) {
    let csrf = app.csrf();
    let mut body = Vec::new();
    let mut field = |name: &str, value: &str| {
        body.extend_from_slice(
            format!("--XyZ\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    };
    field("_csrf", &csrf);
    field("version", version);
    field("title", title);
    field("format", "pdf");
    field("body", "");
    field("stage", "buyout:finance");
    body.extend_from_slice(b"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"C:\\\\guides\\\\accounts.pdf\"\r\nContent-Type: application/pdf\r\n\r\n");
    body.extend_from_slice(file);
    body.extend_from_slice(b"\r\n--XyZ--\r\n");
    let response = app
        .client
        .post(path.to_string())
        .header(ContentType::new("multipart", "form-data").with_params(("boundary", "XyZ")))
        .header(Header::new("Sec-Fetch-Site", "same-origin"))
        .body(body)
        .dispatch()
        .await;
    let status = response.status();
    let location = response
        .headers()
        .get_one("Location")
        .unwrap_or_default()
        .to_string();
    (
        status,
        location,
        response.into_string().await.unwrap_or_default(),
    )
}

const A_PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

#[rocket::async_test]
async fn staff_write_a_page_that_members_read_and_mark_as_read() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let case = app.open_case("Ribble Print Works").await;
    let worker = invite(&app, case, "Wyn Worker", "wyn@example.org").await;
    app.sign_out().await;
    app.signed_in_as(Role::Staff, "sam@example.org").await;

    // A form with problems comes back as typed, each message by its field.
    app.page("/staff/learning/new").await;
    let (status, _, body) = post(
        &app,
        "/staff/learning",
        &[("title", ""), ("format", "page"), ("body", "Kept as typed")],
    )
    .await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(body.contains("Give the material a title"), "{body}");
    assert!(body.contains("Tick at least one stage"));
    assert!(body.contains(">Kept as typed</textarea>"));

    let material = add_governance_page(&app).await;
    app.sign_out().await;

    accept_as_new(&app, &worker, "Wyn Worker").await;
    let (status, list) = app.page("/learning").await;
    assert_eq!(status, Status::Ok);
    assert!(list.contains("Governance and management"));
    assert!(
        list.contains("Worker buyout: Members&#x27; decision")
            || list.contains("Worker buyout: Members' decision"),
        "{list}"
    );
    let (_, page) = app.page(&format!("/learning/{material}")).await;
    assert!(page.contains("<h2>Who decides what</h2>"), "{page}");
    assert!(page.contains("In a co-op <strong>every member</strong> has one vote."));
    assert!(page.contains("<li>The members elect the board</li>"));
    // What was typed is text: never a script, never a document clause.
    assert!(!page.contains("<script>alert"));
    assert!(page.contains("&lt;script&gt;"));
    assert!(page.contains("@clause S1 Not a clause"));

    let (status, location, _) = post(&app, &format!("/learning/{material}/read"), &[]).await;
    assert_eq!(
        (status, location.as_str()),
        (Status::SeeOther, format!("/learning/{material}").as_str())
    );
    let (_, page) = app.page(&format!("/learning/{material}")).await;
    assert!(page.contains("You have read this"));
    let (_, record) = app.page(&format!("/cases/{case}/learning")).await;
    assert!(record.contains("Wyn Worker (you)"), "{record}");
    assert!(record.contains(&format!(
        "<a href=\"/learning/{material}\">Governance and management</a>"
    )));

    // Someone signed in but on no case may not read the library.
    app.sign_out().await;
    app.signed_in_as(Role::Rep, "new-rep@example.org").await;
    assert_eq!(app.get("/learning").await.status(), Status::Forbidden);
    assert_eq!(
        app.get(&format!("/learning/{material}")).await.status(),
        Status::Forbidden
    );
}

#[rocket::async_test]
async fn a_pdf_is_checked_by_its_bytes_then_changed_and_retired() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let case = app.open_case("Ribble Print Works").await;
    let worker = invite(&app, case, "Wyn Worker", "wyn@example.org").await;
    app.sign_out().await;
    app.signed_in_as(Role::Staff, "sam@example.org").await;
    app.page("/staff/learning/new").await;

    // A picture renamed to .pdf is refused by its content.
    let (status, _, body) = upload(
        &app,
        "/staff/learning",
        "Reading accounts",
        b"GIF89a\x01\x00%%EOF",
        "0",
    )
    .await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(body.contains("The file is not a PDF"), "{body}");
    assert!(body.contains("value=\"Reading accounts\""));
    let mut big = b"%PDF-1.4\n".to_vec();
    big.resize(9 * 1024 * 1024, b'x');
    let (status, _, body) = upload(&app, "/staff/learning", "Reading accounts", &big, "0").await;
    assert_eq!(status, Status::UnprocessableEntity, "{body}");
    assert!(body.contains("larger than 8 MB"));

    let (status, location, body) =
        upload(&app, "/staff/learning", "Reading accounts", A_PDF, "0").await;
    assert_eq!(status, Status::SeeOther, "{body}");
    let material: i64 = location
        .trim_start_matches("/learning/")
        .parse()
        .expect("id");
    let (_, page) = app.page(&location).await;
    assert!(page.contains("accounts.pdf, 1 KB"), "{page}");

    // A change from an old version is refused; the current one keeps the stored file.
    app.page(&format!("/staff/learning/{material}/edit")).await;
    let path = format!("/staff/learning/{material}/edit");
    let (status, _, _) = post(
        &app,
        &path,
        &[
            ("version", "1"),
            ("title", "Reading a co-op's accounts"),
            ("format", "pdf"),
            ("stage", "buyout:finance"),
        ],
    )
    .await;
    assert_eq!(status, Status::SeeOther);
    let (status, _, _) = post(
        &app,
        &path,
        &[
            ("version", "1"),
            ("title", "Stale"),
            ("format", "pdf"),
            ("stage", "buyout:finance"),
        ],
    )
    .await;
    assert_eq!(status, Status::Conflict);
    app.sign_out().await;

    accept_as_new(&app, &worker, "Wyn Worker").await;
    let response = app.get(&format!("/learning/{material}/pdf")).await;
    assert_eq!(response.status(), Status::Ok);
    assert_eq!(response.content_type(), Some(ContentType::PDF));
    assert_eq!(response.into_bytes().await.unwrap_or_default(), A_PDF);
    app.page(&format!("/learning/{material}")).await;
    post(&app, &format!("/learning/{material}/read"), &[]).await;
    app.sign_out().await;

    app.sign_in("sam@example.org").await;
    app.page(&format!("/learning/{material}")).await;
    let (status, _, _) = post(&app, &format!("/staff/learning/{material}/retire"), &[]).await;
    assert_eq!(status, Status::SeeOther);
    let (_, list) = app.page("/learning").await;
    assert!(list.contains("Retired"));
    app.sign_out().await;

    // Retired: no longer offered, still in the record of the one who read it.
    app.sign_in("wyn@example.org").await;
    let (_, list) = app.page("/learning").await;
    assert!(
        !list.contains("Reading a co-op&#x27;s accounts")
            && !list.contains("Reading a co-op's accounts")
    );
    assert_eq!(
        app.get(&format!("/learning/{material}")).await.status(),
        Status::NotFound
    );
    let (_, record) = app.page(&format!("/cases/{case}/learning")).await;
    assert!(record.contains("Reading a co-op"), "{record}");
    assert!(!record.contains(&format!("href=\"/learning/{material}\"")));
}

#[rocket::async_test]
async fn a_material_lists_its_stages_in_the_order_the_pathway_runs() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Staff, "sam@example.org").await;
    app.page("/staff/learning/new").await;
    let (status, location, body) = post(
        &app,
        "/staff/learning",
        &[
            ("title", "Getting started"),
            ("format", "page"),
            ("body", "First steps."),
            ("stage", "buyout:explore"),
            ("stage", "buyout:intake"),
        ],
    )
    .await;
    assert_eq!(status, Status::SeeOther, "{body}");
    let (_, page) = app.page(&location).await;
    assert!(
        page.contains("Helps with: Worker buyout: Trigger and intake; Worker buyout: Explore and organise</p>"),
        "{page}"
    );
}
