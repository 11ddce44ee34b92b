//! The printed summary's context, the intake prefill and the stored JSON shapes.

use super::tests::input;
use super::*;
use chrono::NaiveDate;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
}

#[test]
fn the_recommendation_serialises_with_snake_case_values() {
    let today = day("2026-06-01");
    let rec = assess(
        &parse(
            &input("administration", &[("insolvency_date", "2026-05-20")]),
            today,
        )
        .expect("valid"),
        today,
    );
    let json = serde_json::to_value(&rec).expect("serialises");
    assert_eq!(json["urgency"], "urgent");
    assert_eq!(json["pathway"], "buyout");
    assert_eq!(json["clocks"][0]["ends_on"], "2026-07-14");
    let back: Recommendation = serde_json::from_value(json).expect("reads back");
    assert_eq!(back, rec);
}

#[test]
fn intake_prefill_maps_to_intake_keys() {
    let today = day("2027-02-10");
    let changes = [
        ("people", "40"),
        ("at_one_site", "25"),
        ("consultation_start", "2027-02-01"),
        ("union", "unison"),
    ];
    let answers = parse(&input("redundancies_proposed", &changes), today).expect("valid");
    let prefill = intake_prefill(&answers);
    let expected = serde_json::json!({
        "pathway": "buyout", "headcount": 40, "union_present": "yes", "union_name": "unison",
        "trigger": "redundancy_proposal", "trigger_date": "2027-02-01", "consultation_start": "2027-02-01",
        "max_one_site_90d": 25,
    });
    assert_eq!(serde_json::Value::Object(prefill), expected);

    let freelancers = parse(&input("freelancers", &[("union", "not_sure")]), today).expect("valid");
    let prefill = intake_prefill(&freelancers);
    assert_eq!(
        prefill.get("pathway"),
        Some(&serde_json::json!("freelancer"))
    );
    assert!(!prefill.contains_key("trigger") && !prefill.contains_key("union_present"));
}

#[test]
fn summary_context_preformats_dates_and_days() {
    let today = day("2027-02-10");
    let changes = [
        ("people", "40"),
        ("at_one_site", "25"),
        ("consultation_start", "2027-02-01"),
    ];
    let answers = parse(&input("redundancies_proposed", &changes), today).expect("valid");
    let context = summary_context(&answers, &assess(&answers, today), today);
    assert_eq!(context["prepared_on"], "Wednesday 10 February 2027");
    assert_eq!(context["clocks"][0]["ends_on"], "Wednesday 3 March 2027");
    assert_eq!(context["clocks"][0]["days_left"], "21 days");
    assert_eq!(context["union"], "Unite");
    assert_eq!(context["situation"], "redundancies have been proposed");
}

#[test]
fn the_eot_alternative_states_its_trade_offs() {
    let today = day("2026-06-01");
    let changes = [
        ("interest", "not_interested"),
        ("owner_wish", "tax_efficient_sale"),
    ];
    let rec = assess(
        &parse(&input("owner_selling", &changes), today).expect("valid"),
        today,
    );
    let eot = &rec.alternatives[0];
    for fact in [
        "£3,600",
        "30 October 2024",
        "fewer than half of the trustees",
        "market value",
    ] {
        let said = format!("{} {}", eot.why, eot.trade_offs.join(" "));
        assert!(said.contains(fact), "EOT text lacks {fact}");
    }
}

#[test]
fn union_help_names_the_union_or_points_to_one() {
    let today = day("2026-06-01");
    let named = assess(
        &parse(&input("closure_announced", &[("union", "gmb")]), today).expect("valid"),
        today,
    );
    assert_eq!(named.help[1].name, "GMB (your union)");
    let none = assess(
        &parse(&input("closure_announced", &[("union", "none")]), today).expect("valid"),
        today,
    );
    assert_eq!(none.help[1].name, "A trade union");
    assert!(none.help.iter().any(|h| h.name == "Acas"));
}

#[test]
fn several_situations_are_all_reflected() {
    let today = day("2027-02-10");
    let changes = [
        ("people", "40"),
        ("at_one_site", "25"),
        ("consultation_start", "2027-02-01"),
        ("target_date", "2027-09-01"),
        ("timescale", "within_3_months"),
    ];
    let typed = input("owner_retiring,redundancies_proposed", &changes);
    let answers = parse(&typed, today).expect("valid");
    assert_eq!(
        answers.situation,
        Situation::RedundanciesProposed,
        "the most pressing leads"
    );
    assert_eq!(
        answers.situations,
        [Situation::RedundanciesProposed, Situation::OwnerRetiring]
    );
    assert_eq!(
        answers.target_date,
        Some(day("2027-09-01")),
        "both follow-ups are asked"
    );
    let rec = assess(&answers, today);
    assert_eq!(rec.urgency, Urgency::Urgent);
    assert_eq!(rec.clocks.len(), 1);
    assert_eq!(rec.clocks[0].ends_on, Some(day("2027-03-03")));
    assert!(rec
        .this_week
        .iter()
        .any(|a| a.contains("HR1") || a.contains("in writing")));
    assert!(
        rec.this_week
            .iter()
            .any(|a| a.contains("confidentiality agreement")),
        "the owner's retirement brings its own actions: {:?}",
        rec.this_week
    );
    let context = summary_context(&answers, &rec, today);
    assert_eq!(
        context["situation"],
        "redundancies have been proposed and the owner is retiring"
    );
    let prefill = intake_prefill(&answers);
    assert_eq!(prefill["trigger"], "redundancy_proposal");
    assert_eq!(prefill["max_one_site_90d"], 25);
    assert_eq!(prefill["consultation_start"], "2027-02-01");

    let closure_too = input("closure_announced,redundancies_proposed", &changes);
    let rec = assess(&parse(&closure_too, today).expect("valid"), today);
    assert_eq!(rec.clocks.len(), 1, "one consultation clock, not two");
}

#[test]
fn the_case_gets_the_facts_the_clocks_ran_from() {
    let today = day("2027-02-10");
    let everyone = parse(
        &input(
            "redundancies_proposed",
            &[("people", "30"), ("consultation_start", "2027-02-01")],
        ),
        today,
    )
    .expect("valid");
    let prefill = intake_prefill(&everyone);
    assert_eq!(prefill["max_one_site_90d"], 30, "the count the check used");
    assert_eq!(prefill["consultation_start"], "2027-02-01");
    assert_eq!(
        intake_facts(&everyone),
        ["Collective consultation on redundancies started on Monday 1 February 2027, with 30 redundancies counted at one workplace."]
    );

    let administration = parse(
        &input("administration", &[("insolvency_date", "2027-02-03")]),
        today,
    )
    .expect("valid");
    let prefill = intake_prefill(&administration);
    assert_eq!(prefill["insolvency_date"], "2027-02-03");
    assert_eq!(prefill["max_one_site_90d"], 10);
    assert!(!prefill.contains_key("consultation_start"));
    assert!(intake_facts(&administration)[0].contains("Wednesday 3 February 2027"));
}
