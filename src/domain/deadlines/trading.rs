//! Deadlines of day-to-day trading for a freelancer co-op: when a client's invoice becomes
//! late (D26) and when money held for a member must be paid on (D27). Each is worked out for
//! the one date the case records, so the rep can see the rule applied to a real invoice.

use super::{Deadline, Facts, Rule, Timing};
use crate::domain::calendar::{add_days, plain_date};
use crate::domain::money::format_pounds;

/// The fixed sum a business may add to a late commercial debt, by the size of the debt:
/// £40 under £1,000, £70 under £10,000, £100 from £10,000 (1998 Act, section 5A).
pub fn late_payment_compensation_pence(debt_pence: i64) -> i64 {
    match debt_pence {
        d if d < 100_000 => 4_000,
        d if d < 1_000_000 => 7_000,
        _ => 10_000,
    }
}

pub(super) fn late_payment(f: &Facts) -> Option<Deadline> {
    let rule = Rule {
        id: "D26",
        title: "Client's invoice becomes late",
        rule: "Late Payment of Commercial Debts (Interest) Act 1998, sections 4 and 5A",
        timing: Timing::Expected,
    };
    let invoiced = f.date("invoice_date")?;
    // The Act's default is 30 days after the later of the work and the invoice; an agreed
    // term (the member agreement's, up to 60 days) replaces it.
    let (days, basis) = match f.number("payment_terms_days") {
        Some(d) => (d, "the payment terms in the co-op's client contracts"),
        None => (30, "the law's default when a contract sets no term"),
    };
    let date = add_days(invoiced, days)?;
    let text = format!("An invoice sent to a business client on {} is due {days} days later, under {basis}. The day after, the co-op may add interest at 8% a year above the Bank of England base rate (the rate on the 30 June or 31 December before the invoice fell due) and a fixed sum for the cost of chasing it. If the work was finished after the invoice was sent, count from the day it was finished.", plain_date(invoiced));
    let mut notes = Vec::new();
    let mut amount = None;
    if let Some(debt) = f.number("invoice_amount").filter(|d| *d > 0) {
        let fixed = late_payment_compensation_pence(debt);
        amount = Some(fixed);
        notes.push(format!("For an invoice of {}, the fixed sum is {} (£40 under £1,000, £70 under £10,000, £100 from £10,000).", format_pounds(debt), format_pounds(fixed)));
    }
    notes.push("This applies only to business clients, not to private individuals.".to_string());
    let mut deadline = f.dated(&rule, date, text, notes);
    deadline.amount_pence = amount;
    Some(deadline)
}

pub(super) fn client_money(f: &Facts) -> Option<Deadline> {
    let rule = Rule {
        id: "D27",
        title: "Pay a member the money a client paid for their work",
        rule: "Conduct of Employment Agencies and Employment Businesses Regulations 2003, regulation 25",
        timing: Timing::By,
    };
    if f.is("client_money", "no") {
        return None;
    }
    let received = f.date("client_money_received")?;
    let date = add_days(received, 10)?;
    let statement = add_days(received, 32)?;
    let text = format!("Money a client pays the co-op for a member's work belongs to the member and is kept in the client account. Received on {}, it must be paid to the member within 10 days, unless the member agreed otherwise in writing before it arrived.", plain_date(received));
    let notes = vec![format!("Guidance for Northern Ireland also asks for a statement to the member by {} (day 32) and every 30 days after: check the rule for Great Britain with the Centre.", plain_date(statement))];
    Some(f.dated(&rule, date, text, notes))
}
