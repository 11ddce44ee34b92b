//! The balance message's figure, checked over many seeded random plans: making the one change
//! it gives always balances sources and uses to the penny, and the message says that figure.

use super::balance::{recompute, suggest, Fix};
use super::inputs::{LoanTerms, Repayment, Source, SourceKind, SourceStatus};
use super::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

fn example(unbalanced: bool) -> PlanInputs {
    let text = if unbalanced {
        include_str!("../../../docs/examples/business-plan-unbalanced.json")
    } else {
        include_str!("../../../docs/examples/business-plan.json")
    };
    let value: serde_json::Value = serde_json::from_str(text).expect("example is JSON");
    parse_inputs(&value).expect("example answers are valid")
}

fn random_source(rng: &mut StdRng) -> Source {
    let kinds = SourceKind::ALL;
    let kind = kinds[rng.gen_range(0..kinds.len())];
    let loan = kind.is_repayable().then(|| LoanTerms {
        rate_bp: rng.gen_range(0..1_500),
        term_months: rng.gen_range(12..=120),
        repayment: Repayment::AmortisingReducing,
        first_payment_month: 1,
        // Up to the 5% the form allows, in odd basis points so rounding bites.
        fee_bp: if rng.gen_bool(0.6) {
            rng.gen_range(0..=500)
        } else {
            0
        },
    });
    Source {
        kind,
        label: kind.label().into(),
        amount: rng.gen_range(0..30_000_000),
        status: SourceStatus::Offer,
        grant_bp: if kind == SourceKind::KeyFund {
            rng.gen_range(0..=10_000)
        } else {
            0
        },
        loan,
    }
}

fn random_plan(rng: &mut StdRng) -> PlanInputs {
    let mut inputs = example(false);
    inputs.price = rng.gen_range(0..80_000_000);
    inputs.costs.legal = rng.gen_range(0..3_000_000);
    inputs.costs.other = rng.gen_range(0..1_000_000);
    inputs.working_capital = rng.gen_range(0..20_000_000);
    inputs.equipment = rng.gen_range(0..5_000_000);
    if rng.gen_bool(0.2) {
        inputs.contingency_sum = Some(rng.gen_range(0..5_000_000));
    } else {
        inputs.contingency_sum = None;
        inputs.contingency_bp = rng.gen_range(0..=3_000);
    }
    inputs.sources = (0..rng.gen_range(0..=6))
        .map(|_| random_source(rng))
        .collect();
    inputs
}

#[test]
fn the_suggested_figure_balances_every_plan_to_the_penny() {
    let mut rng = StdRng::seed_from_u64(17);
    let (mut surplus, mut shortfall, mut by_working_capital) = (0, 0, 0);
    let mut kinds = std::collections::HashSet::new();
    for _ in 0..800 {
        let inputs = random_plan(&mut rng);
        let before = recompute(&inputs).difference;
        let Some(fix) = suggest(&inputs) else {
            assert_eq!(before, 0, "an unbalanced plan always gets a figure");
            continue;
        };
        if before > 0 {
            surplus += 1;
        } else {
            shortfall += 1;
        }
        by_working_capital += usize::from(matches!(fix, Fix::WorkingCapital { .. }));
        let after = recompute(&fix.apply(&inputs));
        assert_eq!(after.difference, 0, "{fix:?} for {before}");
        let model = build_model(&inputs);
        let message = &model.warnings[0].message;
        assert!(message.contains(&fix.sentence()), "{message}");
        kinds.insert(std::mem::discriminant(&fix));
    }
    assert_eq!(kinds.len(), 4, "every kind of figure is exercised");
    assert!(surplus > 200 && shortfall > 200, "{surplus} / {shortfall}");
    assert!(by_working_capital > 0, "some surpluses have no loan to cut");
}

/// The Ribble example £23,000 short: the Unity Trust loan (no fee) takes the shortfall plus 5%
/// contingency on nothing extra, so £23,000 exactly; with a 2% fee it must be more.
#[test]
fn a_shortfall_is_added_to_the_largest_loan_with_its_fee() {
    let inputs = example(true);
    let fix = suggest(&inputs).expect("a figure");
    assert_eq!(
        fix.sentence(),
        "Increase source 5 (Unity Trust Bank term loan) by £23,000.00, from £170,000.00 to £193,000.00."
    );
    let mut with_fee = inputs.clone();
    if let Some(loan) = with_fee.sources[4].loan.as_mut() {
        loan.fee_bp = 200;
    }
    let Some(Fix::Source { to, .. }) = suggest(&with_fee) else {
        panic!("a source figure")
    };
    // x − 2%·x·1.05 = 23,000 + 2%·170,000·1.05 … solved, not estimated: it balances.
    assert!(to > 19_300_000);
    let mut fixed = with_fee.clone();
    fixed.sources[4].amount = to;
    assert_eq!(recompute(&fixed).difference, 0);
}

/// The naive advice fails: cutting a fee-bearing loan by the surplus leaves money over, which
/// is what the rep met. The solved figure differs from the surplus and balances.
#[test]
fn a_surplus_is_not_simply_taken_off_a_loan_with_a_fee() {
    let mut inputs = example(false);
    if let Some(loan) = inputs.sources[4].loan.as_mut() {
        loan.fee_bp = 150;
    }
    let surplus = recompute(&inputs).difference;
    assert!(surplus < 0, "the fee makes it short: {surplus}");
    // Enough over that the bank loan, which carries the fee, is the largest loan and so the
    // one the advice cuts.
    inputs.sources[4].amount += 15_000_000;
    let surplus = recompute(&inputs).difference;
    assert!(surplus > 0);
    let mut naive = inputs.clone();
    naive.sources[4].amount -= surplus;
    assert_ne!(
        recompute(&naive).difference,
        0,
        "the naive cut does not balance"
    );
    let fix = suggest(&inputs).expect("a figure");
    let Fix::Source {
        index, from, to, ..
    } = fix
    else {
        panic!("{fix:?}")
    };
    assert_eq!(index, 4);
    assert_ne!(from - to, surplus);
    assert_eq!(recompute(&fix.apply(&inputs)).difference, 0);
}

/// Issue 17 point 7: "First month" takes dates as typed everywhere else.
#[test]
fn plan_dates_are_typed_as_day_month_year() {
    use super::fields::parse_date;
    let feb = chrono::NaiveDate::from_ymd_opt(2027, 2, 1);
    for typed in [
        "1 2 2027",
        "1/2/2027",
        "01-02-2027",
        " 1  2  2027 ",
        "2027-02-01",
    ] {
        assert_eq!(parse_date(typed), feb, "{typed}");
    }
    assert_eq!(parse_date("31 2 2027"), None);
    assert_eq!(parse_date("1 2 27"), None, "a four-figure year");
}
