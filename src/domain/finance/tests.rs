//! Worked examples of whole plans, checked by hand.

use super::*;
use serde_json::json;

fn example(name: &str) -> PlanInputs {
    let text = match name {
        "balanced" => include_str!("../../../docs/examples/business-plan.json"),
        _ => include_str!("../../../docs/examples/business-plan-unbalanced.json"),
    };
    let value: serde_json::Value = serde_json::from_str(text).expect("example is JSON");
    parse_inputs(&value).expect("example answers are valid")
}

/// The Ribble Print example. Uses: price 400,000 + valuation 6,000 + legal 18,000 +
/// accountancy 7,500 + registration 40 + stamp duty 2,000 (0.5% of 400,000) + other 4,860 +
/// Key Fund fee 1,600 (2% of the £80,000 loan part) + working capital 80,000 = 520,000, plus
/// 5% contingency 26,000 = £546,000. Sources: 24 × 2,000 shares + 120,000 + 85,000 + 100,000
/// + 193,000 = £546,000.
#[test]
fn the_example_buyout_balances_to_the_penny() {
    let model = build_model(&example("balanced"));
    let su = &model.sources_uses;
    assert_eq!(su.total_uses, 54_600_000);
    assert_eq!(su.total_sources, 54_600_000);
    assert!(su
        .uses
        .iter()
        .any(|u| u.key == "stamp_duty" && u.amount == 200_000));
    assert!(su
        .uses
        .iter()
        .any(|u| u.key == "contingency" && u.amount == 2_600_000));
    assert!(model.can_be_final().is_ok(), "{:?}", model.warnings);
    // Cash after month 1's spending is working capital + contingency = £106,000 before trading.
    assert_eq!(su.total_sources - su.spent_at_start, 10_600_000);
    // Average EBITDA (185,000 + 195,000 + 200,000) ÷ 3 = 193,333.33, × 2.1 = 405,999.99.
    assert_eq!(model.valuation.by_earnings, Some(40_599_999));
    assert_eq!(model.valuation.by_net_assets, Some(35_200_000));
    // Five loans (the shares are not a loan); the Key Fund loan is the £80,000 non-grant part.
    assert_eq!(model.loans.len(), 5);
    assert_eq!(model.loans[2].principal, 8_000_000);
    // Each member: (48,000 shares) ÷ 24 = £2,000, 6.86% of average pay 700,000 ÷ 24 = 29,166.67.
    assert_eq!(model.member_capital.each, 200_000);
    assert_eq!(model.member_capital.share_of_pay_bp, 686);
}

#[test]
fn months_add_up_to_years_and_cash_carries_forward() {
    let model = build_model(&example("balanced"));
    let f = &model.forecast;
    let y1_sales: i64 = f.months[..12].iter().map(|m| m.sales).sum();
    assert_eq!(y1_sales, 198_000_000);
    assert_eq!(f.years[0].sales, 198_000_000);
    // Year 2 sales grow 3%: 1,980,000 × 1.03 = 2,039,400.
    assert_eq!(f.years[1].sales, 203_940_000);
    for pair in f.months.windows(2) {
        assert_eq!(pair[1].opening_cash, pair[0].closing_cash);
    }
    assert_eq!(f.years[2].closing_cash, f.months[35].closing_cash);
    // October is 9% of the year: 1,980,000 × 9% = 178,200.
    assert_eq!(f.months[0].sales, 17_820_000);
    assert_eq!(f.months[0].label, "Oct 2026");
}

/// Uses £546,000 against sources £523,000 when the bank loan is £170,000 instead of £193,000.
#[test]
fn an_unbalanced_plan_says_by_how_much_and_cannot_be_final() {
    let model = build_model(&example("unbalanced"));
    assert_eq!(model.sources_uses.difference, -2_300_000);
    let reasons = model.can_be_final().expect_err("plan must not be final");
    assert_eq!(reasons.len(), 1);
    assert!(reasons[0].contains("£23,000.00 less"), "{}", reasons[0]);
}

/// A start-up with £30,000 of members' shares, all kept as working capital. Sales £10,000 a
/// month at 50% margin give £5,000 gross profit; wages £8,000 and overheads £2,000 a month
/// cost £10,000; customers and suppliers pay in the same month. Cash falls £5,000 a month:
/// £25,000 after month 1, … £0 after month 6, −£5,000 after month 7.
/// Break-even: fixed costs 96,000 + 24,000 = 120,000 ÷ 50% = £240,000, double the forecast.
fn startup_that_runs_out() -> PlanInputs {
    let answers = json!({
        "pathway": "startup", "legal_form": "society_worker",
        "costs": {}, "working_capital": 30000, "contingency_pct": 0,
        "sources": [{"type": "member_shares", "status": "drawn"}],
        "members_pledged": 10, "pledge_each": 3000,
        "forecast": {"start": "2027-01-01", "revenue_y1": 120000, "gross_margin_pct": 50,
            "wages_y1": 96000, "headcount_y1": 4, "overheads_y1": 24000,
            "debtor_days": 0, "creditor_days": 0}
    });
    parse_inputs(&answers).expect("valid")
}

#[test]
fn cash_runs_out_in_month_seven() {
    let model = build_model(&startup_that_runs_out());
    let f = &model.forecast;
    assert_eq!(f.months[5].closing_cash, 0);
    assert_eq!(f.months[6].closing_cash, -500_000);
    assert_eq!(f.first_negative_month, Some(7));
    let warning = model
        .warnings
        .iter()
        .find(|w| w.code == "negative_cash")
        .expect("warned");
    assert!(
        warning
            .message
            .starts_with("Cash runs out in month 7 (Jul 2027)"),
        "{}",
        warning.message
    );
    assert!(
        model.can_be_final().is_ok(),
        "advice does not block a final plan"
    );
}

#[test]
fn break_even_is_fixed_costs_over_margin() {
    let model = build_model(&startup_that_runs_out());
    let b = &model.break_even[0];
    assert_eq!(b.fixed_costs, 12_000_000);
    assert_eq!(b.sales_needed, Some(24_000_000));
    assert!(model.warnings.iter().any(|w| w.code == "below_break_even"));
    // Sales 20% lower: 8,000 a month, 4,000 gross profit, −6,000 a month; 36 months → −£186,000.
    let s = &model.sensitivity[2];
    assert_eq!(s.lowest_cash, 3_000_000 - 36 * 600_000);
    assert_eq!(s.profits[0], -12 * 600_000);
}

#[test]
fn lender_limits_and_community_shares_are_checked() {
    let answers = json!({
        "pathway": "startup", "legal_form": "clg_worker", "working_capital": 100000,
        "sources": [
            {"type": "coop_loan_fund", "amount": 90000, "rate_pct": 7, "term_months": 60},
            {"type": "community_shares", "amount": 10000}
        ],
        "members_pledged": 0, "pledge_each": 0,
        "forecast": {"start": "2027-01-01", "revenue_y1": 500000, "gross_margin_pct": 50,
            "wages_y1": 150000, "headcount_y1": 5, "overheads_y1": 50000}
    });
    let model = build_model(&parse_inputs(&answers).expect("valid"));
    assert!(model
        .warnings
        .iter()
        .any(|w| w.code == "lender_limit" && w.message.contains("£85,000")));
    let reasons = model
        .can_be_final()
        .expect_err("community shares need a society");
    assert!(reasons
        .iter()
        .any(|r| r.contains("only a registered society")));
}

#[test]
fn problems_are_reported_against_form_fields() {
    let answers = json!({
        "pathway": "buyout", "legal_form": "society_worker", "purchase_type": "shares",
        "years": [{"year_end": "2025-03-31", "turnover": "lots"}],
        "price": "0", "working_capital": "10000",
        "sources": [{"type": "bank", "amount": "5000", "rate_pct": "30", "term_months": 60}],
        "members_pledged": 3, "pledge_each": 100,
        "forecast": {"start": "2027-01-15", "revenue_y1": 1000, "gross_margin_pct": 40,
            "wages_y1": 0, "headcount_y1": 1, "overheads_y1": 0, "seasonality": [50, 50]}
    });
    let errors = parse_inputs(&answers).expect_err("invalid");
    for key in [
        "years[0].turnover",
        "years[0].cost_of_sales",
        "price",
        "sources[0].rate_pct",
        "forecast.start",
        "forecast.seasonality",
    ] {
        assert!(errors.has(key), "expected a message for {key}: {errors:?}");
    }
    assert_eq!(
        errors.first("sources[0].rate_pct"),
        Some("Enter a percentage from 0 to 25")
    );
}

/// Renders the real template with the example through the document pipeline's own registry
/// (strict mode, no escaping, its helpers), and checks the markup: every `@chart` line is valid
/// JSON with pence values, tables have a header, and empty answers leave no heading behind.
fn render(inputs: &PlanInputs) -> String {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/documents");
    let templates =
        crate::docgen::DocTemplates::load_used_by(&folder, "business_plan").expect("templates");
    let model = build_model(inputs);
    templates
        .render(
            "business_plan",
            &build_context(
                inputs,
                &model,
                "Ribble Print Co-operative Limited",
                "PR-2026-014",
            ),
        )
        .expect("template renders")
}

#[test]
fn the_template_renders_the_example_with_valid_charts() {
    let text = render(&example("balanced"));
    let charts: Vec<serde_json::Value> = text
        .lines()
        .filter_map(|l| l.strip_prefix("@chart "))
        .map(|j| serde_json::from_str(j).expect("chart line is JSON"))
        .collect();
    assert_eq!(charts.len(), 2);
    assert_eq!(charts[0]["zero_line"], true);
    assert_eq!(
        charts[0]["series"][0]["values"].as_array().map(Vec::len),
        Some(12)
    );
    assert_eq!(charts[1]["series"][0]["values"][0], 198_000_000);
    assert!(text.starts_with("# Business plan: Ribble Print Co-operative Limited"));
    assert!(text.contains("| Price paid for the business | 400,000 |"));
    assert!(text.contains("| **Total needed** | **546,000** |"));
    assert!(text.contains("TUPE does not apply"));
    // Judged on cash available (after tax, £40,000 a year of capital spending and working
    // capital), the example's financing is spread so that every year covers what is due to
    // the lenders at least 1.25 times: the seller's deferred payment over eight years, the
    // loan fund and bank over ten, and a social investor's interest-only patient loan instead
    // of a larger bank loan. Cash cover is always below the EBITDA ratio, which ignores tax,
    // capital spending and working capital.
    let model = build_model(&example("balanced"));
    let codes: Vec<&str> = model.warnings.iter().map(|w| w.code).collect();
    assert!(codes.is_empty(), "{codes:?}");
    let year2 = &model.debt_cover[1];
    assert_eq!(year2.cover_x100, Some(126));
    assert!(year2.ebitda * 100 / year2.debt_service > 126);
    assert!(!text.contains("Points to look at"));
    assert!(text.contains("| **Cover (times)** | 1.82 | 1.26 | 1.31 |"));
    assert!(!text.contains("\n\n\n"), "no empty blocks");
}

#[test]
fn warnings_show_and_empty_answers_leave_nothing() {
    let mut inputs = example("unbalanced");
    inputs.narrative.timeline.clear();
    inputs.narrative.market.clear();
    let text = render(&inputs);
    assert!(text.contains("@note Points to look at"));
    assert!(text.contains("- Sources and uses do not balance: the plan raises £23,000.00 less"));
    assert!(!text.contains("## Timeline"));
    assert!(!text.contains("## Market and customers"));
    // A start-up with no loans and no narrative still leaves blank lines between blocks.
    let startup = render(&startup_that_runs_out());
    assert!(!startup.contains("\n\n\n") && !startup.contains("### Loans"));
    assert!(startup.contains("|\n\n### Profit and loss, year 1 by month"));
}

/// Members' shares left blank use the pledges (the hint on the sources page). Before the
/// members page is filled in, the blank is no error; with no pledges, the message by the box
/// names both ways out; with pledges, the amount is theirs.
#[test]
fn blank_members_shares_use_the_pledges_in_whatever_order_the_pages_are_filled() {
    let mut answers = json!({
        "pathway": "startup", "legal_form": "society_worker",
        "working_capital": 30000,
        "sources": [{"type": "member_shares", "status": "drawn"}],
    });
    let errors = parse_inputs(&answers).expect_err("the members page is still empty");
    assert!(errors.first("sources[0].amount").is_none(), "{errors:?}");
    assert!(errors.first("members_pledged").is_some());

    answers["members_pledged"] = json!(0);
    answers["pledge_each"] = json!(0);
    let errors = parse_inputs(&answers).expect_err("no pledges");
    assert_eq!(
        errors.first("sources[0].amount"),
        Some("Enter the amount, or the pledges on the Members' money page: a blank amount of members' shares uses the pledges, and none are given there yet")
    );

    answers["members_pledged"] = json!(10);
    answers["pledge_each"] = json!(3000);
    let errors = parse_inputs(&answers).expect_err("the forecast is still empty");
    assert!(errors.first("sources[0].amount").is_none(), "{errors:?}");
    assert_eq!(startup_that_runs_out().sources[0].amount, 3_000_000);
}
