//! The ratios a lender and the members look at: break-even sales, debt service cover, what
//! each member puts in, and the valuation of the business on two bases.

use super::forecast::{apply_bp, corporation_tax, Forecast};
use super::inputs::{PlanInputs, SourceKind};
use super::round_div;
use serde::Serialize;

/// Sales needed in a year: to make no loss (profit break-even), and to have the cash to pay
/// the lenders everything due, capital as well as interest (cash break-even).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BreakEven {
    pub year: u32,
    /// Wages, overheads, depreciation and interest: costs that do not move with sales.
    pub fixed_costs: i64,
    /// `None` when the gross margin is zero: no level of sales covers the fixed costs.
    pub sales_needed: Option<i64>,
    /// Wages, overheads, capital spending, interest and loan capital repaid: the cash that
    /// goes out whatever the sales.
    pub cash_costs: i64,
    /// Sales whose gross profit pays `cash_costs` and the tax on the profit they make.
    pub cash_sales_needed: Option<i64>,
    pub forecast_sales: i64,
}

/// Debt service cover for a year: cash available to pay lenders ÷ what is due to them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DebtCover {
    pub year: u32,
    pub ebitda: i64,
    /// Corporation tax on the year's profit.
    pub tax: i64,
    pub capital_spending: i64,
    /// More money owed by customers less more owed to suppliers over the year.
    pub working_capital_increase: i64,
    /// EBITDA − tax − capital spending − increase in working capital.
    pub cash_available: i64,
    pub interest: i64,
    pub principal: i64,
    pub debt_service: i64,
    /// In hundredths (132 = 1.32), rounded down (towards minus infinity) so a borderline
    /// year is never flattered. `None` when nothing is due that year.
    pub cover_x100: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberCapital {
    /// The pledges are the workers' survey's totals.
    pub from_survey: bool,
    pub members_pledged: u32,
    pub pledge_each: i64,
    pub pledged_total: i64,
    /// Members' shares and members' loans in the sources.
    pub from_members: i64,
    /// `from_members` ÷ members pledged; the pledge itself when nobody has pledged yet.
    pub each: i64,
    pub average_pay: i64,
    /// `each` as a share of a year's average pay, in basis points.
    pub share_of_pay_bp: i64,
    pub limit_bp: i64,
}

/// The price beside two ways of valuing the business from its accounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Valuation {
    pub price: i64,
    /// Turnover − cost of sales − wages − overheads + owner add-backs, averaged over the years.
    pub average_ebitda: Option<i64>,
    pub multiple_x100: Option<i64>,
    pub by_earnings: Option<i64>,
    /// Net assets in the latest accounts.
    pub by_net_assets: Option<i64>,
}

pub fn break_even(inputs: &PlanInputs, forecast: &Forecast) -> Vec<BreakEven> {
    let margin = inputs.forecast.gross_margin_bp;
    let tax_rate = inputs.forecast.tax_rate_bp;
    forecast
        .years
        .iter()
        .enumerate()
        .map(|(i, y)| {
            let fixed_costs = y.wages + y.overheads + y.depreciation + y.interest;
            let cash_costs =
                y.wages + y.overheads + y.capital_spending + y.interest + y.loan_principal;
            let gross_for_cash = gross_profit_for_cash(cash_costs, fixed_costs, tax_rate);
            BreakEven {
                year: i as u32 + 1,
                fixed_costs,
                sales_needed: (margin > 0)
                    .then(|| round_div(i128::from(fixed_costs) * 10_000, i128::from(margin))),
                cash_costs,
                cash_sales_needed: (margin > 0).then(|| ceil_div(gross_for_cash * 10_000, margin)),
                forecast_sales: y.sales,
            }
        })
        .collect()
}

/// The least gross profit G that pays `cash_costs` and the tax on the profit G − `fixed_costs`
/// it leaves: G − cash costs − tax(G − fixed costs) ≥ 0. Tax takes less than all of each extra
/// pound, so the left side grows with G and a binary search on whole pence finds G exactly.
fn gross_profit_for_cash(cash_costs: i64, fixed_costs: i64, tax_rate: Option<i64>) -> i64 {
    let covers = |g: i64| g - cash_costs - corporation_tax(g - fixed_costs, tax_rate) >= 0;
    let (mut low, mut high) = (0_i64, cash_costs.max(0).saturating_mul(2).saturating_add(1));
    if covers(low) {
        return 0;
    }
    while high - low > 1 {
        let mid = low + (high - low) / 2;
        if covers(mid) {
            high = mid;
        } else {
            low = mid;
        }
    }
    high
}

/// `n ÷ d` rounded up, for positive `d`: sales needed are never rounded down.
fn ceil_div(n: i64, d: i64) -> i64 {
    let (n, d) = (i128::from(n), i128::from(d));
    i64::try_from((n + d - 1).div_euclid(d)).unwrap_or(i64::MAX)
}

pub fn debt_cover(inputs: &PlanInputs, forecast: &Forecast) -> Vec<DebtCover> {
    forecast
        .years
        .iter()
        .enumerate()
        .map(|(i, y)| {
            let debt_service = y.interest + y.loan_principal;
            let working_capital_increase =
                (y.sales - y.receipts) - (y.cost_of_sales - y.supplier_payments);
            let tax = corporation_tax(y.net_profit, inputs.forecast.tax_rate_bp);
            let cash_available = y.ebitda - tax - y.capital_spending - working_capital_increase;
            let cover_x100 = (debt_service > 0)
                .then(|| (i128::from(cash_available) * 100).div_euclid(i128::from(debt_service)))
                .map(|c| i64::try_from(c).unwrap_or(i64::MAX));
            DebtCover {
                year: i as u32 + 1,
                ebitda: y.ebitda,
                tax,
                capital_spending: y.capital_spending,
                working_capital_increase,
                cash_available,
                interest: y.interest,
                principal: y.loan_principal,
                debt_service,
                cover_x100,
            }
        })
        .collect()
}

pub fn member_capital(inputs: &PlanInputs) -> MemberCapital {
    let from_members: i64 = inputs
        .sources
        .iter()
        .filter(|s| matches!(s.kind, SourceKind::MemberShares | SourceKind::MemberLoans))
        .map(|s| s.amount)
        .sum();
    let members = i64::from(inputs.members_pledged);
    let each = if members > 0 {
        round_div(i128::from(from_members), i128::from(members))
    } else {
        inputs.pledge_each
    };
    let headcount = i64::from(inputs.forecast.headcount_y1.max(1));
    let average_pay = round_div(i128::from(inputs.forecast.wages_y1), i128::from(headcount));
    MemberCapital {
        from_survey: inputs.members_from_survey,
        members_pledged: inputs.members_pledged,
        pledge_each: inputs.pledge_each,
        pledged_total: inputs.pledge_each * members,
        from_members,
        each,
        average_pay,
        share_of_pay_bp: if average_pay > 0 {
            round_div(i128::from(each) * 10_000, i128::from(average_pay))
        } else {
            0
        },
        limit_bp: inputs.capital_pay_limit_bp,
    }
}

pub fn valuation(inputs: &PlanInputs) -> Valuation {
    let ebitdas: Vec<i64> = inputs
        .years
        .iter()
        .map(|y| y.turnover - y.cost_of_sales - y.wages - y.overheads + y.owner_addback)
        .collect();
    let average_ebitda = (!ebitdas.is_empty()).then(|| {
        round_div(
            i128::from(ebitdas.iter().sum::<i64>()),
            ebitdas.len() as i128,
        )
    });
    let by_earnings = average_ebitda
        .zip(inputs.multiple_x100)
        .map(|(e, m)| apply_bp(e, m * 100));
    Valuation {
        price: inputs.price,
        average_ebitda,
        multiple_x100: inputs.multiple_x100,
        by_earnings,
        by_net_assets: inputs.years.last().map(|y| y.net_assets),
    }
}
