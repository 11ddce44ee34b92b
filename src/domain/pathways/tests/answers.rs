//! Tests of answers: validation messages, stored forms, visibility and progress.

use super::*;

#[test]
fn a_valid_intake_page_is_stored_in_its_stored_forms() {
    let lib = library();
    let mut form = text(&[
        ("pathway", "buyout"),
        ("case_name", "  Ribble   Printworks "),
        ("group_name", "Ribble Print Ltd"),
        ("town", "Preston"),
        ("headcount", "1,200"),
        ("union_present", "Yes"),
        ("union_name", "unite"),
    ]);
    form.insert(
        "first_contact".into(),
        SubmittedValue::Date {
            day: "3".into(),
            month: "2".into(),
            year: "2026".into(),
        },
    );
    let saved = validate_page(&lib, "intake", &form, &Answers::new(), today()).unwrap();
    assert_eq!(saved["case_name"], json!("Ribble Printworks"));
    assert_eq!(saved["headcount"], json!(1200));
    assert_eq!(saved["union_present"], json!("yes"));
    assert_eq!(saved["first_contact"], json!("2026-02-03"));
    assert!(!saved.contains_key("sic_code"));
}

#[test]
fn each_problem_gets_a_plain_message_and_the_typed_values_come_back() {
    let lib = library();
    let mut form = text(&[
        ("pathway", "buyout"),
        ("case_name", "Ri"),
        ("town", "Preston"),
        ("sic_code", "1812"),
        ("headcount", "lots"),
        ("union_present", "yes"),
    ]);
    form.insert(
        "first_contact".into(),
        SubmittedValue::Date {
            day: "31".into(),
            month: "2".into(),
            year: "2026".into(),
        },
    );
    let rejected = validate_page(&lib, "intake", &form, &Answers::new(), today()).unwrap_err();
    let errors = rejected.errors.by_field();
    assert_eq!(
        errors["case_name"],
        "Case name must be 3 characters or more"
    );
    assert_eq!(errors["group_name"], "Enter business or group name");
    assert_eq!(
        errors["sic_code"],
        "Enter the SIC code as five numbers, like 18129"
    );
    assert_eq!(
        errors["headcount"],
        "Number of people involved must be a whole number, like 12"
    );
    assert_eq!(errors["union_name"], "Select union");
    assert_eq!(
        errors["first_contact"],
        "Date of first contact with the Centre must be a real date: February 2026 has 28 days"
    );
    assert_eq!(rejected.typed, form);
}

#[test]
fn dates_in_the_future_and_in_words_are_refused() {
    let lib = library();
    let mut form = text(&[
        ("pathway", "buyout"),
        ("case_name", "Test case"),
        ("group_name", "G"),
        ("town", "Preston"),
        ("headcount", "5"),
        ("union_present", "no"),
    ]);
    form.insert("first_contact".into(), SubmittedValue::text("2026-07-01"));
    let errors = validate_page(&lib, "intake", &form, &Answers::new(), today())
        .unwrap_err()
        .errors;
    assert_eq!(
        errors.first("first_contact"),
        Some("Date of first contact with the Centre must be today or in the past")
    );
    form.insert("first_contact".into(), SubmittedValue::text("first of May"));
    let errors = validate_page(&lib, "intake", &form, &Answers::new(), today())
        .unwrap_err()
        .errors;
    assert_eq!(
        errors.first("first_contact"),
        Some("Enter date of first contact with the Centre in the form 31 3 2027")
    );
}

#[test]
fn redundancies_at_one_site_cannot_exceed_the_total_and_twenty_reveals_the_dates() {
    let lib = library();
    let existing: Answers = [("trigger".to_string(), json!("closure_announced"))].into();
    let form = text(&[
        ("proposed_redundancies", "12"),
        ("max_one_site_90d", "25"),
        ("union_recognised", "yes"),
    ]);
    let errors = validate_page(&lib, "redundancy", &form, &existing, today())
        .unwrap_err()
        .errors;
    assert_eq!(errors.first("max_one_site_90d"), Some("Most redundancies proposed at one workplace within 90 days cannot be more than number of redundancies proposed (12)"));
    assert_eq!(
        errors.first("consultation_start"),
        Some("Enter date collective consultation started")
    );

    let form = text(&[
        ("proposed_redundancies", "30"),
        ("max_one_site_90d", "19"),
        ("union_recognised", "no"),
        ("reps_elected", "no"),
        ("consultation_start", "2026-05-01"),
    ]);
    let saved = validate_page(&lib, "redundancy", &form, &existing, today()).unwrap();
    assert!(
        !saved.contains_key("consultation_start"),
        "hidden answers are dropped"
    );
    assert_eq!(saved["reps_elected"], json!("no"));
}

#[test]
fn a_date_before_the_one_it_follows_is_refused() {
    let lib = library();
    let existing: Answers = [("trigger".to_string(), json!("closure_announced"))].into();
    let form = text(&[
        ("proposed_redundancies", "30"),
        ("max_one_site_90d", "30"),
        ("union_recognised", "yes"),
        ("consultation_start", "1 5 2026"),
        ("first_dismissal_planned", "30/4/2026"),
    ]);
    let errors = validate_page(&lib, "redundancy", &form, &existing, today())
        .unwrap_err()
        .errors;
    assert_eq!(errors.first("first_dismissal_planned"), Some("Date of the first planned dismissal must be on or after date collective consultation started (1 May 2026)"));
}

#[test]
fn money_percentages_months_choices_and_people_are_parsed() {
    let lib = library();
    let existing: Answers = [("headcount".to_string(), json!(40))].into();
    let mut form = text(&[
        ("quick_val_low", "£250,000"),
        ("quick_val_high", "200000"),
        ("survey_sent", "40"),
        ("survey_yes", "41"),
        ("mgmt_ready", "maybe"),
        ("go_decision", "go"),
    ]);
    form.insert(
        "skills_gaps".into(),
        SubmittedValue::List {
            items: vec!["sales".into(), "finance".into()],
        },
    );
    let errors = validate_page(&lib, "feasibility_quick", &form, &existing, today())
        .unwrap_err()
        .errors;
    assert_eq!(errors.first("quick_val_high"), Some("Highest likely value of the business must be at least lowest likely value of the business (£250,000.00)"));
    assert_eq!(errors.first("survey_yes"), Some("Number who would join and invest cannot be more than number of workers asked in the survey (40)"));
    assert_eq!(errors.first("mgmt_ready"), Some("Select one of the listed answers for are the current managers ready to work under a members' board"));
    assert!(!errors.has("skills_gaps"));

    let rows = |n: usize| SubmittedValue::People {
        rows: (0..n)
            .map(|i| PersonRow {
                name: format!("Person {i}"),
                role: "rep".into(),
                email: format!("p{i}@example.org"),
                phone: String::new(),
            })
            .chain([PersonRow::default()])
            .collect(),
    };
    let mut sg = text(&[("sessions_held", "2"), ("explore_decision", "proceed")]);
    sg.insert("sg_members".into(), rows(2));
    let errors = validate_page(&lib, "steering_group", &sg, &Answers::new(), today())
        .unwrap_err()
        .errors;
    assert_eq!(
        errors.first("sg_members"),
        Some("Add at least 3 people to steering group members (there are 2)")
    );
    sg.insert("sg_members".into(), rows(3));
    let saved = validate_page(&lib, "steering_group", &sg, &Answers::new(), today()).unwrap();
    assert_eq!(saved["sg_members"].as_array().unwrap().len(), 3);
    assert!(!saved.contains_key("nda_signed"));

    let reg = text(&[
        ("registration_body", "fca"),
        ("fee_rules_basis", "sponsor_model"),
        ("fee_amendments", "3"),
        ("sponsor_consent", "yes"),
        ("vat_exceeded_month", "10 2026"),
    ]);
    let saved = validate_page(&lib, "registration", &reg, &Answers::new(), today()).unwrap();
    assert_eq!(saved["vat_exceeded_month"], json!("2026-10"));
    assert!(!saved.contains_key("idv_done"));
}

#[test]
fn stored_answers_round_trip_through_the_form_and_read_well() {
    let lib = library();
    let q = |k: &str| lib.question(k).unwrap();
    assert_eq!(
        display_answer(q("quick_val_low"), Some(&json!(25_050_100))),
        "£250,501.00"
    );
    assert_eq!(
        display_answer(q("first_contact"), Some(&json!("2026-02-03"))),
        "3 February 2026"
    );
    assert_eq!(
        display_answer(q("vat_exceeded_month"), Some(&json!("2026-10"))),
        "October 2026"
    );
    assert_eq!(
        display_answer(q("union_name"), Some(&json!("mu"))),
        "Musicians' Union"
    );
    assert_eq!(
        display_answer(q("skills_gaps"), Some(&json!(["finance", "it"]))),
        "Finance, IT"
    );
    assert_eq!(display_answer(q("sic_code"), None), "Not answered");
    assert_eq!(
        form_value(q("quick_val_low"), Some(&json!(125_050))),
        SubmittedValue::text("1250.50")
    );
    assert_eq!(
        form_value(q("first_contact"), Some(&json!("2026-02-03"))),
        SubmittedValue::Date {
            day: "3".into(),
            month: "2".into(),
            year: "2026".into()
        }
    );
    let refilled: BTreeMap<String, SubmittedValue> = lib
        .page("registration")
        .unwrap()
        .questions
        .iter()
        .map(|x| {
            (
                x.key.clone(),
                form_value(
                    x,
                    Some(&json!("2026-10")).filter(|_| x.key == "vat_exceeded_month"),
                ),
            )
        })
        .collect();
    let mut refilled = refilled;
    refilled.insert(
        "registration_body".into(),
        SubmittedValue::text("companies_house"),
    );
    refilled.insert("idv_done".into(), SubmittedValue::text("yes"));
    let saved = validate_page(&lib, "registration", &refilled, &Answers::new(), today()).unwrap();
    assert_eq!(saved["vat_exceeded_month"], json!("2026-10"));
}

#[test]
fn stage_progress_lists_missing_answers_and_gate_criteria() {
    let lib = library();
    let mut answers: Answers = [
        ("trigger".to_string(), json!("owner_retiring")),
        ("trigger_date".to_string(), json!("2026-05-01")),
    ]
    .into();
    let progress = stage_progress(&lib, "buyout", "intake", &answers).unwrap();
    assert_eq!(progress.visible_pages, ["intake", "trigger"]);
    assert!(progress
        .missing
        .iter()
        .any(|m| m.question == "owners_agree"));
    assert!(progress
        .missing
        .iter()
        .all(|m| m.question != "proposed_redundancies"));
    assert!(progress.criteria_met());
    assert!(!progress.answers_complete());

    answers.insert("go_decision".into(), json!("more_info"));
    let feasibility = stage_progress(&lib, "buyout", "feasibility", &answers).unwrap();
    assert!(!feasibility.criteria_met());
    assert_eq!(
        feasibility.criteria[0].message,
        "The decision is to go ahead."
    );
    answers.insert("go_decision".into(), json!("go"));
    assert!(stage_progress(&lib, "buyout", "feasibility", &answers)
        .unwrap()
        .criteria_met());
}

#[test]
fn hidden_answers_are_ignored_by_visibility_and_effective_answers() {
    let lib = library();
    let answers: Answers = [
        ("trigger".to_string(), json!("owner_selling")),
        ("max_one_site_90d".to_string(), json!(30)),
        ("consultation_start".to_string(), json!("2026-05-01")),
        ("price".to_string(), json!(100)),
    ]
    .into();
    assert!(!is_visible(&lib, "consultation_start", &answers));
    let effective = effective_answers(&lib, &answers);
    assert!(!effective.contains_key("consultation_start"));
    assert!(!effective.contains_key("max_one_site_90d"));
    assert_eq!(
        effective["price"],
        json!(100),
        "answers from other forms pass through"
    );
    let page = lib.page("insolvency").unwrap();
    let liquidation: Answers = [
        ("trigger".to_string(), json!("liquidation")),
        ("connected_buyers".to_string(), json!("yes")),
    ]
    .into();
    let keys: Vec<&str> = visible_questions(&lib, page, &liquidation)
        .iter()
        .map(|q| q.key.as_str())
        .collect();
    assert_eq!(
        keys,
        [
            "insolvency_date",
            "ip_name",
            "connected_buyers",
            "name_reuse",
            "sale_completion"
        ]
    );
    assert!(visible_questions(&lib, page, &answers).is_empty());
}

#[test]
fn apply_page_replaces_only_that_pages_answers() {
    let lib = library();
    let existing: Answers = [
        ("town".to_string(), json!("Leyland")),
        ("sic_code".to_string(), json!("18129")),
        ("trigger".to_string(), json!("other")),
    ]
    .into();
    let saved: Answers = [("town".to_string(), json!("Preston"))].into();
    let after = apply_page(&lib, "intake", &existing, saved);
    assert_eq!(after["town"], json!("Preston"));
    assert!(!after.contains_key("sic_code"));
    assert_eq!(after["trigger"], json!("other"));
}

#[test]
fn a_person_row_email_is_checked_as_an_account_email_is() {
    let lib = library();
    let row = |email: &str| {
        let mut sg = text(&[("sessions_held", "2"), ("explore_decision", "proceed")]);
        let person = |i: usize| PersonRow {
            name: format!("Person {i}"),
            role: "rep".into(),
            email: if i == 0 {
                email.to_string()
            } else {
                format!("p{i}@example.org")
            },
            phone: String::new(),
        };
        sg.insert(
            "sg_members".into(),
            SubmittedValue::People {
                rows: (0..3).map(person).collect(),
            },
        );
        validate_page(&lib, "steering_group", &sg, &Answers::new(), today())
    };
    for bad in ["ann@example", "ann\t@example.org", "@example.org"] {
        let errors = row(bad).unwrap_err().errors;
        assert_eq!(
            errors.first("sg_members"),
            Some("Enter an email address like name@example.com for Person 0"),
            "{bad:?}"
        );
        assert!(crate::domain::user::check_email(bad).is_err(), "{bad:?}");
    }
    assert!(row("ann@example.org").is_ok());
}
