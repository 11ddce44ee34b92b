//! Loan repayment schedules, month by month, to the penny.
//!
//! Rounding convention (the same one `tests/fixtures/make_loan_fixture.py` follows):
//! - The standard monthly payment of an amortising loan is the annuity formula
//!   P·r / (1 − (1+r)^−n), r = annual rate ÷ 12, worked out in `rust_decimal` (28 significant
//!   digits, far more than a penny needs) and rounded to the nearest penny, halves up.
//! - Each month's interest is the balance still owed × r, rounded to the nearest penny, halves
//!   up, in exact integer arithmetic. This is how a lender charging "interest on the reducing
//!   balance" works: interest is on what is actually owed, not on an idealised balance.
//! - Principal = payment − interest; the balance falls by the principal.
//! - The last payment is whatever clears the balance: the balance left plus that month's
//!   interest. It differs from the standard payment by a few pence, because the standard
//!   payment was rounded; the balance always ends at exactly zero.
//! - At 0% the payment is P ÷ n rounded to the penny, with the same last-payment rule.
//!
//! Months before `first_payment_month` pay interest only (a capital holiday, or a deferred
//! payment to the seller), then the loan is repaid over `term_months`.

use super::inputs::{LoanTerms, Repayment, Source};
use super::round_div;
use rust_decimal::prelude::*;
use serde::Serialize;

/// One month of a loan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LoanMonth {
    /// Forecast month, 1 = the first month.
    pub month: u32,
    pub payment: i64,
    pub interest: i64,
    pub principal: i64,
    /// What is still owed after this month's payment.
    pub balance: i64,
}

/// One loan year (12 months from the loan's first month) in summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LoanYear {
    pub year: u32,
    pub paid: i64,
    pub interest: i64,
    pub principal: i64,
    pub closing_balance: i64,
}

/// The whole schedule of one loan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoanSchedule {
    /// Position of the source in the plan's list of sources.
    pub source_index: usize,
    pub label: String,
    pub principal: i64,
    pub rate_bp: i64,
    pub term_months: u32,
    pub repayment: Repayment,
    /// The regular monthly payment once repayments start.
    pub standard_payment: i64,
    pub arrangement_fee: i64,
    pub months: Vec<LoanMonth>,
    pub total_interest: i64,
    pub total_paid: i64,
}

impl LoanSchedule {
    /// The schedule of a source's repayable part, or `None` for shares and grants.
    pub fn for_source(source_index: usize, source: &Source) -> Option<Self> {
        let terms = source.loan.as_ref()?;
        let principal = loan_principal(source);
        let months = schedule(principal, terms);
        let standard_payment = match terms.repayment {
            Repayment::AmortisingReducing => {
                annuity_payment(principal, terms.rate_bp, terms.term_months)
            }
            _ => months
                .get(terms.first_payment_month as usize - 1)
                .map_or(0, |m| m.payment),
        };
        Some(Self {
            source_index,
            label: source.label.clone(),
            principal,
            rate_bp: terms.rate_bp,
            term_months: terms.term_months,
            repayment: terms.repayment,
            standard_payment,
            arrangement_fee: round_div(i128::from(principal) * i128::from(terms.fee_bp), 10_000),
            total_interest: months.iter().map(|m| m.interest).sum(),
            total_paid: months.iter().map(|m| m.payment).sum(),
            months,
        })
    }

    /// Totals for each loan year, for the plan's summary table.
    pub fn years(&self) -> Vec<LoanYear> {
        self.months
            .chunks(12)
            .enumerate()
            .map(|(i, chunk)| LoanYear {
                year: i as u32 + 1,
                paid: chunk.iter().map(|m| m.payment).sum(),
                interest: chunk.iter().map(|m| m.interest).sum(),
                principal: chunk.iter().map(|m| m.principal).sum(),
                closing_balance: chunk.last().map_or(self.principal, |m| m.balance),
            })
            .collect()
    }

    /// Interest and principal paid in forecast month `month` (1-based).
    pub fn in_month(&self, month: u32) -> (i64, i64) {
        self.months
            .get(month as usize - 1)
            .map_or((0, 0), |m| (m.interest, m.principal))
    }
}

/// The part of a source that is lent, not granted.
pub fn loan_principal(source: &Source) -> i64 {
    let grant = round_div(
        i128::from(source.amount) * i128::from(source.grant_bp),
        10_000,
    );
    source.amount - grant
}

/// The standard monthly payment P·r/(1 − (1+r)^−n), rounded to the penny (halves up).
pub fn annuity_payment(principal: i64, rate_bp: i64, months: u32) -> i64 {
    if months == 0 {
        return principal;
    }
    if rate_bp == 0 {
        return round_div(i128::from(principal), i128::from(months));
    }
    let r = Decimal::from(rate_bp) / Decimal::from(120_000);
    let growth = (Decimal::ONE + r).checked_powi(i64::from(months));
    let payment = growth.and_then(|f| {
        let numerator = Decimal::from(principal).checked_mul(r)?.checked_mul(f)?;
        numerator.checked_div(f - Decimal::ONE)
    });
    payment
        .map(|p| p.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero))
        .and_then(|p| p.to_i64())
        // Unreachable within the accepted ranges (rate ≤ 25%, term ≤ 300 months); a plain
        // equal split keeps the schedule usable rather than failing the whole plan.
        .unwrap_or_else(|| round_div(i128::from(principal), i128::from(months)))
}

/// One month's interest on `balance`, rounded to the penny (halves up).
pub fn monthly_interest(balance: i64, rate_bp: i64) -> i64 {
    round_div(i128::from(balance) * i128::from(rate_bp), 120_000)
}

/// The month-by-month schedule of a loan of `principal` on `terms`.
pub fn schedule(principal: i64, terms: &LoanTerms) -> Vec<LoanMonth> {
    let holiday = terms.first_payment_month.saturating_sub(1);
    let n = terms.term_months.max(1);
    let mut months = Vec::with_capacity((holiday + n) as usize);
    for month in 1..=holiday {
        let interest = monthly_interest(principal, terms.rate_bp);
        months.push(LoanMonth {
            month,
            payment: interest,
            interest,
            principal: 0,
            balance: principal,
        });
    }
    let flat_interest_total = round_div(
        i128::from(principal) * i128::from(terms.rate_bp) * i128::from(n),
        120_000,
    );
    let standard = annuity_payment(principal, terms.rate_bp, n);
    let mut balance = principal;
    let mut interest_so_far = 0;
    for k in 1..=n {
        let last = k == n;
        let (interest, principal_part) = match terms.repayment {
            Repayment::AmortisingReducing => {
                let interest = monthly_interest(balance, terms.rate_bp);
                let part = if last {
                    balance
                } else {
                    (standard - interest).clamp(0, balance)
                };
                (interest, part)
            }
            Repayment::Flat => {
                let interest = if last {
                    flat_interest_total - interest_so_far
                } else {
                    round_div(i128::from(flat_interest_total), i128::from(n))
                };
                let part = if last {
                    balance
                } else {
                    round_div(i128::from(principal), i128::from(n)).min(balance)
                };
                (interest, part)
            }
            Repayment::InterestOnlyBullet => {
                let interest = monthly_interest(balance, terms.rate_bp);
                (interest, if last { balance } else { 0 })
            }
        };
        interest_so_far += interest;
        balance -= principal_part;
        months.push(LoanMonth {
            month: holiday + k,
            payment: interest + principal_part,
            interest,
            principal: principal_part,
            balance,
        });
    }
    months
}

#[cfg(test)]
#[path = "loans_tests.rs"]
mod tests;
