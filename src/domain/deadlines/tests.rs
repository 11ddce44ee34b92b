//! The worked dates of PATHWAYS.md §6, and the rules of the issue, checked one by one.

use super::*;
use serde_json::json;

pub(super) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn holidays() -> BankHolidays {
    BankHolidays::new([
        d(2026, 1, 1),
        d(2026, 4, 3),
        d(2026, 4, 6),
        d(2026, 5, 4),
        d(2026, 5, 25),
        d(2026, 8, 31),
        d(2026, 12, 25),
        d(2026, 12, 28),
        d(2027, 1, 1),
        d(2027, 3, 26),
        d(2027, 3, 29),
        d(2027, 5, 3),
        d(2027, 5, 31),
        d(2027, 8, 30),
        d(2027, 12, 27),
        d(2027, 12, 28),
    ])
}

const TODAY: (i32, u32, u32) = (2026, 1, 15);

pub(super) fn compute(pairs: &[(&str, Value)]) -> Vec<Deadline> {
    let answers: BTreeMap<String, Value> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    compute_deadlines(&answers, &holidays(), d(TODAY.0, TODAY.1, TODAY.2))
}

pub(super) fn find<'a>(list: &'a [Deadline], id: &str) -> &'a Deadline {
    list.iter()
        .find(|x| x.id == id)
        .unwrap_or_else(|| panic!("{id} missing from {list:#?}"))
}

pub(super) fn date_of(list: &[Deadline], id: &str) -> NaiveDate {
    find(list, id).date.unwrap()
}

#[test]
fn scenario_1_thirty_days_for_25_at_one_site_and_hr1_for_that_date() {
    let list = compute(&[
        ("max_one_site_90d", json!(25)),
        ("consultation_start", json!("2027-02-01")),
        ("first_dismissal_planned", json!("2027-03-03")),
    ]);
    assert_eq!(date_of(&list, "D1"), d(2027, 3, 3));
    assert_eq!(date_of(&list, "D2"), d(2027, 2, 1));
    assert_eq!(date_of(&list, "D0"), d(2027, 3, 3));
    assert!(find(&list, "D1").note.is_empty());
    assert_eq!(find(&list, "D1").rule, TULRCA_188);
}

#[test]
fn scenario_2_forty_five_days_for_120() {
    let list = compute(&[
        ("max_one_site_90d", json!(120)),
        ("consultation_start", json!("2026-09-14")),
        ("first_dismissal_planned", json!("2026-11-02")),
    ]);
    assert_eq!(date_of(&list, "D1"), d(2026, 10, 29));
    assert_eq!(date_of(&list, "D2"), d(2026, 9, 18));
}

#[test]
fn no_collective_consultation_below_twenty_but_the_closure_date_still_shows() {
    let list = compute(&[
        ("max_one_site_90d", json!(19)),
        ("consultation_start", json!("2026-09-14")),
        ("first_dismissal_planned", json!("2026-10-01")),
    ]);
    assert!(list.iter().all(|x| x.id != "D1" && x.id != "D2"));
    assert_eq!(date_of(&list, "D0"), d(2026, 10, 1));
}

#[test]
fn a_planned_dismissal_before_the_consultation_ends_is_called_out() {
    let list = compute(&[
        ("max_one_site_90d", json!(40)),
        ("consultation_start", json!("2026-09-14")),
        ("first_dismissal_planned", json!("2026-10-01")),
    ]);
    assert!(
        find(&list, "D1").note.contains("1 October 2026"),
        "{}",
        find(&list, "D1").note
    );
}

#[test]
fn scenario_3_eli_due_28_days_before_an_asset_transfer_and_not_for_shares() {
    let list = compute(&[
        ("purchase_type", json!("assets_going_concern")),
        ("transfer_date", json!("2026-07-01")),
    ]);
    assert_eq!(date_of(&list, "D5"), d(2026, 6, 3));
    // Three months *beginning with* 1 July: July, August, September.
    assert_eq!(date_of(&list, "D6"), d(2026, 9, 30));
    let shares = compute(&[
        ("purchase_type", json!("shares")),
        ("transfer_date", json!("2026-07-01")),
    ]);
    assert!(shares.iter().all(|x| x.id != "D5"));
}

#[test]
fn scenario_4_connected_window_ends_on_a_sunday_and_judges_completion() {
    let base = [
        ("trigger", json!("administration")),
        ("connected_buyers", json!("yes")),
        ("insolvency_date", json!("2026-09-14")),
    ];
    let mut inside = base.to_vec();
    inside.push(("sale_completion", json!("2026-11-06")));
    let list = compute(&inside);
    let window = find(&list, "D7");
    assert_eq!(window.date, Some(d(2026, 11, 8)));
    assert!(window.falls_on_non_working_day);
    assert!(window.note.contains("Sunday"));
    assert!(window.note.contains("inside the window"));
    let mut after = base.to_vec();
    after.push(("sale_completion", json!("2026-11-09")));
    assert!(find(&compute(&after), "D7")
        .note
        .contains("after the window"));
    let unconnected = compute(&[
        ("trigger", json!("administration")),
        ("connected_buyers", json!("no")),
        ("insolvency_date", json!("2026-09-14")),
    ]);
    assert!(unconnected.iter().all(|x| x.id != "D7"));
}

#[test]
fn scenario_5_name_reuse_notice_28_days_after_a_liquidation_purchase() {
    let list = compute(&[
        ("trigger", json!("liquidation")),
        ("name_reuse", json!("yes")),
        ("sale_completion", json!("2026-05-20")),
    ]);
    assert_eq!(date_of(&list, "D9"), d(2026, 6, 17));
}

#[test]
fn scenario_6_fca_registration_expected_after_15_working_days_and_first_agm() {
    let list = compute(&[
        ("submitted", json!("2026-03-23")),
        ("registered", json!("2026-04-15")),
    ]);
    assert_eq!(date_of(&list, "D11"), d(2026, 4, 15));
    assert_eq!(date_of(&list, "D14"), d(2027, 10, 15));
    let winter = compute(&[("submitted", json!("2026-12-14"))]);
    assert_eq!(date_of(&winter, "D11"), d(2027, 1, 7));
}

#[test]
fn scenario_7_annual_return_seven_months_after_year_end_flagged_on_a_saturday() {
    let list = compute(&[("year_end", json!("2026-12-31"))]);
    let ar30 = find(&list, "D18");
    assert_eq!(ar30.date, Some(d(2027, 7, 31)));
    assert!(ar30.falls_on_non_working_day);
    assert!(
        ar30.note.contains("act by Friday 30 July 2027"),
        "{}",
        ar30.note
    );
    let february = compute(&[("year_end", json!("2027-02-28"))]);
    assert_eq!(date_of(&february, "D18"), d(2027, 9, 30));
}

#[test]
fn scenario_8_first_company_accounts_use_the_later_date() {
    let list = compute(&[
        ("registration_body", json!("companies_house")),
        ("registered", json!("2026-03-15")),
    ]);
    assert_eq!(date_of(&list, "D19"), d(2027, 12, 15));
    assert!(find(&list, "D19").explanation.contains("31 March 2027"));
    assert_eq!(date_of(&list, "D20"), d(2027, 3, 28));
    assert!(list.iter().all(|x| x.id != "D18"));
}

#[test]
fn scenario_9_stamp_duty_and_fca_fee_bands() {
    let list = compute(&[
        ("purchase_type", json!("shares")),
        ("price_paid", json!(25_050_100)),
        ("stock_transfer_date", json!("2026-06-10")),
    ]);
    let duty = find(&list, "D25");
    assert_eq!(duty.amount_pence, Some(125_500));
    assert_eq!(duty.date, Some(d(2026, 7, 10)));
    assert_eq!(stamp_duty_pence(100_000), 0);
    assert_eq!(stamp_duty_pence(100_001), 1_000); // £5.00005 rounds up to £10
    assert_eq!(stamp_duty_pence(200_000), 1_000);
    let fee = |pairs: &[(&str, Value)]| find(&compute(pairs), "D12").amount_pence;
    assert_eq!(
        fee(&[
            ("fee_rules_basis", json!("sponsor_model")),
            ("fee_amendments", json!(0))
        ]),
        Some(4_000)
    );
    assert_eq!(
        fee(&[
            ("fee_rules_basis", json!("sponsor_model")),
            ("fee_amendments", json!(6))
        ]),
        Some(12_000)
    );
    assert_eq!(
        fee(&[
            ("fee_rules_basis", json!("sponsor_model")),
            ("fee_amendments", json!(7))
        ]),
        Some(35_000)
    );
    assert_eq!(
        fee(&[
            ("rules_source", json!("cuk_model")),
            ("amendments", json!(11))
        ]),
        Some(95_000)
    );
    assert_eq!(
        fee(&[("fee_rules_basis", json!("free_draft"))]),
        Some(95_000)
    );
}

#[test]
fn scenario_10_general_meeting_notice_and_vat_registration() {
    let list = compute(&[
        ("meeting_date", json!("2026-06-30")),
        ("vat_exceeded_month", json!("2026-10")),
    ]);
    // Headline: the last day to post it (deemed received 48 hours later, on the 15th).
    assert_eq!(date_of(&list, "D15"), d(2026, 6, 13));
    let vat = find(&list, "D22");
    assert_eq!(vat.date, Some(d(2026, 11, 30)));
    assert!(vat.note.contains("1 December 2026"), "{}", vat.note);
    let longer = compute(&[
        ("meeting_date", json!("2026-06-30")),
        ("notice_days", json!(21)),
    ]);
    // 21 clear days: received by 8 June, so posted by 6 June.
    assert_eq!(date_of(&longer, "D15"), d(2026, 6, 6));
}

#[test]
fn later_agms_are_due_within_15_months_and_in_the_next_calendar_year() {
    let list = compute(&[
        ("registered", json!("2026-04-15")),
        ("last_agm", json!("2027-03-10")),
    ]);
    assert_eq!(date_of(&list, "D14"), d(2028, 6, 10));
    let late = compute(&[("last_agm", json!("2027-11-20"))]);
    assert_eq!(date_of(&late, "D14"), d(2028, 12, 31));
}

#[test]
fn launch_registrations_and_finance_reminder() {
    let list = compute(&[
        ("trading_start", json!("2026-05-31")),
        ("first_payday", json!("2026-06-26")),
        ("ae_duties_start", json!("2026-06-01")),
        ("offer_expiry", json!("2026-09-30")),
        ("prepack", json!("yes")),
        ("sale_completion", json!("2026-05-20")),
    ]);
    assert_eq!(date_of(&list, "D21"), d(2026, 8, 31));
    assert!(find(&list, "D21").note.contains("bank holiday"));
    assert_eq!(date_of(&list, "D23"), d(2026, 6, 25));
    assert_eq!(date_of(&list, "D24"), d(2026, 11, 1));
    assert_eq!(date_of(&list, "D28"), d(2026, 9, 16));
    assert_eq!(date_of(&list, "D8"), d(2026, 5, 27));
}

#[test]
fn results_are_sorted_with_days_remaining_and_undated_fees_last() {
    let list = compute(&[
        ("year_end", json!("2026-12-31")),
        ("submitted", json!("2026-03-23")),
        ("fee_rules_basis", json!("free_draft")),
    ]);
    let ids: Vec<&str> = list.iter().map(|x| x.id).collect();
    assert_eq!(ids, ["D11", "D18", "D12"]);
    assert_eq!(find(&list, "D11").days_remaining, Some(90));
}

#[test]
fn a_date_in_a_year_without_holidays_is_flagged_for_checking() {
    let list = compute(&[("submitted", json!("2028-03-01"))]);
    assert!(find(&list, "D11").note.contains("2028"));
}

#[test]
fn every_computed_id_is_a_known_rule() {
    let list = compute(&[
        ("max_one_site_90d", json!(25)),
        ("consultation_start", json!("2027-02-01")),
        ("consultation_concluded", json!("2027-03-01")),
    ]);
    assert!(list.iter().all(|x| RULE_IDS.contains(&x.id)));
    assert_eq!(date_of(&list, "D3"), d(2027, 3, 1));
    assert!(find(&list, "D3").note.contains("3 March 2027"));
}
