//! The plan's tables, as rows of ready-formatted cells (first row = header), in the accounts
//! style: whole pounds, thousands separated, negatives in brackets, "£" in the header.

use super::forecast::Period;
use super::loans::LoanSchedule;
use super::warnings::{percent, ratio};
use super::FinancialModel;
use super::PlanInputs;
use crate::domain::money::format_accounts as acc;

pub type Table = Vec<Vec<String>>;

/// Picks one figure out of a period, for a row of a table.
type PeriodFigure = fn(&Period) -> i64;

fn row<const N: usize>(cells: [&str; N]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

fn cover(x: Option<i64>) -> String {
    x.map_or_else(|| "no repayments".to_string(), ratio)
}

pub fn sources_uses(model: &FinancialModel) -> (Table, Table) {
    let su = &model.sources_uses;
    let mut uses = vec![row(["Uses of money", "£"])];
    uses.extend(
        su.uses
            .iter()
            .map(|u| vec![u.label.to_string(), acc(u.amount)]),
    );
    uses.push(vec![
        "**Total needed**".into(),
        format!("**{}**", acc(su.total_uses)),
    ]);
    let mut sources = vec![row(["Sources of money", "Status", "£"])];
    sources.extend(su.sources.iter().map(|s| {
        vec![
            s.label.clone(),
            format!("{:?}", s.status).to_lowercase(),
            acc(s.amount),
        ]
    }));
    sources.push(vec![
        "**Total raised**".into(),
        String::new(),
        format!("**{}**", acc(su.total_sources)),
    ]);
    (uses, sources)
}

pub fn historic(inputs: &PlanInputs) -> Table {
    let mut header = vec!["£".to_string()];
    header.extend(
        inputs
            .years
            .iter()
            .map(|y| format!("Year to {}", y.year_end.format("%d %b %Y"))),
    );
    let line = |label: &str, f: &dyn Fn(&super::inputs::HistoricYear) -> i64| {
        let mut r = vec![label.to_string()];
        r.extend(inputs.years.iter().map(|y| acc(f(y))));
        r
    };
    vec![
        header,
        line("Turnover", &|y| y.turnover),
        line("Cost of sales", &|y| y.cost_of_sales),
        line("Wages", &|y| y.wages),
        line("Overheads", &|y| y.overheads),
        line("Owner's costs added back", &|y| y.owner_addback),
        line("Earnings before interest, tax and depreciation", &|y| {
            y.turnover - y.cost_of_sales - y.wages - y.overheads + y.owner_addback
        }),
        line("Net profit", &|y| y.net_profit),
        line("Net assets", &|y| y.net_assets),
    ]
}

pub fn valuation(model: &FinancialModel) -> Table {
    let v = &model.valuation;
    let mut t = vec![
        row(["Basis", "£"]),
        vec!["Price agreed or expected".into(), acc(v.price)],
    ];
    if let (Some(value), Some(m)) = (v.by_earnings, v.multiple_x100) {
        t.push(vec![format!("Average earnings × {}", ratio(m)), acc(value)]);
    }
    if let Some(value) = v.by_net_assets {
        t.push(vec!["Net assets in the latest accounts".into(), acc(value)]);
    }
    t
}

pub fn loan_years(loan: &LoanSchedule) -> Table {
    let mut t = vec![row([
        "Loan year",
        "Paid £",
        "Interest £",
        "Capital £",
        "Still owed £",
    ])];
    t.extend(loan.years().iter().map(|y| {
        vec![
            y.year.to_string(),
            acc(y.paid),
            acc(y.interest),
            acc(y.principal),
            acc(y.closing_balance),
        ]
    }));
    t
}

/// The monthly schedule in pounds and pence: lenders check it against their own.
pub fn loan_months(loan: &LoanSchedule) -> Table {
    use crate::domain::money::format_pounds as p;
    let mut t = vec![row([
        "Month",
        "Payment",
        "Interest",
        "Capital",
        "Still owed",
    ])];
    t.extend(loan.months.iter().map(|m| {
        vec![
            m.month.to_string(),
            p(m.payment),
            p(m.interest),
            p(m.principal),
            p(m.balance),
        ]
    }));
    t
}

pub fn profit_months(months: &[Period]) -> Table {
    let mut t = vec![row([
        "Month",
        "Sales £",
        "Gross profit £",
        "Wages £",
        "Overheads £",
        "Interest £",
        "Net profit £",
    ])];
    t.extend(months.iter().map(|m| {
        vec![
            m.label.clone(),
            acc(m.sales),
            acc(m.gross_profit),
            acc(m.wages),
            acc(m.overheads),
            acc(m.interest),
            acc(m.net_profit),
        ]
    }));
    t
}

pub fn cash_months(months: &[Period]) -> Table {
    let mut t = vec![row([
        "Month",
        "Opening £",
        "Money in £",
        "Money out £",
        "Closing £",
    ])];
    t.extend(months.iter().map(|m| {
        let money_in = m.funding_in + m.receipts;
        vec![
            m.label.clone(),
            acc(m.opening_cash),
            acc(money_in),
            acc(money_in - m.net_cash_flow),
            acc(m.closing_cash),
        ]
    }));
    t
}

/// Years side by side: one row per line of the profit and loss and the cash flow.
pub fn years(years: &[Period]) -> Table {
    let mut header = vec!["£".to_string()];
    header.extend(years.iter().map(|y| y.label.clone()));
    let lines: [(&str, PeriodFigure); 19] = [
        ("Sales", |y| y.sales),
        ("Cost of sales", |y| y.cost_of_sales),
        ("Gross profit", |y| y.gross_profit),
        ("Wages", |y| y.wages),
        ("Overheads", |y| y.overheads),
        ("Depreciation", |y| y.depreciation),
        ("Interest", |y| y.interest),
        ("**Net profit before tax**", |y| y.net_profit),
        ("Corporation tax on the profit", |y| y.tax),
        ("**Net profit after tax**", |y| y.net_profit - y.tax),
        ("Opening cash", |y| y.opening_cash),
        ("Money raised", |y| y.funding_in),
        ("Paid by customers", |y| y.receipts),
        ("Paid at the start (deal and set-up)", |y| y.start_spending),
        ("Paid to suppliers", |y| y.supplier_payments),
        ("Capital spending", |y| y.capital_spending),
        ("Corporation tax paid", |y| y.tax_paid),
        ("Loan capital repaid", |y| y.loan_principal),
        ("**Closing cash**", |y| y.closing_cash),
    ];
    let mut t = vec![header];
    t.extend(lines.iter().map(|(label, f)| {
        let mut r = vec![label.to_string()];
        r.extend(years.iter().map(|y| acc(f(y))));
        r
    }));
    t
}

pub fn break_even(model: &FinancialModel) -> Table {
    let mut t = vec![row([
        "Year",
        "Fixed costs £",
        "Profit break-even £",
        "Cash costs £",
        "Cash break-even £",
        "Forecast sales £",
    ])];
    let needed = |s: Option<i64>| s.map_or_else(|| "not reachable".to_string(), acc);
    t.extend(model.break_even.iter().map(|b| {
        vec![
            format!("Year {}", b.year),
            acc(b.fixed_costs),
            needed(b.sales_needed),
            acc(b.cash_costs),
            needed(b.cash_sales_needed),
            acc(b.forecast_sales),
        ]
    }));
    t
}

/// One row per step from earnings to cover, one column per year, as a lender lays it out.
pub fn debt_cover(model: &FinancialModel) -> Table {
    let mut header = vec!["£".to_string()];
    header.extend(model.debt_cover.iter().map(|d| format!("Year {}", d.year)));
    type Line = (&'static str, fn(&super::metrics::DebtCover) -> String);
    let lines: [Line; 9] = [
        ("Earnings before interest, tax and depreciation", |d| {
            acc(d.ebitda)
        }),
        ("less corporation tax", |d| acc(-d.tax)),
        ("less capital spending", |d| acc(-d.capital_spending)),
        ("less increase in working capital", |d| {
            acc(-d.working_capital_increase)
        }),
        ("**Cash available for lenders**", |d| acc(d.cash_available)),
        ("Interest", |d| acc(d.interest)),
        ("Loan capital repaid", |d| acc(d.principal)),
        ("**Due to lenders**", |d| acc(d.debt_service)),
        ("**Cover (times)**", |d| cover(d.cover_x100)),
    ];
    let mut t = vec![header];
    t.extend(lines.iter().map(|(label, f)| {
        let mut r = vec![label.to_string()];
        r.extend(model.debt_cover.iter().map(f));
        r
    }));
    t
}

pub fn sensitivity(model: &FinancialModel) -> Table {
    let mut t = vec![row([
        "Scenario",
        "Lowest cash £",
        "Profit Y1 £",
        "Profit Y2 £",
        "Profit Y3 £",
        "Cover Y1",
        "Cover Y2",
        "Cover Y3",
    ])];
    t.extend(model.sensitivity.iter().map(|s| {
        let mut r = vec![s.label.clone(), acc(s.lowest_cash)];
        r.extend(s.profits.iter().map(|p| acc(*p)));
        r.extend(s.cover_x100.iter().map(|c| cover(*c)));
        r
    }));
    t
}

pub fn member_capital(model: &FinancialModel) -> Table {
    let c = &model.member_capital;
    vec![
        row(["Members' capital", "Figure"]),
        vec![
            "Where the pledges come from".into(),
            if c.from_survey {
                "The workers' survey's totals"
            } else {
                "Figures typed in for the plan"
            }
            .into(),
        ],
        vec![
            "Members who have pledged".into(),
            c.members_pledged.to_string(),
        ],
        vec!["Pledge per member".into(), acc(c.pledge_each)],
        vec!["Total pledged".into(), acc(c.pledged_total)],
        vec!["Members' money in the plan".into(), acc(c.from_members)],
        vec!["Each member puts in".into(), acc(c.each)],
        vec![
            "As a share of a year's average pay".into(),
            percent(c.share_of_pay_bp),
        ],
    ]
}
