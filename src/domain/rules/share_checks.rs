//! Range and consistency checks on shares, holdings and interest (RULES.md §7 K5, K6, K21;
//! §6 T4), split from `consistency.rs` to keep each file readable.

use super::consistency::{clamp, Out};
use super::options::{LegalForm, Percent, ProfitUse, RulesOptions};
use crate::domain::money::format_pounds;

/// The most a member may hold in withdrawable shares (CCBSA 2014 s.24).
pub const WITHDRAWABLE_CAP_PENCE: i64 = 10_000_000;

pub(super) fn shares(o: &RulesOptions, out: &mut Out) {
    if o.form == LegalForm::Company {
        out.range(
            "K22",
            "guarantee_pence",
            clamp(o.guarantee_pence),
            100,
            10_000,
            "The guarantee (pence)",
        );
        return;
    }
    if o.member_share_pence < 1 || o.member_share_pence > 1_000_000 {
        out.limit(
            "K6",
            "member_share_pence",
            "The membership share must be between £0.01 and £10,000.",
        );
    }
    if o.max_holding_pence > WITHDRAWABLE_CAP_PENCE {
        out.limit(
            "K5",
            "max_holding_pence",
            format!(
                "A member may hold at most £100,000 in withdrawable shares; the rules allow {}.",
                format_pounds(o.max_holding_pence)
            ),
        );
    }
    if o.member_share_pence > o.max_holding_pence {
        out.limit(
            "K6",
            "max_holding_pence",
            "The maximum holding cannot be less than one membership share.",
        );
    }
    if o.form == LegalForm::Society && o.max_shares != 1 {
        out.limit(
            "S11",
            "max_shares",
            "In a worker co-operative each member holds exactly one membership share.",
        );
    }
    out.range(
        "F11",
        "max_shares",
        o.max_shares,
        1,
        1000,
        "The most membership shares a member may hold",
    );
    interest(o, out);
    if o.investment_shares {
        out.range(
            "K21",
            "withdrawal_lock_years",
            o.withdrawal_lock_years,
            0,
            10,
            "The years before investment shares can be withdrawn",
        );
        out.range(
            "S12",
            "withdrawal_notice_months",
            o.withdrawal_notice_months,
            0,
            24,
            "The notice to withdraw investment shares (months)",
        );
    }
}

/// Interest is limited to what attracts the capital (T4): above the hard ceiling the rules
/// cannot be filed, and a use of profit the rules forbid elsewhere is a contradiction.
fn interest(o: &RulesOptions, out: &mut Out) {
    let ceiling = super::coop_tests::MAX_INTEREST;
    let too_high = |p: Percent| p > ceiling;
    let message = |what: &str, p: Percent| {
        format!(
        "Interest of {} a year on {what} is more than a co-operative needs to pay to attract capital: the most allowed is {}.",
        p.label(), ceiling.label())
    };
    if o.investment_shares && too_high(o.share_interest_max_pct) {
        out.limit(
            "T4",
            "share_interest_max_pct",
            message("investment shares", o.share_interest_max_pct),
        );
    }
    if too_high(o.member_loan_interest_max_pct) {
        out.limit(
            "T4",
            "member_loan_interest_max_pct",
            message("members' loans", o.member_loan_interest_max_pct),
        );
    }
    if o.uses(ProfitUse::InvestmentInterest) {
        if !o.investment_shares {
            out.across("S22", &["profit_uses", "investment_shares"], "Profit can go to interest on investment shares only if the rules offer investment shares.");
        } else if o.share_interest_max_pct.0 == 0 {
            out.across("S22", &["share_interest_max_pct", "profit_uses"], "Profit is to pay interest on investment shares, but the most interest is 0%: set the most interest, or take that use of profit out.");
        }
    }
}
