//! The legal check catches a broken text. For every Schedule 1 matter (or Companies Act
//! matter) and every co-operative test, each clause that provides it is removed, and then
//! rewritten to say nothing, in a copy of the templates; the rules are made through the real
//! pipeline (`prepare_rules`) and the check must refuse them, naming the matter or test.
//!
//! The rows come from the check's own map, so a matter or clause added there is tested here
//! without anyone remembering to. Targeted rewrites then break each test's substance while
//! keeping the clause (one vote for each share, surplus by capital, a union veto...).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde_json::{Map, Value};

use coopkit::docgen::{DocTemplates, Fonts};
use coopkit::domain::rules::{self, matters::matters, RulesOptions};
use coopkit::services::render::{prepare_rules, Engine, Facts, Prepared};

fn repo(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("make folder");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// A private copy of the rules templates and one example's answers, rendered for real.
struct Lab {
    _dir: tempfile::TempDir,
    root: PathBuf,
    engine: Engine,
    answers: Map<String, Value>,
    options: RulesOptions,
    /// The clause codes the unmutated example renders.
    rendered: Vec<String>,
    baseline: String,
}

impl Lab {
    fn new(example: &str) -> Lab {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().to_path_buf();
        copy_tree(&repo("templates/documents/rules"), &root.join("rules"));
        let text = std::fs::read_to_string(repo(&format!("docs/examples/rules-{example}.json")))
            .expect("example");
        let answers: Map<String, Value> = serde_json::from_str(&text).expect("json");
        let options = rules::parse_answers(&answers).expect("the example is valid");
        let template = rules::template_name(options.form);
        let engine = Engine {
            fonts: Fonts::load().expect("fonts"),
            templates: DocTemplates::load_used_by(&root, template).expect("templates"),
        };
        let mut lab = Lab {
            _dir: dir,
            root,
            engine,
            answers,
            options,
            rendered: Vec::new(),
            baseline: String::new(),
        };
        let base = lab.prepare();
        assert!(
            base.final_problems.is_empty(),
            "{example} must pass before it is broken: {:?}",
            base.final_problems
        );
        lab.rendered = base
            .markup
            .lines()
            .filter_map(|l| l.strip_prefix("@clause "))
            .map(|k| k.split('.').next().unwrap_or(k).to_string())
            .collect();
        lab.baseline = base.markup;
        lab
    }

    fn prepare(&mut self) -> Prepared {
        let template = rules::template_name(self.options.form);
        self.engine.templates =
            DocTemplates::load_used_by(&self.root, template).expect("the mutated copy loads");
        let facts = Facts {
            reference: "PCEC-2026-0013".into(),
            coop_name: String::new(),
            author: "test".into(),
            version: 1,
            draft: true,
            today: NaiveDate::from_ymd_opt(2026, 11, 30).expect("date"),
            made_at: 1_795_000_000,
        };
        prepare_rules(&self.engine, &self.answers, &facts).expect("renders")
    }

    /// The template file holding the `@clause` line of `code`, and that line's index.
    fn locate(&self, code: &str) -> (PathBuf, usize) {
        let mut found = Vec::new();
        let mut stack = vec![self.root.join("rules")];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).expect("read") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).expect("read template");
                for (i, line) in text.lines().enumerate() {
                    if line.starts_with("@clause") && line.contains(&format!("{code}.")) {
                        found.push((path.clone(), i));
                    }
                }
            }
        }
        assert_eq!(
            found.len(),
            1,
            "clause {code} should be in one template line"
        );
        found.remove(0)
    }

    /// Rewrites the template holding `code` with `change`, makes the rules, and puts the
    /// template back.
    fn mutate(
        &mut self,
        code: &str,
        change: impl Fn(&[&str], std::ops::Range<usize>) -> String,
    ) -> Prepared {
        let (path, start) = self.locate(code);
        let rendered = self.rendered.clone();
        self.mutate_file(&path, |lines| {
            let range = region(&rendered, lines, start, code);
            change(lines, range)
        })
    }

    fn mutate_file(&mut self, path: &Path, change: impl Fn(&[&str]) -> String) -> Prepared {
        let original = std::fs::read_to_string(path).expect("read");
        let lines: Vec<&str> = original.lines().collect();
        let changed = change(&lines);
        assert_ne!(
            changed,
            original,
            "the mutation of {} changed nothing",
            path.display()
        );
        std::fs::write(path, changed).expect("write mutation");
        let prepared = self.prepare();
        std::fs::write(path, original).expect("restore");
        assert_ne!(
            prepared.markup,
            self.baseline,
            "the mutation of {} did not show",
            path.display()
        );
        prepared
    }

    /// Replaces words in the template holding `code` (or in a named file under `rules/`).
    fn replace(&mut self, code: &str, old: &str, new: &str) -> Prepared {
        let path = if code.ends_with(".hbs") {
            self.root.join("rules").join(code)
        } else {
            self.locate(code).0
        };
        self.mutate_file(&path, |lines| {
            let text = lines.join("\n") + "\n";
            assert!(
                text.contains(old),
                "{code}: the template no longer says {old:?}"
            );
            text.replacen(old, new, 1)
        })
    }
}

/// The lines of a clause: from its `@clause` line to the next clause this document
/// renders, or the next part heading.
fn region(rendered: &[String], lines: &[&str], start: usize, code: &str) -> std::ops::Range<usize> {
    let end = (start + 1..lines.len())
        .find(|&i| {
            let l = lines[i];
            l.starts_with("## ")
                || (l.starts_with("@clause")
                    && rendered
                        .iter()
                        .any(|c| c != code && l.contains(&format!("{c}."))))
        })
        .unwrap_or(lines.len());
    start..end
}

/// A change to a template's lines, given the range of the clause it targets.
type Mutation = fn(&[&str], std::ops::Range<usize>) -> String;

fn is_body(line: &str) -> bool {
    line.starts_with("+ ") || line.starts_with("- ")
}

/// The clause is gone: its `@clause` line and every sub-clause under it.
fn remove(lines: &[&str], range: std::ops::Range<usize>) -> String {
    let start = range.start;
    lines
        .iter()
        .enumerate()
        .filter(|(i, l)| !(*i == start || (range.contains(i) && is_body(l))))
        .map(|(_, l)| format!("{l}\n"))
        .collect()
}

/// The clause is still there, but all it says is "Nothing."
fn empty(lines: &[&str], range: std::ops::Range<usize>) -> String {
    let mut out = String::new();
    for (i, l) in lines.iter().enumerate() {
        if range.contains(&i) && is_body(l) {
            continue;
        }
        out.push_str(l);
        out.push('\n');
        if i == range.start {
            out.push_str("+ Nothing.\n");
        }
    }
    out
}

/// Whether the check refused these rules naming the matter.
fn names_matter(p: &Prepared, number: u32, matter: &str) -> bool {
    let wanted = format!("matter {number} that the law requires ({matter})");
    p.final_problems.iter().any(|x| x.message.contains(&wanted))
}

/// Whether the check reported the test as broken: T9 is a warning by design (RULES.md §6),
/// every other test blocks filing.
fn names_test(p: &Prepared, code: &str) -> bool {
    let row = p
        .markup
        .lines()
        .find(|l| l.starts_with(&format!("| {code} ")));
    let flagged = row.is_some_and(|r| !r.contains("| Pass |"));
    flagged
        && (code == "T9"
            || p.final_problems
                .iter()
                .any(|x| x.message.starts_with(&format!("Co-operative test {code} "))))
}

/// Removes and empties every clause that provides each matter and test; returns the rows the
/// check let through.
fn every_provider_is_needed(example: &str) -> Vec<String> {
    let mut lab = Lab::new(example);
    let mut missed = Vec::new();
    let mutations: [(&str, Mutation); 2] = [("removed", remove), ("emptied", empty)];
    for m in matters(&lab.options) {
        for p in &m.providers {
            for (how, change) in mutations {
                let prepared = lab.mutate(p.code, change);
                if !names_matter(&prepared, m.number, m.matter) {
                    missed.push(format!(
                        "{example}: matter {} with {} {how}",
                        m.number, p.code
                    ));
                }
            }
        }
    }
    for (code, _) in rules::TESTS {
        for p in rules::test_providers(&lab.options, code) {
            for (how, change) in mutations {
                let prepared = lab.mutate(p.code, change);
                if !names_test(&prepared, code) {
                    missed.push(format!("{example}: {code} with {} {how}", p.code));
                }
            }
        }
    }
    missed
}

#[test]
fn removing_or_emptying_any_providing_clause_fails_the_society_check() {
    let missed = every_provider_is_needed("society");
    assert!(
        missed.is_empty(),
        "the check let these through: {missed:#?}"
    );
}

#[test]
fn removing_or_emptying_any_providing_clause_fails_the_consortium_check() {
    let missed = every_provider_is_needed("consortium");
    assert!(
        missed.is_empty(),
        "the check let these through: {missed:#?}"
    );
}

#[test]
fn removing_or_emptying_any_providing_clause_fails_the_company_check() {
    let missed = every_provider_is_needed("company");
    assert!(
        missed.is_empty(),
        "the check let these through: {missed:#?}"
    );
}

/// Rewrites that keep the clause but break what a test protects.
#[test]
fn rewriting_a_clause_against_a_co_operative_test_fails_that_test() {
    let mut lab = Lab::new("society");
    #[rustfmt::skip]
    let rows: &[(&str, &str, &str, &str)] = &[
        ("T1", "S04", "+ It carries on that business for the mutual benefit of its members, who work in it, and not to earn a return for investors.", "+ Its main object is to earn a return for investors."),
        ("T2", "S17", "+ Every member has one vote, however many shares they hold and whatever their hours or pay.", "+ Every member has one vote for each share they hold."),
        ("T3", "S07", "+ Any employee who supports the objects of the co-operative may apply to become a member.", "+ Any employee who supports the objects of the co-operative may apply to become a member. An applicant must join Unite the Union first."),
        ("T4", "S14", "is not paid", "is paid at 25% a year"),
        ("T5", "S22", "- to members as a bonus, shared {{bonus_basis}}.", "- to members as a bonus, shared in proportion to the shares each holds."),
        ("T7", "S18", "They must always be fewer than half the board and cannot form a quorum on their own.", "They may form a majority of the board."),
        ("T8", "U1", "+ The union is not a member of the co-operative.", "+ The union may veto any change to these rules. The union is not a member of the co-operative."),
        ("T8", "S25", "+ A change takes effect only once the FCA has registered it.", "+ A change takes effect only once the FCA has registered it. A change also needs the written consent of the co-operative's lender."),
        ("T9", "S06", "+ The co-operative will teach its members, directors and staff how a co-operative works, and will tell the public about co-operation.", "+ The co-operative will tell the public about co-operation."),
    ];
    let mut missed = Vec::new();
    for (test, code, old, new) in rows {
        let prepared = lab.replace(code, old, new);
        if !names_test(&prepared, test) {
            missed.push(format!("{test} via {code}"));
        }
    }
    assert!(missed.is_empty(), "the check let these through: {missed:?}");
}

#[test]
fn founders_who_do_not_sign_fail_the_founder_test() {
    let mut lab = Lab::new("society");
    let prepared = lab.replace(
        "signatures.hbs",
        "@signature {{name}}{{#if has_roles}} ({{roles}}){{/if}}",
        "",
    );
    assert!(names_test(&prepared, "T6"), "{:?}", prepared.final_problems);
    assert!(prepared
        .final_problems
        .iter()
        .any(|p| p.message.contains("no signature line for Maureen Ashworth")));
}

#[test]
fn interest_in_a_company_text_above_the_ceiling_fails_limited_interest() {
    let mut lab = Lab::new("company");
    let prepared = lab.replace(
        "C15",
        "+ No profit is ever shared according to the money members have put in.",
        "+ No profit is ever shared according to the money members have put in.\n+ Members who lend to the company receive interest of 20% a year.",
    );
    assert!(names_test(&prepared, "T4"), "{:?}", prepared.final_problems);
}

#[test]
fn a_typed_interest_cap_of_500_percent_is_refused_and_0_percent_reads_no_interest() {
    let mut lab = Lab::new("society");
    lab.answers
        .insert("share_interest_max_pct".into(), Value::from("500"));
    let prepared = lab.prepare();
    assert!(names_test(&prepared, "T4"), "{:?}", prepared.final_problems);
    assert!(prepared
        .final_problems
        .iter()
        .any(|p| p.field.as_deref() == Some("share_interest_max_pct")));
    let errors = rules::parse_answers(&lab.answers).expect_err("the form refuses 500%");
    assert!(errors.has("share_interest_max_pct"));

    lab.answers
        .insert("share_interest_max_pct".into(), Value::from("0"));
    lab.answers.insert(
        "profit_uses".into(),
        serde_json::json!(["reserves", "community", "member_bonus"]),
    );
    let prepared = lab.prepare();
    assert!(
        prepared.final_problems.is_empty(),
        "{:?}",
        prepared.final_problems
    );
    assert!(prepared
        .markup
        .contains("+ Investment shares earn no interest."));
    assert!(!prepared.markup.contains("0% a year"));
}
