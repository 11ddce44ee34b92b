//! The workers' survey: its questions, checking a worker's answers, and the totals reps see.
//!
//! Capital is asked as a band (easier to answer honestly than an exact sum) or an exact
//! amount. For totals a band counts at a stated amount: its midpoint, and the top band
//! ("over £2,500") at its lower edge, because it has no upper one. Only people who would join
//! (yes or maybe) count towards pledged capital: someone who will not join will not buy a
//! member share.

use serde::Serialize;

use super::field_errors::FieldErrors;
use super::money::{format_pounds_whole, parse_pence};

/// (key, label) of each answer to "would you join?".
pub const JOIN_CHOICES: &[(&str, &str)] = &[
    ("yes", "Yes, I would join"),
    ("maybe", "Maybe: I need to know more"),
    ("no", "No, I would not join"),
];

pub const WORRIES: &[(&str, &str)] = &[
    ("money", "Putting my own money in"),
    ("job", "Keeping my job and my pay"),
    ("pension", "My pension and other rights at work"),
    ("responsibility", "The responsibility of running a business"),
    ("time", "Time for meetings and training"),
    (
        "relations",
        "Working relationships with managers and colleagues",
    ),
];

/// (key, label, pence counted in totals).
pub const CAPITAL_BANDS: &[(&str, &str, i64)] = &[
    ("none", "Nothing at the moment", 0),
    ("up_to_100", "Up to £100", 5_000),
    ("100_500", "£100 to £500", 30_000),
    ("500_1000", "£500 to £1,000", 75_000),
    ("1000_2500", "£1,000 to £2,500", 175_000),
    ("over_2500", "More than £2,500", 250_000),
    ("exact", "An exact amount", 0),
];

pub const CAPITAL_TERMS: &[(&str, &str)] = &[
    ("lump_sum", "All at once"),
    ("payroll_6", "Over 6 months, from my pay"),
    ("payroll_12", "Over 12 months, from my pay"),
    ("payroll_24", "Over 24 months, from my pay"),
];

/// Kept in step with the skills question of the feasibility stage (`skills_gaps`).
pub const SKILLS: &[(&str, &str)] = &[
    ("finance", "Money and bookkeeping"),
    ("sales", "Sales and customers"),
    ("operations", "Running the day-to-day work"),
    ("governance", "Meetings, minutes and the rules"),
    ("it", "Computers and IT"),
    ("management", "Managing people and projects"),
];

/// The largest amount a worker may pledge here: more is a conversation, not a survey answer.
pub const MAX_PLEDGE_PENCE: i64 = 10_000_000;

/// What a worker submitted, every value as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SurveyInput {
    pub would_join: String,
    pub worries: Vec<String>,
    pub worries_other: String,
    pub capital_band: String,
    pub capital_exact: String,
    pub capital_term: String,
    pub hours: String,
    pub skills: Vec<String>,
}

/// A worker's checked answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyAnswers {
    pub would_join: String,
    pub worries: Vec<String>,
    pub worries_other: String,
    pub capital_band: String,
    /// The band's counted amount, or the exact amount.
    pub capital_pence: i64,
    /// Empty when nothing is pledged.
    pub capital_term: String,
    pub hours_per_week: i32,
    pub skills: Vec<String>,
}

fn known(list: &[(&str, &str)], key: &str) -> bool {
    list.iter().any(|(k, _)| *k == key)
}

/// Checks the answers; each problem is reported against its field.
pub fn check(input: &SurveyInput) -> Result<SurveyAnswers, FieldErrors> {
    let mut errors = FieldErrors::new();
    if !known(JOIN_CHOICES, &input.would_join) {
        errors.add("would_join", "Choose whether you would join the co-op");
    }
    let worries: Vec<String> = WORRIES
        .iter()
        .filter(|(k, _)| input.worries.iter().any(|w| w == k))
        .map(|(k, _)| k.to_string())
        .collect();
    let worries_other = input.worries_other.trim().to_string();
    if worries_other.chars().count() > 1000 {
        errors.add("worries_other", "Use 1,000 characters or fewer");
    }
    let capital_pence = capital(input, &mut errors);
    let pledged = capital_pence.is_some_and(|p| p > 0);
    let capital_term = if pledged {
        if !known(CAPITAL_TERMS, &input.capital_term) {
            errors.add("capital_term", "Choose how you would pay it in");
        }
        input.capital_term.clone()
    } else {
        String::new()
    };
    let hours = match input.hours.trim().parse::<i32>() {
        Ok(h) if (0..=100).contains(&h) => h,
        Ok(_) => {
            errors.add("hours", "Enter a number of hours between 0 and 100");
            0
        }
        Err(_) if input.hours.trim().is_empty() => {
            errors.add("hours", "Enter how many hours you work in a usual week");
            0
        }
        Err(_) => {
            errors.add("hours", "Enter the hours as a whole number, like 37");
            0
        }
    };
    let skills = SKILLS
        .iter()
        .filter(|(k, _)| input.skills.iter().any(|s| s == k))
        .map(|(k, _)| k.to_string())
        .collect();
    errors.into_result(SurveyAnswers {
        would_join: input.would_join.clone(),
        worries,
        worries_other,
        capital_band: input.capital_band.clone(),
        capital_pence: capital_pence.unwrap_or(0),
        capital_term,
        hours_per_week: hours,
        skills,
    })
}

fn capital(input: &SurveyInput, errors: &mut FieldErrors) -> Option<i64> {
    let Some(&(key, _, counted)) = CAPITAL_BANDS
        .iter()
        .find(|(k, _, _)| *k == input.capital_band)
    else {
        errors.add("capital_band", "Choose how much you could put in");
        return None;
    };
    if key != "exact" {
        return Some(counted);
    }
    match parse_pence(&input.capital_exact) {
        Ok(p) if p < 0 => {
            errors.add("capital_exact", "Enter an amount of £0 or more");
            None
        }
        Ok(p) if p > MAX_PLEDGE_PENCE => {
            errors.add(
                "capital_exact",
                "For more than £100,000, talk to your rep instead",
            );
            None
        }
        Ok(p) => Some(p),
        Err(message) => {
            errors.add("capital_exact", message);
            None
        }
    }
}

/// One answer's stored row, as totals need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAnswer<'a> {
    pub would_join: &'a str,
    pub capital_pence: i64,
    pub skills: Vec<String>,
}

/// Pledged member capital, for the business plan.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PledgeTotals {
    /// People who would join (yes or maybe) and pledged more than nothing.
    pub members_pledged: u32,
    pub total_pence: i64,
    /// The middle pledge of those people (the mean of the two middle ones, rounded down, for
    /// an even number); 0 when nobody pledged.
    pub median_pence: i64,
}

/// Totals of a case's survey: counts, pledges and skills covered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SurveyTotals {
    pub responses: u32,
    pub yes: u32,
    pub maybe: u32,
    pub no: u32,
    pub pledges: PledgeTotals,
    /// (label, how many people offer it), in the question's order.
    pub skills: Vec<(String, u32)>,
}

pub fn pledge_totals(answers: &[StoredAnswer<'_>]) -> PledgeTotals {
    let mut pledges: Vec<i64> = answers
        .iter()
        .filter(|a| matches!(a.would_join, "yes" | "maybe") && a.capital_pence > 0)
        .map(|a| a.capital_pence)
        .collect();
    pledges.sort_unstable();
    let n = pledges.len();
    let median_pence = match n {
        0 => 0,
        _ if n % 2 == 1 => pledges[n / 2],
        _ => (pledges[n / 2 - 1] + pledges[n / 2]) / 2,
    };
    PledgeTotals {
        members_pledged: n as u32,
        total_pence: pledges.iter().sum(),
        median_pence,
    }
}

/// Fewest answers before workers see the totals, unless configured otherwise.
pub const DEFAULT_MIN_ANSWERS_FOR_TOTALS: u32 = 5;

/// Whether a worker may see the totals. With few answers, totals give individual answers
/// away ("2 yes" when two people answered, and you know who they are), so workers see them
/// only from `min_answers` answers on. Reps and the centre see everyone's answers anyway.
pub fn totals_shown_to_workers(totals: &SurveyTotals, min_answers: u32) -> bool {
    totals.responses >= min_answers
}

pub fn totals(answers: &[StoredAnswer<'_>]) -> SurveyTotals {
    let count = |choice: &str| answers.iter().filter(|a| a.would_join == choice).count() as u32;
    SurveyTotals {
        responses: answers.len() as u32,
        yes: count("yes"),
        maybe: count("maybe"),
        no: count("no"),
        pledges: pledge_totals(answers),
        skills: SKILLS
            .iter()
            .map(|(key, label)| {
                let n = answers
                    .iter()
                    .filter(|a| a.skills.iter().any(|s| s == key))
                    .count();
                (label.to_string(), n as u32)
            })
            .collect(),
    }
}

/// A stored answer in words, for the people allowed to see individual answers.
pub fn label_of<'a>(list: &'a [(&'a str, &'a str)], key: &str) -> &'a str {
    list.iter().find(|(k, _)| *k == key).map_or("", |(_, l)| l)
}

/// The capital answer in words: the band, or the exact amount.
pub fn capital_label(band: &str, pence: i64) -> String {
    match CAPITAL_BANDS.iter().find(|(k, _, _)| *k == band) {
        Some(("exact", _, _)) => format_pounds_whole(pence),
        Some((_, label, _)) => label.to_string(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn workers_see_totals_only_from_the_threshold_on() {
        let with = |responses| super::SurveyTotals {
            responses,
            ..Default::default()
        };
        assert!(!super::totals_shown_to_workers(&with(4), 5));
        assert!(super::totals_shown_to_workers(&with(5), 5));
        assert!(super::totals_shown_to_workers(&with(0), 0));
    }

    use super::*;

    fn input() -> SurveyInput {
        SurveyInput {
            would_join: "yes".into(),
            worries: vec!["money".into(), "made_up".into()],
            worries_other: " The van ".into(),
            capital_band: "100_500".into(),
            capital_exact: String::new(),
            capital_term: "payroll_12".into(),
            hours: "37".into(),
            skills: vec!["finance".into()],
        }
    }

    #[test]
    fn good_answers_are_kept_and_unknown_keys_dropped() {
        let a = check(&input()).unwrap();
        assert_eq!(a.worries, ["money"]);
        assert_eq!(a.worries_other, "The van");
        assert_eq!(a.capital_pence, 30_000);
        assert_eq!(a.hours_per_week, 37);
    }

    #[test]
    fn missing_and_wrong_answers_are_reported_by_field() {
        let bad = SurveyInput {
            would_join: "perhaps".into(),
            capital_band: "exact".into(),
            capital_exact: "lots".into(),
            hours: "200".into(),
            ..Default::default()
        };
        let errors = check(&bad).unwrap_err();
        for field in ["would_join", "capital_exact", "hours"] {
            assert!(errors.has(field), "{field}");
        }
        let term = SurveyInput {
            capital_term: String::new(),
            ..input()
        };
        assert!(check(&term).unwrap_err().has("capital_term"));
        let nothing = SurveyInput {
            capital_band: "none".into(),
            capital_term: String::new(),
            ..input()
        };
        assert_eq!(check(&nothing).unwrap().capital_term, "");
    }

    #[test]
    fn totals_count_only_people_who_would_join_and_take_the_median() {
        let rows = [
            StoredAnswer {
                would_join: "yes",
                capital_pence: 30_000,
                skills: vec!["finance".into()],
            },
            StoredAnswer {
                would_join: "maybe",
                capital_pence: 100_000,
                skills: vec![],
            },
            StoredAnswer {
                would_join: "yes",
                capital_pence: 5_000,
                skills: vec!["finance".into(), "it".into()],
            },
            StoredAnswer {
                would_join: "yes",
                capital_pence: 0,
                skills: vec![],
            },
            StoredAnswer {
                would_join: "no",
                capital_pence: 250_000,
                skills: vec![],
            },
        ];
        let t = totals(&rows);
        assert_eq!((t.responses, t.yes, t.maybe, t.no), (5, 3, 1, 1));
        assert_eq!(
            t.pledges,
            PledgeTotals {
                members_pledged: 3,
                total_pence: 135_000,
                median_pence: 30_000
            }
        );
        assert_eq!(t.skills[0], ("Money and bookkeeping".to_string(), 2));
        let even = pledge_totals(&rows[..2]);
        assert_eq!(even.median_pence, 65_000);
        assert_eq!(pledge_totals(&[]), PledgeTotals::default());
    }
}
