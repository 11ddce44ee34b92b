//! A small world for the route matrices: two cases, A and B, each with a rep, a worker who
//! joined by invitation, a pending invitation, a note, a task, a survey answer and a
//! published rules draft; centre staff and an admin; an enquiry. Built once per test through
//! the pages (and the example answers), then used by every role in turn.

use coopkit::db::entities::{documents, invitations, meetings, notes, resolutions, tasks};
use coopkit::db::repo;
use coopkit::domain::user::Role;
use rocket::http::Status;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::invitations::{accept_as_new, invite};
use crate::support::TestApp;

/// Who sends a request in the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Anonymous,
    WorkerA,
    RepA,
    RepB,
    Staff,
    Admin,
}

impl Who {
    pub const ALL: [Who; 6] = [
        Who::Anonymous,
        Who::WorkerA,
        Who::RepA,
        Who::RepB,
        Who::Staff,
        Who::Admin,
    ];

    pub fn email(self) -> Option<&'static str> {
        match self {
            Who::Anonymous => None,
            Who::WorkerA => Some("worker-a@example.org"),
            Who::RepA => Some("rep-a@example.org"),
            Who::RepB => Some("rep-b@example.org"),
            Who::Staff => Some("staff@example.org"),
            Who::Admin => Some("admin@example.org"),
        }
    }

    pub fn is_centre(self) -> bool {
        matches!(self, Who::Staff | Who::Admin)
    }
}

/// The objects of one case, by id (and the path of its pending invitation link).
#[derive(Debug, Clone)]
pub struct CaseObjects {
    pub id: i64,
    /// A pending invitation that the matrices resend and withdraw.
    pub invitation: i64,
    /// The link of another pending invitation, never used up.
    pub join_link: String,
    pub note: i64,
    pub task: i64,
    /// A published rules draft.
    pub document: i64,
    /// A later rules draft, not published.
    pub draft: i64,
    /// A workforce meeting with one resolution and its notice sent (so published).
    pub meeting: i64,
    pub resolution: i64,
}

pub struct World {
    pub app: TestApp,
    pub a: CaseObjects,
    pub b: CaseObjects,
    pub enquiry: i64,
    /// An account nobody signs in with, for the admin's pages about one person.
    pub spare_user: i64,
}

/// Survey answers that pass the form's checks.
pub const SURVEY_ANSWERS: &[(&str, &str)] = &[
    ("would_join", "yes"),
    ("capital_band", "100_500"),
    ("capital_term", "payroll_12"),
    ("hours", "37"),
    ("skills", "finance"),
];

impl World {
    pub async fn build() -> World {
        let app = TestApp::spawn().await;
        app.create_user(Role::Admin, "admin@example.org").await;
        app.create_user(Role::Staff, "staff@example.org").await;
        let spare_user = app.create_user(Role::Rep, "spare@example.org").await;
        let enquiry = send_enquiry(&app).await;
        let a = case_with_people(&app, "a").await;
        let b = case_with_people(&app, "b").await;
        let mut world = World {
            app,
            a,
            b,
            enquiry,
            spare_user,
        };
        for side in [true, false] {
            world.centre_objects(side).await;
        }
        world.app.sign_out().await;
        world
    }

    pub fn case(&self, of_a: bool) -> &CaseObjects {
        if of_a {
            &self.a
        } else {
            &self.b
        }
    }

    /// Signs in as this person (signing out whoever was signed in).
    pub async fn become_(&self, who: Who) {
        if self.app.get("/account/password").await.status() == Status::Ok {
            self.app.sign_out().await;
        }
        match who.email() {
            Some(email) => self.app.sign_in(email).await,
            None => {
                self.app.page("/login").await;
            }
        }
    }

    /// As staff: a note, a task and a published rules draft on the case.
    async fn centre_objects(&mut self, of_a: bool) {
        self.become_(Who::Staff).await;
        let app = &self.app;
        let id = self.case(of_a).id;
        app.page(&format!("/cases/{id}/tasks")).await;
        let ok = |status: Status| assert_eq!(status, Status::SeeOther);
        ok(app
            .post_form(
                &format!("/cases/{id}/notes"),
                &[("body", "Meeting on Friday"), ("visibility", "shared")],
            )
            .await
            .status());
        ok(app
            .post_form(
                &format!("/cases/{id}/tasks"),
                &[("title", "Phone the bank")],
            )
            .await
            .status());
        seed_rules(app, id).await;
        app.page(&format!("/cases/{id}/documents")).await;
        ok(app
            .post_form(&format!("/cases/{id}/documents/make"), &[("kind", "rules")])
            .await
            .status());
        let db = app.db();
        let note = notes::Entity::find()
            .filter(notes::Column::CaseId.eq(id))
            .one(db)
            .await
            .expect("notes")
            .expect("a note")
            .id;
        let task = tasks::Entity::find()
            .filter(tasks::Column::CaseId.eq(id))
            .filter(tasks::Column::Title.eq("Phone the bank"))
            .one(db)
            .await
            .expect("tasks")
            .expect("a task")
            .id;
        let document = documents::Entity::find()
            .filter(documents::Column::CaseId.eq(id))
            .one(db)
            .await
            .expect("documents")
            .expect("a document")
            .id;
        app.page(&format!("/cases/{id}/documents/versions/{document}"))
            .await;
        ok(app
            .post_form(&format!("/cases/{id}/documents/{document}/publish"), &[])
            .await
            .status());
        // A second draft, not published: workers must not see it.
        app.page(&format!("/cases/{id}/documents")).await;
        ok(app
            .post_form(&format!("/cases/{id}/documents/make"), &[("kind", "rules")])
            .await
            .status());
        let draft = documents::Entity::find()
            .filter(documents::Column::CaseId.eq(id))
            .filter(documents::Column::Published.eq(false))
            .one(db)
            .await
            .expect("documents")
            .expect("an unpublished draft")
            .id;
        let (meeting, resolution) = meeting_with_notice(app, id).await;
        let case = if of_a { &mut self.a } else { &mut self.b };
        case.meeting = meeting;
        case.resolution = resolution;
        case.note = note;
        case.task = task;
        case.document = document;
        case.draft = draft;
    }
}

/// A rep opens a case, invites a worker (who joins) and someone else (who has not yet); the
/// worker answers the survey.
async fn case_with_people(app: &TestApp, side: &str) -> CaseObjects {
    let rep = format!("rep-{side}@example.org");
    app.signed_in_as(Role::Rep, &rep).await;
    let id = app.open_case(&format!("Works {side}")).await;
    let worker_link = invite(app, id, "Wyn Worker", &format!("worker-{side}@example.org")).await;
    let join_link = invite(
        app,
        id,
        "Pat Pending",
        &format!("pending-{side}@example.org"),
    )
    .await;
    // Resent and withdrawn by the matrices, so that the link above stays usable.
    invite(app, id, "Sam Spare", &format!("spare-{side}@example.org")).await;
    app.sign_out().await;
    accept_as_new(app, &worker_link, "Wyn Worker").await;
    app.page(&format!("/cases/{id}/survey")).await;
    let response = app
        .post_form(&format!("/cases/{id}/survey"), SURVEY_ANSWERS)
        .await;
    assert_eq!(
        response.status(),
        Status::SeeOther,
        "the survey is answered"
    );
    app.sign_out().await;
    let invitation = invitations::Entity::find()
        .filter(invitations::Column::CaseId.eq(id))
        .filter(invitations::Column::Email.eq(format!("spare-{side}@example.org")))
        .one(app.db())
        .await
        .expect("invitations")
        .expect("the spare invitation")
        .id;
    CaseObjects {
        id,
        invitation,
        join_link,
        note: 0,
        task: 0,
        document: 0,
        draft: 0,
        meeting: 0,
        resolution: 0,
    }
}

async fn seed_rules(app: &TestApp, case_id: i64) {
    let path = format!(
        "{}/docs/examples/rules-society.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let json = std::fs::read_to_string(path).expect("example answers");
    let staff = repo::users::find_by_email(app.db(), "staff@example.org")
        .await
        .expect("users")
        .expect("staff")
        .id;
    assert!(repo::documents::save_answers(
        app.db(),
        case_id,
        "rules",
        &json,
        0,
        staff,
        app.clock.now()
    )
    .await
    .expect("save answers"));
}

/// A visitor's enquiry; returns its id.
async fn send_enquiry(app: &TestApp) -> i64 {
    app.page("/enquire").await;
    let response = app
        .post_form(
            "/enquire",
            &[
                ("name", "Eve Enquirer"),
                ("email", "eve@example.org"),
                ("organisation", "Ribble Print"),
                ("role", "union_rep"),
                ("situation", "Redundancies announced at the print works."),
                ("consent", "yes"),
            ],
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther, "the enquiry is sent");
    let location = response.headers().get_one("Location").unwrap_or_default();
    location
        .rsplit('-')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("an enquiry reference in the redirect")
}

/// `METHOD /path` of every mounted route, as the matrices name them (query parts dropped).
pub fn mounted_routes(app: &TestApp) -> Vec<(rocket::http::Method, String)> {
    let mut all: Vec<(rocket::http::Method, String)> = app
        .client
        .rocket()
        .routes()
        .map(|r| (r.method, r.uri.path().to_string()))
        .collect();
    all.sort_by(|x, y| (x.1.as_str(), x.0.as_str()).cmp(&(y.1.as_str(), y.0.as_str())));
    all.dedup();
    all
}

impl World {
    /// A real path for a route pattern, with the objects of case A or B filled in.
    pub fn path_for(&self, pattern: &str, of_a: bool) -> String {
        self.path_for_document(pattern, of_a, self.case(of_a).document)
    }

    /// As `path_for`, naming this document where the route names one.
    pub fn path_for_document(&self, pattern: &str, of_a: bool, document: i64) -> String {
        let case = self.case(of_a);
        let document = document.to_string();
        let token = case
            .join_link
            .trim_start_matches("/join/")
            .trim_end_matches("/accept")
            .to_string();
        let mut path = String::new();
        for segment in pattern.trim_start_matches('/').split('/') {
            path.push('/');
            let value = match segment {
                "<id>" if pattern.starts_with("/enquiries/") => self.enquiry.to_string(),
                "<id>" if pattern.starts_with("/admin/people/") => self.spare_user.to_string(),
                // A saved report run the matrix never made (its POST runs after the GETs,
                // so which runs exist would depend on who went first).
                "<id>" if pattern.starts_with("/reports/impact/runs/") => "999999".into(),
                "<id>" => case.id.to_string(),
                "<stage>" => "intake".into(),
                "<page>" => "intake".into(),
                "<key>" if pattern.contains("/business-plan/") => "bp_sources".into(),
                "<key>" => "name".into(),
                "<note_id>" => case.note.to_string(),
                "<task_id>" => case.task.to_string(),
                "<invitation>" => case.invitation.to_string(),
                "<doc_id>" | "<doc>" => document.clone(),
                "<meeting>" => case.meeting.to_string(),
                "<resolution>" => case.resolution.to_string(),
                "<kind>" => "notice".into(),
                "<user_id>" => self.spare_user.to_string(),
                // Neither exists in the world: a learning material, a case's event.
                "<material>" | "<event>" => "999999".into(),
                "<token>" if pattern.starts_with("/join/") => token.clone(),
                "<token>" => "no-such-link-0000000000000000".into(),
                "<reference>" => "ENQ-2026-0001".into(),
                "<path..>" => "app.css".into(),
                other => {
                    assert!(!other.starts_with('<'), "no value for {other} in {pattern}");
                    other.to_string()
                }
            };
            path.push_str(&value);
        }
        if pattern.ends_with("/documents/compare") {
            path.push_str(&format!("?from={document}&to={document}"));
        }
        path
    }
}

/// A workforce meeting next month with one resolution, its notice made and recorded as
/// handed over today (so published to the case's workers).
pub async fn meeting_with_notice(app: &TestApp, id: i64) -> (i64, i64) {
    let date = chrono::Utc::now().date_naive() + chrono::Duration::days(30);
    let (day, month, year) = (
        date.format("%-d").to_string(),
        date.format("%-m").to_string(),
        date.format("%Y").to_string(),
    );
    app.page(&format!("/cases/{id}/meetings")).await;
    let r = app
        .post_form(
            &format!("/cases/{id}/meetings/new"),
            &[
                ("kind", "workforce"),
                ("date.day", &day),
                ("date.month", &month),
                ("date.year", &year),
                ("time", "18:00"),
                ("place", "Canteen"),
            ],
        )
        .await;
    assert_eq!(r.status(), Status::SeeOther);
    let db = app.db();
    let meeting = meetings::Entity::find()
        .filter(meetings::Column::CaseId.eq(id))
        .one(db)
        .await
        .expect("meetings")
        .expect("a meeting")
        .id;
    let base = format!("/cases/{id}/meetings/{meeting}");
    let ok = |status: Status| assert_eq!(status, Status::SeeOther);
    ok(app
        .post_form(
            &format!("{base}/resolutions"),
            &[
                ("text", "That we ask for a buyout."),
                ("kind", "ordinary"),
                ("approves", "nothing"),
            ],
        )
        .await
        .status());
    ok(app.post_form(&format!("{base}/notice"), &[]).await.status());
    let today = chrono::Utc::now().date_naive();
    let (day, month, year) = (
        today.format("%-d").to_string(),
        today.format("%-m").to_string(),
        today.format("%Y").to_string(),
    );
    ok(app
        .post_form(
            &format!("{base}/notice/sent"),
            &[
                ("method", "hand"),
                ("sent_on.day", &day),
                ("sent_on.month", &month),
                ("sent_on.year", &year),
            ],
        )
        .await
        .status());
    let resolution = resolutions::Entity::find()
        .filter(resolutions::Column::MeetingId.eq(meeting))
        .one(db)
        .await
        .expect("resolutions")
        .expect("a resolution")
        .id;
    (meeting, resolution)
}
