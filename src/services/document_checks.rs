//! What the document checks report: the rules as the legal check reads them (every clause's
//! text and the signatures), and the check's blocking results as problems, each with the
//! question, and the document, that fixes it.

use super::render::{Kind, Problem};
use crate::docgen::{self, Block};
use crate::domain::rules;

/// The rules as the check reads them: each clause's plain text, and the signature lines.
pub fn rendered_rules(blocks: &[Block]) -> rules::RenderedRules {
    let mut doc = rules::RenderedRules::default();
    for block in blocks {
        match block {
            Block::Clause(c) => {
                let mut lines = Vec::new();
                for inner in &c.body {
                    block_text(inner, &mut lines);
                }
                doc.clauses.push(rules::RenderedClause::new(
                    c.key.clone(),
                    c.number,
                    c.title.clone(),
                    lines.join("\n"),
                ));
            }
            Block::Signature { label } => doc.signatures.push(label.clone()),
            _ => {}
        }
    }
    doc
}

fn block_text(block: &Block, lines: &mut Vec<String>) {
    use docgen::markup::plain;
    match block {
        Block::SubClause { text, .. } | Block::Paragraph(text) | Block::Note(text) => {
            lines.push(plain(text));
        }
        Block::List(items) => lines.extend(items.iter().map(|i| plain(i))),
        Block::Heading { text, .. } => lines.push(text.clone()),
        Block::Table(t) => lines.extend(t.rows.iter().flatten().map(|c| plain(c))),
        Block::Clause(c) => c.body.iter().for_each(|b| block_text(b, lines)),
        _ => {}
    }
}

pub(super) fn rules_problems(check: &rules::LegalCheck) -> Vec<Problem> {
    let mut problems: Vec<Problem> = check
        .schedule1
        .iter()
        .filter(|m| !m.covered)
        .map(|m| Problem {
            message: format!(
                "The rules do not yet cover matter {} that the law requires ({}): {}.",
                m.number,
                m.matter,
                m.gaps.join("; ")
            ),
            field: None,
            fixed_in: None,
        })
        .collect();
    problems.extend(
        check
            .coop_tests
            .iter()
            .filter(|t| t.outcome == rules::check::Outcome::Fail)
            .map(|t| Problem {
                message: format!("Co-operative test {} ({}): {}", t.code, t.name, t.detail),
                field: None,
                fixed_in: None,
            }),
    );
    problems.extend(
        check
            .consistency
            .iter()
            .filter(|f| f.severity == rules::Severity::Error)
            .map(|f| Problem {
                message: f.message.clone(),
                field: f.field.clone(),
                fixed_in: None,
            }),
    );
    problems.extend(mismatch_problems(check.plan.iter().flatten(), Kind::Rules));
    problems
}

/// Blocking rules and plan mismatches as problems of the document `this`, each pointing at
/// the document whose answer fixes it.
pub(super) fn mismatch_problems<'a>(
    mismatches: impl Iterator<Item = &'a rules::Mismatch>,
    this: Kind,
) -> Vec<Problem> {
    mismatches
        .filter(|m| m.severity == rules::Severity::Error)
        .map(|m| {
            let fix = match m.fix {
                rules::Fix::Rules => Kind::Rules,
                rules::Fix::Plan => Kind::BusinessPlan,
            };
            Problem {
                message: format!("The rules and the business plan disagree: {}", m.message),
                field: Some(m.field.to_string()),
                fixed_in: (fix != this).then_some(fix),
            }
        })
        .collect()
}
