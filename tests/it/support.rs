//! The test app: one server and one database per test, and helpers that act as a person would.

use std::sync::atomic::{AtomicU64, Ordering};

use coopkit::clock::Clock;
use coopkit::domain::user::Role;
use coopkit::services::{auth, passwords::PasswordHasher};
use rocket::http::{ContentType, Header, Status};
use rocket::local::asynchronous::{Client, LocalResponse};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};

pub const PASSWORD: &str = "correct horse battery staple";

pub struct TestApp {
    pub client: Client,
    pub clock: Clock,
    /// The CSRF token of the current session (or visitor), read from the last page fetched.
    csrf: std::sync::Mutex<String>,
    _dir: Option<tempfile::TempDir>,
}

static NEXT_DB: AtomicU64 = AtomicU64::new(0);

/// A database URL for a fresh, empty database.
async fn fresh_database() -> (String, Option<tempfile::TempDir>) {
    match std::env::var("COOPKIT_TEST_DATABASE_URL") {
        Ok(server) if !server.is_empty() => {
            let name = format!(
                "coopkit_test_{}_{}_{}",
                std::process::id(),
                NEXT_DB.fetch_add(1, Ordering::Relaxed),
                rand_suffix()
            );
            let admin = Database::connect(server.as_str())
                .await
                .unwrap_or_else(|e| {
                    panic!("COOPKIT_TEST_DATABASE_URL is set but PostgreSQL is unreachable: {e}")
                });
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("create a test database");
            admin.close().await.ok();
            (replace_database(&server, &name), None)
        }
        _ => {
            let dir = tempfile::tempdir().expect("temporary folder");
            let url = format!(
                "sqlite://{}?mode=rwc",
                dir.path().join("coopkit.db").display()
            );
            (url, Some(dir))
        }
    }
}

fn rand_suffix() -> u32 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0)
}

/// `postgres://user@host:5432/anything` with the database name replaced.
fn replace_database(url: &str, name: &str) -> String {
    let (base, _query) = url.split_once('?').unwrap_or((url, ""));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    match base[scheme_end..].find('/') {
        Some(slash) => format!("{}/{name}", &base[..scheme_end + slash]),
        None => format!("{base}/{name}"),
    }
}

impl TestApp {
    /// Presses "Make a draft" or "Make the final version" on a case's documents page;
    /// returns the status, the Location and the body.
    pub async fn make_document(
        &self,
        case_id: i64,
        kind: &str,
        final_version: bool,
    ) -> (Status, String, String) {
        self.page(&format!("/cases/{case_id}/documents")).await;
        let mut fields = vec![("kind", kind)];
        if final_version {
            fields.push(("final_version", "yes"));
        }
        let response = self
            .post_form(&format!("/cases/{case_id}/documents/make"), &fields)
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

    pub async fn spawn() -> TestApp {
        Self::spawn_with(&[]).await
    }

    /// The app with extra settings, as `Rocket.toml` would give them (e.g. `smtp_host`).
    pub async fn spawn_with(settings: &[(&str, String)]) -> TestApp {
        let (url, dir) = fresh_database().await;
        let mut figment = coopkit::config::figment()
            .merge(("database_url", url))
            .merge(("log_level", "off"));
        for (key, value) in settings {
            figment = figment.merge((*key, value.clone()));
        }
        let clock = Clock::system();
        let client = Client::tracked(coopkit::build_with_clock(figment, clock.clone()))
            .await
            .expect("the app starts");
        TestApp {
            client,
            clock,
            csrf: std::sync::Mutex::new(String::new()),
            _dir: dir,
        }
    }

    /// The app with numeric settings (`spawn_with` gives strings, which a number setting
    /// refuses), e.g. `survey_min_answers_for_totals`.
    pub async fn spawn_with_numbers(settings: &[(&str, u64)]) -> TestApp {
        let (url, dir) = fresh_database().await;
        let mut figment = coopkit::config::figment()
            .merge(("database_url", url))
            .merge(("log_level", "off"));
        for (key, value) in settings {
            figment = figment.merge((*key, *value));
        }
        let clock = Clock::system();
        let client = Client::tracked(coopkit::build_with_clock(figment, clock.clone()))
            .await
            .expect("the app starts");
        TestApp {
            client,
            clock,
            csrf: std::sync::Mutex::new(String::new()),
            _dir: dir,
        }
    }

    pub fn db(&self) -> &DatabaseConnection {
        self.client
            .rocket()
            .state::<DatabaseConnection>()
            .expect("database is managed")
    }

    /// What services take: the server's database, clock, settings and pathways.
    pub fn env(&self) -> coopkit::services::Env<'_> {
        let rocket = self.client.rocket();
        coopkit::services::Env::new(
            self.db(),
            rocket.state().expect("clock"),
            rocket.state().expect("settings"),
            rocket.state().expect("pathways"),
        )
    }

    /// Creates an account directly, as `coopkit create-user` would.
    pub async fn create_user(&self, role: Role, email: &str) -> i64 {
        let hasher = self
            .client
            .rocket()
            .state::<PasswordHasher>()
            .expect("hasher");
        let input = auth::AccountInput {
            email,
            name: &display_name(email),
            password: PASSWORD,
            confirm: PASSWORD,
        };
        auth::create_user(self.db(), hasher, &self.clock, &input, role)
            .await
            .expect("user created")
            .id
    }

    pub async fn get(&self, path: &str) -> LocalResponse<'_> {
        let response = self.client.get(path.to_string()).dispatch().await;
        response
    }

    /// Fetches a page and returns its status and body, remembering its CSRF token.
    pub async fn page(&self, path: &str) -> (Status, String) {
        let response = self.client.get(path.to_string()).dispatch().await;
        let status = response.status();
        let body = response.into_string().await.unwrap_or_default();
        if let Some(token) = csrf_in(&body) {
            *self.csrf.lock().expect("lock") = token;
        }
        (status, body)
    }

    pub fn csrf(&self) -> String {
        self.csrf.lock().expect("lock").clone()
    }

    /// Posts a form as the browser would: the CSRF token first, then the fields.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> LocalResponse<'_> {
        let mut all = vec![("_csrf", self.csrf())];
        all.extend(fields.iter().map(|(k, v)| (*k, v.to_string())));
        self.post_raw(path, &all).await
    }

    /// Posts exactly these fields, with no token added.
    pub async fn post_raw(&self, path: &str, fields: &[(&str, String)]) -> LocalResponse<'_> {
        let body = encode_form(fields);
        self.client
            .post(path.to_string())
            .header(ContentType::Form)
            .header(Header::new("Sec-Fetch-Site", "same-origin"))
            .body(body)
            .dispatch()
            .await
    }

    /// Signs in through the sign-in page and remembers the session's CSRF token.
    pub async fn sign_in(&self, email: &str) {
        self.page("/login").await;
        let response = self
            .post_form("/login", &[("email", email), ("password", PASSWORD)])
            .await;
        assert_eq!(
            response.status(),
            Status::SeeOther,
            "signing in as {email} should redirect"
        );
        self.page("/cases").await;
    }

    /// Creates an account with this role and signs in as it.
    pub async fn signed_in_as(&self, role: Role, email: &str) -> i64 {
        let id = self.create_user(role, email).await;
        self.sign_in(email).await;
        id
    }

    pub async fn sign_out(&self) {
        self.page("/cases").await;
        let response = self.post_form("/logout", &[]).await;
        assert_eq!(response.status(), Status::SeeOther);
    }

    /// Opens a buyout case through the form and returns its id.
    pub async fn open_case(&self, name: &str) -> i64 {
        self.page("/cases/new").await;
        let response = self.post_form("/cases", &valid_case_form(name)).await;
        assert_eq!(
            response.status(),
            Status::SeeOther,
            "opening a case should redirect"
        );
        let location = response
            .headers()
            .get_one("Location")
            .expect("redirect target")
            .to_string();
        location
            .trim_start_matches("/cases/")
            .parse()
            .expect("case id in the redirect")
    }
}

pub fn valid_case_form(name: &str) -> Vec<(&'static str, &str)> {
    vec![
        ("name", name),
        ("pathway", "buyout"),
        ("sector", "Printing"),
        ("employer", "Ribble Print Ltd"),
        ("union_name", "Unite"),
        ("union_branch", "Preston General"),
        ("worker_count", "24"),
        ("trigger", "owner_retiring"),
        (
            "description",
            "The owner retires next spring and the workers want to buy the firm.",
        ),
    ]
}

fn display_name(email: &str) -> String {
    email.split('@').next().unwrap_or(email).replace('.', " ")
}

pub fn csrf_in(body: &str) -> Option<String> {
    let marker = "name=\"_csrf\" value=\"";
    let start = body.find(marker)? + marker.len();
    let end = body[start..].find('"')?;
    Some(body[start..start + end].to_string())
}

fn encode_form(fields: &[(&str, String)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn percent_encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}
