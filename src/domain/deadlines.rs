//! Legal deadlines worked out from a case's answers (PATHWAYS.md §5).
//!
//! Missing a statutory date can cost workers their jobs, money or rights, so every rule that
//! can be computed from the answers is computed, each names the law that sets it, and a date
//! that falls on a weekend or bank holiday is flagged with the working day to act by. Dates
//! are never rolled forward: the law rarely allows it. Pass the answers through
//! `pathways::effective_answers` first so answers to questions that no longer apply are not
//! used. Pure: no web, database or template imports.

use crate::domain::calendar::{
    add_days, is_non_working_day, long_date, plain_date, working_day_on_or_before, BankHolidays,
};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

mod claims;
mod notices;
mod registered;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_worked;
mod trading;

pub use claims::last_day_of_months_beginning_with;
use claims::{protective_award, tupe_claim};
pub use notices::NOTICE_METHODS;
use notices::{expulsion, gm_notice};
pub use registered::stamp_duty_pence;
use registered::{
    ae_declaration, agm_due, ar30_due, ch_accounts, confirmation_statement, ct_register,
    fca_expected, fca_fee, offer_expiry, paye, stamp_duty, vat_register,
};
pub use trading::late_payment_compensation_pence;
use trading::{client_money, late_payment};

/// Every deadline rule id a stage may list. D0 is the planned closure or first dismissal
/// itself; the gaps (D10, D13, D17) are reserved by the spec.
pub const RULE_IDS: [&str; 26] = [
    "D0", "D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8", "D9", "D11", "D12", "D14", "D15", "D16",
    "D18", "D19", "D20", "D21", "D22", "D23", "D24", "D25", "D26", "D27", "D28",
];

/// One deadline on a case's timeline, ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadline {
    pub id: &'static str,
    pub title: &'static str,
    /// What the deadline is, in plain English.
    pub explanation: String,
    /// The law (or rule) that sets it.
    pub rule: &'static str,
    pub date: Option<NaiveDate>,
    /// For a deadline that is a sum to pay (fees, stamp duty).
    pub amount_pence: Option<i64>,
    /// Days from today to the date; negative once it has passed.
    pub days_remaining: Option<i64>,
    pub falls_on_non_working_day: bool,
    /// Anything the reader must know about this case's date, or empty.
    pub note: String,
    /// For a notice, the date for each way the rules allow it to be given (empty otherwise).
    pub by_method: Vec<ByMethod>,
}

/// One way of giving a notice and the date that goes with it: the last day to send it (D15)
/// or the earliest day for the meeting (D16).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ByMethod {
    pub method: &'static str,
    pub date: NaiveDate,
    /// A weekend or bank holiday, said in words; empty on a working day.
    pub note: String,
}

/// How a date binds, which decides what a weekend or holiday means for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Timing {
    /// Act on or before this date.
    By,
    /// Not before this date.
    Earliest,
    /// A period that ends on this date.
    WindowEnds,
    /// A date expected or planned, not set by law.
    Expected,
}

/// The static text of a rule.
struct Rule {
    id: &'static str,
    title: &'static str,
    rule: &'static str,
    timing: Timing,
}

/// Typed reads of the answers map.
struct Facts<'a> {
    answers: &'a BTreeMap<String, Value>,
    holidays: &'a BankHolidays,
    today: NaiveDate,
}

impl Facts<'_> {
    fn text(&self, key: &str) -> Option<&str> {
        self.answers.get(key)?.as_str().filter(|s| !s.is_empty())
    }
    fn is(&self, key: &str, value: &str) -> bool {
        self.text(key) == Some(value)
    }
    fn number(&self, key: &str) -> Option<i64> {
        self.answers.get(key)?.as_i64()
    }
    fn date(&self, key: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(self.text(key)?, "%Y-%m-%d").ok()
    }
    fn is_company(&self) -> bool {
        self.is("registration_body", "companies_house")
    }

    fn dated(
        &self,
        rule: &Rule,
        date: NaiveDate,
        explanation: String,
        mut notes: Vec<String>,
    ) -> Deadline {
        let non_working = is_non_working_day(date, self.holidays);
        if non_working {
            notes.insert(0, self.non_working_note(rule.timing, date));
        }
        if !self.holidays.covers_year(date.year()) {
            notes.push(format!(
                "Bank holidays for {} are not in coopkit's list yet, so check this date against gov.uk.",
                date.year()
            ));
        }
        Deadline {
            id: rule.id,
            title: rule.title,
            explanation,
            rule: rule.rule,
            date: Some(date),
            amount_pence: None,
            days_remaining: Some((date - self.today).num_days()),
            falls_on_non_working_day: non_working,
            note: notes.join(" "),
            by_method: Vec::new(),
        }
    }

    fn non_working_note(&self, timing: Timing, date: NaiveDate) -> String {
        let day = date.format("%A");
        let kind = if self.holidays.contains(date) {
            "a bank holiday"
        } else {
            "a weekend"
        };
        match (timing, working_day_on_or_before(date, self.holidays)) {
            (Timing::By, Some(act_by)) => {
                format!("This falls on {day}, {kind}: act by {}.", long_date(act_by))
            }
            (Timing::WindowEnds, _) => {
                format!("This falls on {day}, {kind}; the period still ends that day.")
            }
            _ => format!("This falls on {day}, {kind}."),
        }
    }
}

/// Every deadline that can be worked out from the answers, earliest first; undated ones
/// (fees) come last.
pub fn compute_deadlines(
    answers: &BTreeMap<String, Value>,
    holidays: &BankHolidays,
    today: NaiveDate,
) -> Vec<Deadline> {
    let facts = Facts {
        answers,
        holidays,
        today,
    };
    let rules: [fn(&Facts) -> Option<Deadline>; 26] = [
        closure,
        consultation_min,
        hr1_latest,
        notices_block,
        protective_award,
        eli_due,
        tupe_claim,
        connected_window,
        sip16,
        s216_notice,
        fca_expected,
        fca_fee,
        agm_due,
        gm_notice,
        expulsion,
        ar30_due,
        ch_accounts,
        confirmation_statement,
        ct_register,
        vat_register,
        paye,
        ae_declaration,
        stamp_duty,
        late_payment,
        client_money,
        offer_expiry,
    ];
    let mut out: Vec<Deadline> = rules.iter().filter_map(|rule| rule(&facts)).collect();
    out.sort_by_key(|d| (d.date.is_none(), d.date));
    out
}

/// Collective consultation length: 30 days for 20 to 99 redundancies at one establishment,
/// 45 for 100 or more, none below 20.
fn consultation_days(f: &Facts) -> Option<i64> {
    match f.number("max_one_site_90d")? {
        n if n >= 100 => Some(45),
        n if n >= 20 => Some(30),
        _ => None,
    }
}

const TULRCA_188: &str = "Trade Union and Labour Relations (Consolidation) Act 1992, section 188";

fn closure(f: &Facts) -> Option<Deadline> {
    let rule = Rule {
        id: "D0",
        title: "Planned closure or first dismissal",
        rule: "The date the employer has given",
        timing: Timing::Expected,
    };
    let date = f
        .date("first_dismissal_planned")
        .or_else(|| f.date("closure_date"))?;
    let text = "The date the employer plans to close or to dismiss the first workers. Every other step on this list has to fit before it, so check it with the employer in writing.".to_string();
    Some(f.dated(&rule, date, text, Vec::new()))
}

fn consultation_min(f: &Facts) -> Option<Deadline> {
    let rule = Rule {
        id: "D1",
        title: "Earliest first dismissal after collective consultation",
        rule: TULRCA_188,
        timing: Timing::Earliest,
    };
    let days = consultation_days(f)?;
    let date = add_days(f.date("consultation_start")?, days)?;
    let text = format!("With {} redundancies proposed at one workplace, the employer must consult the union or elected representatives for at least {days} days before the first dismissal takes effect. Workplaces are counted separately.", f.number("max_one_site_90d")?);
    let mut notes = Vec::new();
    if let Some(planned) = f.date("first_dismissal_planned").filter(|p| *p < date) {
        notes.push(format!("The planned first dismissal ({}) is earlier than this: raise it with the employer and the union at once.", plain_date(planned)));
    }
    Some(f.dated(&rule, date, text, notes))
}

fn hr1_latest(f: &Facts) -> Option<Deadline> {
    let rule = Rule {
        id: "D2",
        title: "Latest day for the employer's HR1 form",
        rule: "Trade Union and Labour Relations (Consolidation) Act 1992, section 193",
        timing: Timing::By,
    };
    let days = consultation_days(f)?;
    let date = add_days(f.date("first_dismissal_planned")?, -days)?;
    let text = format!("The employer must notify the Secretary of State (form HR1, online) at least {days} days before the first dismissal and before any notice is given. Not doing so is a criminal offence.");
    let mut notes = Vec::new();
    if let Some(received) = f.date("hr1_received") {
        let verdict = if received <= date { "in time" } else { "late" };
        notes.push(format!(
            "The HR1 is recorded as received on {}: {verdict}.",
            plain_date(received)
        ));
    }
    Some(f.dated(&rule, date, text, notes))
}

fn notices_block(f: &Facts) -> Option<Deadline> {
    let rule = Rule {
        id: "D3",
        title: "Earliest day to give dismissal notices",
        rule: "TULRCA 1992, section 188 (Junk v Kühnel); Employment Rights Act 1996, section 86",
        timing: Timing::Earliest,
    };
    let date = f.date("consultation_concluded")?;
    let text = "No dismissal notice may be given until consultation has finished. A notice then runs for at least the statutory period: one week, or one week per full year of service from two years, up to twelve weeks.".to_string();
    let mut notes = Vec::new();
    if let Some(earliest) =
        consultation_days(f).and_then(|d| add_days(f.date("consultation_start")?, d))
    {
        notes.push(format!(
            "No dismissal can take effect before {} either.",
            plain_date(earliest)
        ));
    }
    Some(f.dated(&rule, date, text, notes))
}

fn eli_due(f: &Facts) -> Option<Deadline> {
    let rule = Rule {
        id: "D5",
        title: "Employee liability information due",
        rule: "TUPE Regulations 2006, regulation 11",
        timing: Timing::By,
    };
    if f.is("purchase_type", "shares") {
        return None;
    }
    let date = add_days(f.date("transfer_date")?, -28)?;
    let text = "In an asset purchase the old employer must give the co-op written details of every transferring worker (employee liability information) at least 28 days before the transfer.".to_string();
    let mut notes = Vec::new();
    if let Some(received) = f.date("eli_received") {
        let verdict = if received <= date {
            "in time"
        } else {
            "late: the co-op can claim compensation"
        };
        notes.push(format!("Received on {}: {verdict}.", plain_date(received)));
    }
    Some(f.dated(&rule, date, text, notes))
}

fn connected_window(f: &Facts) -> Option<Deadline> {
    let rule = Rule { id: "D7", title: "End of the 8-week window for a sale to connected people", rule: "Administration (Restrictions on Disposal etc. to Connected Persons) Regulations 2021 (SI 2021/427), regulation 3", timing: Timing::WindowEnds };
    if !f.is("trigger", "administration") || !f.is("connected_buyers", "yes") {
        return None;
    }
    let date = add_days(f.date("insolvency_date")?, 55)?;
    let text = "A director, shadow director or their associate is in the buying group. Selling all or most of the business to them within 8 weeks of the company entering administration needs the creditors' approval or an independent evaluator's report.".to_string();
    let mut notes = Vec::new();
    if let Some(completion) = f.date("sale_completion") {
        notes.push(if completion <= date {
            format!("Completion on {} is inside the window, so approval or a report is required.", plain_date(completion))
        } else {
            format!("Completion on {} is after the window, so this rule does not require approval or a report.", plain_date(completion))
        });
    }
    Some(f.dated(&rule, date, text, notes))
}

fn sip16(f: &Facts) -> Option<Deadline> {
    let rule = Rule {
        id: "D8",
        title: "Administrator's pre-pack statement due",
        rule: "Statement of Insolvency Practice 16, paragraph 11",
        timing: Timing::By,
    };
    if !f.is("prepack", "yes") {
        return None;
    }
    let date = add_days(f.date("sale_completion")?, 7)?;
    let text = "After a pre-pack sale the administrator must send creditors a statement explaining the sale within 7 days. The workers are creditors too and can ask for it.".to_string();
    Some(f.dated(&rule, date, text, Vec::new()))
}

fn s216_notice(f: &Facts) -> Option<Deadline> {
    let rule = Rule {
        id: "D9",
        title: "Notice before reusing the old company name",
        rule: "Insolvency Act 1986, section 216; Insolvency Rules 2016, rules 22.4 and 22.6",
        timing: Timing::By,
    };
    if !f.is("trigger", "liquidation") || !f.is("name_reuse", "yes") {
        return None;
    }
    let date = add_days(f.date("sale_completion")?, 28)?;
    let text = "A former director of the liquidated company may not run a business with the same or a similar name unless notice goes to every creditor and in the Gazette within 28 days of the purchase, and before they act. Otherwise a court application is needed within 7 business days of the liquidation.".to_string();
    Some(f.dated(&rule, date, text, Vec::new()))
}
