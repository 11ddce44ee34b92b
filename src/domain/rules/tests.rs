//! End-to-end tests: example answers → context → the real templates, through the document
//! pipeline's own registry → clause list → legal check.

use std::path::PathBuf;
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::check::{Outcome, Severity};
use super::context::DocumentMeta;
use super::options::FeeBasis;
use super::plan_match::{compare as compare_with_plan, Fix, PlanFigures};
use super::*;
use crate::docgen::DocTemplates;

fn repo_path(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn answers(example: &str) -> Map<String, Value> {
    let path = repo_path(&format!("docs/examples/rules-{example}.json"));
    let text = std::fs::read_to_string(&path).expect("example answers file");
    serde_json::from_str(&text).expect("valid JSON object")
}

/// The pipeline's own template registry (strict, no escaping, its helpers), loaded once.
fn templates() -> &'static DocTemplates {
    static TEMPLATES: OnceLock<DocTemplates> = OnceLock::new();
    TEMPLATES.get_or_init(|| {
        DocTemplates::load(&repo_path("templates/documents")).expect("templates load")
    })
}

fn render(options: &RulesOptions) -> String {
    render_as(options, true)
}

fn render_as(options: &RulesOptions, draft: bool) -> String {
    let meta = DocumentMeta {
        case_reference: "PCEC-2026-014".into(),
        prepared_on: NaiveDate::from_ymd_opt(2026, 11, 26).expect("date"),
        draft,
    };
    let ctx = build_context(options, &meta);
    templates()
        .render(template_name(options.form), &ctx)
        .expect("renders in strict mode")
}

/// What the pipeline does: parse the markup and read each clause's text and the signatures.
fn clauses(markup: &str) -> RenderedRules {
    crate::services::document_checks::rendered_rules(&crate::docgen::parse(markup).expect("parses"))
}

fn keys(doc: &RenderedRules) -> Vec<&str> {
    doc.clauses.iter().map(|c| c.key.as_str()).collect()
}

fn checked(example: &str) -> (RulesOptions, String, LegalCheck) {
    let options = parse_answers(&answers(example)).expect("example answers are valid");
    let markup = render(&options);
    let check = check(&options, &clauses(&markup));
    (options, markup, check)
}

#[test]
fn the_society_rules_cover_all_fourteen_schedule_one_matters_and_are_ready() {
    let (_, markup, result) = checked("society");
    assert_eq!(result.schedule1.len(), 14);
    let uncovered: Vec<_> = result
        .schedule1
        .iter()
        .filter(|m| !m.covered)
        .map(|m| m.number)
        .collect();
    assert!(uncovered.is_empty(), "uncovered matters: {uncovered:?}");
    let name_matter = &result.schedule1[0];
    assert_eq!(name_matter.clause_numbers, vec![1]);
    assert!(markup.contains("Ribbleton Print Works Co-operative Limited"));
    assert!(markup
        .contains("@note Draft. Have it checked by a sponsoring body or solicitor before filing"));
    assert!(markup.contains("@signature Maureen Ashworth (director, chair)"));
    assert!(markup.contains("@signature Secretary"));
    assert!(markup.contains("one membership share of £1.00"));
    let errors: Vec<_> = result
        .consistency
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert!(result.coop_tests.iter().all(|t| t.outcome != Outcome::Fail));
    assert!(result.ready_to_file);
}

#[test]
fn the_union_clauses_appear_only_when_chosen() {
    let (_, markup, result) = checked("society");
    let with_union = clauses(&markup);
    assert!(keys(&with_union).contains(&"U1.union_recognition"));
    assert!(keys(&with_union).contains(&"U4.facilities"));
    assert!(markup.contains("recognises Unite the Union for collective bargaining"));
    assert!(markup.contains("more than 4 times the lowest hourly pay"));
    // The union rule and the levy in the profits rule are counted as amendments.
    let counted: Vec<_> = result.counted_rules.iter().map(|r| r.key).collect();
    assert_eq!(counted, ["S22.profits", "U1.union_recognition"]);

    let mut plain = answers("society");
    plain.insert("union_coop".into(), Value::Bool(false));
    let options = parse_answers(&plain).expect("valid");
    let markup = render(&options);
    assert!(!keys(&clauses(&markup)).iter().any(|k| k.starts_with('U')));
    assert!(!markup.contains("Unite"));
    // Only the reserve minimum, a changed fixed value, is left to count.
    let counted = check(&options, &clauses(&markup)).counted_rules;
    assert_eq!(
        counted.iter().map(|r| r.key).collect::<Vec<_>>(),
        ["S22.profits"]
    );
}

#[test]
fn the_company_articles_cover_the_companies_act_list() {
    let (options, markup, result) = checked("company");
    assert_eq!(options.form, LegalForm::Company);
    assert!(
        result.schedule1.iter().all(|m| m.covered),
        "{:?}",
        result.schedule1
    );
    assert_eq!(result.schedule1.len(), 10);
    assert!(markup.contains("Every member is a director"));
    assert!(markup.contains("Meetings first seek a decision everyone can accept"));
    assert_eq!(result.fee_band.fee_pence, 10_000);
    assert!(result.ready_to_file, "{:?}", result.consistency);
}

#[test]
fn the_consortium_rules_use_the_consortium_clauses() {
    let (_, markup, result) = checked("consortium");
    let list = clauses(&markup);
    let keys = keys(&list);
    for key in [
        "F04.objects",
        "F07.membership",
        "F07b.member_agreement",
        "F09.ceasing",
        "F11.shares",
        "F18.board",
        "F22.profits",
    ] {
        assert!(keys.contains(&key), "missing {key}");
    }
    assert!(!keys.contains(&"S07.membership"));
    assert!(result.schedule1.iter().all(|m| m.covered));
    assert!(markup.contains("at most 10 membership shares of £10.00 each"));
    assert!(markup.contains("commission of 8% "));
    assert!(result
        .consistency
        .iter()
        .any(|f| f.code == "F" && f.severity == Severity::Warn));
    assert!(result.ready_to_file);
}

#[test]
fn a_broken_answers_file_yields_the_right_findings_on_the_right_fields() {
    let broken = answers("broken");
    let errors = parse_answers(&broken).expect_err("the web form refuses it");
    for field in [
        "name",
        "gm_quorum_min",
        "special_majority_pct",
        "max_holding_pence",
    ] {
        assert!(errors.has(field), "no message for {field}: {errors:?}");
    }
    assert_eq!(
        errors.first("name"),
        Some("The name must end with \"Limited\" (\"Cyfyngedig\" only with an office in Wales).")
    );

    let options = read_answers(&broken).expect("a draft can still be read");
    let result = check(&options, &clauses(&render(&options)));
    let codes_on = |field: &str| -> Vec<&str> {
        result
            .consistency
            .iter()
            .filter(|f| f.severity == Severity::Error && f.field.as_deref() == Some(field))
            .map(|f| f.code)
            .collect()
    };
    assert_eq!(codes_on("name"), ["K7"]);
    assert_eq!(codes_on("gm_quorum_min"), ["K2", "K1"]);
    assert_eq!(codes_on("special_majority_pct"), ["K3"]);
    assert_eq!(codes_on("max_holding_pence"), ["K5"]);
    assert!(!result.ready_to_file);
}

#[test]
fn a_quorum_larger_than_the_founders_is_caught_even_within_range() {
    let mut a = answers("company");
    a.insert("gm_quorum_min".into(), Value::from(4));
    let errors = parse_answers(&a).expect_err("4 > 3 founders");
    assert!(errors
        .first("gm_quorum_min")
        .is_some_and(|m| m.contains("only 3 founder members")));
}

#[test]
fn fee_bands_follow_the_amendment_count() {
    let model = FeeBasis::ApprovedModel {
        sponsor: "Sponsor".into(),
        version: "1".into(),
    };
    let fee = |n| fee_band(LegalForm::Society, n, &model).fee_pence;
    assert_eq!(
        [fee(0), fee(1), fee(6), fee(7), fee(10), fee(11)],
        [4_000, 12_000, 12_000, 35_000, 35_000, 95_000]
    );
    let draft = fee_band(LegalForm::Society, 0, &FeeBasis::FreeDraft);
    assert_eq!((draft.fee_pence, draft.as_of), (95_000, "01/04/2024"));
}

#[test]
fn changing_fixed_values_counts_once_per_rule() {
    let mut a = answers("consortium");
    a.insert("gm_quorum_pct".into(), Value::from(40));
    a.insert("gm_quorum_min".into(), Value::from(3));
    a.insert("gm_notice_clear_days".into(), Value::from(21));
    a.insert("fee_sponsor".into(), Value::from("Example Sponsor"));
    let options = parse_answers(&a).expect("valid");
    let result = check(&options, &clauses(&render(&options)));
    let counted: Vec<_> = result.counted_rules.iter().map(|r| r.key).collect();
    assert_eq!(counted, ["S15.general_meetings", "S16.quorum"]);
    assert_eq!(result.fee_band.fee_pence, 12_000);
}

#[test]
fn the_legal_check_markup_lists_coverage_tests_and_findings() {
    let (_, _, result) = checked("society");
    let text = legal_check_markup(&result);
    assert!(text.starts_with("## Legal check"));
    assert!(text.contains("| 1 | Name | Clause 1 | Covered |"));
    assert!(text.contains("T2"));
    assert!(text.contains("£950.00"));
}

#[test]
fn form_pages_ask_every_question_once_with_help() {
    for form in [
        LegalForm::Society,
        LegalForm::Company,
        LegalForm::Consortium,
    ] {
        let pages = form_pages(form);
        assert!(
            (5..=7).contains(&pages.len()),
            "{form:?}: {} pages",
            pages.len()
        );
        let mut seen = std::collections::BTreeSet::new();
        for field in pages.iter().flat_map(|p| &p.fields) {
            assert!(seen.insert(field.key), "{} asked twice", field.key);
            assert!(
                !field.label.is_empty() && !field.hint.is_empty(),
                "{} lacks help",
                field.key
            );
        }
        assert!(seen.contains("name") && seen.contains("founders"));
        assert_eq!(seen.contains("union_coop"), form != LegalForm::Consortium);
    }
}

fn rendered(example: &str, changes: &[(&str, Value)]) -> (RulesOptions, String) {
    let mut a = answers(example);
    for (key, value) in changes {
        a.insert((*key).to_string(), value.clone());
    }
    let options = parse_answers(&a).expect("valid");
    let markup = render(&options);
    (options, markup)
}

#[test]
fn the_texts_say_each_rule_once_and_only_where_it_applies() {
    let (_, society) = rendered(
        "society",
        &[("board_min", Value::from(5)), ("board_max", Value::from(5))],
    );
    assert!(society.contains("The board has 5 directors"));
    assert!(!society.contains("between 5 and 5"));
    // A worker co-op has no company members to be wound up.
    assert!(!society.contains("company member"));
    // Repayment of a leaving member's share is one rule, in the clause on leaving.
    assert_eq!(society.matches("within three months").count(), 1);
    assert!(!society.contains("may delay repayment while"));
    assert!(society.contains("is then repaid as the clause on leaving sets out"));
    // The asset-lock fallback is said once, by the template.
    assert_eq!(
        society
            .matches("another co-operative that also keeps its assets")
            .count(),
        1
    );
    assert!(!society.contains("or another common-ownership co-operative it names"));

    let (_, consortium) = rendered("consortium", &[]);
    assert!(consortium.contains("(for a company member) are wound up"));
    assert!(consortium.contains("Chapter I of the Competition Act 1998"));
    assert!(consortium.contains("the seller of their own work"));
    assert!(!consortium.contains("outside the co-operative's own contracts"));

    let (_, company) = rendered("company", &[]);
    assert!(company.contains("subscribers to the memorandum of association"));
    assert!(!company.contains("people who sign these articles"));
}

#[test]
fn every_borrowing_choice_states_the_maximum() {
    for mode in ["board_discretion", "cap", "gm_above_cap"] {
        let (_, markup) = rendered("society", &[("borrowing_mode", Value::from(mode))]);
        assert!(markup.contains("£150,000.00"), "{mode} states no maximum");
        assert!(
            markup.contains("what security"),
            "{mode} states no conditions"
        );
    }
}

fn plan(changes: &[(&str, Value)]) -> PlanFigures {
    let path = repo_path("docs/examples/business-plan.json");
    let mut value: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("plan")).expect("json");
    for (key, v) in changes {
        value[*key] = v.clone();
    }
    PlanFigures::from_inputs(&crate::domain::finance::parse_inputs(&value).expect("valid plan"))
}

#[test]
fn rules_and_plan_are_compared_figure_by_figure() {
    let (society, _) = rendered("society", &[]);
    let figures = plan(&[]);
    assert_eq!(
        figures.total_borrowing, 47_800_000,
        "loans, seller and Key Fund's lent part"
    );
    // The members approve borrowing above the board's limit: a warning, not a block.
    let found = compare_with_plan(&society, &figures);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].code, found[0].severity), ("P2", Severity::Warn));

    let (capped, _) = rendered(
        "society",
        &[
            ("borrowing_mode", Value::from("cap")),
            ("investment_shares", Value::Bool(false)),
            (
                "profit_uses",
                serde_json::json!(["reserves", "member_bonus"]),
            ),
        ],
    );
    let found = compare_with_plan(&capped, &plan(&[("members_pledged", Value::from(30))]));
    let fields: Vec<_> = found.iter().map(|m| (m.code, m.field, m.fix)).collect();
    assert!(
        fields.contains(&("P2", "borrowing_cap_pence", Fix::Rules)),
        "{fields:?}"
    );
    assert!(
        fields.contains(&("P3", "investment_shares", Fix::Rules)),
        "{fields:?}"
    );
    assert!(
        fields.contains(&("P4", "members_pledged", Fix::Plan)),
        "{fields:?}"
    );

    let (company, _) = rendered("company", &[]);
    let found = compare_with_plan(&company, &plan(&[]));
    let codes: Vec<_> = found.iter().map(|m| m.code).collect();
    assert!(codes.contains(&"P1") && codes.contains(&"P3"), "{codes:?}");
}

#[test]
fn only_a_draft_says_it_is_a_draft() {
    let options = parse_answers(&answers("society")).expect("example answers are valid");
    let final_rules = render_as(&options, false);
    assert!(!final_rules.contains("Draft."), "{final_rules}");
    assert!(final_rules.contains("@note Final version, prepared by coopkit on 26 November 2026"));
    assert!(render_as(&options, true).contains("@note Draft. Have it checked"));
}

#[test]
fn an_address_typed_over_several_lines_stays_inside_its_clause() {
    let mut typed = answers("society");
    typed.insert(
        "office_address".into(),
        Value::String("Unit 4,\r\nRibble Works\n\n  Preston PR1 1AA  ".into()),
    );
    let options = parse_answers(&typed).expect("valid");
    assert_eq!(
        options.office_address,
        "Unit 4, Ribble Works, Preston PR1 1AA"
    );
    let markup = render(&options);
    assert!(
        markup.contains("The registered office is at Unit 4, Ribble Works, Preston PR1 1AA, in"),
        "{markup}"
    );
    let office = clauses(&markup)
        .clauses
        .into_iter()
        .find(|c| c.text.contains("registered office is at"))
        .expect("the office clause");
    // Sub-clauses are lines of the clause's text: 3.1 must be one of them, whole.
    let first = office.text.lines().next().unwrap_or_default();
    assert!(
        first.contains("Unit 4, Ribble Works, Preston PR1 1AA, in England."),
        "{}",
        office.text
    );
}
