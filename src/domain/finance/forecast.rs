//! Profit and loss and cash flow for three years: month by month inside the model, shown
//! monthly for year 1 and yearly for years 2 and 3.
//!
//! Assumptions, chosen to be simple enough for a rep to check by hand:
//! - Year-1 sales are the monthly figures entered, or the yearly total spread by the seasonal
//!   shares; years 2 and 3 grow the total and keep year 1's monthly pattern.
//! - Cost of sales is sales × (1 − gross margin), month by month.
//! - Wages, overheads and depreciation are spread evenly over the months of each year; wages
//!   rise by the pay rise and overheads by inflation at the start of years 2 and 3.
//! - Customers pay after `debtor_days` and suppliers are paid after `creditor_days`, each
//!   rounded to whole months (15 days or more counts as a month). When the co-op buys the
//!   company's shares it takes over a trading company, whose customers go on paying for work
//!   done before completion and whose suppliers still need paying: those months are taken to
//!   look like the same months of year 1. Otherwise (an asset purchase or a start-up) nothing
//!   is collected in the first months and the working capital carries the business through.
//! - All sources of money arrive in month 1 and everything in the uses except working capital
//!   and contingency is paid out in month 1.
//! - Capital spending (replacing machines, vans, computers) is spread evenly over each year.
//! - Corporation tax on each year's profit is paid 9 months and a day after the year ends
//!   (month 22 for year 1, month 34 for year 2; year 3's falls after the forecast). VAT is
//!   left out: it passes through the business.
//!
//! Every division is rounded to the penny and the last month of a year takes the remainder, so
//! months always add up exactly to their year.

use super::inputs::{PlanInputs, PurchaseType};
use super::loans::LoanSchedule;
use super::round_div;
use super::sources_uses::SourcesAndUses;
use chrono::{Datelike, Months};
use serde::Serialize;

/// The figures of one period (a month, or a year).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Period {
    pub label: String,
    pub sales: i64,
    pub cost_of_sales: i64,
    pub gross_profit: i64,
    pub wages: i64,
    pub overheads: i64,
    /// Profit before interest, depreciation and tax: the money available to pay lenders.
    pub ebitda: i64,
    pub depreciation: i64,
    pub interest: i64,
    pub net_profit: i64,
    /// Corporation tax on the period's profit: set for years, nothing for single months.
    pub tax: i64,
    pub opening_cash: i64,
    pub funding_in: i64,
    pub receipts: i64,
    pub start_spending: i64,
    pub supplier_payments: i64,
    pub capital_spending: i64,
    pub tax_paid: i64,
    pub loan_principal: i64,
    pub net_cash_flow: i64,
    pub closing_cash: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Forecast {
    /// All 36 months; the plan shows the first 12.
    pub months: Vec<Period>,
    pub years: Vec<Period>,
    pub lowest_cash: i64,
    /// The first month (1-based) in which cash is at its lowest.
    pub lowest_cash_month: u32,
    /// The first month ending with less than nothing in the bank, if any.
    pub first_negative_month: Option<u32>,
}

pub const MONTHS: u32 = 36;

/// Builds the forecast, with sales scaled by `sales_factor_bp` (10,000 = as forecast).
pub fn build_forecast(
    inputs: &PlanInputs,
    loans: &[LoanSchedule],
    sources_uses: &SourcesAndUses,
    sales_factor_bp: i64,
) -> Forecast {
    let f = &inputs.forecast;
    let sales = monthly_sales(inputs, sales_factor_bp);
    let wages = yearly_then_monthly(f.wages_y1, f.pay_rise_bp);
    let overheads = yearly_then_monthly(f.overheads_y1, f.overhead_inflation_bp);
    let depreciation = yearly_then_monthly(f.depreciation_per_year, 0);
    let capital_spending = yearly_then_monthly(f.capex_per_year, 0);
    let mut year_profit = [0_i64; 3];
    let debtor_lag = (f.debtor_days as usize + 15) / 30;
    let creditor_lag = (f.creditor_days as usize + 15) / 30;
    let inherits_trade = inputs.purchase_type == Some(PurchaseType::Shares);
    // Sales `lag` months before month `i`, or nothing if that is before the start.
    let earlier = |i: usize, lag: usize| match (i.checked_sub(lag), inherits_trade) {
        (Some(j), _) => Some(sales[j]),
        (None, true) => Some(sales[i + 12 - lag]),
        (None, false) => None,
    };
    let cost_of = |s: i64| s - round_div(i128::from(s) * i128::from(f.gross_margin_bp), 10_000);
    let mut months = Vec::with_capacity(MONTHS as usize);
    let mut cash = 0;
    for i in 0..MONTHS as usize {
        let cost_of_sales = cost_of(sales[i]);
        let margin = sales[i] - cost_of_sales;
        let (interest, loan_principal) = loans.iter().fold((0, 0), |(a, b), l| {
            let (i_, p_) = l.in_month(i as u32 + 1);
            (a + i_, b + p_)
        });
        let ebitda = margin - wages[i] - overheads[i];
        let mut m = Period {
            label: month_label(inputs, i as u32),
            sales: sales[i],
            cost_of_sales,
            gross_profit: margin,
            wages: wages[i],
            overheads: overheads[i],
            ebitda,
            depreciation: depreciation[i],
            interest,
            net_profit: ebitda - depreciation[i] - interest,
            opening_cash: cash,
            funding_in: if i == 0 {
                sources_uses.total_sources
            } else {
                0
            },
            receipts: earlier(i, debtor_lag).unwrap_or(0),
            start_spending: if i == 0 {
                sources_uses.spent_at_start
            } else {
                0
            },
            supplier_payments: earlier(i, creditor_lag).map_or(0, cost_of),
            capital_spending: capital_spending[i],
            // Tax on year y's profit falls due 9 months and a day after it ends.
            tax_paid: match i {
                21 => corporation_tax(year_profit[0], f.tax_rate_bp),
                33 => corporation_tax(year_profit[1], f.tax_rate_bp),
                _ => 0,
            },
            loan_principal,
            ..Period::default()
        };
        year_profit[i / 12] += m.net_profit;
        m.net_cash_flow = m.funding_in + m.receipts
            - m.start_spending
            - m.supplier_payments
            - m.wages
            - m.overheads
            - m.capital_spending
            - m.tax_paid
            - m.interest
            - m.loan_principal;
        cash += m.net_cash_flow;
        m.closing_cash = cash;
        months.push(m);
    }
    let years = months
        .chunks(12)
        .enumerate()
        .map(|(y, chunk)| {
            let mut year = sum_period(format!("Year {}", y + 1), chunk);
            year.tax = corporation_tax(year.net_profit, f.tax_rate_bp);
            year
        })
        .collect();
    let (lowest_index, lowest_cash) = months
        .iter()
        .enumerate()
        .map(|(i, m)| (i, m.closing_cash))
        .fold(
            (0, i64::MAX),
            |best, (i, c)| if c < best.1 { (i, c) } else { best },
        );
    let first_negative_month = months
        .iter()
        .position(|m| m.closing_cash < 0)
        .map(|i| i as u32 + 1);
    Forecast {
        months,
        years,
        lowest_cash,
        lowest_cash_month: lowest_index as u32 + 1,
        first_negative_month,
    }
}

/// Corporation tax on a year's profit (none on a loss): a flat `rate_bp` when the answers
/// give one, otherwise the UK rates from April 2023: 19% up to £50,000, 25% from £250,000,
/// and in between 25% less marginal relief of 3/200 of (£250,000 − profit). Losses carried
/// forward are ignored, which can only overstate the tax.
pub fn corporation_tax(profit: i64, rate_bp: Option<i64>) -> i64 {
    if profit <= 0 {
        return 0;
    }
    match rate_bp {
        Some(bp) => apply_bp(profit, bp),
        None if profit <= 5_000_000 => apply_bp(profit, 1_900),
        None if profit >= 25_000_000 => apply_bp(profit, 2_500),
        // 25% × P − 3/200 × (£250,000 − P) = (53P − £750,000) ÷ 200, in pence.
        None => round_div(53 * i128::from(profit) - 75_000_000, 200),
    }
}

/// "Oct 2026" for forecast month `index` (0-based).
pub fn month_label(inputs: &PlanInputs, index: u32) -> String {
    inputs
        .forecast
        .start
        .checked_add_months(Months::new(index))
        .map(|d| format!("{} {}", d.format("%b"), d.year()))
        .unwrap_or_else(|| format!("Month {}", index + 1))
}

fn sum_period(label: String, months: &[Period]) -> Period {
    let total = |f: fn(&Period) -> i64| months.iter().map(f).sum::<i64>();
    Period {
        label,
        sales: total(|m| m.sales),
        cost_of_sales: total(|m| m.cost_of_sales),
        gross_profit: total(|m| m.gross_profit),
        wages: total(|m| m.wages),
        overheads: total(|m| m.overheads),
        ebitda: total(|m| m.ebitda),
        depreciation: total(|m| m.depreciation),
        interest: total(|m| m.interest),
        net_profit: total(|m| m.net_profit),
        tax: total(|m| m.tax),
        opening_cash: months.first().map_or(0, |m| m.opening_cash),
        funding_in: total(|m| m.funding_in),
        receipts: total(|m| m.receipts),
        start_spending: total(|m| m.start_spending),
        supplier_payments: total(|m| m.supplier_payments),
        capital_spending: total(|m| m.capital_spending),
        tax_paid: total(|m| m.tax_paid),
        loan_principal: total(|m| m.loan_principal),
        net_cash_flow: total(|m| m.net_cash_flow),
        closing_cash: months.last().map_or(0, |m| m.closing_cash),
    }
}

/// 36 months of sales: year 1 as entered or spread, years 2–3 grown with year 1's pattern.
fn monthly_sales(inputs: &PlanInputs, factor_bp: i64) -> Vec<i64> {
    let f = &inputs.forecast;
    let pattern: Vec<i64> = match &f.sales_by_month {
        Some(months) => months.clone(),
        None if f.seasonality.len() == 12 => f.seasonality.clone(),
        None => vec![1; 12],
    };
    let y1 = apply_bp(f.revenue_y1, factor_bp);
    let y2 = grow(y1, f.growth_y2_bp);
    let y3 = grow(y2, f.growth_y3_bp);
    [y1, y2, y3]
        .iter()
        .flat_map(|total| spread(*total, &pattern))
        .collect()
}

/// A year's figure for each of the three years, each spread evenly over its 12 months.
fn yearly_then_monthly(year1: i64, rise_bp: i64) -> Vec<i64> {
    let y2 = grow(year1, rise_bp);
    let y3 = grow(y2, rise_bp);
    [year1, y2, y3]
        .iter()
        .flat_map(|total| spread(*total, &[1; 12]))
        .collect()
}

pub(crate) fn apply_bp(amount: i64, bp: i64) -> i64 {
    round_div(i128::from(amount) * i128::from(bp), 10_000)
}

fn grow(amount: i64, growth_bp: i64) -> i64 {
    apply_bp(amount, 10_000 + growth_bp)
}

/// Splits `total` in proportion to `weights`; the last part takes the rounding remainder so
/// the parts add up to `total` exactly. Equal parts when the weights add up to nothing.
pub fn spread(total: i64, weights: &[i64]) -> Vec<i64> {
    let sum: i64 = weights.iter().sum();
    let n = weights.len();
    let mut parts: Vec<i64> = weights
        .iter()
        .take(n.saturating_sub(1))
        .map(|w| match sum {
            0 => round_div(i128::from(total), n as i128),
            _ => round_div(i128::from(total) * i128::from(*w), i128::from(sum)),
        })
        .collect();
    let so_far: i64 = parts.iter().sum();
    parts.push(total - so_far);
    parts
}
