//! Turns the business-plan answers (web form or answers file) into checked `PlanInputs`.
//!
//! Every problem is reported against the form field it belongs to (`years[1].turnover`,
//! `sources[2].rate_pct`) so the page can show the message beside the field. Checking carries
//! on after a problem, so a person sees every fix needed at once.

use super::fields::FieldReader;
use super::inputs::*;
use crate::domain::field_errors::FieldErrors;
use crate::domain::printable::text_problem;
use serde_json::Value;

const PATHWAYS: [(&str, PlanPathway); 3] = [
    ("buyout", PlanPathway::Buyout),
    ("startup", PlanPathway::Startup),
    ("freelancer", PlanPathway::Freelancer),
];
const PURCHASES: [(&str, PurchaseType); 3] = [
    ("shares", PurchaseType::Shares),
    ("assets_going_concern", PurchaseType::AssetsGoingConcern),
    ("assets_only", PurchaseType::AssetsOnly),
];
/// `members_money_from`: true when the survey's totals are used.
const MONEY_FROM: [(&str, bool); 2] = [("survey", true), ("typed", false)];
const STATUSES: [(&str, SourceStatus); 4] = [
    ("idea", SourceStatus::Idea),
    ("applied", SourceStatus::Applied),
    ("offer", SourceStatus::Offer),
    ("drawn", SourceStatus::Drawn),
];
const REPAYMENTS: [(&str, Repayment); 3] = [
    ("amortising_reducing", Repayment::AmortisingReducing),
    ("flat", Repayment::Flat),
    ("interest_only_bullet", Repayment::InterestOnlyBullet),
];
const LEGAL_FORMS: [&str; 6] = [
    "society_worker",
    "society_consortium",
    "society_multi",
    "clg_worker",
    "cls_worker",
    "llp",
];
pub const MAX_SOURCES: usize = 12;
/// A source's name: a lender and a product ("Unity Trust Bank term loan") fit in 120.
pub const MAX_LABEL: usize = 120;
/// Each part of the plan's story: 5,000 characters is about two pages, more than a lender
/// reads for any one section, and keeps a plan's render time small whatever is pasted in.
pub const MAX_NARRATIVE: usize = 5_000;

/// Checks the answers and returns the plan's inputs, or a message for each field to fix.
pub fn parse_inputs(value: &Value) -> Result<PlanInputs, FieldErrors> {
    let mut errors = FieldErrors::new();
    let top = FieldReader::new(value, "");
    let pathway = top.choice("pathway", &PATHWAYS, Some(PlanPathway::Buyout), &mut errors);
    let pathway = pathway.unwrap_or(PlanPathway::Buyout);
    let legal_form = top.text("legal_form").unwrap_or_default();
    if !LEGAL_FORMS.contains(&legal_form.as_str()) {
        errors.add("legal_form", "Choose the legal form the co-op will take");
    }
    let buyout = pathway == PlanPathway::Buyout;
    let purchase_type = if buyout {
        top.choice("purchase_type", &PURCHASES, None, &mut errors)
    } else {
        None
    };
    let years = if buyout {
        parse_years(&top, &mut errors)
    } else {
        Vec::new()
    };
    let price = if buyout {
        let price = top.money("price", None, &mut errors);
        if price == 0 && !errors.has("price") {
            errors.add(
                "price",
                "Enter the price agreed or expected; it must be more than £0",
            );
        }
        price
    } else {
        0
    };
    let multiple_x100 = top
        .text("multiple")
        .map(|_| top.hundredths("multiple", (50, 1000), &mut errors));
    let costs = parse_costs(
        &FieldReader::new(value.get("costs").unwrap_or(&Value::Null), "costs."),
        &mut errors,
    );
    let members_pledged = top.whole("members_pledged", (0, 5000), None, &mut errors);
    let pledge_each = top.money("pledge_each", None, &mut errors);
    // Unreadable pledges are reported against their own fields only, never again against
    // the members' shares that default to them.
    let pledges_read = !errors.has("members_pledged") && !errors.has("pledge_each");
    let pledged_total =
        pledges_read.then(|| pledge_each.saturating_mul(i64::from(members_pledged)));
    let sources = parse_sources(&top, pledged_total, &mut errors);
    let (contingency_bp, contingency_sum) = parse_contingency(&top, &mut errors);
    let forecast_value = value.get("forecast").unwrap_or(&Value::Null);
    let forecast = parse_forecast(&FieldReader::new(forecast_value, "forecast."), &mut errors);
    let inputs = PlanInputs {
        pathway,
        legal_form,
        purchase_type,
        years,
        price,
        multiple_x100,
        costs,
        working_capital: top.money("working_capital", None, &mut errors),
        equipment: top.money("equipment", Some(0), &mut errors),
        contingency_bp,
        contingency_sum,
        sources,
        members_pledged,
        pledge_each,
        // Not answered means the typed figures, as before the question was asked.
        members_from_survey: top
            .choice("members_money_from", &MONEY_FROM, Some(false), &mut errors)
            .unwrap_or(false),
        capital_pay_limit_bp: top.percent("capital_pay_limit_pct", (1, 100), Some(10), &mut errors),
        forecast,
        narrative: parse_narrative(value.get("narrative").unwrap_or(&Value::Null), &mut errors),
    };
    errors.into_result(inputs)
}

fn parse_years(top: &FieldReader, errors: &mut FieldErrors) -> Vec<HistoricYear> {
    let items = top.list("years");
    if items.is_empty() {
        errors.add("years", "Enter at least the last year's accounts");
    }
    if items.len() > 3 {
        errors.add("years", "Enter up to three years of accounts");
    }
    let years: Vec<HistoricYear> = items
        .iter()
        .take(3)
        .enumerate()
        .map(|(i, item)| {
            let r = FieldReader::new(item, format!("years[{i}]."));
            let signed = |name: &str, errors: &mut FieldErrors| signed_money(&r, name, errors);
            HistoricYear {
                year_end: r.date("year_end", errors).unwrap_or_default(),
                turnover: r.money("turnover", None, errors),
                cost_of_sales: r.money("cost_of_sales", None, errors),
                wages: r.money("wages", None, errors),
                overheads: r.money("overheads", None, errors),
                depreciation: r.money("depreciation", Some(0), errors),
                owner_addback: r.money("owner_addback", Some(0), errors),
                net_profit: signed("net_profit", errors),
                net_assets: signed("net_assets", errors),
            }
        })
        .collect();
    for (i, pair) in years.windows(2).enumerate() {
        let gap = (pair[1].year_end - pair[0].year_end).num_days();
        // A year end that could not be read already has its own message.
        let unread = |j: usize| errors.has(&format!("years[{j}].year_end"));
        if !(334..=397).contains(&gap) && !unread(i) && !unread(i + 1) {
            let message =
                "Each year end should be about a year after the one before (oldest first)";
            errors.add(format!("years[{}].year_end", i + 1), message);
        }
    }
    years
}

/// Profit and net assets can be negative: a loss, or more owed than owned.
fn signed_money(r: &FieldReader, name: &str, errors: &mut FieldErrors) -> i64 {
    match r.text(name).map(|t| crate::domain::money::parse_pence(&t)) {
        Some(Ok(p)) => p,
        Some(Err(message)) => {
            errors.add(r.key(name), message);
            0
        }
        None => {
            errors.add(
                r.key(name),
                "Enter an amount in pounds (a minus sign for a loss)",
            );
            0
        }
    }
}

fn parse_costs(r: &FieldReader, errors: &mut FieldErrors) -> TransactionCosts {
    TransactionCosts {
        valuation: r.money("valuation", Some(0), errors),
        legal: r.money("legal", Some(0), errors),
        accountancy: r.money("accountancy", Some(0), errors),
        registration: r.money("registration", Some(0), errors),
        stamp_duty: r.money_opt("stamp_duty", errors),
        other: r.money("other", Some(0), errors),
    }
}

/// A contingency as a percentage of the other uses (default 10%) or as a sum, not both.
fn parse_contingency(top: &FieldReader, errors: &mut FieldErrors) -> (i64, Option<i64>) {
    let sum = top.money_opt("contingency_amount", errors);
    if sum.is_some() && top.text("contingency_pct").is_some() {
        let message = "Give the contingency as a percentage or as a sum, not both";
        errors.add("contingency_amount", message);
    }
    match sum {
        Some(sum) => (0, Some(sum)),
        None => (
            top.percent("contingency_pct", (0, 30), Some(10), errors),
            None,
        ),
    }
}

/// Members' shares left blank use the pledges, but the Members' money page gives none: the
/// message says both ways out, as the hint promised the blank would work.
const NO_PLEDGES_YET: &str = "Enter the amount, or the pledges on the Members' money page: a blank amount of members' shares uses the pledges, and none are given there yet";

fn parse_sources(
    top: &FieldReader,
    pledged_total: Option<i64>,
    errors: &mut FieldErrors,
) -> Vec<Source> {
    let items = top.list("sources");
    if items.is_empty() {
        errors.add("sources", "Add at least one source of money");
    }
    if items.len() > MAX_SOURCES {
        errors.add("sources", "A plan can list up to 12 sources of money");
    }
    let kinds: Vec<(&str, SourceKind)> = SourceKind::ALL.iter().map(|k| (k.key(), *k)).collect();
    items
        .iter()
        .take(MAX_SOURCES)
        .enumerate()
        .map(|(i, item)| {
            let r = FieldReader::new(item, format!("sources[{i}]."));
            let read = r.choice("type", &kinds, None, errors);
            let kind = read.unwrap_or(SourceKind::Other);
            // Left blank, members' shares default to the pledges. When the type or the pledges
            // could not be read, their own message says so and the amount gets none.
            let shares = kind == SourceKind::MemberShares;
            let unread = read.is_none() || shares && pledged_total.is_none();
            let default = if unread {
                Some(0)
            } else {
                shares.then_some(pledged_total.unwrap_or(0))
            };
            let amount = r.money("amount", default, errors);
            let blank = r.text("amount").is_none();
            if amount == 0 && !errors.has(&r.key("amount")) && !(unread && blank) {
                let message = if shares && blank {
                    NO_PLEDGES_YET
                } else {
                    "Enter an amount of more than £0"
                };
                errors.add(r.key("amount"), message);
            }
            let grant_bp = match kind {
                SourceKind::KeyFund => r.percent("grant_pct", (0, 100), Some(0), errors),
                SourceKind::Grant => 10_000,
                _ => 0,
            };
            // An unreadable type has its own message; asking for loan terms as well would
            // report the one mistake against fields the person never got wrong.
            let has_loan = read.is_some() && kind.is_repayable() && grant_bp < 10_000;
            Source {
                kind,
                label: checked_text(&r, "label", MAX_LABEL, errors)
                    .unwrap_or_else(|| kind.label().to_string()),
                amount,
                status: r
                    .choice("status", &STATUSES, Some(SourceStatus::Idea), errors)
                    .unwrap_or(SourceStatus::Idea),
                grant_bp,
                loan: has_loan.then(|| parse_loan_terms(&r, errors)),
            }
        })
        .collect()
}

fn parse_loan_terms(r: &FieldReader, errors: &mut FieldErrors) -> LoanTerms {
    LoanTerms {
        rate_bp: r.percent("rate_pct", (0, 25), None, errors),
        term_months: r.whole("term_months", (1, 300), None, errors),
        repayment: r
            .choice(
                "repayment",
                &REPAYMENTS,
                Some(Repayment::AmortisingReducing),
                errors,
            )
            .unwrap_or(Repayment::AmortisingReducing),
        first_payment_month: r.whole("first_payment_month", (1, 60), Some(1), errors),
        fee_bp: r.percent("fee_pct", (0, 5), Some(0), errors),
    }
}

fn parse_forecast(r: &FieldReader, errors: &mut FieldErrors) -> ForecastAssumptions {
    let start = r.date("start", errors).unwrap_or_default();
    if r.text("start").is_some() && chrono::Datelike::day(&start) != 1 {
        errors.add(r.key("start"), "Start the forecast on the 1st of a month");
    }
    let sales_by_month = monthly_list(r, "sales_by_month", errors);
    let revenue_y1 = match &sales_by_month {
        Some(months) => months.iter().sum(),
        None => r.money("revenue_y1", None, errors),
    };
    let seasonality = monthly_list(r, "seasonality", errors).unwrap_or_default();
    if !seasonality.is_empty() && seasonality.iter().sum::<i64>() != 100 * 100 {
        errors.add(
            r.key("seasonality"),
            "The 12 monthly shares must add up to 100",
        );
    }
    let depreciation_per_year = r.money("depreciation_per_year", Some(0), errors);
    ForecastAssumptions {
        start,
        sales_by_month,
        revenue_y1,
        seasonality,
        growth_y2_bp: r.percent("growth_y2_pct", (-50, 200), Some(0), errors),
        growth_y3_bp: r.percent("growth_y3_pct", (-50, 200), Some(0), errors),
        gross_margin_bp: r.percent("gross_margin_pct", (0, 100), None, errors),
        wages_y1: r.money("wages_y1", None, errors),
        headcount_y1: r.whole("headcount_y1", (1, 5000), None, errors),
        pay_rise_bp: r.percent("pay_rise_pct", (0, 50), Some(0), errors),
        overheads_y1: r.money("overheads_y1", None, errors),
        overhead_inflation_bp: r.percent("overhead_inflation_pct", (0, 50), Some(0), errors),
        depreciation_per_year,
        capex_per_year: r.money("capex_per_year", Some(depreciation_per_year), errors),
        tax_rate_bp: r
            .text("tax_rate_pct")
            .map(|_| r.percent("tax_rate_pct", (0, 30), None, errors)),
        debtor_days: r.whole("debtor_days", (0, 180), Some(30), errors),
        creditor_days: r.whole("creditor_days", (0, 180), Some(30), errors),
        dscr_min_x100: r
            .text("dscr_min")
            .map(|_| r.hundredths("dscr_min", (100, 300), errors))
            .unwrap_or(125),
    }
}

/// Twelve figures for year 1: money (pounds → pence) or seasonality shares (percent → basis
/// points). `None` when the field is absent.
fn monthly_list(r: &FieldReader, name: &str, errors: &mut FieldErrors) -> Option<Vec<i64>> {
    let items = r.list(name);
    if items.is_empty() {
        return None;
    }
    if items.len() != 12 {
        errors.add(r.key(name), "Enter exactly 12 figures, one for each month");
        return None;
    }
    let wrapper: Vec<(String, Value)> = items
        .iter()
        .enumerate()
        .map(|(i, v)| (i.to_string(), (*v).clone()))
        .collect();
    let object = Value::Object(wrapper.into_iter().collect());
    let inner = FieldReader::list_items(&object, &r.key(name));
    let figures = (0..12)
        .map(|i| {
            let key = i.to_string();
            if name == "seasonality" {
                inner.percent(&key, (0, 100), None, errors)
            } else {
                inner.money(&key, None, errors)
            }
        })
        .collect();
    Some(figures)
}

/// A typed text answer, refused (with the message by the field) when it is longer than `max`
/// characters or holds characters the documents cannot print.
fn checked_text(
    r: &FieldReader,
    name: &str,
    max: usize,
    errors: &mut FieldErrors,
) -> Option<String> {
    let text = r.text(name)?;
    match text_problem(&text, max) {
        Some(problem) => {
            errors.add(r.key(name), problem);
            None
        }
        None => Some(text),
    }
}

fn parse_narrative(value: &Value, errors: &mut FieldErrors) -> Narrative {
    let r = FieldReader::new(value, "narrative.");
    let mut text = |name: &str| checked_text(&r, name, MAX_NARRATIVE, errors).unwrap_or_default();
    Narrative {
        summary: text("summary"),
        business: text("business"),
        reason: text("reason"),
        market: text("market"),
        operations: text("operations"),
        people: text("people"),
        union_role: text("union_role"),
        governance: text("governance"),
        membership: text("membership"),
        risks: text("risks"),
        timeline: text("timeline"),
    }
}

#[cfg(test)]
#[path = "parse_text_tests.rs"]
mod text_tests;
