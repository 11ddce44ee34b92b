//! The public readiness check, "Could a co-op work for us?".
//!
//! Owns the questions a visitor answers without an account, the checking of those answers,
//! and the pure rules that turn them into a recommendation: which pathway fits, which legal
//! forms to weigh, when another route would serve better, which legal clocks are already
//! running, and what to do this week. It also builds the context of the one-page summary
//! (`templates/documents/readiness.hbs`) and the prefill of a case's intake.
//!
//! Pure domain: no rocket, sea_orm or handlebars. Every date rule takes `today` as an argument
//! so tests can fix it. The text is general guidance, never legal advice: it says "usually"
//! and "check with" where the law has exceptions.

mod actions;
mod advice;
mod answers;
mod assess;
mod choices;
mod clocks;
mod parse;
#[cfg(test)]
mod parse_tests;
mod questions;
mod summary;
#[cfg(test)]
mod summary_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod text_tests;

pub use answers::{
    Accounts, Aim, Choice, ChoiceOption, Interest, OwnerWish, Profit, ReadinessAnswers, Sector,
    Situation, Timescale, UnionAnswer, YesNoUnsure,
};
pub use assess::assess;
pub use parse::parse;
pub use questions::{questions, Question, QuestionKind, QuestionOption, ReadinessInput, ShowIf};
pub use summary::{intake_facts, intake_prefill, summary_context};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How soon the people asking need to act.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    Urgent,
    Soon,
    NoRush,
}

impl Urgency {
    pub fn label(self) -> &'static str {
        match self {
            Urgency::Urgent => "Urgent",
            Urgency::Soon => "Soon",
            Urgency::NoRush => "No rush",
        }
    }
}

/// The case pathways; the values match a case's `pathway` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pathway {
    Buyout,
    Startup,
    Freelancer,
}

impl Pathway {
    pub fn value(self) -> &'static str {
        match self {
            Pathway::Buyout => "buyout",
            Pathway::Startup => "startup",
            Pathway::Freelancer => "freelancer",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Pathway::Buyout => "Worker buyout: the staff take over the business as a co-op",
            Pathway::Startup => "New worker co-op: start a business owned by its workers",
            Pathway::Freelancer => "Freelancer co-op: self-employed people share a co-op",
        }
    }
}

/// A legal form worth weighing, with why it fits and what it costs in effort or freedom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormOption {
    /// Stable id, e.g. `society_worker` (the rules generator's `legal_form` where one exists).
    pub key: String,
    pub name: String,
    /// One sentence, short enough for the printed summary.
    pub why: String,
    pub trade_offs: Vec<String>,
}

/// A route other than a worker co-op, offered when it may serve the people better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    EmployeeOwnershipTrust,
    CommunityBenefitSociety,
    NotNow,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alternative {
    pub route: Route,
    pub title: String,
    /// One sentence for the printed summary.
    pub summary: String,
    /// The full, honest explanation, in one short paragraph.
    pub why: String,
    /// What it costs in effort or freedom, one point each, so the explanation stays short
    /// enough to read on a phone.
    #[serde(default)]
    pub trade_offs: Vec<String>,
}

/// A legal clock that is already running, or a legal fact that sets the pace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    pub title: String,
    pub explanation: String,
    pub ends_on: Option<NaiveDate>,
    /// Days from today to `ends_on`; negative once it has passed.
    pub days_left: Option<i64>,
    /// The clock has an end, but it cannot be dated until the start date is known.
    pub needs_start_date: bool,
    /// The deadline rule (PATHWAYS.md §5) or the legal source behind it.
    pub rule: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelpContact {
    pub name: String,
    /// What they can help with.
    pub what: String,
    /// How to reach them.
    pub how: String,
}

/// Everything the result page and the printed summary show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recommendation {
    pub headline: String,
    pub urgency: Urgency,
    /// `None` when a worker co-op is not the right step now.
    pub pathway: Option<Pathway>,
    pub legal_forms: Vec<FormOption>,
    pub alternatives: Vec<Alternative>,
    pub clocks: Vec<Clock>,
    /// Risks to look at before anyone commits money or hopes.
    pub warnings: Vec<String>,
    pub this_week: Vec<String>,
    pub next_steps: Vec<String>,
    pub help: Vec<HelpContact>,
}
