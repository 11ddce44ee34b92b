use serde_json::{json, Map, Value};

use super::super::read;
use super::MAX_FOUNDERS;

fn society() -> Map<String, Value> {
    let text = include_str!("../../../docs/examples/rules-society.json");
    serde_json::from_str(text).unwrap()
}

fn error_for(answers: &Map<String, Value>, field: &str) -> Option<String> {
    let errors = read(answers).err()?;
    errors.first(field).map(str::to_string)
}

#[test]
fn the_example_reads_without_a_problem() {
    assert!(read(&society()).is_ok());
}

#[test]
fn the_name_is_3_to_120_characters() {
    let mut answers = society();
    answers.insert("name".into(), json!(format!("{} Limited", "ł".repeat(112))));
    assert_eq!(error_for(&answers, "name"), None);
    answers.insert("name".into(), json!("x".repeat(20_000)));
    assert_eq!(
        error_for(&answers, "name").as_deref(),
        Some("Keep this to 120 characters or fewer; it has 20,000")
    );
    answers.insert("name".into(), json!("Ab"));
    assert!(error_for(&answers, "name").is_some_and(|m| m.contains("at least 3")));
}

#[test]
fn every_text_answer_is_capped() {
    for (key, limit) in [
        ("office_address", 300),
        ("objects", 1_500),
        ("asset_lock_recipient", 200),
    ] {
        let mut answers = society();
        answers.insert(key.into(), json!("a".repeat(limit)));
        assert_eq!(error_for(&answers, key), None, "{key}");
        answers.insert(key.into(), json!("a".repeat(limit + 1)));
        assert!(error_for(&answers, key).is_some(), "{key}");
    }
}

#[test]
fn characters_the_document_cannot_print_are_refused_by_name() {
    let mut answers = society();
    answers.insert("office_address".into(), json!("12 Fishergate, Preston 李"));
    let message = error_for(&answers, "office_address").unwrap();
    assert!(
        message.starts_with("The document cannot print these characters yet: 李."),
        "{message}"
    );
    answers.insert(
        "office_address".into(),
        json!("ul. Świętokrzyska 12, Łódź, Zażółć gęślą jaźń"),
    );
    assert_eq!(error_for(&answers, "office_address"), None);
}

#[test]
fn founders_are_capped_and_their_names_checked() {
    let mut answers = society();
    let founder = answers["founders"][0].clone();
    answers.insert(
        "founders".into(),
        Value::Array(vec![founder.clone(); MAX_FOUNDERS + 1]),
    );
    assert!(error_for(&answers, "founders").is_some_and(|m| m.contains("up to 100")));
    answers.insert("founders".into(), Value::Array(vec![founder.clone(); 3]));
    assert_eq!(error_for(&answers, "founders"), None);

    let mut urdu = founder.clone();
    urdu["name"] = json!("عمران");
    answers.insert("founders".into(), Value::Array(vec![founder, urdu]));
    let message = error_for(&answers, "founders").unwrap();
    assert!(
        message.starts_with(
            "Founder 2's name: The document cannot print these characters yet: ع م ر ا ن."
        ),
        "{message}"
    );
}
