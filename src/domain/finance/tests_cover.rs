//! Worked numbers for debt service cover on cash available, the two break-even points,
//! corporation tax, a contingency given as a sum, and every form field's message landing on
//! that field. Each expected figure is worked out by hand in the comment above it.

use super::forecast::corporation_tax;
use super::*;
use serde_json::{json, Value};

/// A start-up trading evenly: sales £10,000 a month (£120,000 a year) at 50% margin, wages
/// £30,000, overheads £6,000, depreciation £2,400 (so capital spending £2,400 by default).
/// EBITDA = 60,000 − 30,000 − 6,000 = £24,000. One flat-rate loan of £12,000 at 10% over 12
/// months: interest 12,000 × 10% = £1,200 (£100 a month) and £1,000 a month of capital.
fn even_startup(extra: &[(&str, Value)]) -> Value {
    let mut forecast = json!({"start": "2027-01-01", "revenue_y1": 120000,
        "gross_margin_pct": 50, "wages_y1": 30000, "headcount_y1": 3, "overheads_y1": 6000,
        "depreciation_per_year": 2400, "debtor_days": 0, "creditor_days": 0});
    for (k, v) in extra {
        forecast[*k] = v.clone();
    }
    json!({
        "pathway": "startup", "legal_form": "society_worker",
        "working_capital": 20000, "contingency_pct": 0,
        "sources": [
            {"type": "member_shares", "amount": 20000, "status": "drawn"},
            {"type": "bank", "amount": 12000, "status": "offer", "rate_pct": 10,
             "term_months": 12, "repayment": "flat"}
        ],
        "members_pledged": 4, "pledge_each": 5000, "forecast": forecast
    })
}

fn model_of(answers: &Value) -> FinancialModel {
    build_model(&parse_inputs(answers).expect("valid answers"))
}

#[test]
fn corporation_tax_follows_the_uk_bands_or_a_flat_rate() {
    // 19% of £20,400 = £3,876.
    assert_eq!(corporation_tax(2_040_000, None), 387_600);
    // £50,000 at 19% = £9,500; £250,000 at 25% = £62,500.
    assert_eq!(corporation_tax(5_000_000, None), 950_000);
    assert_eq!(corporation_tax(25_000_000, None), 6_250_000);
    // £100,000: 25% = £25,000 less 3/200 × £150,000 = £2,250 → £22,750.
    assert_eq!(corporation_tax(10_000_000, None), 2_275_000);
    assert_eq!(corporation_tax(-500_000, None), 0);
    assert_eq!(corporation_tax(1_000_000, Some(2_000)), 200_000);
}

#[test]
fn cover_is_cash_after_tax_capital_spending_and_working_capital_rounded_down() {
    let model = model_of(&even_startup(&[]));
    let y1 = &model.debt_cover[0];
    assert_eq!(y1.ebitda, 2_400_000);
    // Profit 24,000 − 2,400 depreciation − 1,200 interest = 20,400; tax 19% = 3,876.
    assert_eq!(y1.tax, 387_600);
    assert_eq!(y1.capital_spending, 240_000);
    assert_eq!(y1.working_capital_increase, 0);
    // 24,000 − 3,876 − 2,400 − 0 = 17,724 against 1,200 + 12,000 = 13,200 due.
    assert_eq!(y1.cash_available, 1_772_400);
    assert_eq!(y1.debt_service, 1_320_000);
    // 17,724 ÷ 13,200 = 1.3427… → 1.34 (EBITDA alone would have said 1.81).
    assert_eq!(y1.cover_x100, Some(134));
    // The loan is repaid in year 1, so years 2 and 3 owe nothing.
    assert_eq!(model.debt_cover[1].cover_x100, None);

    // With no tax: 21,600 ÷ 13,200 = 1.63636…: rounded down to 1.63, never up to 1.64.
    let untaxed = model_of(&even_startup(&[("tax_rate_pct", json!(0))]));
    assert_eq!(untaxed.debt_cover[0].cash_available, 2_160_000);
    assert_eq!(untaxed.debt_cover[0].cover_x100, Some(163));

    // Customers taking 30 days (one month): year 1 collects 11 months, £110,000, so £10,000
    // more is owed by customers at the year end. 17,724 − 10,000 = 7,724 ÷ 13,200 = 0.585…
    let slow = model_of(&even_startup(&[("debtor_days", json!(30))]));
    let y1 = &slow.debt_cover[0];
    assert_eq!(y1.working_capital_increase, 1_000_000);
    assert_eq!(y1.cash_available, 772_400);
    assert_eq!(y1.cover_x100, Some(58));
    assert!(slow
        .warnings
        .iter()
        .any(|w| w.code == "low_cover" && w.message.contains("£7,724 of cash available")));
}

#[test]
fn tax_and_capital_spending_go_through_the_cash_flow() {
    let model = model_of(&even_startup(&[("capex_per_year", json!(6000))]));
    let f = &model.forecast;
    // Capital spending £6,000 a year is £500 a month.
    assert_eq!(f.months[0].capital_spending, 50_000);
    assert_eq!(f.years[0].capital_spending, 600_000);
    // Year 1's tax (19% of 20,400 = 3,876) is paid in month 22, 9 months and a day after the
    // year ends; year 2's (profit 24,000 − 2,400 = 21,600 → 4,104) in month 34.
    assert_eq!(f.months[21].tax_paid, 387_600);
    assert_eq!(f.years[1].tax_paid, 387_600);
    assert_eq!(f.years[2].tax_paid, 410_400);
    assert_eq!(f.years[0].tax, 387_600);
    // Year 1 cash: 32,000 raised + 120,000 in − 60,000 − 30,000 − 6,000 − 6,000 capital
    // spending − 1,200 interest − 12,000 capital repaid = £36,800.
    assert_eq!(f.years[0].closing_cash, 3_680_000);
}

#[test]
fn profit_and_cash_break_even_are_both_given() {
    let model = model_of(&even_startup(&[]));
    let y1 = &model.break_even[0];
    // Profit: (30,000 + 6,000 + 2,400 + 1,200) ÷ 50% = £79,200.
    assert_eq!(y1.fixed_costs, 3_960_000);
    assert_eq!(y1.sales_needed, Some(7_920_000));
    // Cash: 30,000 + 6,000 + 2,400 capital spending + 1,200 interest + 12,000 capital = 51,600.
    // Gross profit G must pay that and 19% tax on G − 39,600:
    // 0.81 G = 51,600 − 7,524 → G = £54,414.81 (to the penny, with tax rounded as charged),
    // so sales = 54,414.81 ÷ 50% = £108,829.62.
    assert_eq!(y1.cash_costs, 5_160_000);
    assert_eq!(y1.cash_sales_needed, Some(10_882_962));
    // Year 2 owes the lenders nothing: cash costs 38,400 equal the profit costs, so both
    // break-even points are 38,400 ÷ 50% = £76,800.
    let y2 = &model.break_even[1];
    assert_eq!(y2.sales_needed, Some(7_680_000));
    assert_eq!(y2.cash_sales_needed, Some(7_680_000));
    // Sales of £100,000 clear profit break-even but not cash break-even: a warning says so.
    let thin = model_of(&even_startup(&[("revenue_y1", json!(100000))]));
    assert!(thin
        .warnings
        .iter()
        .any(|w| w.code == "below_cash_break_even" && w.message.contains("year 1")));
}

#[test]
fn a_contingency_can_be_a_sum_but_not_a_sum_and_a_percentage() {
    let mut answers = even_startup(&[]);
    answers["contingency_pct"] = Value::Null;
    answers["contingency_amount"] = json!("2,500");
    let model = model_of(&answers);
    let line = model
        .sources_uses
        .uses
        .iter()
        .find(|u| u.key == "contingency");
    assert_eq!(line.map(|u| u.amount), Some(250_000));
    // 20,000 working capital + 2,500 contingency.
    assert_eq!(model.sources_uses.total_uses, 2_250_000);
    answers["contingency_pct"] = json!(5);
    let errors = parse_inputs(&answers).expect_err("both given");
    assert_eq!(
        errors.first("contingency_amount"),
        Some("Give the contingency as a percentage or as a sum, not both")
    );
    assert_eq!(errors.len(), 1);
}

/// Where a form field sits in the example answers, and a value it must refuse.
fn set_bad(answers: &mut Value, key: &str, kind: &str) -> Option<String> {
    let bad = match kind {
        "money" | "percentage" | "number" => json!("not a number"),
        "date" => json!("someday"),
        "choice" => json!("no-such-option"),
        "money_by_month" | "percent_by_month" => json!(["1", "2"]),
        _ => return None, // free text has nothing to refuse here
    };
    let (path, posted) = match key.split_once('.') {
        Some((group, name)) => (vec![group.to_string(), name.to_string()], key.to_string()),
        None => (vec![key.to_string()], key.to_string()),
    };
    let mut target = answers;
    for step in &path[..path.len() - 1] {
        target = &mut target[step.as_str()];
    }
    target[path[path.len() - 1].as_str()] = bad;
    Some(posted)
}

#[test]
fn each_invalid_field_is_reported_on_that_field_and_no_other() {
    let example: Value =
        serde_json::from_str(include_str!("../../../docs/examples/business-plan.json"))
            .expect("example");
    parse_inputs(&example).expect("the example is valid");
    let mut checked = 0;
    for page in form_pages() {
        for field in &page.fields {
            let mut answers = example.clone();
            let posted = match page.repeat.as_ref().map(|r| r.key) {
                Some(group) => {
                    // A loan field on a loan (the seller's deferred payment); Key Fund's grant
                    // share on the Key Fund source; anything else on the first item.
                    let index = match field.key {
                        "rate_pct"
                        | "term_months"
                        | "repayment"
                        | "first_payment_month"
                        | "fee_pct" => 1,
                        "grant_pct" => 3,
                        _ => 0,
                    };
                    let item = &mut answers[group][index];
                    match set_bad(item, field.key, field.kind) {
                        Some(_) => format!("{group}[{index}].{}", field.key),
                        None => continue,
                    }
                }
                None => match set_bad(&mut answers, field.key, field.kind) {
                    Some(posted) => posted,
                    None => continue,
                },
            };
            let errors = parse_inputs(&answers).expect_err(&posted);
            let fields: Vec<String> = errors.iter().map(|e| e.field.clone()).collect();
            assert!(
                fields.iter().all(|f| *f == posted),
                "a bad {posted} was reported on {fields:?}"
            );
            assert!(!fields.is_empty());
            checked += 1;
        }
    }
    assert!(checked >= 40, "only {checked} fields checked");
}
