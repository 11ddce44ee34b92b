//! The questions of the public readiness check, as data the web form renders from.
//!
//! Which question shows depends on earlier answers (`show_if`); the parser reads the same
//! conditions, so a hidden question is never required and its stale answer never used.

use super::answers::{
    Accounts, Aim, Choice, Interest, OwnerWish, Profit, Sector, Situation, Timescale, UnionAnswer,
    YesNoUnsure,
};
use serde::{Deserialize, Serialize};

/// What the form sends: every answer as typed, so the form can be shown again unchanged.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReadinessInput {
    /// Every situation chosen, separated by commas (`owner_retiring,redundancies_proposed`):
    /// one text, so it travels in one hidden field and one query parameter, and an enquiry
    /// stored when only one could be chosen reads the same.
    pub situation: String,
    pub people: String,
    pub at_one_site: String,
    pub consultation_start: String,
    pub insolvency_date: String,
    pub staff_dismissed: String,
    pub target_date: String,
    pub timescale: String,
    pub sector: String,
    pub union: String,
    pub interest: String,
    pub owner_wish: String,
    pub aim: String,
    pub profit: String,
    pub turnaround: String,
    pub accounts: String,
}

impl ReadinessInput {
    /// The typed answer to a question, by the question's key ("" for an unknown key).
    pub fn get(&self, key: &str) -> &str {
        let value = match key {
            "situation" => &self.situation,
            "people" => &self.people,
            "at_one_site" => &self.at_one_site,
            "consultation_start" => &self.consultation_start,
            "insolvency_date" => &self.insolvency_date,
            "staff_dismissed" => &self.staff_dismissed,
            "target_date" => &self.target_date,
            "timescale" => &self.timescale,
            "sector" => &self.sector,
            "union" => &self.union,
            "interest" => &self.interest,
            "owner_wish" => &self.owner_wish,
            "aim" => &self.aim,
            "profit" => &self.profit,
            "turnaround" => &self.turnaround,
            "accounts" => &self.accounts,
            _ => return "",
        };
        value.trim()
    }

    /// The typed answers to a question: each choice of a question with several answers
    /// (`situation`), otherwise the one answer (none when blank).
    pub fn values(&self, key: &str) -> Vec<&str> {
        let raw = self.get(key);
        if key == MULTI_CHOICE_KEY {
            raw.split(',')
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .collect()
        } else if raw.is_empty() {
            Vec::new()
        } else {
            vec![raw]
        }
    }
}

/// The one question that takes several answers: more than one thing can be happening at once.
const MULTI_CHOICE_KEY: &str = "situation";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// Radio buttons: one of `options`.
    Choice,
    /// Checkboxes: one or more of `options`.
    Choices,
    /// A whole number between `min` and `max`.
    Number,
    /// A date, typed as day/month/year or sent by a date picker as YYYY-MM-DD.
    Date,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionOption {
    pub value: &'static str,
    pub label: &'static str,
}

/// Show the question only when another question's answer is one of `any_of`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShowIf {
    pub question: &'static str,
    pub any_of: Vec<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Question {
    pub key: &'static str,
    pub label: &'static str,
    /// Extra help under the label; empty when the label says enough.
    pub hint: &'static str,
    pub kind: QuestionKind,
    pub required: bool,
    pub options: Vec<QuestionOption>,
    pub min: Option<u32>,
    pub max: Option<u32>,
    pub show_if: Option<ShowIf>,
}

impl Question {
    /// Whether the question is shown for these answers. A condition on an unknown or blank
    /// answer is false, so conditional questions stay hidden until the situation is chosen.
    pub fn is_shown(&self, input: &ReadinessInput) -> bool {
        self.show_if.as_ref().is_none_or(|cond| {
            input
                .values(cond.question)
                .iter()
                .any(|v| cond.any_of.contains(v))
        })
    }
}

pub const MAX_PEOPLE: u32 = 100_000;

const JOBS_AT_RISK: &[&str] = &["closure_announced", "redundancies_proposed"];
const INSOLVENT: &[&str] = &["administration", "liquidation"];
const OWNER_EXIT: &[&str] = &["owner_retiring", "owner_selling"];
const TAKEOVER: &[&str] = &[
    "owner_retiring",
    "owner_selling",
    "closure_announced",
    "redundancies_proposed",
    "administration",
    "liquidation",
];
const NOT_INSOLVENT: &[&str] = &[
    "owner_retiring",
    "owner_selling",
    "closure_announced",
    "redundancies_proposed",
    "freelancers",
    "new_idea",
];
const PLANNED: &[&str] = &["owner_retiring", "owner_selling", "freelancers", "new_idea"];

fn options_of<T: Choice>() -> Vec<QuestionOption> {
    T::OPTIONS
        .iter()
        .map(|o| QuestionOption {
            value: o.value,
            label: o.label,
        })
        .collect()
}

fn when(question: &'static str, any_of: &[&'static str]) -> Option<ShowIf> {
    Some(ShowIf {
        question,
        any_of: any_of.to_vec(),
    })
}

fn choice<T: Choice>(key: &'static str, label: &'static str, hint: &'static str) -> Question {
    Question {
        key,
        label,
        hint,
        kind: QuestionKind::Choice,
        required: true,
        options: options_of::<T>(),
        min: None,
        max: None,
        show_if: None,
    }
}

fn choices<T: Choice>(key: &'static str, label: &'static str, hint: &'static str) -> Question {
    Question {
        kind: QuestionKind::Choices,
        ..choice::<T>(key, label, hint)
    }
}

fn date(key: &'static str, label: &'static str, hint: &'static str) -> Question {
    Question {
        key,
        label,
        hint,
        kind: QuestionKind::Date,
        required: false,
        options: Vec::new(),
        min: None,
        max: None,
        show_if: None,
    }
}

fn number(key: &'static str, label: &'static str, hint: &'static str, required: bool) -> Question {
    Question {
        key,
        label,
        hint,
        kind: QuestionKind::Number,
        required,
        options: Vec::new(),
        min: Some(if required { 1 } else { 0 }),
        max: Some(MAX_PEOPLE),
        show_if: None,
    }
}

fn shown_when(mut question: Question, show_if: Option<ShowIf>) -> Question {
    question.show_if = show_if;
    question
}

/// The questions in the order the form asks them.
pub fn questions() -> Vec<Question> {
    vec![
        choices::<Situation>("situation", "What is happening?", "Choose all that apply: the owner may be retiring and redundancies proposed at the same time."),
        number("people", "How many people are involved?", "Everyone who works in the business, or everyone who would join the co-op.", true),
        shown_when(
            number("at_one_site", "How many redundancies are proposed at the most affected workplace?", "Count the jobs at one site within 90 days. Leave it blank if you don't know: we will use the number of people.", false),
            when("situation", JOBS_AT_RISK),
        ),
        shown_when(
            date("consultation_start", "When did the employer start consulting about redundancies?", "The date of the first consultation meeting or letter. Leave it blank if consultation has not started or you don't know."),
            when("situation", JOBS_AT_RISK),
        ),
        shown_when(
            date("insolvency_date", "On what date did the business go into administration or liquidation?", "It is on the letter from the insolvency practitioner. Leave it blank if you don't know."),
            when("situation", INSOLVENT),
        ),
        shown_when(
            choice::<YesNoUnsure>("staff_dismissed", "Have the staff already been dismissed?", ""),
            when("situation", INSOLVENT),
        ),
        shown_when(
            date("target_date", "Is there a date you are working towards?", "For example the day the owner wants to retire or sell, or when you hope to start trading. Leave it blank if there isn't one."),
            when("situation", PLANNED),
        ),
        shown_when(
            choice::<Timescale>("timescale", "How soon do things need to happen?", ""),
            when("situation", NOT_INSOLVENT),
        ),
        choice::<Sector>("sector", "What kind of work is it?", ""),
        choice::<UnionAnswer>("union", "Is a trade union involved?", "Choose the union if any of the people involved are members, even if the employer does not recognise it."),
        choice::<Interest>("interest", "Are the people involved keen to own and run the business together?", "In a worker co-op the people who work in the business own it, with one vote each."),
        shown_when(
            choice::<OwnerWish>("owner_wish", "What does the owner want from the sale?", ""),
            when("situation", OWNER_EXIT),
        ),
        choice::<Aim>("aim", "Who is the business mainly for?", ""),
        choice::<Profit>("profit", "Does the business make a profit?", "Over the last year or two, after paying everyone."),
        shown_when(
            choice::<YesNoUnsure>("turnaround", "Do you have ideas that could turn it round?", "For example new customers, lower costs, or work the current owner turned down."),
            when("profit", &["no"]),
        ),
        shown_when(
            choice::<Accounts>("accounts", "Can you see the business's accounts?", "A limited company's filed accounts are free to read on the Companies House website, but small companies often file them without a profit and loss account."),
            when("situation", TAKEOVER),
        ),
    ]
}
