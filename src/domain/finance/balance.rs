//! Balancing sources and uses: the one change that makes the two totals equal to the penny.
//!
//! Loan arrangement fees and a percentage contingency move with every change, so "lower a
//! source by the surplus" never balances: cutting a loan also cuts its fee and the contingency
//! on that fee. The figure is therefore solved for, by recomputing sources and uses for each
//! candidate amount, and only offered when recomputing with it gives a difference of zero.
//!
//! Why a search always succeeds for a source: raising a source by 1p raises the sources by 1p
//! and the uses by 0, 1 or 2p (its fee and the contingency on it each move by at most 1p, as
//! fees are at most 5% and the contingency at most 30%). So the difference moves in steps of
//! −1, 0 or +1 and cannot jump over zero: bisection between a surplus and a shortfall lands
//! on an amount that balances exactly. Working capital moves the uses by 1 or 2p a penny, so
//! it can skip zero; it is offered only when an exact figure exists.

use super::inputs::PlanInputs;
use super::loans::LoanSchedule;
use super::sources_uses::{sources_and_uses, SourcesAndUses};
use crate::domain::money::format_pounds;
use serde::Serialize;

/// The one change the plan's balance message gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Fix {
    /// Change source `index` (0-based) from `from` to `to`.
    Source {
        index: usize,
        label: String,
        from: i64,
        to: i64,
    },
    /// Change working capital from `from` to `to`.
    WorkingCapital { from: i64, to: i64 },
    /// Give the contingency as this sum rather than a percentage: the last resort for a
    /// surplus no single source can take when working capital steps over the exact figure.
    ContingencySum { from: i64, to: i64 },
    /// No source can take it: add a new source without an arrangement fee.
    NewSource { amount: i64 },
}

impl Fix {
    /// The inputs with this change made, as the rep would make it on the form.
    pub fn apply(&self, inputs: &PlanInputs) -> PlanInputs {
        let mut out = inputs.clone();
        match self {
            Fix::Source { index, to, .. } => out.sources[*index].amount = *to,
            Fix::WorkingCapital { to, .. } => out.working_capital = *to,
            Fix::ContingencySum { to, .. } => out.contingency_sum = Some(*to),
            Fix::NewSource { amount } => out.sources.push(super::inputs::Source {
                kind: super::inputs::SourceKind::Other,
                label: "New source".into(),
                amount: *amount,
                status: super::inputs::SourceStatus::Idea,
                grant_bp: 0,
                loan: None,
            }),
        }
        out
    }

    /// The instruction, in plain English, with the exact figure.
    pub fn sentence(&self) -> String {
        match self {
            Fix::Source {
                index,
                label,
                from,
                to,
            } => {
                let verb = if to < from { "Reduce" } else { "Increase" };
                format!(
                    "{verb} source {} ({label}) by {}, from {} to {}.",
                    index + 1,
                    format_pounds((to - from).abs()),
                    format_pounds(*from),
                    format_pounds(*to)
                )
            }
            Fix::WorkingCapital { from, to } => {
                let verb = if to > from { "Add" } else { "Take" };
                let word = if to > from { "to" } else { "from" };
                format!(
                    "{verb} {} {word} working capital, making it {}.",
                    format_pounds((to - from).abs()),
                    format_pounds(*to)
                )
            }
            Fix::ContingencySum { from, to } => format!(
                "Give the contingency as a sum of {} instead of a percentage (it is {} now), and leave the percentage blank.",
                format_pounds(*to),
                format_pounds(*from)
            ),
            Fix::NewSource { amount } => format!(
                "Raise {} more from a source with no arrangement fee, such as members' shares or a grant.",
                format_pounds(*amount)
            ),
        }
    }
}

/// The balance message for saved answers, for the question pages: `None` while the answers
/// are incomplete or when the plan balances.
pub fn advice(answers: &serde_json::Value) -> Option<String> {
    let inputs = super::parse_inputs(answers).ok()?;
    super::warnings::balance_message(&inputs, &recompute(&inputs))
}

/// Sources and uses for these inputs, exactly as the model works them out.
pub fn recompute(inputs: &PlanInputs) -> SourcesAndUses {
    let loans: Vec<LoanSchedule> = inputs
        .sources
        .iter()
        .enumerate()
        .filter_map(|(i, s)| LoanSchedule::for_source(i, s))
        .collect();
    sources_and_uses(inputs, &loans)
}

/// The one change that balances the plan, or `None` when it already balances.
///
/// A surplus is first taken off the largest loan (borrowing less costs less), then added to
/// working capital, then taken off another source. A shortfall is added to the largest loan
/// (its fee included), else to the largest source, else raised as a new fee-free source.
pub fn suggest(inputs: &PlanInputs) -> Option<Fix> {
    let difference = recompute(inputs).difference;
    if difference == 0 {
        return None;
    }
    let mut order: Vec<usize> = (0..inputs.sources.len()).collect();
    // Loans first, the largest first; ties keep the form's order.
    order.sort_by_key(|&i| {
        let s = &inputs.sources[i];
        (s.loan.is_none(), std::cmp::Reverse(s.amount))
    });
    let loans = order.iter().filter(|&&i| inputs.sources[i].loan.is_some());
    let others = order.iter().filter(|&&i| inputs.sources[i].loan.is_none());
    let by_source = |i: &usize| solve_source(inputs, *i, difference);
    if difference > 0 {
        loans
            .clone()
            .find_map(by_source)
            .or_else(|| solve_working_capital(inputs, difference))
            .or_else(|| others.clone().find_map(by_source))
            .or_else(|| contingency_sum(inputs, difference))
    } else {
        order.iter().find_map(by_source).or(Some(Fix::NewSource {
            amount: -difference,
        }))
    }
    .filter(|fix| recompute(&fix.apply(inputs)).difference == 0)
}

/// The amount for source `index` that balances the plan, if one exists between zero and a
/// generous ceiling.
fn solve_source(inputs: &PlanInputs, index: usize, difference: i64) -> Option<Fix> {
    let source = &inputs.sources[index];
    let from = source.amount;
    let diff_at = |amount: i64| {
        let mut changed = inputs.clone();
        changed.sources[index].amount = amount;
        recompute(&changed).difference
    };
    let to = if difference > 0 {
        // The difference falls as the source falls; at zero it must be a shortfall or exact.
        bisect(0, from, diff_at)?
    } else {
        let mut high = from.saturating_add(2 * -difference);
        while diff_at(high) < 0 {
            high = high.checked_mul(2).filter(|h| *h < 1_000_000_000_000)?;
        }
        bisect(from, high, diff_at)?
    };
    Some(Fix::Source {
        index,
        label: source.label.clone(),
        from,
        to,
    })
}

/// Working capital that balances a surplus exactly, when the contingency allows one.
fn solve_working_capital(inputs: &PlanInputs, difference: i64) -> Option<Fix> {
    let from = inputs.working_capital;
    let diff_at = |wc: i64| {
        let mut changed = inputs.clone();
        changed.working_capital = wc;
        // The difference falls as working capital rises: negate so it rises with the amount.
        -recompute(&changed).difference
    };
    let to = bisect(from, from.saturating_add(difference), diff_at)?;
    Some(Fix::WorkingCapital { from, to })
}

/// The contingency as a sum that takes the whole surplus: uses then rise by exactly it.
fn contingency_sum(inputs: &PlanInputs, difference: i64) -> Option<Fix> {
    let from = recompute(inputs)
        .uses
        .iter()
        .find(|u| u.key == "contingency")
        .map_or(0, |u| u.amount);
    Some(Fix::ContingencySum {
        from,
        to: from + difference,
    })
}

/// An `x` in `low..=high` where `f(x) == 0`, given `f` rises (not always strictly) from
/// `low` to `high`; `None` when zero is outside `f(low)..=f(high)` or `f` steps over it.
fn bisect(mut low: i64, mut high: i64, f: impl Fn(i64) -> i64) -> Option<i64> {
    let (f_low, f_high) = (f(low), f(high));
    if f_low == 0 {
        return Some(low);
    }
    if f_high == 0 {
        return Some(high);
    }
    if f_low > 0 || f_high < 0 {
        return None;
    }
    // Invariant: f(low) < 0 < f(high).
    while high - low > 1 {
        let mid = low + (high - low) / 2;
        match f(mid) {
            0 => return Some(mid),
            v if v < 0 => low = mid,
            _ => high = mid,
        }
    }
    None
}
