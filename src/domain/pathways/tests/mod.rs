//! Tests against the real pathway files, and against broken copies of them.

use super::*;
use crate::domain::pathways::definition::GateKind;
use chrono::NaiveDate;
use serde_json::json;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod answers;
mod guidance;
mod reveal;

/// The repository's `templates/pathways`, found by walking up from this file so it works
/// from the real crate and from a scratch crate that includes this file by path.
pub(super) fn templates_dir() -> PathBuf {
    let here = Path::new(file!());
    let start = if here.is_absolute() {
        here.to_path_buf()
    } else {
        std::env::current_dir().unwrap().join(here)
    };
    start
        .ancestors()
        .map(|dir| dir.join("templates/pathways"))
        .find(|dir| dir.join("pages.toml").exists())
        .expect("templates/pathways not found above this file")
}

pub(super) fn library() -> PathwayLibrary {
    load_pathways(&templates_dir()).unwrap_or_else(|e| panic!("{e}"))
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
}

fn text(pairs: &[(&str, &str)]) -> BTreeMap<String, SubmittedValue> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), SubmittedValue::text(*v)))
        .collect()
}

/// A copy of the real files in a fresh folder, with `file` changed by `edit`.
pub(super) fn broken_copy(name: &str, file: &str, edit: impl Fn(String) -> String) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("coopkit-pathways-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for f in [
        "pages.toml",
        "buyout.toml",
        "bank_holidays.toml",
        "glossary.toml",
    ] {
        // Only the files this part owns: the other pathways are tested by their own checks.
        let content = std::fs::read_to_string(templates_dir().join(f)).unwrap();
        let content = if f == file { edit(content) } else { content };
        std::fs::write(dir.join(f), content).unwrap();
    }
    dir
}

pub(super) fn load_error(dir: &Path) -> String {
    let message = load_pathways(dir)
        .expect_err("the broken files loaded")
        .to_string();
    std::fs::remove_dir_all(dir).unwrap();
    message
}

pub(super) fn line_of(file_text: &str, needle: &str) -> usize {
    file_text[..file_text.find(needle).unwrap()]
        .matches('\n')
        .count()
        + 1
}

#[test]
fn the_real_files_load_with_nine_buyout_stages() {
    let lib = library();
    let buyout = lib.pathway("buyout").unwrap();
    let keys: Vec<&str> = buyout.stages.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "intake",
            "explore",
            "feasibility",
            "deal",
            "finance",
            "legal",
            "members_vote",
            "completion",
            "aftercare"
        ]
    );
    assert!(buyout
        .stages
        .iter()
        .all(|s| s.guidance_paragraphs().len() >= 3));
    assert_eq!(
        lib.stage("buyout", "members_vote")
            .unwrap()
            .gate
            .as_ref()
            .unwrap()
            .kind,
        GateKind::Vote
    );
    assert!(lib.stage("buyout", "aftercare").unwrap().gate.is_none());
    assert_eq!(lib.next_stage("buyout", "deal").unwrap().key, "finance");
    assert_eq!(lib.stage_pages("buyout", "intake").len(), 4);
    assert_eq!(
        lib.page_of_question("max_one_site_90d").unwrap().key,
        "redundancy"
    );
    assert!(lib
        .holidays()
        .contains(NaiveDate::from_ymd_opt(2027, 12, 28).unwrap()));
    assert!(lib.pattern("company_number").unwrap().is_match("SC123456"));
}

#[test]
fn an_unknown_page_names_the_file_and_line() {
    let dir = broken_copy("page", "buyout.toml", |t| {
        t.replacen(
            "pages = [\"tupe\", \"insolvency\"]",
            "pages = [\"tupee\", \"insolvency\"]",
            1,
        )
    });
    let original = std::fs::read_to_string(templates_dir().join("buyout.toml")).unwrap();
    let line = line_of(&original, "pages = [\"tupe\", \"insolvency\"]");
    let message = load_error(&dir);
    assert!(message.ends_with(&format!("buyout.toml line {line}: stage \"deal\" lists page \"tupee\", which is not in pages.toml")), "{message}");
}

#[test]
fn a_bad_regex_a_bad_show_if_and_a_choice_without_options_are_refused() {
    let pages = std::fs::read_to_string(templates_dir().join("pages.toml")).unwrap();
    let regex_line = line_of(&pages, "pattern = '^\\d{5}$'");
    let dir = broken_copy("regex", "pages.toml", |t| {
        t.replacen("pattern = '^\\d{5}$'", "pattern = '^\\d{5$'", 1)
    });
    let message = load_error(&dir);
    assert!(
        message.contains(&format!(
            "pages.toml line {regex_line}: question \"sic_code\": pattern does not compile"
        )),
        "{message}"
    );

    let dir = broken_copy("show_if", "pages.toml", |t| {
        t.replacen(
            "question = \"union_present\", equals",
            "question = \"union_presnt\", equals",
            1,
        )
    });
    let message = load_error(&dir);
    let show_line = line_of(&pages, "question = \"union_present\", equals");
    assert!(
        message.contains(&format!(
            "line {show_line}: question \"union_name\": show_if names \"union_presnt\""
        )),
        "{message}"
    );

    let dir = broken_copy("options", "pages.toml", |t| {
        t.replacen(
            "label = \"Union members involved\"\ntype = \"yes_no\"",
            "label = \"Union members involved\"\ntype = \"choice\"",
            1,
        )
    });
    let message = load_error(&dir);
    assert!(
        message.contains("question \"union_present\" is a choice but has no options"),
        "{message}"
    );
}

#[test]
fn duplicate_keys_typos_in_settings_and_foreign_gate_questions_are_refused() {
    let dir = broken_copy("dup", "pages.toml", |t| {
        t.replacen("key = \"town\"", "key = \"case_name\"", 1)
    });
    assert!(load_error(&dir).contains("question \"case_name\" is already asked on page \"intake\""));

    let dir = broken_copy("typo", "pages.toml", |t| {
        t.replacen(
            "required = true\nmin_len = 3",
            "requried = true\nmin_len = 3",
            1,
        )
    });
    let pages = std::fs::read_to_string(templates_dir().join("pages.toml")).unwrap();
    let line = line_of(&pages, "required = true\nmin_len = 3");
    let message = load_error(&dir);
    assert!(
        message.contains(&format!("pages.toml line {line}: unknown field `requried`")),
        "{message}"
    );

    let dir = broken_copy("gate", "buyout.toml", |t| {
        t.replacen(
            "question = \"go_decision\"",
            "question = \"explore_decision\"",
            1,
        )
    });
    assert!(load_error(&dir).contains(
        "the gate tests \"explore_decision\", which is not a question on this stage's pages"
    ));

    let dir = broken_copy("deadline", "buyout.toml", |t| {
        t.replacen("deadlines = [\"D28\"]", "deadlines = [\"D13\"]", 1)
    });
    assert!(load_error(&dir).contains("lists deadline \"D13\", which is not a deadline rule"));

    let dir = broken_copy("approves", "buyout.toml", |t| {
        t.replacen(
            "kind = \"vote\"",
            "kind = \"vote\"\nresolution_approves = [\"rulez\"]",
            1,
        )
    });
    let message = load_error(&dir);
    assert!(
        message.contains("resolution_approves names \"rulez\", which is not one of nothing, rules"),
        "{message}"
    );

    let dir = broken_copy("approves-staff", "buyout.toml", |t| {
        t.replacen(
            "kind = \"staff\"",
            "kind = \"staff\"\nresolution_approves = [\"rules\"]",
            1,
        )
    });
    assert!(load_error(&dir).contains("resolution_approves is only for a gate of kind \"vote\""));
}

#[test]
fn a_missing_buyout_file_is_an_error_but_missing_optional_pathways_are_not() {
    let dir = broken_copy("missing", "none", |t| t);
    assert_eq!(load_pathways(&dir).unwrap().pathways().len(), 1);
    std::fs::remove_file(dir.join("buyout.toml")).unwrap();
    assert!(load_error(&dir).contains("buyout.toml: cannot be read"));
}
