//! Bad input against every form route (from Rocket's own list): seeded random bodies made of
//! bytes that are not UTF-8, NUL characters, 1 MB fields, repeated and missing fields, and
//! document markup typed as answers. Never a 5xx, and afterwards every page of the case
//! still renders.
//!
//! The seed is printed; set `COOPKIT_BAD_INPUT_SEED` to replay a run.

use std::collections::BTreeSet;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rocket::http::{ContentType, Header, Method, Status};

use crate::world::{mounted_routes, Who, World};

/// Bodies tried per route and person.
const PER_ROUTE: usize = 10;

/// Answers that look like document markup or page markup.
const MARKUP: &[&str] = &[
    "Our aims:\n\n# Printing",
    "\n@clause forged\nThe co-op may do anything.",
    "\n## Sub heading\n+ a list item",
    "\n@signature",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "{{data.csrf}} {{#each x}}",
    "=HYPERLINK(\"http://evil.example\")",
    "Ribble Print & Co (2026) Ltd.",
];

/// Values a number, date or choice field might get.
const ODD: &[&str] = &[
    "",
    " ",
    "-1",
    "0",
    "99999999999999999999999",
    "1e308",
    "NaN",
    "2026-02-30",
    "null",
    "{\"a\":",
    "[]",
    "yes",
    "na",
    "done",
    "theirs",
    "rules",
    "business_plan",
    "ÿ",
    "🙂",
];

/// Names of every field on every page the admin can open, plus a few no page has.
async fn field_names(world: &World) -> Vec<String> {
    let mut names: BTreeSet<String> = ["_orig.name", "sources[0].type", "founders[0].name", "x"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for (method, pattern) in mounted_routes(&world.app) {
        if method != Method::Get || pattern.contains("pdf") || pattern.contains(".csv") {
            continue;
        }
        let (_, body) = world.app.page(&world.path_for(&pattern, true)).await;
        for piece in body.split("name=\"").skip(1) {
            if let Some(name) = piece.split('"').next() {
                if !name.is_empty() && name != "_csrf" && name.len() < 60 {
                    names.insert(name.to_string());
                }
            }
        }
    }
    names.into_iter().collect()
}

fn percent(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() * 3);
    for &b in bytes {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b);
        } else {
            out.extend_from_slice(format!("%{b:02X}").as_bytes());
        }
    }
    out
}

/// One random value: markup, an odd value, bytes that are not UTF-8, NUL, or 1 MB.
fn value(rng: &mut StdRng) -> (Vec<u8>, bool) {
    // (bytes, whether to send them raw rather than percent-encoded)
    match rng.gen_range(0..20) {
        0..=6 => (MARKUP[rng.gen_range(0..MARKUP.len())].into(), false),
        7..=12 => (ODD[rng.gen_range(0..ODD.len())].into(), false),
        13 | 14 => (vec![0xff, 0xfe, b'a', 0xc3], rng.gen_bool(0.5)),
        15 | 16 => (b"before\0after".to_vec(), false),
        17 => (vec![b'a'; 1024 * 1024], true),
        _ => (
            (0..rng.gen_range(1..40)).map(|_| rng.gen::<u8>()).collect(),
            rng.gen_bool(0.3),
        ),
    }
}

/// A form body: the token first (so the request reaches the route), then 0 to 8 fields,
/// names drawn from the pool with repeats.
fn body(rng: &mut StdRng, token: &str, names: &[String]) -> Vec<u8> {
    let mut out = format!("_csrf={token}").into_bytes();
    for _ in 0..rng.gen_range(0..=8) {
        let name = &names[rng.gen_range(0..names.len())];
        let (bytes, raw) = value(rng);
        out.push(b'&');
        out.extend_from_slice(&percent(name.as_bytes()));
        out.push(b'=');
        if raw {
            out.extend_from_slice(&bytes);
        } else {
            out.extend_from_slice(&percent(&bytes));
        }
    }
    out
}

#[rocket::async_test]
async fn random_bad_bodies_never_get_a_server_error() {
    let started = std::time::Instant::now();
    let seed: u64 = std::env::var("COOPKIT_BAD_INPUT_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20261130);
    let mut rng = StdRng::seed_from_u64(seed);
    let world = World::build().await;
    world.become_(Who::Admin).await;
    let names = field_names(&world).await;
    let routes: Vec<(Method, String)> = mounted_routes(&world.app)
        .into_iter()
        // Signing out would end the run's session; it takes no fields anyway.
        .filter(|(m, p)| *m == Method::Post && p != "/logout")
        .collect();
    let mut tried = 0;
    let mut faults = Vec::new();
    for who in [Who::Admin, Who::RepA] {
        // Random bodies sent to /login count as failed sign-ins from this address: let the
        // throttling window pass before signing in.
        world.app.clock.advance(16 * 60);
        world.become_(who).await;
        let token = world.app.csrf();
        for (method, pattern) in &routes {
            let path = world.path_for(pattern, true);
            for _ in 0..PER_ROUTE {
                let sent = body(&mut rng, &token, &names);
                let response = world
                    .app
                    .client
                    .req(*method, path.clone())
                    .header(ContentType::Form)
                    .header(Header::new("Sec-Fetch-Site", "same-origin"))
                    .body(&sent)
                    .dispatch()
                    .await;
                tried += 1;
                if response.status().code >= 500 {
                    let shown: String = String::from_utf8_lossy(&sent).chars().take(300).collect();
                    faults.push(format!(
                        "{who:?} {path}: {} for {shown:?}",
                        response.status()
                    ));
                }
            }
        }
    }
    // Whatever was saved, every page of the case still renders.
    world.app.clock.advance(16 * 60);
    world.become_(Who::Admin).await;
    for (method, pattern) in mounted_routes(&world.app) {
        if method != Method::Get || !pattern.starts_with("/cases/<id>") {
            continue;
        }
        let path = world.path_for(&pattern, true);
        let status = world.app.get(&path).await.status();
        if status.code >= 500 {
            faults.push(format!("afterwards GET {path}: {status}"));
        }
        assert_ne!(status, Status::InternalServerError, "{path}");
    }
    eprintln!(
        "bad input: seed {seed}, {} routes, {tried} bodies, {} field names, {:.1} s",
        routes.len(),
        names.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        faults.is_empty(),
        "seed {seed}: {} server errors:\n{}",
        faults.len(),
        faults.join("\n")
    );
}
