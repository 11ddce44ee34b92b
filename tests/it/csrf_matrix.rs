//! The CSRF matrix: every state-changing route (from Rocket's own list), sent by a signed-in
//! admin in four forged ways: no token, a wrong token, another site's `Origin`, and
//! `Sec-Fetch-Site: cross-site` (the last two with the right token). Each must be refused
//! (403) and leave every row of the database as it was.

use coopkit::db::entities::*;
use rocket::http::{ContentType, Header, Method, Status};
use sea_orm::{DatabaseConnection, EntityTrait};

use crate::route_rules::is_case_route;
use crate::world::{mounted_routes, Who, World, SURVEY_ANSWERS};

/// Fields that would change something if the request got through.
fn effective_fields(path: &str) -> Vec<(&'static str, String)> {
    let owned = |pairs: &[(&'static str, &str)]| -> Vec<(&'static str, String)> {
        pairs.iter().map(|(k, v)| (*k, v.to_string())).collect()
    };
    match path {
        "/cases" => owned(&crate::support::valid_case_form("Forged Works")),
        "/cases/<id>/notes" => owned(&[("body", "Forged note"), ("visibility", "shared")]),
        "/cases/<id>/tasks" => owned(&[("title", "Forged task")]),
        "/cases/<id>/survey" => owned(SURVEY_ANSWERS),
        "/cases/<id>/invitations" => {
            owned(&[("name", "Fay Forged"), ("email", "fay@evil.example")])
        }
        "/cases/<id>/documents/make" => owned(&[("kind", "rules")]),
        "/account/password" => owned(&[
            ("current", crate::support::PASSWORD),
            ("password", "forged forged forged"),
            ("confirm", "forged forged forged"),
        ]),
        _ => owned(&[("name", "Forged"), ("body", "Forged")]),
    }
}

/// Every row of every table, as JSON: equal before and after means nothing changed.
async fn everything(db: &DatabaseConnection) -> Vec<String> {
    macro_rules! dump {
        ($($entity:ident),*) => {{
            let mut all = Vec::new();
            $(
                let rows = $entity::Entity::find().into_json().all(db).await.expect("rows");
                all.push(format!("{}: {}", stringify!($entity), serde_json::Value::Array(rows)));
            )*
            all
        }};
    }
    dump!(
        audit_log,
        case_answers,
        case_events,
        case_meetings,
        case_members,
        case_prefill,
        case_stages,
        cases,
        document_answers,
        document_reads,
        documents,
        enquiries,
        enquiry_notes,
        invitations,
        learning_material_reads,
        learning_material_stages,
        learning_materials,
        event_stages,
        login_failures,
        note_revisions,
        notes,
        one_time_tokens,
        rate_limit_hits,
        survey_responses,
        survey_status,
        tasks,
        users
    )
}

#[derive(Debug, Clone, Copy)]
enum Forgery {
    NoToken,
    WrongToken,
    ForeignOrigin,
    CrossSite,
}

#[rocket::async_test]
async fn every_state_changing_route_refuses_forged_requests_and_changes_nothing() {
    let started = std::time::Instant::now();
    let world = World::build().await;
    world.become_(Who::Admin).await;
    let app = &world.app;
    let token = app.csrf();
    let before = everything(app.db()).await;
    let routes: Vec<(Method, String)> = mounted_routes(app)
        .into_iter()
        .filter(|(m, _)| *m != Method::Get && *m != Method::Head && *m != Method::Options)
        .collect();
    assert!(
        routes.len() > 40,
        "found {} state-changing routes",
        routes.len()
    );
    let mut tried = 0;
    let mut wrong = Vec::new();
    for (method, pattern) in &routes {
        let sides: &[bool] = if is_case_route(pattern) {
            &[true, false]
        } else {
            &[true]
        };
        for &of_a in sides {
            let path = world.path_for(pattern, of_a);
            for forgery in [
                Forgery::NoToken,
                Forgery::WrongToken,
                Forgery::ForeignOrigin,
                Forgery::CrossSite,
            ] {
                let mut fields = effective_fields(pattern);
                match forgery {
                    Forgery::NoToken => {}
                    Forgery::WrongToken => fields.insert(0, ("_csrf", "x".repeat(token.len()))),
                    _ => fields.insert(0, ("_csrf", token.clone())),
                }
                let body = fields
                    .iter()
                    .map(|(k, v)| format!("{k}={}", v.replace(' ', "+").replace('@', "%40")))
                    .collect::<Vec<_>>()
                    .join("&");
                let mut request = app
                    .client
                    .req(*method, path.clone())
                    .header(ContentType::Form)
                    .header(Header::new("Host", "localhost:8000"))
                    .body(body);
                request = match forgery {
                    Forgery::ForeignOrigin => {
                        request.header(Header::new("Origin", "https://evil.example"))
                    }
                    Forgery::CrossSite => {
                        request.header(Header::new("Sec-Fetch-Site", "cross-site"))
                    }
                    _ => request.header(Header::new("Sec-Fetch-Site", "same-origin")),
                };
                let status = request.dispatch().await.status();
                tried += 1;
                if status != Status::Forbidden {
                    wrong.push(format!("{forgery:?} {method} {path}: {status}"));
                }
            }
        }
    }
    let after = everything(app.db()).await;
    let changed: Vec<&String> = after.iter().filter(|t| !before.contains(t)).collect();
    eprintln!(
        "CSRF matrix: {} routes, {tried} forged requests, {:.1} s",
        routes.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        wrong.is_empty(),
        "forged requests let through:\n{}",
        wrong.join("\n")
    );
    assert!(changed.is_empty(), "forged requests changed: {changed:#?}");

    // The control: the same session's real token still works, so the refusals above were
    // about the forgery, not a broken session.
    let (status, _) = app.page(&format!("/cases/{}/tasks", world.a.id)).await;
    assert_eq!(status, Status::Ok);
    let response = app
        .post_form(
            &format!("/cases/{}/notes", world.a.id),
            &[("body", "A real note"), ("visibility", "shared")],
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
}
