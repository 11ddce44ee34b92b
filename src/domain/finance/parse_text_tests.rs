//! The plan's typed text: capped in length, and only characters the documents can print.

use serde_json::{json, Value};

use super::{parse_inputs, MAX_LABEL, MAX_NARRATIVE};

fn plan() -> Value {
    serde_json::from_str(include_str!("../../../docs/examples/business-plan.json")).unwrap()
}

fn error_for(answers: &Value, field: &str) -> Option<String> {
    let errors = parse_inputs(answers).err()?;
    errors.first(field).map(str::to_string)
}

#[test]
fn each_part_of_the_story_is_capped() {
    let mut answers = plan();
    answers["narrative"]["summary"] = json!("a".repeat(MAX_NARRATIVE));
    assert_eq!(error_for(&answers, "narrative.summary"), None);
    answers["narrative"]["summary"] = json!("a".repeat(MAX_NARRATIVE + 1));
    assert_eq!(
        error_for(&answers, "narrative.summary").as_deref(),
        Some("Keep this to 5,000 characters or fewer; it has 5,001")
    );
}

#[test]
fn a_source_name_is_capped_and_checked() {
    let mut answers = plan();
    answers["sources"][0]["label"] = json!("x".repeat(MAX_LABEL + 1));
    assert!(error_for(&answers, "sources[0].label").is_some());
    answers["sources"][0]["label"] = json!("Kredyt z banku 🏦");
    let message = error_for(&answers, "sources[0].label").unwrap();
    assert!(
        message.contains("cannot print these characters yet: 🏦."),
        "{message}"
    );
}

#[test]
fn gujarati_and_chinese_are_named_and_polish_is_kept() {
    let mut answers = plan();
    answers["narrative"]["people"] = json!("Asha Patel (આશા પટેલ) and 李明 run the print room.");
    let message = error_for(&answers, "narrative.people").unwrap();
    assert!(
        message.starts_with("The document cannot print these characters yet: આ શ ા પ ટ ે લ 李 明."),
        "{message}"
    );
    answers["narrative"]["people"] = json!("Paweł Żółkiewski and Łucja Ślęzak run the print room.");
    let inputs = parse_inputs(&answers).unwrap();
    assert_eq!(
        inputs.narrative.people,
        "Paweł Żółkiewski and Łucja Ślęzak run the print room."
    );
}
