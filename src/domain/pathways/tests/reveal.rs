//! Follow-up questions are laid out after the answer that calls for them, whatever is stored.

use super::*;
use crate::domain::pathways::reveal::{flatten, page_layout, PlacedQuestion, RevealWhen};

fn keys(placed: &[PlacedQuestion<'_>]) -> Vec<String> {
    placed.iter().map(|p| p.question.key.clone()).collect()
}

#[test]
fn follow_ups_sit_under_their_question_before_anything_is_chosen() {
    let lib = library();
    let page = lib.page("trigger").unwrap();
    let layout = page_layout(&lib, page, &Answers::new());
    assert_eq!(keys(&layout), ["trigger", "trigger_date", "employer_form"]);
    let trigger = &layout[0];
    let groups: Vec<(&RevealWhen, Vec<String>)> = trigger
        .follow_ups
        .iter()
        .map(|g| (&g.when, keys(&g.questions)))
        .collect();
    assert_eq!(
        groups,
        [
            (
                &RevealWhen::AnyOf(vec![
                    "closure_announced".into(),
                    "redundancy_proposal".into()
                ]),
                vec!["closure_date".to_string()]
            ),
            (
                &RevealWhen::AnyOf(vec!["owner_retiring".into(), "owner_selling".into()]),
                vec!["owners_agree".to_string()]
            ),
        ]
    );
    let employer = &layout[2];
    assert_eq!(
        keys(&employer.follow_ups[0].questions),
        ["company_number"],
        "the company number is in the page before a limited company is chosen"
    );
}

#[test]
fn a_number_reveals_its_dates_and_chains_nest() {
    let lib = library();
    let page = lib.page("redundancy").unwrap();
    let layout = page_layout(&lib, page, &Answers::new());
    let site = layout
        .iter()
        .find(|p| p.question.key == "max_one_site_90d")
        .unwrap();
    assert_eq!(site.follow_ups[0].when, RevealWhen::AtLeast(20));
    assert_eq!(site.follow_ups[0].questions.len(), 4);

    let tupe = lib.page("tupe").unwrap();
    let layout = page_layout(&lib, tupe, &Answers::new());
    let purchase = &layout[0];
    let same_staff = &purchase.follow_ups[0].questions[0];
    assert_eq!(same_staff.question.key, "same_staff_same_work");
    assert_eq!(
        keys(&same_staff.follow_ups[0].questions),
        [
            "transfer_date",
            "transferring_staff",
            "measures_envisaged",
            "eli_received"
        ]
    );
    // Every question of the page is in it once, whatever is chosen, except those that
    // depend on another page's answer (the union's distinct identity).
    let all: Vec<&str> = flatten(&layout).iter().map(|q| q.key.as_str()).collect();
    assert_eq!(all.len(), tupe.questions.len() - 1);
    assert!(!all.contains(&"distinct_identity"));
}

#[test]
fn conditions_on_other_pages_still_decide_whether_a_question_is_asked() {
    let lib = library();
    let page = lib.page("insolvency").unwrap();
    let administration: Answers = [("trigger".to_string(), json!("administration"))].into();
    let all = |answers: &Answers| -> Vec<String> {
        flatten(&page_layout(&lib, page, answers))
            .iter()
            .map(|q| q.key.clone())
            .collect()
    };
    let asked = all(&administration);
    assert!(asked.contains(&"prepack".to_string()));
    assert!(
        !asked.contains(&"name_reuse".to_string()),
        "name reuse is asked only in a liquidation"
    );
    let liquidation: Answers = [("trigger".to_string(), json!("liquidation"))].into();
    let layout = page_layout(&lib, page, &liquidation);
    let connected = layout
        .iter()
        .find(|p| p.question.key == "connected_buyers")
        .unwrap();
    assert_eq!(
        connected.follow_ups[0].when,
        RevealWhen::AnyOf(vec!["yes".into()])
    );
    assert_eq!(keys(&connected.follow_ups[0].questions), ["name_reuse"]);
    assert!(!all(&liquidation).contains(&"prepack".to_string()));
}
