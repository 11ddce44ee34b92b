//! The legal check (RULES.md §5–§8): which clauses cover each matter the law requires, the
//! co-operative tests, the consistency findings, the amendment count and the fee band.
//!
//! The check reads the document the pipeline rendered, not the template or the answers, so a
//! template edit that drops a clause or empties it, or a typed value that breaks the law,
//! shows up here.

use serde::Serialize;

use super::consistency;
use super::coop_tests;
use super::document::RenderedRules;
use super::matters::matters;
use super::options::{FeeBasis, LegalForm, RulesOptions};
use super::plan_match::{compare, Mismatch, PlanFigures};
use super::substance::all_gaps;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Blocks "ready to file".
    Error,
    /// Shown on the page and in the document, but does not block.
    Warn,
    /// Help for the reader.
    Info,
}

/// One problem or remark, with the question that fixes it when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    /// The spec's check id, e.g. `K1`, `T6`, `U-K4`, so staff can look the rule up.
    pub code: &'static str,
    pub message: String,
    pub field: Option<String>,
}

impl Finding {
    pub fn new(
        severity: Severity,
        code: &'static str,
        field: Option<&str>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity,
            code,
            message: message.into(),
            field: field.map(str::to_string),
        }
    }
}

/// One matter the law requires the rules to cover, and the clauses that cover it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatterCoverage {
    pub number: u32,
    pub matter: &'static str,
    pub clause_numbers: Vec<u32>,
    pub covered: bool,
    /// What the providing clauses fail to say; empty when covered.
    pub gaps: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Pass,
    Warn,
    Fail,
}

/// The result of one co-operative test (RULES.md §6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TestResult {
    pub code: &'static str,
    pub name: &'static str,
    pub outcome: Outcome,
    /// Why it passed or what is wrong, in plain English.
    pub detail: String,
}

/// The fee the registrar charges for this document, with the date the figure was last seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeeBand {
    pub fee_pence: i64,
    pub label: String,
    pub as_of: &'static str,
}

/// A registered rule the FCA would count as changed from the baseline model (RULES.md §8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CountedRule {
    pub key: &'static str,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LegalCheck {
    pub form: LegalForm,
    /// For societies the 14 Schedule 1 matters; for the company the Companies Act list.
    pub schedule1: Vec<MatterCoverage>,
    pub coop_tests: Vec<TestResult>,
    pub consistency: Vec<Finding>,
    pub amendments: u32,
    pub counted_rules: Vec<CountedRule>,
    pub fee_band: FeeBand,
    /// Where the case also has a business plan: what the two disagree on (empty when they
    /// agree); `None` when there is no plan to compare with.
    pub plan: Option<Vec<Mismatch>>,
    pub ready_to_file: bool,
}

/// The code part of a clause key: `S07` of `S07.membership`.
pub(super) fn code_of(key: &str) -> &str {
    key.split('.').next().unwrap_or(key)
}

/// Each matter is covered only when every clause that provides it is there and says what it
/// must; the gaps say, clause by clause, what is missing.
fn coverage(options: &RulesOptions, doc: &RenderedRules) -> Vec<MatterCoverage> {
    matters(options)
        .into_iter()
        .map(|m| {
            let mut clause_numbers: Vec<u32> = m
                .providers
                .iter()
                .filter_map(|p| doc.clause(p.code).map(|c| c.number))
                .collect();
            clause_numbers.sort_unstable();
            clause_numbers.dedup();
            let gaps = all_gaps(doc, &m.providers);
            MatterCoverage {
                number: m.number,
                matter: m.matter,
                covered: gaps.is_empty(),
                clause_numbers,
                gaps,
            }
        })
        .collect()
}

/// The registrar's fee for a document with this many counted amendments (FEES 01/04/2024;
/// Companies House's digital incorporation fee from 01/02/2026, £50 before). A society's own text is a free draft whatever the count.
pub fn fee_band(form: LegalForm, amendments: u32, basis: &FeeBasis) -> FeeBand {
    if form == LegalForm::Company {
        return FeeBand {
            fee_pence: 10_000,
            label: "Companies House digital incorporation (companies have no amendment bands)"
                .into(),
            as_of: "01/02/2026",
        };
    }
    let (fee_pence, label) = match (basis, amendments) {
        (FeeBasis::FreeDraft, _) => (
            95_000,
            "Free draft: the text is not a sponsoring body's approved model".to_string(),
        ),
        (FeeBasis::ApprovedModel { sponsor, .. }, 0) => {
            (4_000, format!("{sponsor} model rules with no amendments"))
        }
        (FeeBasis::ApprovedModel { sponsor, .. }, 1..=6) => (
            12_000,
            format!("{sponsor} model rules with 1 to 6 amendments"),
        ),
        (FeeBasis::ApprovedModel { sponsor, .. }, 7..=10) => (
            35_000,
            format!("{sponsor} model rules with 7 to 10 amendments"),
        ),
        (FeeBasis::ApprovedModel { sponsor, .. }, _) => (
            95_000,
            format!("{sponsor} model rules with 11 or more amendments"),
        ),
    };
    FeeBand {
        fee_pence,
        label,
        as_of: "01/04/2024",
    }
}

/// Runs the whole legal check over the options and the document as the render produced it,
/// every clause's text and the signatures included.
pub fn check(options: &RulesOptions, doc: &RenderedRules) -> LegalCheck {
    check_with_plan(options, doc, None)
}

/// The legal check, and where the case has a business plan, whether the two agree: a
/// mismatch that blocks the plan also blocks filing the rules.
pub fn check_with_plan(
    options: &RulesOptions,
    doc: &RenderedRules,
    plan: Option<&PlanFigures>,
) -> LegalCheck {
    let plan = plan.map(|p| compare(options, p));
    let schedule1 = coverage(options, doc);
    let coop_tests = coop_tests::run(options, doc);
    let consistency = consistency::findings(options);
    let counted_rules = if options.form == LegalForm::Company {
        Vec::new()
    } else {
        super::amendments::count(options)
    };
    let amendments = u32::try_from(counted_rules.len()).unwrap_or(u32::MAX);
    let fee_band = fee_band(options.form, amendments, &options.fee_basis);
    let ready_to_file = schedule1.iter().all(|m| m.covered)
        && coop_tests.iter().all(|t| t.outcome != Outcome::Fail)
        && consistency.iter().all(|f| f.severity != Severity::Error)
        && plan.iter().flatten().all(|m| m.severity != Severity::Error);
    LegalCheck {
        form: options.form,
        schedule1,
        coop_tests,
        consistency,
        amendments,
        counted_rules,
        fee_band,
        plan,
        ready_to_file,
    }
}
