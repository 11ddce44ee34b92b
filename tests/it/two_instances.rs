//! Two coopkit servers on one PostgreSQL database, as a deployment behind a load balancer
//! would run them: a session made on one is valid on the other, sign-in throttling counts
//! across both, a document made on one downloads from the other, and saves made through both
//! at the same instant keep the conflict rules.
//!
//! Runs only when `COOPKIT_TEST_DATABASE_URL` names a PostgreSQL server (as `.ci/run` does);
//! SQLite is one file for one server, so there is nothing to test there.

use coopkit::clock::Clock;
use coopkit::db::repo;
use coopkit::domain::user::Role;
use coopkit::services::{auth, passwords::PasswordHasher};
use rocket::futures::future::join_all;
use rocket::http::{ContentType, Cookie, Header, Status};
use rocket::local::asynchronous::Client;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};

use crate::pathways::{intake_fields, page};
use crate::support::{csrf_in, valid_case_form, PASSWORD};

/// Both servers must share the key that encrypts session cookies, as real ones would.
const SHARED_KEY: &str = "hPRYyVRiMyxpw5sBB1XeCMN1kFsDCqKvBi2QJxBVHQk=";

/// Two servers on one new database, or `None` without PostgreSQL.
async fn two_servers() -> Option<(Client, Client)> {
    let server = std::env::var("COOPKIT_TEST_DATABASE_URL")
        .ok()
        .filter(|s| s.starts_with("postgres"))?;
    let name = format!(
        "coopkit_test_two_{}_{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos())
    );
    let admin = Database::connect(server.as_str())
        .await
        .expect("PostgreSQL");
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("a test database");
    admin.close().await.ok();
    let (base, _) = server.split_once('?').unwrap_or((server.as_str(), ""));
    let at = base.rfind('/').expect("a database URL");
    let url = format!("{}/{name}", &base[..at]);
    let mut clients = Vec::new();
    for _ in 0..2 {
        let figment = coopkit::config::figment()
            .merge(("database_url", url.clone()))
            .merge(("log_level", "off"))
            .merge(("secret_key", SHARED_KEY));
        let client = Client::tracked(coopkit::build_with_clock(figment, Clock::system()))
            .await
            .expect("a server starts");
        clients.push(client);
    }
    let b = clients.pop()?;
    let a = clients.pop()?;
    Some((a, b))
}

fn db(client: &Client) -> &DatabaseConnection {
    client.rocket().state::<DatabaseConnection>().expect("db")
}

async fn get(client: &Client, path: &str, session: Option<&Cookie<'static>>) -> (Status, Vec<u8>) {
    let mut request = client.get(path.to_string());
    if let Some(cookie) = session {
        request = request.cookie(cookie.clone());
    }
    let response = request.dispatch().await;
    let status = response.status();
    (status, response.into_bytes().await.unwrap_or_default())
}

async fn post(
    client: &Client,
    path: &str,
    session: Option<&Cookie<'static>>,
    fields: &[(&str, &str)],
) -> (Status, String, String) {
    let body = fields
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&");
    let mut request = client
        .post(path.to_string())
        .header(ContentType::Form)
        .header(Header::new("Sec-Fetch-Site", "same-origin"))
        .body(body);
    if let Some(cookie) = session {
        request = request.cookie(cookie.clone());
    }
    let response = request.dispatch().await;
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

fn enc(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Tries to sign in through one server's form; returns the status.
async fn try_sign_in(client: &Client, email: &str, password: &str) -> Status {
    let (_, page) = get(client, "/login", None).await;
    let csrf = csrf_in(&String::from_utf8_lossy(&page)).expect("a token");
    post(
        client,
        "/login",
        None,
        &[("_csrf", &csrf), ("email", email), ("password", password)],
    )
    .await
    .0
}

#[rocket::async_test]
async fn two_servers_on_one_database_act_as_one() {
    let Some((a, b)) = two_servers().await else {
        eprintln!("two_instances: COOPKIT_TEST_DATABASE_URL is not a PostgreSQL URL; skipped");
        return;
    };
    let hasher = a.rocket().state::<PasswordHasher>().expect("hasher");
    let clock = Clock::system();
    for (email, role) in [
        ("rep@example.org", Role::Rep),
        ("ann@example.org", Role::Rep),
    ] {
        let input = auth::AccountInput {
            email,
            name: "Rep",
            password: PASSWORD,
            confirm: PASSWORD,
        };
        auth::create_user(db(&a), hasher, &clock, &input, role)
            .await
            .expect("account");
    }

    // A session made on A is valid on B.
    assert_eq!(
        try_sign_in(&a, "rep@example.org", PASSWORD).await,
        Status::SeeOther
    );
    let session = a
        .cookies()
        .get("coopkit_session")
        .expect("a session")
        .clone()
        .into_owned();
    let (status, cases) = get(&b, "/cases", Some(&session)).await;
    assert_eq!(status, Status::Ok, "the session made on A works on B");
    let csrf = csrf_in(&String::from_utf8_lossy(&cases)).expect("a token");

    // A case opened on B; a document made on A downloads from B.
    let mut form = vec![("_csrf", csrf.as_str())];
    form.extend(valid_case_form("Ribble Print Works"));
    let (status, location, _) = post(&b, "/cases", Some(&session), &form).await;
    assert_eq!(status, Status::SeeOther);
    let case: i64 = location
        .trim_start_matches("/cases/")
        .parse()
        .expect("a case id");
    let example = std::fs::read_to_string(format!(
        "{}/docs/examples/rules-society.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("example answers");
    let rep = repo::users::find_by_email(db(&a), "rep@example.org")
        .await
        .expect("read")
        .expect("rep")
        .id;
    assert!(
        repo::documents::save_answers(db(&a), case, "rules", &example, 0, rep, clock.now())
            .await
            .expect("answers saved")
    );
    let make = format!("/cases/{case}/documents/make");
    let (status, version, _) = post(
        &a,
        &make,
        Some(&session),
        &[("_csrf", &csrf), ("kind", "rules")],
    )
    .await;
    assert_eq!(status, Status::SeeOther, "a draft is made on A");
    let (status, pdf) = get(&b, &format!("{version}/pdf"), Some(&session)).await;
    assert_eq!(status, Status::Ok, "and downloads from B");
    assert!(pdf.starts_with(b"%PDF-"));

    // Saves through both at the same instant: one wins each round, the other sees a conflict.
    let path = page(case, "intake", "intake");
    let mut first: Vec<(&str, &str)> = vec![("_csrf", &csrf)];
    first.extend(intake_fields());
    assert_eq!(
        post(&a, &path, Some(&session), &first).await.0,
        Status::SeeOther
    );
    let mut was = "Preston".to_string();
    for round in 0..10 {
        let orig = format!("\"{was}\"");
        let towns: Vec<String> = (0..4).map(|i| format!("Town {round}-{i}")).collect();
        let forms: Vec<Vec<(&str, &str)>> = towns
            .iter()
            .map(|t| {
                let mut f: Vec<(&str, &str)> = vec![("_csrf", &csrf)];
                f.extend(intake_fields().into_iter().filter(|(k, _)| *k != "town"));
                f.extend([("town", t.as_str()), ("_orig.town", orig.as_str())]);
                f
            })
            .collect();
        let results = join_all(forms.iter().enumerate().map(|(i, f)| {
            let server = if i % 2 == 0 { &a } else { &b };
            post(server, &path, Some(&session), f)
        }))
        .await;
        for (status, _, body) in &results {
            assert!(
                *status == Status::SeeOther || *status == Status::Conflict,
                "round {round}: {status}: {body}"
            );
        }
        let winners: Vec<&String> = results
            .iter()
            .zip(&towns)
            .filter(|((s, _, _), _)| *s == Status::SeeOther)
            .map(|(_, t)| t)
            .collect();
        assert_eq!(winners.len(), 1, "round {round}: {winners:?}");
        let stored = repo::answers::for_case(db(&b), case)
            .await
            .expect("answers");
        let town = stored
            .iter()
            .find(|r| r.question_key == "town")
            .expect("town");
        assert_eq!(town.value, format!("\"{}\"", winners[0]));
        was = winners[0].clone();
    }

    // Sign-in throttling counts failures made on either server.
    for i in 0..10 {
        let server = if i % 2 == 0 { &a } else { &b };
        assert_eq!(
            try_sign_in(server, "ann@example.org", "wrong password!!").await,
            Status::UnprocessableEntity
        );
    }
    assert_eq!(
        try_sign_in(&a, "ann@example.org", PASSWORD).await,
        Status::TooManyRequests
    );
    assert_eq!(
        try_sign_in(&b, "ann@example.org", PASSWORD).await,
        Status::TooManyRequests
    );
}

/// Nothing about sessions is cached: every request asks the shared database, so a session
/// signed out on one server, and the account of a person disabled there, is refused by the
/// other server on its very next request (issue 18 keeps this while making pages cheaper).
#[rocket::async_test]
async fn an_ended_session_or_a_disabled_account_is_refused_by_the_other_server_at_once() {
    let Some((a, b)) = two_servers().await else {
        eprintln!("two_instances: COOPKIT_TEST_DATABASE_URL is not a PostgreSQL URL; skipped");
        return;
    };
    let hasher = a.rocket().state::<PasswordHasher>().expect("hasher");
    let clock = Clock::system();
    for email in ["leaver@example.org", "disabled@example.org"] {
        let input = auth::AccountInput {
            email,
            name: "Rep",
            password: PASSWORD,
            confirm: PASSWORD,
        };
        auth::create_user(db(&a), hasher, &clock, &input, Role::Rep)
            .await
            .expect("account");
    }

    // Signed out on A: B refuses the same cookie on the next request.
    assert_eq!(
        try_sign_in(&a, "leaver@example.org", PASSWORD).await,
        Status::SeeOther
    );
    let session = a
        .cookies()
        .get("coopkit_session")
        .expect("a session")
        .clone()
        .into_owned();
    let (status, cases) = get(&b, "/cases", Some(&session)).await;
    assert_eq!(status, Status::Ok, "B accepts the session before sign-out");
    let csrf = csrf_in(&String::from_utf8_lossy(&cases)).expect("a token");
    let (status, _, _) = post(&a, "/logout", Some(&session), &[("_csrf", &csrf)]).await;
    assert_eq!(status, Status::SeeOther, "signed out on A");
    let (status, _) = get(&b, "/cases", Some(&session)).await;
    assert_eq!(
        status,
        Status::SeeOther,
        "B sends the signed-out cookie to sign in"
    );

    // Disabled through A's database: B refuses the account's live session at once.
    assert_eq!(
        try_sign_in(&b, "disabled@example.org", PASSWORD).await,
        Status::SeeOther
    );
    let session = b
        .cookies()
        .get("coopkit_session")
        .expect("a session")
        .clone()
        .into_owned();
    assert_eq!(get(&b, "/cases", Some(&session)).await.0, Status::Ok);
    db(&a)
        .execute_unprepared("UPDATE users SET disabled = TRUE WHERE email = 'disabled@example.org'")
        .await
        .expect("disabled");
    assert_eq!(
        get(&b, "/cases", Some(&session)).await.0,
        Status::SeeOther,
        "B refuses a disabled account's session on its next request"
    );
}
