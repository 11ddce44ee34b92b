//! Sources and uses of money: what the deal and start-up cost, and where the money comes from.
//!
//! The two totals must be equal to the penny before a plan can be final; a lender reads this
//! table first. The uses are split into what is spent at completion and what stays in the bank
//! as cash (working capital and contingency), because the cash flow starts from the second.

use super::inputs::{PlanInputs, PurchaseType, SourceKind, SourceStatus};
use super::loans::LoanSchedule;
use super::round_div;
use serde::Serialize;

/// One line of the uses table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UseLine {
    pub key: &'static str,
    pub label: &'static str,
    pub amount: i64,
    /// Money that stays in the bank rather than being paid out at the start.
    pub kept_as_cash: bool,
}

/// One line of the sources table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceLine {
    pub kind: SourceKind,
    pub label: String,
    pub amount: i64,
    pub status: SourceStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourcesAndUses {
    pub uses: Vec<UseLine>,
    pub sources: Vec<SourceLine>,
    pub total_uses: i64,
    pub total_sources: i64,
    /// Sources minus uses: positive means more money raised than needed.
    pub difference: i64,
    /// Uses paid out in month 1 (everything except working capital and contingency).
    pub spent_at_start: i64,
}

impl SourcesAndUses {
    pub fn balances(&self) -> bool {
        self.difference == 0
    }
}

/// Stamp duty on a share purchase: 0.5% of the price, rounded up to the next £5, nothing at
/// £1,000 or less (HMRC stock transfer rules, PATHWAYS D25).
pub fn stamp_duty_on_shares(price: i64) -> i64 {
    if price <= 100_000 {
        return 0;
    }
    // 0.5% in £5 steps is one £5 step for every £1,000 (100,000p) of price, rounded up.
    (price + 99_999) / 100_000 * 500
}

pub fn sources_and_uses(inputs: &PlanInputs, loans: &[LoanSchedule]) -> SourcesAndUses {
    let costs = &inputs.costs;
    let stamp_duty = costs.stamp_duty.unwrap_or(match inputs.purchase_type {
        Some(PurchaseType::Shares) => stamp_duty_on_shares(inputs.price),
        _ => 0,
    });
    let fees: i64 = loans.iter().map(|l| l.arrangement_fee).sum();
    let mut uses = vec![
        line("price", "Price paid for the business", inputs.price, false),
        line("valuation", "Independent valuation", costs.valuation, false),
        line("legal", "Legal fees", costs.legal, false),
        line(
            "accountancy",
            "Accountancy and due diligence",
            costs.accountancy,
            false,
        ),
        line(
            "registration",
            "Registering the co-op",
            costs.registration,
            false,
        ),
        line("stamp_duty", "Stamp duty", stamp_duty, false),
        line("other_costs", "Other costs of the deal", costs.other, false),
        line("loan_fees", "Loan arrangement fees", fees, false),
        line(
            "equipment",
            "Equipment and other capital spending",
            inputs.equipment,
            false,
        ),
        line(
            "working_capital",
            "Working capital",
            inputs.working_capital,
            true,
        ),
    ];
    let before_contingency: i64 = uses.iter().map(|u| u.amount).sum();
    let contingency = inputs.contingency_sum.unwrap_or_else(|| {
        round_div(
            i128::from(before_contingency) * i128::from(inputs.contingency_bp),
            10_000,
        )
    });
    uses.push(line("contingency", "Contingency", contingency, true));
    uses.retain(|u| u.amount != 0 || u.key == "price" && inputs.price > 0);
    let sources: Vec<SourceLine> = inputs
        .sources
        .iter()
        .map(|s| SourceLine {
            kind: s.kind,
            label: s.label.clone(),
            amount: s.amount,
            status: s.status,
        })
        .collect();
    let total_uses: i64 = uses.iter().map(|u| u.amount).sum();
    let total_sources: i64 = sources.iter().map(|s| s.amount).sum();
    let spent_at_start = uses
        .iter()
        .filter(|u| !u.kept_as_cash)
        .map(|u| u.amount)
        .sum();
    SourcesAndUses {
        uses,
        sources,
        total_uses,
        total_sources,
        difference: total_sources - total_uses,
        spent_at_start,
    }
}

fn line(key: &'static str, label: &'static str, amount: i64, kept_as_cash: bool) -> UseLine {
    UseLine {
        key,
        label,
        amount,
        kept_as_cash,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// D25: £400,000 → 0.5% = £2,000 exactly; £400,001 → £2,000.005 → up to £2,005.
    #[test]
    fn stamp_duty_rounds_up_to_five_pounds() {
        assert_eq!(stamp_duty_on_shares(40_000_000), 200_000);
        assert_eq!(stamp_duty_on_shares(40_000_100), 200_500);
        assert_eq!(stamp_duty_on_shares(100_000), 0);
        // £1,001 → £5.005 → up to £10.
        assert_eq!(stamp_duty_on_shares(100_100), 1_000);
    }
}
