//! The business plan's financial model: from checked answers (`inputs`) to every figure the
//! plan shows: sources and uses, loan schedules, three-year profit and loss and cash flow,
//! break-even, debt service cover, member capital, warnings and a sales sensitivity table.
//!
//! Pure domain code: no database, no web. Money is integer pence and percentages basis points
//! throughout; the only non-integer sum is the annuity factor, done in `rust_decimal` (see
//! `loans.rs` for the rounding convention). The web form is described by `form::form_pages`
//! and the plan's template context is built by `context::build_context`.

pub mod balance;
pub mod context;
mod context_tables;
pub mod fields;
pub mod forecast;
pub mod form;
pub mod inputs;
pub mod loans;
pub mod member_money;
pub mod metrics;
pub mod parse;
pub mod sensitivity;
pub mod sources_uses;
pub mod suggested;
pub mod warnings;

pub use context::build_context;
pub use form::{form_pages, row_follow_ups, FormField, FormPage, RowFollowUps};
pub use inputs::{parse_inputs, PlanInputs};

use forecast::Forecast;
use loans::LoanSchedule;
use metrics::{BreakEven, DebtCover, MemberCapital, Valuation};
use sensitivity::Scenario;
use serde::Serialize;
use sources_uses::SourcesAndUses;
use warnings::Warning;

/// Every output of the model, ready to serialise or to format for the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FinancialModel {
    pub sources_uses: SourcesAndUses,
    pub loans: Vec<LoanSchedule>,
    pub forecast: Forecast,
    pub break_even: Vec<BreakEven>,
    pub debt_cover: Vec<DebtCover>,
    pub member_capital: MemberCapital,
    pub valuation: Valuation,
    pub sensitivity: Vec<Scenario>,
    pub warnings: Vec<Warning>,
}

impl FinancialModel {
    /// `Ok` when nothing stops the plan being made final; otherwise the reasons, in plain
    /// English (sources and uses must balance; community shares need a society).
    pub fn can_be_final(&self) -> Result<(), Vec<String>> {
        let reasons: Vec<String> = self
            .warnings
            .iter()
            .filter(|w| w.blocks_final)
            .map(|w| w.message.clone())
            .collect();
        if reasons.is_empty() {
            Ok(())
        } else {
            Err(reasons)
        }
    }
}

/// Runs the whole model on checked inputs.
pub fn build_model(inputs: &PlanInputs) -> FinancialModel {
    let loans: Vec<LoanSchedule> = inputs
        .sources
        .iter()
        .enumerate()
        .filter_map(|(i, s)| LoanSchedule::for_source(i, s))
        .collect();
    let sources_uses = sources_uses::sources_and_uses(inputs, &loans);
    let forecast = forecast::build_forecast(inputs, &loans, &sources_uses, 10_000);
    let break_even = metrics::break_even(inputs, &forecast);
    let debt_cover = metrics::debt_cover(inputs, &forecast);
    let member_capital = metrics::member_capital(inputs);
    let warnings = warnings::warnings(&warnings::Findings {
        inputs,
        sources_uses: &sources_uses,
        forecast: &forecast,
        break_even: &break_even,
        cover: &debt_cover,
        capital: &member_capital,
    });
    FinancialModel {
        sensitivity: sensitivity::sensitivity(inputs, &loans, &sources_uses),
        valuation: metrics::valuation(inputs),
        sources_uses,
        loans,
        forecast,
        break_even,
        debt_cover,
        member_capital,
        warnings,
    }
}

/// `numerator ÷ denominator` rounded to the nearest whole number, halves away from zero.
pub(crate) fn round_div(numerator: i128, denominator: i128) -> i64 {
    if denominator == 0 {
        return 0;
    }
    let sign = if (numerator < 0) != (denominator < 0) {
        -1
    } else {
        1
    };
    let (n, d) = (numerator.abs(), denominator.abs());
    let rounded = (2 * n + d) / (2 * d);
    i64::try_from(sign * rounded).unwrap_or(if sign < 0 { i64::MIN } else { i64::MAX })
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_balance;
#[cfg(test)]
mod tests_cover;
