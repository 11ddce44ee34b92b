//! Every piece of advice the readiness check can give is short enough to read on a phone:
//! no paragraph over 80 words and no sentence over 35 (issue 19), over the table of cases in
//! `tests` and a sweep of the answers that change the text.

use super::tests::{input, rows_for_text_check};
use super::*;
use chrono::NaiveDate;

const MAX_PARAGRAPH_WORDS: usize = 80;
const MAX_SENTENCE_WORDS: usize = 35;

fn problems(place: &str, text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for paragraph in text.split("\n\n") {
        let words = paragraph.split_whitespace().count();
        if words > MAX_PARAGRAPH_WORDS {
            found.push(format!("{place}: paragraph of {words} words: {paragraph}"));
        }
        // A sentence ends at . ? or ! followed by a space, so "s.6" stays whole.
        let mut current = String::new();
        let chars: Vec<char> = paragraph.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            current.push(*c);
            let at_end = chars.get(i + 1).is_none_or(|n| n.is_whitespace());
            if matches!(c, '.' | '?' | '!') && at_end || i + 1 == chars.len() {
                let words = current.split_whitespace().count();
                if words > MAX_SENTENCE_WORDS {
                    found.push(format!(
                        "{place}: sentence of {words} words: {}",
                        current.trim()
                    ));
                }
                current.clear();
            }
        }
    }
    found
}

fn texts(rec: &Recommendation) -> Vec<(String, String)> {
    let mut all = vec![("headline".to_string(), rec.headline.clone())];
    for f in &rec.legal_forms {
        all.push((format!("form {}", f.key), f.why.clone()));
        all.extend(
            f.trade_offs
                .iter()
                .map(|t| (format!("form {}", f.key), t.clone())),
        );
    }
    for a in &rec.alternatives {
        all.push((a.title.clone(), a.summary.clone()));
        all.push((a.title.clone(), a.why.clone()));
        all.extend(a.trade_offs.iter().map(|t| (a.title.clone(), t.clone())));
    }
    for c in &rec.clocks {
        all.push((c.title.clone(), c.explanation.clone()));
    }
    for (place, list) in [
        ("warning", &rec.warnings),
        ("this week", &rec.this_week),
        ("next step", &rec.next_steps),
    ] {
        all.extend(list.iter().map(|t| (place.to_string(), t.clone())));
    }
    for h in &rec.help {
        all.push((h.name.clone(), h.what.clone()));
    }
    all
}

#[test]
fn no_advice_paragraph_or_sentence_is_too_long() {
    let mut cases: Vec<(ReadinessInput, NaiveDate)> = rows_for_text_check()
        .into_iter()
        .map(|(situation, changes, today)| {
            let today = NaiveDate::parse_from_str(today, "%Y-%m-%d").expect("date");
            (input(situation, changes), today)
        })
        .collect();
    let today = NaiveDate::from_ymd_opt(2026, 6, 1).expect("date");
    let situations = [
        "owner_retiring",
        "owner_selling",
        "closure_announced",
        "redundancies_proposed",
        "administration",
        "liquidation",
        "freelancers",
        "new_idea",
    ];
    for situation in situations {
        for interest in ["most", "a_few", "not_interested", "not_asked"] {
            for profit in ["yes", "no", "dont_know"] {
                for wish in ["open_to_staff", "tax_efficient_sale", "other_buyer"] {
                    for aim in ["workers", "community", "both"] {
                        for people in ["1", "2", "10", "300"] {
                            let changes = [
                                ("interest", interest),
                                ("profit", profit),
                                ("owner_wish", wish),
                                ("aim", aim),
                                ("people", people),
                                ("accounts", "can_ask"),
                                ("staff_dismissed", "yes"),
                            ];
                            cases.push((input(situation, &changes), today));
                        }
                    }
                }
            }
        }
    }
    let mut found = std::collections::BTreeSet::new();
    for (answers, today) in &cases {
        let Ok(parsed) = parse(answers, *today) else {
            continue;
        };
        for (place, text) in texts(&assess(&parsed, *today)) {
            found.extend(problems(&place, &text));
        }
    }
    assert!(
        found.is_empty(),
        "{}",
        found.into_iter().collect::<Vec<_>>().join("\n")
    );
}
