//! Worked dates for the rules the issue found wrong or missing: D6 counted "beginning with"
//! the transfer, D15 and D16 by each way of giving notice, and D4, D26 and D27. Each expected
//! date is counted by hand in the comment beside it.

use super::tests::{compute, d, date_of, find};
use super::*;
use serde_json::json;

fn tupe(transfer: &str) -> NaiveDate {
    date_of(
        &compute(&[
            ("purchase_type", json!("assets_going_concern")),
            ("transfer_date", json!(transfer)),
        ]),
        "D6",
    )
}

#[test]
fn d6_tupe_claim_is_three_months_beginning_with_the_transfer() {
    // The day before, then three months on (the tribunals' rule).
    // 1 Jul → 30 Jun + 3m = 30 Sep (PATHWAYS scenario 3).
    assert_eq!(tupe("2026-07-01"), d(2026, 9, 30));
    // 1 Jun → 31 May, a month end, + 3m = 31 Aug (PATHWAYS' own example).
    assert_eq!(tupe("2026-06-01"), d(2026, 8, 31));
    // 30 Nov → 29 Nov + 3m: no 29 Feb in 2027, so the month's end, 28 Feb.
    // "transfer + 3m − 1d" would give 27 Feb, a day short.
    assert_eq!(tupe("2026-11-30"), d(2027, 2, 28));
    // In a leap year the same start runs to 29 Feb.
    assert_eq!(tupe("2027-11-30"), d(2028, 2, 29));
    // 31 Mar → 30 Mar + 3m = 30 Jun ("+ 3m − 1d" would give 29 Jun).
    assert_eq!(tupe("2027-03-31"), d(2027, 6, 30));
    // 1 Mar → 28 Feb (month end) + 3m = 31 May 2027, a bank holiday: flagged, not moved.
    let list = compute(&[
        ("purchase_type", json!("assets_only")),
        ("transfer_date", json!("2027-03-01")),
    ]);
    let claim = find(&list, "D6");
    assert_eq!(claim.date, Some(d(2027, 5, 31)));
    assert!(
        claim.note.contains("act by Friday 28 May 2027"),
        "{}",
        claim.note
    );
    assert!(claim.explanation.contains("beginning with"));
}

#[test]
fn d4_protective_award_counts_three_months_from_the_dismissal_and_the_cap_by_date() {
    let list = compute(&[
        ("max_one_site_90d", json!(25)),
        ("consultation_start", json!("2026-09-14")),
        ("first_dismissal_planned", json!("2026-10-01")),
    ]);
    let award = find(&list, "D4");
    // 1 Oct → 30 Sep, a month end, + 3m = 31 Dec 2026: October, November, December.
    assert_eq!(award.date, Some(d(2026, 12, 31)));
    assert!(award.explanation.contains("180 days' pay"));
    // 14 Sep + 30 days = 14 Oct: the planned 1 Oct cuts consultation short.
    assert!(award.note.contains("14 October 2026"), "{}", award.note);
    // Dismissals before 6 April 2026 carry the old 90-day cap, and a warning to check.
    let before = compute(&[
        ("max_one_site_90d", json!(120)),
        ("first_dismissal_planned", json!("2026-03-31")),
    ]);
    let award = find(&before, "D4");
    // 31 Mar → 30 Mar + 3m = 30 Jun.
    assert_eq!(award.date, Some(d(2026, 6, 30)));
    assert!(award.explanation.contains("90 days' pay"));
    assert!(award.note.contains("6 April 2026"));
    // Under 20 at one site there is no duty to consult collectively, so no award.
    let few = compute(&[
        ("max_one_site_90d", json!(19)),
        ("first_dismissal_planned", json!("2026-10-01")),
    ]);
    assert!(few.iter().all(|x| x.id != "D4"));
}

fn methods(deadline: &Deadline) -> Vec<(&'static str, NaiveDate, String)> {
    deadline
        .by_method
        .iter()
        .map(|m| (m.method, m.date, m.note.clone()))
        .collect()
}

#[test]
fn d15_gives_the_last_day_to_send_by_each_way_the_rules_allow() {
    // PATHWAYS scenario 10: Tue 30 June, 14 clear days (16–29 June). Received by Mon 15 June:
    // handed over or emailed that day (the rules treat both as received at once); post 48
    // hours, so Sat 13.
    let list = compute(&[("meeting_date", json!("2026-06-30"))]);
    let notice = find(&list, "D15");
    let by = methods(notice);
    assert_eq!(by.len(), 3);
    assert_eq!(by[0].1, d(2026, 6, 15));
    assert!(by[0].0.starts_with("Handed"));
    assert_eq!(by[1].1, d(2026, 6, 15));
    assert!(by[1].0.starts_with("Emailed"));
    assert_eq!(by[1].2, "");
    assert_eq!(by[2].1, d(2026, 6, 13));
    assert!(by[2].0.starts_with("Posted"));
    assert_eq!(notice.date, Some(d(2026, 6, 13)));
    assert!(notice.explanation.contains("48 hours"));
}

#[test]
fn d15_across_a_month_end_and_a_bank_holiday_and_judging_the_date_sent() {
    // Tue 15 Sep 2026, 14 clear days = 1–14 Sep, so received by Mon 31 Aug (a bank holiday,
    // flagged not moved), and so emailed by then too; posted by Sat 29 Aug.
    let list = compute(&[("meeting_date", json!("2026-09-15"))]);
    let by = methods(find(&list, "D15"));
    assert_eq!(
        by.iter().map(|m| m.1).collect::<Vec<_>>(),
        [d(2026, 8, 31), d(2026, 8, 31), d(2026, 8, 29)]
    );
    assert_eq!(by[0].2, "a bank holiday");
    let sent = |on: &str| {
        find(
            &compute(&[
                ("meeting_date", json!("2026-06-30")),
                ("notice_sent", json!(on)),
            ]),
            "D15",
        )
        .note
        .clone()
    };
    assert!(sent("2026-06-13").contains("in time however it was sent"));
    assert!(sent("2026-06-14").contains("only if it was handed over or emailed"));
    assert!(sent("2026-06-15").contains("only if it was handed over or emailed"));
    assert!(sent("2026-06-16").contains("too late"));
    // The rules' own notice period is used when it is longer: 21 clear days (9–29 June)
    // means received by 8 June, so posted by Sat 6 June.
    let longer = compute(&[
        ("meeting_date", json!("2026-06-30")),
        ("gm_notice_clear_days", json!(21)),
    ]);
    assert_eq!(methods(find(&longer, "D15"))[2].1, d(2026, 6, 6));
}

#[test]
fn d16_earliest_expulsion_meeting_by_each_way_the_notice_was_given() {
    // Notice given Mon 1 June, 21 days: handed over or emailed it counts that day, so 21
    // clear days are 2–22 June and the meeting can be on the 23rd; posted, received the 3rd
    // → 25th.
    let list = compute(&[("expulsion_notice_given", json!("2026-06-01"))]);
    let expel = find(&list, "D16");
    assert_eq!(
        methods(expel).iter().map(|m| m.1).collect::<Vec<_>>(),
        [d(2026, 6, 23), d(2026, 6, 23), d(2026, 6, 25)]
    );
    assert_eq!(expel.date, Some(d(2026, 6, 25)));
    // Over Christmas and with the rules' 14 days: given Fri 4 Dec, by hand or email → 4 + 15 =
    // Sat 19, posted → Mon 21 Dec.
    let list = compute(&[
        ("expulsion_notice_given", json!("2026-12-04")),
        ("expulsion_notice_days", json!(14)),
    ]);
    let by = methods(find(&list, "D16"));
    assert_eq!(
        by.iter().map(|m| m.1).collect::<Vec<_>>(),
        [d(2026, 12, 19), d(2026, 12, 19), d(2026, 12, 21)]
    );
    // With 21 days from the same Friday the posted date is Mon 28 Dec, a bank holiday.
    let list = compute(&[("expulsion_notice_given", json!("2026-12-04"))]);
    let expel = find(&list, "D16");
    assert_eq!(expel.date, Some(d(2026, 12, 28)));
    assert_eq!(methods(expel)[2].2, "a bank holiday");
    assert!(expel.falls_on_non_working_day);
}

#[test]
fn d26_invoice_due_date_and_the_fixed_sum_by_size_of_debt() {
    // No agreed term: 30 days. 30 Jan + 30 = 1 March 2026 (Jan 31 is day 1, Feb has 28).
    let list = compute(&[
        ("invoice_date", json!("2026-01-30")),
        ("invoice_amount", json!(99_999)),
    ]);
    let late = find(&list, "D26");
    assert_eq!(late.date, Some(d(2026, 3, 1)));
    assert_eq!(late.amount_pence, Some(4_000));
    assert!(late.explanation.contains("8% a year above"));
    // The member agreement's 60 days: 30 Jan + 60 = 31 March.
    let agreed = compute(&[
        ("invoice_date", json!("2026-01-30")),
        ("payment_terms_days", json!(60)),
    ]);
    assert_eq!(date_of(&agreed, "D26"), d(2026, 3, 31));
    assert_eq!(find(&agreed, "D26").amount_pence, None);
    // Band edges: £999.99 → £40; £1,000 → £70; £9,999.99 → £70; £10,000 → £100.
    assert_eq!(late_payment_compensation_pence(99_999), 4_000);
    assert_eq!(late_payment_compensation_pence(100_000), 7_000);
    assert_eq!(late_payment_compensation_pence(999_999), 7_000);
    assert_eq!(late_payment_compensation_pence(1_000_000), 10_000);
}

#[test]
fn d27_client_money_paid_on_within_ten_days() {
    // Received Fri 21 Aug 2026 + 10 = Mon 31 Aug, a bank holiday: act by Fri 28 Aug.
    // Statement: 21 Aug + 32 = 22 Sep.
    let list = compute(&[("client_money_received", json!("2026-08-21"))]);
    let pay = find(&list, "D27");
    assert_eq!(pay.date, Some(d(2026, 8, 31)));
    assert!(
        pay.note.contains("act by Friday 28 August 2026"),
        "{}",
        pay.note
    );
    assert!(pay.note.contains("22 September 2026"));
    let none = compute(&[
        ("client_money", json!("no")),
        ("client_money_received", json!("2026-08-21")),
    ]);
    assert!(none.iter().all(|x| x.id != "D27"));
}
