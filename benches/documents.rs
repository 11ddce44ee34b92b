//! How long one document takes to make in-process: answers → checked options or model →
//! template → markup → blocks → PDF, as the server does it for each "make a draft".
//! Target (issues 4 and 5): p50 at most 20 ms for each. Run with `cargo bench --bench documents`.

use std::path::PathBuf;

use coopkit::services::render::{self, Engine, Facts};
use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn example(name: &str) -> Value {
    let text = std::fs::read_to_string(root().join(format!("docs/examples/{name}.json")))
        .expect("example answers");
    serde_json::from_str(&text).expect("valid JSON")
}

fn facts() -> Facts {
    Facts {
        reference: "PCEC-2026-0014".into(),
        coop_name: "Ribble Print Co-operative Limited".into(),
        author: "coopkit".into(),
        version: 3,
        draft: true,
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 26).expect("date"),
        made_at: 1_795_000_000,
    }
}

/// The society example with every option that adds clauses switched on: investment shares,
/// the union clause with observer, levy and pay ratio, every use of profit, an elected board.
fn society_with_every_option() -> serde_json::Map<String, Value> {
    let mut answers = example("rules-society")
        .as_object()
        .cloned()
        .expect("object");
    for (key, value) in [
        ("investment_shares", Value::Bool(true)),
        ("union_coop", Value::Bool(true)),
        ("union_observer", Value::Bool(true)),
        ("probation_exclusion", Value::Bool(true)),
    ] {
        answers.insert(key.into(), value);
    }
    answers
}

fn benches(c: &mut Criterion) {
    let engine = Engine::load(&root().join("templates/documents")).expect("templates load");
    let rules = society_with_every_option();
    let plan = example("business-plan");
    let facts = facts();
    let mut group = c.benchmark_group("documents");
    group.sample_size(50);
    group.bench_function("society rules, every option, to PDF", |b| {
        b.iter(|| {
            let prepared = render::prepare_rules(&engine, &rules, &facts).expect("renders");
            render::pdf(&engine, &prepared).expect("pdf")
        });
    });
    group.bench_function("three-year business plan with charts, to PDF", |b| {
        b.iter(|| {
            let prepared = render::prepare_plan(&engine, &plan, &facts).expect("renders");
            render::pdf(&engine, &prepared).expect("pdf")
        });
    });
    group.finish();
}

criterion_group!(documents, benches);
criterion_main!(documents);
