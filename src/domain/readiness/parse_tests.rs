//! Checking typed answers: messages per field, hidden questions ignored, dates read as typed.

use super::tests::input;
use super::*;
use chrono::NaiveDate;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).expect("date")
}

fn errors_for(situation: &str, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    match parse(&input(situation, changes), today()) {
        Ok(_) => Vec::new(),
        Err(errors) => errors
            .iter()
            .map(|e| (e.field.clone(), e.message.clone()))
            .collect(),
    }
}

#[test]
fn an_empty_form_asks_for_each_shown_question() {
    let errors = parse(&ReadinessInput::default(), today()).expect_err("empty");
    let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "situation",
            "people",
            "sector",
            "union",
            "interest",
            "aim",
            "profit"
        ]
    );
    assert_eq!(errors.first("situation"), Some("Choose what is happening"));
}

#[test]
fn people_must_be_a_whole_number_from_1_to_100000() {
    for (typed, message) in [
        ("0", "Enter at least 1 person"),
        ("ten", "Enter a whole number, like 25"),
        ("2.5", "Enter a whole number, like 25"),
        ("100001", "Enter a number no bigger than 100,000"),
        ("", "Enter how many people are involved"),
    ] {
        let errors = errors_for("new_idea", &[("people", typed)]);
        assert_eq!(
            errors,
            [("people".to_string(), message.to_string())],
            "{typed}"
        );
    }
    let answers = parse(&input("new_idea", &[("people", " 1,200 ")]), today()).expect("valid");
    assert_eq!(answers.people, 1200);
}

#[test]
fn redundancies_at_one_site_cannot_exceed_the_people_involved() {
    let errors = errors_for(
        "redundancies_proposed",
        &[("people", "10"), ("at_one_site", "11")],
    );
    assert_eq!(errors[0].0, "at_one_site");
}

#[test]
fn a_start_date_cannot_be_in_the_future_but_a_target_date_can() {
    let errors = errors_for("administration", &[("insolvency_date", "2026-06-02")]);
    assert_eq!(errors[0].0, "insolvency_date");
    assert!(errors[0].1.contains("can't be in the future"));
    let answers = parse(
        &input("owner_retiring", &[("target_date", "2027-06-02")]),
        today(),
    )
    .expect("a planned date may be ahead");
    assert_eq!(answers.target_date, NaiveDate::from_ymd_opt(2027, 6, 2));
    assert_eq!(answers.key_date(), answers.target_date);
    let errors = errors_for("owner_retiring", &[("target_date", "2060-01-01")]);
    assert_eq!(errors[0].0, "target_date");
}

#[test]
fn dates_are_read_as_people_in_the_uk_type_them() {
    for typed in [
        "2026-02-01",
        "1/2/2026",
        "01-02-2026",
        "1 February 2026",
        "1 Feb 2026",
    ] {
        let answers = parse(
            &input(
                "closure_announced",
                &[("people", "30"), ("consultation_start", typed)],
            ),
            today(),
        )
        .unwrap_or_else(|e| panic!("{typed}: {e:?}"));
        assert_eq!(
            answers.consultation_start,
            NaiveDate::from_ymd_opt(2026, 2, 1),
            "{typed}"
        );
    }
    let errors = errors_for(
        "closure_announced",
        &[("consultation_start", "next Tuesday")],
    );
    assert_eq!(
        errors[0].1,
        "Enter the date as day/month/year, for example 1/2/2027"
    );
}

#[test]
fn answers_to_hidden_questions_are_ignored() {
    let changes = [
        ("consultation_start", "nonsense"),
        ("owner_wish", "bad"),
        ("accounts", ""),
    ];
    let answers = parse(&input("new_idea", &changes), today()).expect("hidden answers ignored");
    assert_eq!(answers.consultation_start, None);
    assert_eq!(answers.owner_wish, None);
    assert_eq!(answers.accounts, None);
    assert_eq!(answers.staff_dismissed, None);
    assert_eq!(
        answers.turnaround, None,
        "profit is yes, so turnaround is hidden"
    );
}

#[test]
fn insolvency_skips_the_timescale_question() {
    let answers = parse(&input("liquidation", &[("timescale", "")]), today()).expect("valid");
    assert_eq!(answers.timescale, Timescale::AlreadyHappening);
    let errors = errors_for("owner_selling", &[("timescale", "")]);
    assert_eq!(errors[0].0, "timescale");
}

#[test]
fn unknown_choices_are_rejected() {
    let errors = errors_for("owner_selling", &[("interest", "very")]);
    assert_eq!(
        errors,
        [(
            "interest".to_string(),
            "Choose one of the options shown".to_string()
        )]
    );
}

fn serde_values_match<T: Choice + serde::Serialize + std::fmt::Debug>() {
    for option in T::OPTIONS {
        let json = serde_json::to_value(option.choice).expect("serialises");
        assert_eq!(json, option.value, "serde and the options table disagree");
        assert_eq!(T::from_value(option.value), Some(option.choice));
    }
}

#[test]
fn stored_values_match_the_options_shown() {
    serde_values_match::<Situation>();
    serde_values_match::<Sector>();
    serde_values_match::<UnionAnswer>();
    serde_values_match::<Timescale>();
    serde_values_match::<YesNoUnsure>();
    serde_values_match::<Interest>();
    serde_values_match::<OwnerWish>();
    serde_values_match::<Aim>();
    serde_values_match::<Profit>();
    serde_values_match::<Accounts>();
}

#[test]
fn every_question_reads_its_own_input_field() {
    let questions = questions();
    for question in &questions {
        let input: ReadinessInput =
            serde_json::from_value(serde_json::json!({ question.key: "x" })).expect("field");
        assert_eq!(input.get(question.key), "x", "{}", question.key);
        if let Some(cond) = &question.show_if {
            assert!(
                questions.iter().any(|q| q.key == cond.question),
                "{}",
                question.key
            );
        }
    }
    let situation = &questions[0];
    assert_eq!(situation.options.len(), 8);
    assert_eq!(situation.options[3].value, "redundancies_proposed");
}

#[test]
fn answers_round_trip_through_json() {
    let answers = parse(
        &input("administration", &[("insolvency_date", "14/9/2025")]),
        today(),
    )
    .expect("valid");
    let json = serde_json::to_value(&answers).expect("serialises");
    assert_eq!(json["situation"], "administration");
    assert_eq!(json["insolvency_date"], "2025-09-14");
    let back: ReadinessAnswers = serde_json::from_value(json).expect("reads back");
    assert_eq!(back, answers);
}

#[test]
fn several_situations_may_be_chosen_but_each_must_be_an_option() {
    let answers = parse(&input("new_idea,owner_selling,new_idea", &[]), today()).expect("valid");
    assert_eq!(
        answers.situations,
        [Situation::OwnerSelling, Situation::NewIdea],
        "most pressing first, each once"
    );
    let errors = errors_for("owner_selling,moon_base", &[]);
    assert_eq!(errors[0].0, "situation");
    let errors = errors_for("", &[]);
    assert_eq!(errors[0].1, "Choose what is happening");
}

#[test]
fn a_day_the_month_lacks_is_called_out_not_the_format() {
    let errors = errors_for("closure_announced", &[("consultation_start", "31/2/2026")]);
    assert_eq!(
        errors[0].1,
        "31 February 2026 is not a date: February 2026 has 28 days"
    );
}
