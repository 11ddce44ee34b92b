//! Worked examples for the loan schedules, and the match against numpy-financial.

use super::*;
use crate::domain::finance::inputs::{LoanTerms, Repayment};

fn terms(rate_bp: i64, term_months: u32, repayment: Repayment, first: u32) -> LoanTerms {
    LoanTerms {
        rate_bp,
        term_months,
        repayment,
        first_payment_month: first,
        fee_bp: 0,
    }
}

/// £50,000 at 6% over 60 months. r = 0.005, (1.005)^60 = 1.348850…, so the payment is
/// 50,000 × 0.005 × 1.348850 / 0.348850 = £966.64 (966.6401…). Month 1: interest
/// 50,000 × 0.005 = £250.00, principal £716.64, balance £49,283.36. Month 2: interest
/// 49,283.36 × 0.005 = 246.4168 → £246.42, principal £720.22, balance £48,563.14.
#[test]
fn fifty_thousand_at_six_percent_over_five_years() {
    assert_eq!(annuity_payment(5_000_000, 600, 60), 96_664);
    let months = schedule(5_000_000, &terms(600, 60, Repayment::AmortisingReducing, 1));
    assert_eq!(months.len(), 60);
    assert_eq!(
        months[0],
        LoanMonth {
            month: 1,
            payment: 96_664,
            interest: 25_000,
            principal: 71_664,
            balance: 4_928_336
        }
    );
    assert_eq!(
        months[1],
        LoanMonth {
            month: 2,
            payment: 96_664,
            interest: 24_642,
            principal: 72_022,
            balance: 4_856_314
        }
    );
    // Every payment but the last is the standard one; principal repaid is exactly the loan.
    assert!(months[..59].iter().all(|m| m.payment == 96_664));
    assert_eq!(months.iter().map(|m| m.principal).sum::<i64>(), 5_000_000);
    assert_eq!(months[59].balance, 0);
    // Interest = everything paid − the loan: 59 × 966.64 + 966.67 − 50,000 = £7,998.43.
    let paid: i64 = months.iter().map(|m| m.payment).sum();
    assert_eq!(months[59].payment, 96_667);
    assert_eq!(paid - 5_000_000, 799_843);
    assert_eq!(months.iter().map(|m| m.interest).sum::<i64>(), 799_843);
}

/// £12,000 at 0% over 12 months: £1,000 a month, no interest.
#[test]
fn interest_free_loan_is_an_equal_split() {
    let months = schedule(1_200_000, &terms(0, 12, Repayment::AmortisingReducing, 1));
    assert!(months
        .iter()
        .all(|m| m.payment == 100_000 && m.interest == 0));
    assert_eq!(months[11].balance, 0);
}

/// £10,000 at a flat 4.2% for 24 months: interest 10,000 × 4.2% × 2 = £840, £35 a month;
/// principal £416.67 a month (416.666… rounded), the last month £416.59 to clear the rest.
#[test]
fn flat_rate_spreads_interest_on_the_original_amount() {
    let months = schedule(1_000_000, &terms(420, 24, Repayment::Flat, 1));
    assert!(months.iter().all(|m| m.interest == 3_500));
    assert_eq!(months[0].principal, 41_667);
    assert_eq!(months[23].principal, 1_000_000 - 23 * 41_667);
    assert_eq!(months[23].balance, 0);
}

/// A 6-month holiday then 12 months' repayment: months 1–6 pay interest only (£20,000 at
/// 6% → £100 a month), month 7 is the first full payment.
#[test]
fn holiday_months_pay_interest_only() {
    let months = schedule(2_000_000, &terms(600, 12, Repayment::AmortisingReducing, 7));
    assert_eq!(months.len(), 18);
    assert!(months[..6]
        .iter()
        .all(|m| m.payment == 10_000 && m.principal == 0));
    assert_eq!(months[6].month, 7);
    assert_eq!(months[6].payment, annuity_payment(2_000_000, 600, 12));
    assert_eq!(months[17].balance, 0);
}

#[test]
fn bullet_loan_repays_everything_at_the_end() {
    let months = schedule(1_000_000, &terms(1200, 3, Repayment::InterestOnlyBullet, 1));
    let payments: Vec<i64> = months.iter().map(|m| m.payment).collect();
    assert_eq!(payments, vec![10_000, 10_000, 1_010_000]);
}

#[derive(serde::Deserialize)]
struct Fixture {
    loans: Vec<FixtureLoan>,
}

#[derive(serde::Deserialize)]
struct FixtureLoan {
    label: String,
    principal: i64,
    rate_bp: i64,
    term_months: u32,
    payment: i64,
    months: Vec<FixtureMonth>,
}

#[derive(serde::Deserialize)]
struct FixtureMonth {
    month: u32,
    payment: i64,
    interest: i64,
    principal: i64,
    balance: i64,
}

/// Every month of every loan in the numpy-financial fixture, to the penny. The last month is
/// compared like any other: both sides make the last payment the balance left plus its
/// interest, so its payment, interest, principal and zero balance must all agree too.
#[test]
fn matches_numpy_financial_fixture_to_the_penny() {
    let text = include_str!("../../../tests/fixtures/loan_schedules.json");
    let fixture: Fixture = serde_json::from_str(text).expect("fixture is valid JSON");
    assert!(fixture.loans.len() >= 5);
    for loan in &fixture.loans {
        let t = terms(
            loan.rate_bp,
            loan.term_months,
            Repayment::AmortisingReducing,
            1,
        );
        assert_eq!(
            annuity_payment(loan.principal, loan.rate_bp, loan.term_months),
            loan.payment,
            "{}",
            loan.label
        );
        let ours = schedule(loan.principal, &t);
        assert_eq!(ours.len(), loan.months.len(), "{}", loan.label);
        for (mine, theirs) in ours.iter().zip(&loan.months) {
            let expected = (
                theirs.month,
                theirs.payment,
                theirs.interest,
                theirs.principal,
                theirs.balance,
            );
            let got = (
                mine.month,
                mine.payment,
                mine.interest,
                mine.principal,
                mine.balance,
            );
            assert_eq!(got, expected, "{} month {}", loan.label, theirs.month);
        }
    }
}
