//! Plain-English warnings about the plan, for the rep and for the Centre's staff.
//!
//! Most warnings are advice: a plan can go forward with a thin month if the members know
//! about it. Two things stop a plan being made final: sources and uses that don't balance, and
//! community shares in a co-op that is not a society (only societies can issue them).

use super::forecast::Forecast;
use super::inputs::{PlanInputs, Source, SourceKind};
use super::metrics::{BreakEven, DebtCover, MemberCapital};
use super::sources_uses::SourcesAndUses;
use crate::domain::money::format_pounds_whole as pounds;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// Stable code, e.g. `unbalanced`, `negative_cash`, `lender_limit`.
    pub code: &'static str,
    pub message: String,
    /// Whether this stops the plan being made final.
    pub blocks_final: bool,
}

/// Everything the model found, in the order a reader should act on it.
pub struct Findings<'a> {
    pub inputs: &'a PlanInputs,
    pub sources_uses: &'a SourcesAndUses,
    pub forecast: &'a Forecast,
    pub break_even: &'a [BreakEven],
    pub cover: &'a [DebtCover],
    pub capital: &'a MemberCapital,
}

pub fn warnings(f: &Findings) -> Vec<Warning> {
    let mut out = Vec::new();
    balance(f.inputs, f.sources_uses, &mut out);
    for (i, source) in f.inputs.sources.iter().enumerate() {
        lender_limits(i, source, f.inputs.is_society(), &mut out);
    }
    cash(f, &mut out);
    for c in f.cover {
        if let Some(x) = c
            .cover_x100
            .filter(|x| *x < f.inputs.forecast.dscr_min_x100)
        {
            let message = format!(
                "In year {} the business has {} of cash available to pay lenders (after tax, capital spending and working capital) against {} due to them: cover of {}, below the {} lenders usually want.",
                c.year, pounds(c.cash_available), pounds(c.debt_service), ratio(x), ratio(f.inputs.forecast.dscr_min_x100)
            );
            out.push(advice("low_cover", message));
        }
    }
    for b in f.break_even {
        match b.sales_needed {
            Some(needed) if needed > b.forecast_sales => out.push(advice("below_break_even", format!(
                "In year {} the business needs sales of {} to break even, but the forecast is {}: it would make a loss.",
                b.year, pounds(needed), pounds(b.forecast_sales)
            ))),
            _ if b.cash_sales_needed.is_some_and(|c| c > b.forecast_sales) => out.push(advice("below_cash_break_even", format!(
                "In year {} the business needs sales of {} for its cash to cover everything due to lenders, but the forecast is {}: the repayments would come out of the money in the bank.",
                b.year, pounds(b.cash_sales_needed.unwrap_or_default()), pounds(b.forecast_sales)
            ))),
            None => out.push(advice("no_margin", format!(
                "With no gross margin, no level of sales covers the fixed costs of year {}.", b.year
            ))),
            _ => {}
        }
    }
    capital(f.capital, &mut out);
    out
}

fn balance(inputs: &PlanInputs, su: &SourcesAndUses, out: &mut Vec<Warning>) {
    if let Some(message) = balance_message(inputs, su) {
        out.push(Warning {
            code: "unbalanced",
            message,
            blocks_final: true,
        });
    }
}

/// The one sentence about an unbalanced plan, used by the warnings, the plan's Summary and
/// its Finance section, and the question pages, so they can never disagree.
pub fn balance_message(inputs: &PlanInputs, su: &SourcesAndUses) -> Option<String> {
    if su.difference == 0 {
        return None;
    }
    let more = if su.difference > 0 { "more" } else { "less" };
    // The one figure that balances, solved with fees and contingency moving (balance.rs).
    let fix = match super::balance::suggest(inputs) {
        Some(fix) => format!(
            "{} Fees and the contingency move with it; this figure makes the two totals match to the penny.",
            fix.sentence()
        ),
        None => "Change a source or a cost so that the two totals match to the penny.".into(),
    };
    Some(format!(
        "Sources and uses do not balance: the plan raises {} {} than it needs ({} raised, {} needed). {fix}",
        crate::domain::money::format_pounds(su.difference.abs()),
        more,
        crate::domain::money::format_pounds(su.total_sources),
        crate::domain::money::format_pounds(su.total_uses),
    ))
}

fn lender_limits(index: usize, s: &Source, is_society: bool, out: &mut Vec<Warning>) {
    let term = s.loan.as_ref().map(|l| l.term_months);
    let name = format!("Source {} ({})", index + 1, s.label);
    let problem = match s.kind {
        SourceKind::CoopLoanFund if !(1_000_000..=8_500_000).contains(&s.amount) => {
            Some("the Co-operative Loan Fund lends from £10,000 to £85,000".to_string())
        }
        SourceKind::CoopLoanFund if term.is_some_and(|t| !(12..=240).contains(&t)) => Some(
            "the Co-operative Loan Fund lends over 1 to 20 years (12 to 240 months)".to_string(),
        ),
        SourceKind::Ccf if s.amount > 15_000_000 => Some(
            "Co-operative & Community Finance lends up to £150,000 (up to £75,000 more readily)"
                .to_string(),
        ),
        SourceKind::KeyFund if s.amount > 15_000_000 => {
            Some("the Key Fund offers up to £150,000".to_string())
        }
        SourceKind::CoopBank if s.amount < 2_502_000 => {
            Some("the Co-operative Bank's co-op lending starts at £25,020".to_string())
        }
        SourceKind::CommunityShares if !is_society => {
            out.push(Warning {
                code: "community_shares",
                message: format!("{name}: only a registered society can issue community shares. Choose a society as the legal form, or remove this source."),
                blocks_final: true,
            });
            None
        }
        _ => None,
    };
    if let Some(limit) = problem {
        let message =
            format!("{name}: {limit} (last seen at source; check current terms with the lender).");
        out.push(advice("lender_limit", message));
    }
}

fn cash(f: &Findings, out: &mut Vec<Warning>) {
    let Some(month) = f.forecast.first_negative_month else {
        return;
    };
    let label = |m: u32| {
        f.forecast
            .months
            .get(m as usize - 1)
            .map_or(String::new(), |p| p.label.clone())
    };
    out.push(advice("negative_cash", format!(
        "Cash runs out in month {} ({}). At its lowest, in month {} ({}), the business would be {} overdrawn. Add working capital, arrange an overdraft, or delay a repayment.",
        month, label(month), f.forecast.lowest_cash_month, label(f.forecast.lowest_cash_month), pounds(-f.forecast.lowest_cash)
    )));
}

fn capital(c: &MemberCapital, out: &mut Vec<Warning>) {
    if c.share_of_pay_bp > c.limit_bp {
        out.push(advice("member_capital_high", format!(
            "Each member would put in {}, which is {} of a year's average pay ({}). The plan's limit is {}: think about a smaller stake, paid over time through payroll.",
            pounds(c.each), percent(c.share_of_pay_bp), pounds(c.average_pay), percent(c.limit_bp)
        )));
    }
    if c.from_members > c.pledged_total {
        out.push(advice(
            "pledges_short",
            format!(
                "The plan counts on {} from members, but only {} has been pledged so far.",
                pounds(c.from_members),
                pounds(c.pledged_total)
            ),
        ));
    }
}

fn advice(code: &'static str, message: String) -> Warning {
    Warning {
        code,
        message,
        blocks_final: false,
    }
}

/// 132 → "1.32".
pub fn ratio(x100: i64) -> String {
    let sign = if x100 < 0 { "-" } else { "" };
    let abs = x100.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// 1,250 basis points → "12.5%".
pub fn percent(bp: i64) -> String {
    let whole = bp / 100;
    match (bp % 100).abs() {
        0 => format!("{whole}%"),
        f if f % 10 == 0 => format!("{whole}.{}%", f / 10),
        f => format!("{whole}.{f:02}%"),
    }
}
