//! Deadlines once the co-op exists: registration, AGMs, annual filings, tax, payroll,
//! stamp duty and finance offers (PATHWAYS.md §5, D11 to D28). Split from the employment
//! and insolvency rules in the parent module only to keep each file readable.

use super::{Deadline, Facts, Rule, Timing};
use crate::domain::calendar::{
    add_days, add_months, add_working_days, last_day_of_month, plain_date,
};
use crate::domain::money::format_pounds;
use chrono::{Datelike, NaiveDate};

pub(super) fn fca_expected(f: &Facts) -> Option<Deadline> {
    let rule = Rule {
        id: "D11",
        title: "Expected FCA registration",
        rule: "FCA service standard (Community Shares Handbook, section 3)",
        timing: Timing::Expected,
    };
    let date = add_working_days(f.date("submitted")?, 15, f.holidays)?;
    let text = "The FCA aims to register 90% of complete applications within 15 working days. It is a service standard, not a right, so do not plan trading to start on this date.".to_string();
    Some(f.dated(&rule, date, text, Vec::new()))
}

pub(super) fn fca_fee(f: &Facts) -> Option<Deadline> {
    let basis = f
        .text("fee_rules_basis")
        .or_else(|| f.text("rules_source"))?;
    let (pence, why) = if basis == "free_draft" {
        (
            95_000,
            "rules drafted without a sponsoring body's model".to_string(),
        )
    } else {
        let changes = f
            .number("fee_amendments")
            .or_else(|| f.number("amendments"))?;
        let band = match changes {
            0 => 4_000,
            1..=6 => 12_000,
            7..=10 => 35_000,
            _ => 95_000,
        };
        (
            band,
            format!("a sponsoring body's model rules with {changes} amendment(s)"),
        )
    };
    let text = format!("The FCA's fee to register a new society using {why}: {}. Filling gaps and choosing options the model offers are not amendments; several changes to one rule count once.", format_pounds(pence));
    Some(Deadline {
        id: "D12",
        title: "FCA registration fee",
        explanation: text,
        rule: "FCA Handbook, Fees manual (FEES), Appendix 1, as of 1 April 2024",
        date: None,
        amount_pence: Some(pence),
        days_remaining: None,
        falls_on_non_working_day: false,
        note: String::new(),
        by_method: Vec::new(),
    })
}

pub(super) fn agm_due(f: &Facts) -> Option<Deadline> {
    let rule = Rule {
        id: "D14",
        title: "Annual general meeting due",
        rule: "Co-operatives UK model rules: AGM clause",
        timing: Timing::By,
    };
    let (date, text) = match f.date("last_agm") {
        Some(last) => {
            let year_end = NaiveDate::from_ymd_opt(last.year() + 1, 12, 31)?;
            let date = add_months(last, 15)?.min(year_end);
            (date, format!("An AGM must be held in every calendar year and no more than 15 months after the last one ({}).", plain_date(last)))
        }
        None => (
            add_months(f.date("registered")?, 18)?,
            "The first AGM must be held within 18 months of registration.".to_string(),
        ),
    };
    Some(f.dated(&rule, date, text, Vec::new()))
}

pub(super) fn ar30_due(f: &Facts) -> Option<Deadline> {
    let rule = Rule {
        id: "D18",
        title: "Annual return (AR30) and accounts to the FCA",
        rule: "Co-operative and Community Benefit Societies Act 2014, section 89",
        timing: Timing::By,
    };
    if f.is_company() {
        return None;
    }
    let year_end = f
        .date("latest_year_end")
        .or_else(|| f.date("year_end"))
        .or_else(|| f.date("first_year_end"))?;
    let date = add_months(year_end, 7)?;
    let text = format!("A society must send the FCA its annual return and accounts within 7 months of its year end ({}), signed by two directors and the secretary. There are no extensions.", plain_date(year_end));
    Some(f.dated(&rule, date, text, Vec::new()))
}

pub(super) fn ch_accounts(f: &Facts) -> Option<Deadline> {
    let rule = Rule {
        id: "D19",
        title: "First accounts due at Companies House",
        rule: "Companies Act 2006, section 442",
        timing: Timing::By,
    };
    if !f.is_company() {
        return None;
    }
    let incorporated = f.date("registered")?;
    let reference = add_months(last_day_of_month(incorporated)?, 12)?;
    let longer_than_a_year = add_months(incorporated, 12)? < reference;
    let date = if longer_than_a_year {
        add_months(incorporated, 21)?.max(add_months(reference, 3)?)
    } else {
        add_months(reference, 9)?
    };
    let text = format!("The first accounting period ends on {} (the accounting reference date). The first accounts are due at Companies House on this date; later ones are due 9 months after each year end.", plain_date(reference));
    Some(f.dated(&rule, date, text, Vec::new()))
}

pub(super) fn confirmation_statement(f: &Facts) -> Option<Deadline> {
    let rule = Rule {
        id: "D20",
        title: "First confirmation statement due",
        rule: "Companies Act 2006, section 853A",
        timing: Timing::By,
    };
    if !f.is_company() {
        return None;
    }
    let review_end = add_days(add_months(f.date("registered")?, 12)?, -1)?;
    let date = add_days(review_end, 14)?;
    let text = format!("Once a year the company confirms its details to Companies House. The first review period ends on {}; the statement is due 14 days later.", plain_date(review_end));
    Some(f.dated(&rule, date, text, Vec::new()))
}

pub(super) fn ct_register(f: &Facts) -> Option<Deadline> {
    let rule = Rule {
        id: "D21",
        title: "Tell HMRC the co-op is liable to Corporation Tax",
        rule: "Finance Act 2004, section 55",
        timing: Timing::By,
    };
    let date = add_months(f.date("trading_start")?, 3)?;
    let text = "Within 3 months of starting to trade, the co-op must tell HMRC that it is liable to Corporation Tax.".to_string();
    Some(f.dated(&rule, date, text, Vec::new()))
}

pub(super) fn vat_register(f: &Facts) -> Option<Deadline> {
    let rule = Rule {
        id: "D22",
        title: "Register for VAT",
        rule: "Value Added Tax Act 1994, Schedule 1, paragraph 5",
        timing: Timing::By,
    };
    let month_start =
        NaiveDate::parse_from_str(&format!("{}-01", f.text("vat_exceeded_month")?), "%Y-%m-%d")
            .ok()?;
    let month_end = last_day_of_month(month_start)?;
    let date = add_days(month_end, 30)?;
    let effective =
        add_days(month_end, 1).and_then(|d| d.checked_add_months(chrono::Months::new(1)))?;
    let text = format!("Taxable turnover over the last 12 months passed the £90,000 threshold in {}. The co-op must register within 30 days of the end of that month.", month_start.format("%B %Y"));
    let notes = vec![format!(
        "Registration takes effect from {}: charge VAT from then.",
        plain_date(effective)
    )];
    Some(f.dated(&rule, date, text, notes))
}

pub(super) fn paye(f: &Facts) -> Option<Deadline> {
    let rule = Rule {
        id: "D23",
        title: "Register as an employer for PAYE",
        rule: "Income Tax (Pay As You Earn) Regulations 2003; HMRC guidance",
        timing: Timing::By,
    };
    let payday = f.date("first_payday")?;
    let date = add_days(payday, -1)?;
    let text = format!("The co-op must register with HMRC as an employer before the first payday ({}); registration can take up to 5 working days, and you can register up to 2 months ahead.", plain_date(payday));
    Some(f.dated(&rule, date, text, Vec::new()))
}

pub(super) fn ae_declaration(f: &Facts) -> Option<Deadline> {
    let rule = Rule {
        id: "D24",
        title: "Pensions auto-enrolment declaration of compliance",
        rule: "Pensions Act 2008; Employers' Duties (Registration and Compliance) Regulations 2010",
        timing: Timing::By,
    };
    let duties = f.date("ae_duties_start")?;
    let date = add_months(duties, 5)?;
    let text = format!("Employer pension duties began on {} (the first worker's start date). The declaration of compliance must reach The Pensions Regulator within 5 months of that date.", plain_date(duties));
    Some(f.dated(&rule, date, text, Vec::new()))
}

/// Stamp duty on a share purchase: 0.5% of the price rounded up to the next £5; none on
/// £1,000 or less.
pub fn stamp_duty_pence(price_pence: i64) -> i64 {
    if price_pence <= 100_000 {
        return 0;
    }
    // 0.5% rounded up to £5 (500p) is the price rounded up to the next £1,000 (100,000p), / 200.
    (price_pence + 99_999) / 100_000 * 500
}

pub(super) fn stamp_duty(f: &Facts) -> Option<Deadline> {
    let rule = Rule {
        id: "D25",
        title: "Stamp duty on the share purchase",
        rule: "Finance Act 1999, Schedule 13; Stamp Act 1891, section 15B",
        timing: Timing::By,
    };
    if !f.is("purchase_type", "shares") {
        return None;
    }
    let price = f.number("price_paid").or_else(|| f.number("price"))?;
    let duty = stamp_duty_pence(price);
    let text = format!("Buying shares for {} costs {} in stamp duty (0.5%, rounded up to the next £5; nothing on £1,000 or less). The stock transfer form goes to HMRC with the payment within 30 days of being signed.", format_pounds(price), format_pounds(duty));
    let mut deadline = match f.date("stock_transfer_date").and_then(|d| add_days(d, 30)) {
        Some(date) => f.dated(&rule, date, text, Vec::new()),
        None => Deadline {
            id: rule.id,
            title: rule.title,
            explanation: text,
            rule: rule.rule,
            date: None,
            amount_pence: None,
            days_remaining: None,
            falls_on_non_working_day: false,
            note: "Enter the date of the stock transfer form to see the due date.".to_string(),
            by_method: Vec::new(),
        },
    };
    deadline.amount_pence = Some(duty);
    Some(deadline)
}

pub(super) fn offer_expiry(f: &Facts) -> Option<Deadline> {
    let rule = Rule {
        id: "D28",
        title: "Finance offer expiring: reminder",
        rule: "No legal rule: a reminder two weeks before the earliest finance offer expires",
        timing: Timing::By,
    };
    let expiry = f.date("offer_expiry")?;
    let date = add_days(expiry, -14)?;
    let text = format!("The earliest finance offer expires on {}. Complete, or ask the lender for an extension, before then.", plain_date(expiry));
    Some(f.dated(&rule, date, text, Vec::new()))
}
