//! The route × role × case matrix: every mounted route, asked by every kind of person, about
//! the objects of case A and of case B, with the answer each must get.
//!
//! The routes come from Rocket itself, so a new route that nobody put in `RULES` fails the
//! test with its method and path. Requests that change things carry a valid CSRF token and
//! (mostly) an empty form: what is checked here is who gets through, not what is saved.

use std::collections::BTreeSet;

use rocket::http::Method;

use crate::route_rules::{harmless_fields, is_case_route, rule_of, Got, Rule, RULES};
use crate::world::{mounted_routes, Who, World};

/// Sends one request as the world's current person and says what came back.
pub async fn ask(world: &World, method: Method, path: &str, fields: &[(&str, String)]) -> Got {
    let app = &world.app;
    let response = if method == Method::Get {
        app.get(path).await
    } else {
        let mut all = vec![("_csrf", app.csrf())];
        all.extend(fields.iter().cloned());
        app.post_raw(path, &all).await
    };
    let status = response.status();
    let location = response.headers().get_one("Location").map(str::to_string);
    Got::of(status, location.as_deref())
}

#[rocket::async_test]
async fn every_route_answers_every_person_as_the_access_rules_say() {
    let started = std::time::Instant::now();
    let world = World::build().await;
    let routes = mounted_routes(&world.app);
    let unclassified: Vec<String> = routes
        .iter()
        .filter(|(m, p)| rule_of(*m, p).is_none())
        .map(|(m, p)| format!("{m} {p}"))
        .collect();
    assert!(
        unclassified.is_empty(),
        "routes nobody classified in RULES: {unclassified:#?}"
    );
    let mut cells = 0;
    let mut wrong = Vec::new();
    for who in Who::ALL {
        world.become_(who).await;
        // Signing out ends the session: it goes last.
        let mut ordered: Vec<&(Method, String)> = routes.iter().collect();
        ordered.sort_by_key(|(m, p)| (*m == Method::Post && p == "/logout", *m != Method::Get));
        for (method, pattern) in ordered {
            let rule = rule_of(*method, pattern).expect("classified above");
            let sides: &[bool] = if is_case_route(pattern) {
                &[true, false]
            } else {
                &[true]
            };
            for &of_a in sides {
                let path = world.path_for(pattern, of_a);
                let got = ask(&world, *method, &path, &harmless_fields(pattern)).await;
                let expected = rule.expect(who, of_a);
                // A version not published to workers: to them it does not exist.
                if rule == Rule::CaseMembers
                    && (pattern.contains("<doc_id>") || pattern.ends_with("/compare"))
                {
                    let draft = world.path_for_document(pattern, of_a, world.case(of_a).draft);
                    let got = ask(&world, *method, &draft, &[]).await;
                    let expected = Rule::CaseRepsOnly.expect(who, of_a);
                    cells += 1;
                    if got != expected {
                        wrong.push(format!(
                            "{who:?} {method} {draft} (unpublished): expected {expected:?}, got {got:?}"
                        ));
                    }
                }
                cells += 1;
                if got != expected {
                    wrong.push(format!(
                        "{who:?} {method} {path} ({pattern}, case {}): expected {expected:?}, got {got:?}",
                        if of_a { "A" } else { "B" }
                    ));
                }
            }
        }
    }
    eprintln!(
        "route matrix: {} routes, {cells} cells, {:.1} s",
        routes.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        wrong.is_empty(),
        "{} of {cells} cells wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// The rule table names only routes that exist, so that a removed route leaves no stale row.
#[rocket::async_test]
async fn every_rule_names_a_mounted_route() {
    let app = crate::support::TestApp::spawn().await;
    let mounted: BTreeSet<String> = mounted_routes(&app)
        .iter()
        .map(|(m, p)| format!("{m} {p}"))
        .collect();
    for (method, path, _) in RULES {
        assert!(
            mounted.contains(&format!("{method} {path}")),
            "{method} {path} is in RULES but not mounted"
        );
    }
}
