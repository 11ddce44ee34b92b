//! People saving at the same instant: never an error page, nothing acknowledged is lost, and
//! whoever loses a race sees the conflict page (or finds their own answer saved).
//!
//! The requests of a round are sent together (`join_all`) through the one in-process server;
//! the database work of each runs on its own connection, so they truly overlap. Before every
//! write transaction took SQLite's write lock at its start, most of these rounds gave a 500
//! ("database is locked").

use coopkit::db::repo;
use coopkit::domain::user::Role;
use rocket::futures::future::join_all;
use rocket::http::{ContentType, Cookie, Header, Status};

use crate::pathways::{intake_fields, page};
use crate::support::{TestApp, PASSWORD};

/// Rounds per test and requests per round: enough that a race shows up nearly every round.
const ROUNDS: usize = 12;
const AT_ONCE: usize = 6;

/// A signed-in person whose session is kept apart from the test client's own cookie jar, so
/// several people can send requests at the same moment.
#[derive(Clone)]
pub struct Person {
    session: Cookie<'static>,
    csrf: String,
}

impl Person {
    /// Signs in (the client's jar then holds this session) and keeps the session cookie.
    pub async fn sign_in(app: &TestApp, email: &str) -> Person {
        app.sign_in(email).await;
        let session = app
            .client
            .cookies()
            .get("coopkit_session")
            .expect("a session cookie")
            .clone()
            .into_owned();
        Person {
            session,
            csrf: app.csrf(),
        }
    }

    pub async fn post<K: AsRef<str>, V: AsRef<str>>(
        &self,
        app: &TestApp,
        path: &str,
        fields: &[(K, V)],
    ) -> (Status, String) {
        let mut body = format!("_csrf={}", self.csrf);
        for (k, v) in fields {
            body.push('&');
            body.push_str(&encode(k.as_ref()));
            body.push('=');
            body.push_str(&encode(v.as_ref()));
        }
        let response = app
            .client
            .post(path.to_string())
            .cookie(self.session.clone())
            .header(ContentType::Form)
            .header(Header::new("Sec-Fetch-Site", "same-origin"))
            .body(body)
            .dispatch()
            .await;
        let status = response.status();
        (status, response.into_string().await.unwrap_or_default())
    }

    pub async fn get(&self, app: &TestApp, path: &str) -> (Status, String) {
        let response = app
            .client
            .get(path.to_string())
            .cookie(self.session.clone())
            .dispatch()
            .await;
        let status = response.status();
        (status, response.into_string().await.unwrap_or_default())
    }
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Every response of a race is a redirect (saved) or the conflict page; never a 5xx.
fn assert_saved_or_conflict(results: &[(Status, String)]) {
    for (status, body) in results {
        assert!(
            *status == Status::SeeOther || *status == Status::Conflict,
            "a racing save gave {status}: {}",
            &body[..body.len().min(600)]
        );
        if *status == Status::Conflict {
            assert!(
                body.contains("Someone else changed these answers")
                    || body.contains("This has changed since you opened it"),
                "a 409 must be the conflict page: {body}"
            );
        }
    }
}

/// The stored answers of a case, as JSON text per question.
async fn stored(app: &TestApp, case: i64) -> std::collections::BTreeMap<String, String> {
    repo::answers::for_case(app.db(), case)
        .await
        .expect("answers")
        .into_iter()
        .map(|r| (r.question_key, r.value))
        .collect()
}

/// A stored answer (JSON) as a person would type it into the form.
fn as_typed(json: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(json).expect("stored JSON") {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    }
}

/// A rep with a case whose intake page has been saved once (the stage is in progress).
async fn case_with_intake(app: &TestApp) -> (Person, i64) {
    app.create_user(Role::Rep, "rep@example.org").await;
    let rep = Person::sign_in(app, "rep@example.org").await;
    let id = app.open_case("Ribble Print Works").await;
    let (status, _) = rep
        .post(app, &page(id, "intake", "intake"), &intake_fields())
        .await;
    assert_eq!(status, Status::SeeOther);
    (rep, id)
}

/// The intake page with one question changed, opened when that question held `was`.
fn intake_with<'a>(
    key: &'a str,
    value: &'a str,
    orig_key: &'a str,
    was: &'a str,
) -> Vec<(&'a str, &'a str)> {
    let mut fields = intake_fields();
    fields.retain(|(k, _)| *k != key);
    fields.push((key, value));
    fields.push((orig_key, was));
    fields
}

#[rocket::async_test]
async fn many_saves_of_the_same_question_at_once_keep_one_and_show_the_rest_a_conflict() {
    let app = TestApp::spawn().await;
    let (rep, id) = case_with_intake(&app).await;
    let path = page(id, "intake", "intake");
    let mut was = "Preston".to_string();
    for round in 0..ROUNDS {
        let towns: Vec<String> = (0..AT_ONCE).map(|i| format!("Town {round}-{i}")).collect();
        let orig = format!("\"{was}\"");
        let forms: Vec<_> = towns
            .iter()
            .map(|t| intake_with("town", t, "_orig.town", &orig))
            .collect();
        let results = join_all(forms.iter().map(|f| rep.post(&app, &path, f))).await;
        assert_saved_or_conflict(&results);
        let winners: Vec<&String> = results
            .iter()
            .zip(&towns)
            .filter(|((s, _), _)| *s == Status::SeeOther)
            .map(|(_, t)| t)
            .collect();
        assert_eq!(
            winners.len(),
            1,
            "round {round}: exactly one save wins: {winners:?}"
        );
        let now = stored(&app, id).await;
        assert_eq!(
            now["town"],
            format!("\"{}\"", winners[0]),
            "the saved answer is the winner's"
        );
        was = winners[0].clone();
    }
}

#[rocket::async_test]
async fn saves_of_different_questions_on_one_page_at_once_are_all_kept() {
    let app = TestApp::spawn().await;
    let (rep, id) = case_with_intake(&app).await;
    let path = page(id, "intake", "intake");
    for round in 0..ROUNDS {
        let before = stored(&app, id).await;
        let town = format!("Town {round}");
        let group = format!("Group {round}");
        let name = format!("Case {round}");
        let headcount = format!("{}", 30 + round);
        let changes = [
            ("town", town.as_str()),
            ("group_name", group.as_str()),
            ("case_name", name.as_str()),
            ("headcount", headcount.as_str()),
        ];
        // Each person changes one question and leaves the page's others as they opened it.
        let forms: Vec<Vec<(String, String)>> = changes
            .iter()
            .map(|(key, value)| {
                let mut fields: Vec<(String, String)> = intake_fields()
                    .into_iter()
                    .filter(|(k, _)| !changes.iter().any(|(c, _)| c == k))
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect();
                for (k, _) in &changes {
                    let opened = &before[*k];
                    let shown = if k == key {
                        value.to_string()
                    } else {
                        as_typed(opened)
                    };
                    fields.push((k.to_string(), shown));
                    fields.push((format!("_orig.{k}"), opened.clone()));
                }
                fields
            })
            .collect();
        let results = join_all(forms.iter().map(|f| rep.post(&app, &path, f))).await;
        assert_saved_or_conflict(&results);
        let now = stored(&app, id).await;
        for ((status, _), (key, value)) in results.iter().zip(&changes) {
            if *status == Status::SeeOther {
                let expected = if *key == "headcount" {
                    value.to_string()
                } else {
                    format!("\"{value}\"")
                };
                assert_eq!(
                    now[*key], expected,
                    "round {round}: the saved {key} was lost"
                );
            }
        }
        // Nobody changed what another person changed, so nobody has a conflict to resolve.
        assert!(
            results.iter().all(|(s, _)| *s == Status::SeeOther),
            "round {round}: every save goes through"
        );
    }
}

#[rocket::async_test]
async fn two_workers_answering_the_survey_at_once_both_have_their_answers_kept() {
    let app = TestApp::spawn().await;
    app.create_user(Role::Rep, "rep@example.org").await;
    let ann_id = app.create_user(Role::Worker, "ann@example.org").await;
    let bob_id = app.create_user(Role::Worker, "bob@example.org").await;
    app.sign_in("rep@example.org").await;
    let case = app.open_case("Ribble Print Works").await;
    for worker in [ann_id, bob_id] {
        repo::cases::add_member(app.db(), case, worker, "worker", app.clock.now())
            .await
            .expect("member added");
    }
    let ann = Person::sign_in(&app, "ann@example.org").await;
    let bob = Person::sign_in(&app, "bob@example.org").await;
    let path = format!("/cases/{case}/survey");
    for round in 0..ROUNDS {
        let hours = [round % 40 + 1, round % 40 + 41];
        let form = |h: usize| {
            vec![
                ("would_join", "yes".to_string()),
                ("capital_band", "100_500".to_string()),
                ("capital_term", "payroll_12".to_string()),
                ("hours", h.to_string()),
            ]
        };
        let (a, b) = (form(hours[0]), form(hours[1]));
        let (ra, rb) = rocket::tokio::join!(ann.post(&app, &path, &a), bob.post(&app, &path, &b));
        for (who, (status, body)) in [("Ann", &ra), ("Bob", &rb)] {
            assert_eq!(
                *status,
                Status::SeeOther,
                "round {round}: {who}'s answers: {body}"
            );
        }
        for (worker, h) in [(ann_id, &hours[0]), (bob_id, &hours[1])] {
            let row = repo::survey::find(app.db(), case, worker)
                .await
                .expect("read")
                .expect("answered");
            assert_eq!(
                row.hours_per_week.to_string(),
                h.to_string(),
                "round {round}"
            );
        }
    }
    // Each worker still sees only their own answers.
    let (_, page) = ann.get(&app, &path).await;
    assert!(!page.contains("Bob Hart"));
}

#[rocket::async_test]
async fn many_saves_of_a_stage_checklist_at_once_keep_one_and_refuse_the_rest() {
    let app = TestApp::spawn().await;
    let (rep, id) = case_with_intake(&app).await;
    let stage = format!("/cases/{id}/stages/intake");
    let items = ["ck_contact_logged", "ck_owners_identified"];
    let save = format!("{stage}/checklist");
    for round in 0..ROUNDS {
        let (_, html) = rep.get(&app, &stage).await;
        let version = html
            .split("name=\"version\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("the checklist's version")
            .to_string();
        let forms: Vec<Vec<(&str, &str)>> = (0..AT_ONCE)
            .map(|i| {
                vec![
                    (items[(i + round) % 2], "done"),
                    ("version", version.as_str()),
                ]
            })
            .collect();
        let results = join_all(forms.iter().map(|f| rep.post(&app, &save, f))).await;
        assert_saved_or_conflict(&results);
        let winners: Vec<usize> = results
            .iter()
            .enumerate()
            .filter(|(_, (s, _))| *s == Status::SeeOther)
            .map(|(i, _)| i)
            .collect();
        assert_eq!(winners.len(), 1, "round {round}: one checklist save wins");
        let (_, html) = rep.get(&app, &stage).await;
        let ticked = items[(winners[0] + round) % 2];
        assert!(
            html.contains(&format!(
                "id=\"{ticked}\" name=\"{ticked}\" value=\"done\" checked"
            )),
            "round {round}: the winner's tick is shown"
        );
        let other = items[(winners[0] + round + 1) % 2];
        assert!(
            !html.contains(&format!(
                "id=\"{other}\" name=\"{other}\" value=\"done\" checked"
            )),
            "round {round}: nothing of a refused save is kept"
        );
    }
}

#[rocket::async_test]
async fn the_enquiry_purge_runs_while_people_save() {
    let app = TestApp::spawn().await;
    let (rep, id) = case_with_intake(&app).await;
    let path = page(id, "intake", "intake");
    let clock = app.clock.clone();
    for round in 0..ROUNDS {
        let town = format!("Purge town {round}");
        let was = stored(&app, id).await["town"].clone();
        let form = intake_with("town", &town, "_orig.town", &was);
        let purges =
            join_all((0..3).map(|_| coopkit::services::enquiries::purge(app.db(), &clock, 183)));
        let (purged, saved) = rocket::tokio::join!(purges, rep.post(&app, &path, &form));
        for p in purged {
            p.expect("the purge never fails because someone is saving");
        }
        assert_eq!(saved.0, Status::SeeOther, "round {round}");
    }
}

#[rocket::async_test]
async fn a_burst_of_wrong_passwords_reaches_the_password_check_at_most_ten_times() {
    let app = TestApp::spawn().await;
    app.create_user(Role::Rep, "rep@example.org").await;
    app.page("/login").await;
    let burst = 200;
    let results = join_all((0..burst).map(|_| {
        app.post_form(
            "/login",
            &[
                ("email", "rep@example.org"),
                ("password", "wrong password!!"),
            ],
        )
    }))
    .await;
    let statuses: Vec<Status> = results.iter().map(|r| r.status()).collect();
    // A 422 ("not right") means the password was checked; a 429 means it never was.
    let checked = statuses
        .iter()
        .filter(|s| **s == Status::UnprocessableEntity)
        .count();
    let refused = statuses
        .iter()
        .filter(|s| **s == Status::TooManyRequests)
        .count();
    assert_eq!(checked + refused, burst, "only 422 or 429: {statuses:?}");
    assert!(
        checked <= 10,
        "{checked} of {burst} simultaneous attempts reached the password check"
    );
    // Attempts refused in the burst do not count: one by one, the attempts checked reach ten
    // in all, and then even the right password waits.
    let mut total = checked;
    loop {
        let response = app
            .post_form(
                "/login",
                &[
                    ("email", "rep@example.org"),
                    ("password", "wrong password!!"),
                ],
            )
            .await;
        match response.status() {
            Status::UnprocessableEntity => total += 1,
            Status::TooManyRequests => break,
            other => panic!("a wrong password gave {other}"),
        }
        assert!(total <= 10, "more than ten wrong passwords were checked");
    }
    assert_eq!(total, 10);
    let response = app
        .post_form(
            "/login",
            &[("email", "rep@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        response.status(),
        Status::TooManyRequests,
        "even the right password waits"
    );
}
