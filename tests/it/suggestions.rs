//! Issue 17 point 9: what the case already knows is offered pre-filled on the rules, plan and
//! stage pages, saying where it came from; nothing is stored until the rep saves, and what the
//! rep typed always wins.

use coopkit::db::repo;
use coopkit::domain::user::Role;
use coopkit::services::documents;
use coopkit::services::render::Kind;
use rocket::http::Status;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::ConnectionTrait;
use serde_json::{json, Map, Value};

use crate::support::TestApp;

/// A buyout case (24 workers at Ribble Print Ltd) whose steering group has three members and
/// whose registration stage says the co-op registers with the FCA; the rep is signed in.
async fn case_that_knows_things(app: &TestApp) -> i64 {
    let rep = app.signed_in_as(Role::Rep, "rep@example.org").await;
    let case = app.open_case("Ribble Print Works").await;
    let person = |name: &str| json!({"name": name, "role": "", "email": "", "phone": ""});
    let group = json!([person("Ann Lee"), person("Bob Hart"), person("Cat Ng")]);
    for (key, value) in [("sg_members", group), ("registration_body", json!("fca"))] {
        repo::answers::insert(app.db(), case, key, &value, rep, app.clock.now())
            .await
            .expect("stage answer");
    }
    case
}

async fn rules_answers(app: &TestApp, case: i64) -> (Map<String, Value>, i64) {
    documents::answers(app.db(), case, Kind::Rules)
        .await
        .expect("answers")
}

#[rocket::async_test]
async fn the_rules_offer_the_legal_form_name_founders_and_usual_figures_until_the_rep_saves() {
    let app = TestApp::spawn().await;
    let case = case_that_knows_things(&app).await;
    let rules = format!("/cases/{case}/documents/rules");

    // The legal form, from the registration stage.
    let (status, page) = app.page(&rules).await;
    assert_eq!(status, Status::Ok);
    assert!(page.contains("value=\"society\" checked"), "{page}");
    assert!(page.contains("Suggested from your answers in the stages: Worker co-operative society"));
    assert!(
        rules_answers(&app, case).await.0.is_empty(),
        "nothing stored yet"
    );
    let saved = app
        .post_form(
            &rules,
            &[("answers_version", "0"), ("legal_form", "society")],
        )
        .await;
    assert_eq!(saved.status(), Status::SeeOther);

    // The name, from the workplace on the case record.
    let (_, page) = app.page(&format!("{rules}/name")).await;
    assert!(
        page.contains("value=\"Ribble Print Co-operative Limited\""),
        "{page}"
    );
    assert!(page.contains("From the case record. Change it if it is not right."));

    // Founders from the steering group; the usual figures from the hints.
    let (_, page) = app.page(&format!("{rules}/members")).await;
    for name in ["Ann Lee", "Bob Hart", "Cat Ng"] {
        assert!(page.contains(&format!("value=\"{name}\"")), "{name}");
    }
    assert!(page.contains("Suggested from your answers in the stages."));
    assert!(page.contains(
        "id=\"min_hours_week-hint\">0 to 16; 8 is usual. Setting it high can unfairly shut out part-timers. Suggested: the usual figure. Change it if yours is different.</p>"
    ));
    assert!(
        page.contains("id=\"min_hours_week\" name=\"min_hours_week\" type=\"text\" value=\"8\"")
    );
    assert!(page
        .contains("id=\"probation_months\" name=\"probation_months\" type=\"text\" value=\"6\""));
    assert!(
        !rules_answers(&app, case).await.0.contains_key("founders"),
        "shown, not stored"
    );

    // The rep keeps the founders and the usual probation, and types their own hours: saved
    // as shown, with the typed figure winning.
    let founder = |i: usize, name: &'static str, role: &'static str| {
        vec![
            (format!("founders[{i}].name"), name.to_string()),
            (format!("founders[{i}].age"), "40".to_string()),
            (format!("founders[{i}].hours_week"), "37".to_string()),
            (format!("founders[{i}].employee"), "yes".to_string()),
            (format!("founders[{i}].roles"), role.to_string()),
        ]
    };
    let mut form = vec![
        ("answers_version".to_string(), "1".to_string()),
        ("min_hours_week".to_string(), "4".to_string()),
        ("probation_months".to_string(), "6".to_string()),
    ];
    form.extend(founder(0, "Ann Lee", "director"));
    form.extend(founder(1, "Bob Hart", "director"));
    form.extend(founder(2, "Cat Ng", "secretary"));
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let response = app.post_form(&format!("{rules}/members"), &fields).await;
    assert_eq!(response.status(), Status::SeeOther);
    let (answers, _) = rules_answers(&app, case).await;
    assert_eq!(answers["min_hours_week"], json!("4"));
    assert_eq!(answers["probation_months"], json!("6"));
    assert_eq!(answers["founders"][2]["name"], json!("Cat Ng"));

    let (_, page) = app.page(&format!("{rules}/members")).await;
    assert!(
        page.contains("id=\"min_hours_week\" name=\"min_hours_week\" type=\"text\" value=\"4\"")
    );
    assert!(
        page.contains("id=\"min_hours_week-hint\">0 to 16; 8 is usual. Setting it high can unfairly shut out part-timers.</p>"),
        "a saved answer is not a suggestion"
    );
}

#[rocket::async_test]
async fn the_plan_takes_the_legal_form_from_the_rules_and_the_headcount_from_the_case() {
    let app = TestApp::spawn().await;
    let case = case_that_knows_things(&app).await;
    let rules = format!("/cases/{case}/documents/rules");
    app.page(&rules).await;
    app.post_form(
        &rules,
        &[("answers_version", "0"), ("legal_form", "company")],
    )
    .await;
    let plan = format!("/cases/{case}/documents/business-plan");

    let (_, page) = app.page(&format!("{plan}/bp_members")).await;
    assert!(
        page.contains("<option value=\"clg_worker\" selected>"),
        "{page}"
    );
    assert!(page.contains("From the rules: Company limited by guarantee."));
    let (_, page) = app.page(&format!("{plan}/bp_forecast")).await;
    assert!(
        page.contains("value=\"24\""),
        "24 workers on the case record"
    );
    assert!(page.contains("From the case record."));
    let (answers, _) = documents::answers(app.db(), case, Kind::BusinessPlan)
        .await
        .expect("answers");
    assert!(answers.is_empty(), "nothing stored until the rep saves");
}

#[rocket::async_test]
async fn a_stage_page_offers_the_headcount_and_a_typed_answer_wins() {
    let app = TestApp::spawn().await;
    let case = case_that_knows_things(&app).await;
    // The first two stages are done, so the feasibility stage is open.
    for stage in ["intake", "explore"] {
        repo::stages::find_or_create(app.db(), case, stage, app.clock.now())
            .await
            .expect("stage row");
        let done = Query::update()
            .table(Alias::new("case_stages"))
            .value(Alias::new("status"), "completed")
            .and_where(Expr::col(Alias::new("case_id")).eq(case))
            .and_where(Expr::col(Alias::new("stage_key")).eq(stage))
            .to_owned();
        app.db().execute(&done).await.expect("completed");
    }
    let path = format!("/cases/{case}/stages/feasibility/pages/feasibility_quick");
    let (status, page) = app.page(&path).await;
    assert_eq!(status, Status::Ok);
    assert!(
        page.contains("name=\"survey_sent\" type=\"text\" inputmode=\"numeric\" value=\"24\""),
        "{page}"
    );
    assert!(page.contains("From the case record. Change it if it is not right."));

    // Typed over the suggestion and refused for another reason: the typed figure stays.
    let response = app.post_form(&path, &[("survey_sent", "20")]).await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
    let body = response.into_string().await.unwrap_or_default();
    assert!(body.contains("name=\"survey_sent\" type=\"text\" inputmode=\"numeric\" value=\"20\""));
}
