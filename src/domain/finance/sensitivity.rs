//! What happens to cash, profit and debt cover if sales come in 10% or 20% below forecast.
//!
//! Gross margin holds (cost of sales falls with sales) while wages, overheads and loan
//! repayments stay the same: that is the squeeze a lender wants to see survived.

use super::forecast::{build_forecast, Forecast};
use super::inputs::PlanInputs;
use super::loans::LoanSchedule;
use super::metrics::debt_cover;
use super::sources_uses::SourcesAndUses;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scenario {
    pub label: String,
    /// Change in sales in basis points (−1,000 = 10% lower).
    pub sales_change_bp: i64,
    pub lowest_cash: i64,
    pub lowest_cash_month: u32,
    pub profits: Vec<i64>,
    pub cover_x100: Vec<Option<i64>>,
}

pub const SALES_CHANGES_BP: [i64; 3] = [0, -1_000, -2_000];

pub fn sensitivity(
    inputs: &PlanInputs,
    loans: &[LoanSchedule],
    su: &SourcesAndUses,
) -> Vec<Scenario> {
    SALES_CHANGES_BP
        .iter()
        .map(|change| {
            let forecast = build_forecast(inputs, loans, su, 10_000 + change);
            scenario(inputs, *change, &forecast)
        })
        .collect()
}

fn scenario(inputs: &PlanInputs, change_bp: i64, forecast: &Forecast) -> Scenario {
    Scenario {
        label: match change_bp {
            0 => "As forecast".to_string(),
            c => format!("Sales {}% lower", -c / 100),
        },
        sales_change_bp: change_bp,
        lowest_cash: forecast.lowest_cash,
        lowest_cash_month: forecast.lowest_cash_month,
        profits: forecast.years.iter().map(|y| y.net_profit).collect(),
        cover_x100: debt_cover(inputs, forecast)
            .iter()
            .map(|d| d.cover_x100)
            .collect(),
    }
}
