//! The legal check written as document markup, appended as the rules' last section so the
//! draft a sponsor or solicitor reads shows what was checked and what is still open.

use std::fmt::Write;

use super::check::{LegalCheck, Outcome, Severity};
use super::options::LegalForm;
use super::plan_match::{Fix, Mismatch};
use crate::domain::markup_text::escape;
use crate::domain::money::format_pounds;

/// Markup for the legal check section: a `##` heading, then tables of coverage, tests and
/// findings, and the fee band with its date.
pub fn legal_check_markup(check: &LegalCheck) -> String {
    let mut out = String::from("## Legal check\n\n");
    let verdict = if check.ready_to_file {
        "@note The check found nothing that blocks filing. It is not legal advice: a sponsoring body or solicitor must still review the draft."
    } else {
        "@note Not ready to file: fix every item marked ERROR below, then check again."
    };
    out.push_str(verdict);
    out.push_str("\n\n");
    coverage(check, &mut out);
    tests(check, &mut out);
    findings(check, &mut out);
    if let Some(plan) = &check.plan {
        out.push_str("### Agreement with the business plan\n\n");
        out.push_str(&mismatch_table(
            plan,
            "The rules and the business plan agree on borrowing, shares, members and interest.",
        ));
    }
    fee(check, &mut out);
    out
}

/// The business plan's section on agreeing with the rules.
pub fn plan_match_markup(mismatches: &[Mismatch]) -> String {
    format!(
        "## Agreement with the rules\n\n{}",
        mismatch_table(
            mismatches,
            "The plan and the co-op's rules agree on borrowing, shares, members and interest."
        )
    )
}

fn mismatch_table(mismatches: &[Mismatch], agree: &str) -> String {
    if mismatches.is_empty() {
        return format!("{agree}\n\n");
    }
    let mut out =
        String::from("| Level | Check | Finding | Question to change |\n|---|---|---|---|\n");
    for m in mismatches {
        let level = match m.severity {
            Severity::Error => "ERROR",
            Severity::Warn => "Warning",
            Severity::Info => "Note",
        };
        let document = match m.fix {
            Fix::Rules => "rules",
            Fix::Plan => "business plan",
        };
        let _ = writeln!(
            out,
            "| {level} | {} | {} | {document}: {} |",
            m.code,
            cell(&m.message),
            cell(m.field)
        );
    }
    out.push('\n');
    out
}

/// A table cell's text, escaped like every answer: findings quote what people typed (a
/// founder's name, say), and a line break or `|` in it must not end the row or add a cell.
fn cell(text: &str) -> String {
    escape(text)
}

fn coverage(check: &LegalCheck, out: &mut String) {
    let heading = if check.form == LegalForm::Company {
        "### What the Companies Act 2006 requires\n\n"
    } else {
        "### Schedule 1 matters (Co-operative and Community Benefit Societies Act 2014)\n\n"
    };
    out.push_str(heading);
    out.push_str("| # | Matter | Clauses | Status |\n|---|---|---|---|\n");
    for m in &check.schedule1 {
        let numbers: Vec<String> = m.clause_numbers.iter().map(u32::to_string).collect();
        // "Clause 1" rather than a bare "1": a bare number reads as a figure and is set
        // right-aligned, while "3, 29" is not, so the column zig-zagged.
        let numbers = match numbers.len() {
            0 => vec!["none".to_string()],
            1 => vec![format!("Clause {}", numbers[0])],
            _ => vec![format!("Clauses {}", numbers.join(", "))],
        };
        let status = if m.covered {
            "Covered".to_string()
        } else {
            format!("ERROR: {}", m.gaps.join("; "))
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {status} |",
            m.number,
            cell(m.matter),
            numbers.join(", "),
            status = cell(&status)
        );
    }
    out.push('\n');
}

fn tests(check: &LegalCheck, out: &mut String) {
    out.push_str("### Co-operative tests\n\n| Test | Result | Why |\n|---|---|---|\n");
    for t in &check.coop_tests {
        let result = match t.outcome {
            Outcome::Pass => "Pass",
            Outcome::Warn => "Warning",
            Outcome::Fail => "ERROR",
        };
        let _ = writeln!(
            out,
            "| {} {} | {result} | {} |",
            t.code,
            cell(t.name),
            cell(&t.detail)
        );
    }
    out.push('\n');
}

fn findings(check: &LegalCheck, out: &mut String) {
    out.push_str("### Findings\n\n");
    if check.consistency.is_empty() {
        out.push_str("No problems found.\n\n");
        return;
    }
    out.push_str("| Level | Check | Finding | Question to change |\n|---|---|---|---|\n");
    for f in &check.consistency {
        let level = match f.severity {
            Severity::Error => "ERROR",
            Severity::Warn => "Warning",
            Severity::Info => "Note",
        };
        let field = f.field.as_deref().unwrap_or("");
        let _ = writeln!(
            out,
            "| {level} | {} | {} | {field} |",
            f.code,
            cell(&f.message),
            field = cell(field)
        );
    }
    out.push('\n');
}

fn fee(check: &LegalCheck, out: &mut String) {
    out.push_str("### Registration fee\n\n");
    if check.form != LegalForm::Company {
        let _ = writeln!(
            out,
            "Rules counted as amended from the model: {}.\n",
            check.amendments
        );
        for r in &check.counted_rules {
            let _ = writeln!(out, "- {}: {}", r.key, r.reason);
        }
        if !check.counted_rules.is_empty() {
            out.push('\n');
        }
    }
    let _ = writeln!(
        out,
        "**Fee: {}**, {} (as of {}).",
        format_pounds(check.fee_band.fee_pence),
        check.fee_band.label,
        check.fee_band.as_of
    );
}
