//! The legal check (RULES.md §5–§8): which clauses cover each matter the law requires, the
//! co-operative tests, the consistency findings, the amendment count and the fee band.
//!
//! The check reads the clause list the pipeline took from the rendered markup, not the
//! template, so a template edit that drops a clause shows up here as a gap.

use serde::Serialize;

use super::consistency;
use super::coop_tests;
use super::options::{FeeBasis, LegalForm, RulesOptions};

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
    pub ready_to_file: bool,
}

/// Schedule 1 to the 2014 Act, matter by matter, with the clause codes that may cover it
/// (society and consortium codes together: each template renders only its own).
const SCHEDULE1: &[(u32, &str, &[&str])] = &[
    (1, "Name", &["S01"]),
    (2, "Objects", &["S04", "F04"]),
    (3, "Registered office", &["S03", "S28"]),
    (
        4,
        "Terms of admission of members",
        &["S07", "S02", "F07", "F07b"],
    ),
    (
        5,
        "Meetings, voting, and making and changing rules",
        &["S15", "S16", "S17", "S25"],
    ),
    (
        6,
        "Board, managers and officers: appointment, removal, powers and pay",
        &["S18", "F18", "S19", "S20"],
    ),
    (7, "Maximum shareholding", &["S13", "S11", "S12", "F11"]),
    (8, "Borrowing and deposits", &["S14"]),
    (
        9,
        "Shares: transfer, withdrawal and payment",
        &["S11", "S12", "F11"],
    ),
    (10, "Audit of accounts", &["S21"]),
    (
        11,
        "Leaving; deceased and bankrupt members; nominees",
        &["S09", "F09", "S10"],
    ),
    (12, "Use of profits", &["S22", "F22"]),
    (13, "Common seal", &["S24"]),
    (14, "Investment of funds", &["S23"]),
];

/// What co-operative articles must cover under the Companies Act 2006 (RULES.md §5).
const COMPANY_MATTERS: &[(u32, &str, &[&str])] = &[
    (1, "Articles and name (ss.18, 20, 59–60)", &["C00"]),
    (2, "Guarantee (ss.3(3), 11)", &["C04"]),
    (3, "Objects and co-operative purpose (s.31)", &["C02"]),
    (4, "Entrenchment (ss.22–23)", &["C02", "C10", "C16", "C17"]),
    (5, "Amending the articles (ss.21, 26)", &["C17"]),
    (6, "Members and the register (ss.112–113)", &["C05", "C20"]),
    (7, "Directors (ss.154, 155, 157, 168)", &["C11"]),
    (
        8,
        "Resolutions and meetings (ss.281–300, 303, 307, 318, 324–327, 360)",
        &["C08", "C09", "C10"],
    ),
    (9, "Distributions (s.830)", &["C15"]),
    (10, "Directors' indemnity (ss.232–234)", &["C21"]),
];

/// The code part of a clause key: `S07` of `S07.membership`.
pub(super) fn code_of(key: &str) -> &str {
    key.split('.').next().unwrap_or(key)
}

/// Whether any clause with this code was rendered.
pub(super) fn has_clause(clauses: &[(String, u32, String)], code: &str) -> bool {
    clauses.iter().any(|(key, _, _)| code_of(key) == code)
}

fn coverage(form: LegalForm, clauses: &[(String, u32, String)]) -> Vec<MatterCoverage> {
    let table = if form == LegalForm::Company {
        COMPANY_MATTERS
    } else {
        SCHEDULE1
    };
    table
        .iter()
        .map(|&(number, matter, codes)| {
            let mut clause_numbers: Vec<u32> = clauses
                .iter()
                .filter(|(key, _, _)| codes.contains(&code_of(key)))
                .map(|&(_, n, _)| n)
                .collect();
            clause_numbers.sort_unstable();
            clause_numbers.dedup();
            MatterCoverage {
                number,
                matter,
                covered: !clause_numbers.is_empty(),
                clause_numbers,
            }
        })
        .collect()
}

/// The registrar's fee for a document with this many counted amendments (FEES 01/04/2024;
/// Companies House from 01/05/2024). A society's own text is a free draft whatever the count.
pub fn fee_band(form: LegalForm, amendments: u32, basis: &FeeBasis) -> FeeBand {
    if form == LegalForm::Company {
        return FeeBand {
            fee_pence: 5_000,
            label: "Companies House digital incorporation (companies have no amendment bands)"
                .into(),
            as_of: "01/05/2024",
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

/// Runs the whole legal check over the options and the clauses the render produced, given as
/// `(key, number, title)` in document order.
pub fn check(options: &RulesOptions, clauses: &[(String, u32, String)]) -> LegalCheck {
    let schedule1 = coverage(options.form, clauses);
    let coop_tests = coop_tests::run(options, clauses);
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
        && consistency.iter().all(|f| f.severity != Severity::Error);
    LegalCheck {
        form: options.form,
        schedule1,
        coop_tests,
        consistency,
        amendments,
        counted_rules,
        fee_band,
        ready_to_file,
    }
}
