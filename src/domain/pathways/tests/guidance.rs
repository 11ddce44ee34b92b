//! The guidance blocks, warnings and glossary: how they load, fail and read on a phone.

use super::{broken_copy, library, line_of, load_error, templates_dir};
use crate::domain::pathways::show_if_holds;
use crate::domain::pathways::Answers;
use serde_json::json;
use std::collections::HashSet;

/// A paragraph longer than this is hard to read on a phone (issue 19).
pub const MAX_PARAGRAPH_WORDS: usize = 80;
/// A sentence longer than this loses a reader new to the subject.
pub const MAX_SENTENCE_WORDS: usize = 35;

/// The sentences of a paragraph: it ends at `.`, `?` or `!` followed by a space or the end,
/// so "s.216" and "reg 4(7)" stay whole.
pub fn sentences(paragraph: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = paragraph.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        current.push(*c);
        let next = chars.get(i + 1);
        if matches!(c, '.' | '?' | '!') && next.is_none_or(|n| n.is_whitespace()) {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.trim().is_empty() {
        out.push(current);
    }
    out
}

/// Every problem with one paragraph, named by `place`.
pub fn length_problems(place: &str, paragraph: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let words = paragraph.split_whitespace().count();
    if words > MAX_PARAGRAPH_WORDS {
        problems.push(format!("{place}: paragraph of {words} words: {paragraph}"));
    }
    for sentence in sentences(paragraph) {
        let words = sentence.split_whitespace().count();
        if words > MAX_SENTENCE_WORDS {
            problems.push(format!(
                "{place}: sentence of {words} words: {}",
                sentence.trim()
            ));
        }
    }
    problems
}

#[test]
fn the_length_check_catches_long_paragraphs_and_sentences() {
    let long_sentence = vec!["word"; 36].join(" ") + ".";
    assert_eq!(length_problems("x", &long_sentence).len(), 1);
    let long_paragraph = vec!["Short sentence here."; 27].join(" ");
    assert_eq!(length_problems("x", &long_paragraph).len(), 1);
    assert!(length_problems("x", "Under TUPE reg 4(7) and s.216, nothing splits here.").is_empty());
    assert_eq!(sentences("One. Two? Three! Four").len(), 4);
}

#[test]
fn every_guidance_paragraph_warning_and_glossary_meaning_is_short_enough() {
    let lib = library();
    let mut problems = Vec::new();
    for pathway in lib.pathways() {
        for stage in &pathway.stages {
            let place = format!("{}.toml stage \"{}\"", pathway.key, stage.key);
            for note in stage.guidance.iter().chain(&stage.warnings) {
                for p in note.paragraphs() {
                    problems.extend(length_problems(&place, &p));
                }
            }
        }
    }
    for term in lib.glossary().terms() {
        let place = format!("glossary.toml term \"{}\"", term.key);
        problems.extend(length_problems(&place, &term.meaning));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_condition_on_an_unknown_question_stops_the_start_at_its_line() {
    let original = std::fs::read_to_string(templates_dir().join("buyout.toml")).unwrap();
    let needle = "show_if = { question = \"same_staff_same_work\"";
    // The first block with this condition is the warning about inherited claims.
    let line = line_of(
        &original,
        "[[stages.warnings]]\ntext = \"\"\"\nThe co-op can inherit",
    );
    let dir = broken_copy("note_show_if", "buyout.toml", |t| {
        t.replacen(needle, "show_if = { question = \"same_staf_same_work\"", 1)
    });
    let message = load_error(&dir);
    assert!(
        message.contains(&format!(
            "buyout.toml line {line}: stage \"deal\": show_if names \"same_staf_same_work\""
        )),
        "{message}"
    );
}

#[test]
fn an_empty_source_a_warning_without_text_and_a_doubled_glossary_name_are_refused() {
    let dir = broken_copy("empty_source", "buyout.toml", |t| {
        t.replacen("sources = [\"", "sources = [\" \", \"", 1)
    });
    assert!(load_error(&dir).contains("a source is empty"));

    let dir = broken_copy("typo_note", "buyout.toml", |t| {
        t.replacen(
            "[[stages.warnings]]\ntext =",
            "[[stages.warnings]]\ntxt =",
            1,
        )
    });
    assert!(load_error(&dir).contains("unknown field `txt`"));

    let dir = broken_copy("glossary_dup", "glossary.toml", |t| {
        t + "\n[[terms]]\nkey = \"tupe_again\"\nterm = \"tupe\"\nmeaning = \"Twice.\"\n"
    });
    let message = load_error(&dir);
    assert!(
        message.contains("glossary.toml line")
            && message.contains("is already the name of another term"),
        "{message}"
    );
}

#[test]
fn tupe_text_shows_only_when_the_same_staff_carry_on_and_the_fast_track_only_in_insolvency() {
    let lib = library();
    let deal = lib.stage("buyout", "deal").unwrap();
    let shown = |answers: &Answers| -> Vec<String> {
        deal.guidance
            .iter()
            .chain(&deal.warnings)
            .filter(|n| show_if_holds(&lib, n.show_if.as_ref(), answers))
            .flat_map(|n| n.paragraphs())
            .collect()
    };
    let mentions = |paras: &[String], needle: &str| paras.iter().any(|p| p.contains(needle));
    let mut answers = Answers::new();
    answers.insert("purchase_type".into(), json!("assets_only"));
    answers.insert("same_staff_same_work".into(), json!("no"));
    assert!(!mentions(&shown(&answers), "TUPE stands for"));
    answers.insert("same_staff_same_work".into(), json!("yes"));
    assert!(mentions(&shown(&answers), "TUPE stands for"));
    // A share sale hides the question, and so the TUPE text, whatever was stored.
    answers.insert("purchase_type".into(), json!("shares"));
    assert!(!mentions(&shown(&answers), "TUPE stands for"));

    assert!(!mentions(&shown(&answers), "Fast track"));
    answers.insert("trigger".into(), json!("administration"));
    assert!(mentions(&shown(&answers), "Fast track"));
}

#[test]
fn each_term_links_once_at_its_first_appearance_and_not_inside_other_words() {
    let lib = library();
    let mut linked = HashSet::new();
    let segments = lib.glossary().link(
        "Under TUPE the staff move. TUPE again. Stupendous.",
        &mut linked,
    );
    let links: Vec<_> = segments.iter().filter(|s| s.term.is_some()).collect();
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].text, "TUPE");
    let joined: String = segments.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(joined, "Under TUPE the staff move. TUPE again. Stupendous.");
    // Already linked higher up the page: not linked again.
    let again = lib.glossary().link("TUPE", &mut linked);
    assert!(again.iter().all(|s| s.term.is_none()));
}

/// The terms of art issue 19 asked to explain; each must be in the glossary and used in
/// the guidance, so the stage page links it.
#[test]
fn every_term_of_art_is_in_the_glossary_and_every_glossary_term_is_used() {
    let lib = library();
    let all_text: String = lib
        .pathways()
        .iter()
        .flat_map(|p| &p.stages)
        .flat_map(|s| s.guidance.iter().chain(&s.warnings))
        .flat_map(|n| n.paragraphs())
        .collect::<Vec<_>>()
        .join("\n");
    let used = lib.glossary().used_in(&all_text);
    for term in lib.glossary().terms() {
        assert!(
            used.contains(&term.key),
            "glossary term \"{}\" is not used in any guidance",
            term.key
        );
    }
    for key in [
        "tupe",
        "heads_of_terms",
        "drawdown",
        "bank_mandate",
        "eight_week_rule",
        "conformance",
        "shadow_director",
        "employee_liability_information",
        "sponsoring_body",
        "protective_award",
    ] {
        assert!(
            used.contains(&key.to_string()),
            "\"{key}\" is not a glossary term used in the guidance"
        );
    }
}

#[test]
fn the_start_up_test_stage_signs_off_only_with_a_paid_pilot_or_a_letter_of_intent() {
    let lib = library();
    let mut answers = Answers::new();
    answers.insert("tests_done".into(), json!(12));
    answers.insert("evidence_in_hand".into(), json!("neither"));
    let met = |answers: &Answers| {
        crate::domain::pathways::stage_progress(&lib, "startup", "test_idea", answers)
            .unwrap()
            .criteria
            .iter()
            .all(|c| c.met)
    };
    assert!(
        !met(&answers),
        "twelve conversations are not evidence of paying customers"
    );
    for evidence in ["paid_pilot", "letter_of_intent"] {
        answers.insert("evidence_in_hand".into(), json!(evidence));
        assert!(met(&answers), "{evidence}");
    }
}

#[test]
fn the_banned_fee_warning_shows_for_a_cut_of_pay_in_trades_the_regulations_do_not_list() {
    let lib = library();
    let stage = lib.stage("freelancer", "member_agreement").unwrap();
    let warned = |answers: &Answers| {
        stage
            .warnings
            .iter()
            .filter(|n| show_if_holds(&lib, n.show_if.as_ref(), answers))
            .any(|n| n.text.contains("A banned fee"))
    };
    let mut answers = Answers::new();
    answers.insert("coop_income".into(), json!("commission_from_pay"));
    answers.insert(
        "member_trades".into(),
        json!(["performers", "listed_grades"]),
    );
    assert!(
        !warned(&answers),
        "commission is lawful for performers and listed grades"
    );
    answers.insert(
        "member_trades".into(),
        json!(["listed_grades", "other_crew"]),
    );
    assert!(warned(&answers), "sparks and grips may not be charged");
    answers.insert("coop_income".into(), json!("client_booking_fee"));
    assert!(!warned(&answers), "the client may pay a booking fee");
}
