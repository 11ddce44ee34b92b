//! The checked answers of the readiness check, as closed sets of choices.
//!
//! Each choice lists its stored value and its label in one table (`Choice::OPTIONS`), so the
//! web form, the parser and the JSON stored with an enquiry cannot drift apart: the form shows
//! the labels, the parser accepts only the values, and serde writes the same values.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use super::choices::{Accounts, Aim, Interest, OwnerWish, Profit, Timescale, YesNoUnsure};

/// One option of a choice question: the value a form sends and stores, and what people read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChoiceOption<T: 'static> {
    pub choice: T,
    pub value: &'static str,
    pub label: &'static str,
}

/// A closed set of answers with a value and a label for each.
pub trait Choice: Copy + PartialEq + Sized + 'static {
    const OPTIONS: &'static [ChoiceOption<Self>];

    fn from_value(value: &str) -> Option<Self> {
        Self::OPTIONS
            .iter()
            .find(|o| o.value == value)
            .map(|o| o.choice)
    }

    fn value(self) -> &'static str {
        Self::OPTIONS
            .iter()
            .find(|o| o.choice == self)
            .map_or("", |o| o.value)
    }

    fn label(self) -> &'static str {
        Self::OPTIONS
            .iter()
            .find(|o| o.choice == self)
            .map_or("", |o| o.label)
    }
}

pub(super) const fn opt<T>(choice: T, value: &'static str, label: &'static str) -> ChoiceOption<T> {
    ChoiceOption {
        choice,
        value,
        label,
    }
}

/// What is happening that makes people ask about a co-op.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Situation {
    OwnerRetiring,
    OwnerSelling,
    ClosureAnnounced,
    RedundanciesProposed,
    Administration,
    Liquidation,
    Freelancers,
    NewIdea,
}

impl Choice for Situation {
    const OPTIONS: &'static [ChoiceOption<Self>] = &[
        opt(
            Self::OwnerRetiring,
            "owner_retiring",
            "The owner is retiring",
        ),
        opt(
            Self::OwnerSelling,
            "owner_selling",
            "The owner wants to sell the business",
        ),
        opt(
            Self::ClosureAnnounced,
            "closure_announced",
            "A closure has been announced",
        ),
        opt(
            Self::RedundanciesProposed,
            "redundancies_proposed",
            "Redundancies have been proposed",
        ),
        opt(
            Self::Administration,
            "administration",
            "The business has gone into administration",
        ),
        opt(
            Self::Liquidation,
            "liquidation",
            "The business has gone into liquidation",
        ),
        opt(
            Self::Freelancers,
            "freelancers",
            "We are freelancers or self-employed and want to band together",
        ),
        opt(
            Self::NewIdea,
            "new_idea",
            "We have an idea for a new business",
        ),
    ];
}

impl Situation {
    /// An existing business whose jobs are at risk now, where legal clocks may already run.
    pub fn jobs_at_risk(self) -> bool {
        matches!(
            self,
            Self::ClosureAnnounced
                | Self::RedundanciesProposed
                | Self::Administration
                | Self::Liquidation
        )
    }

    pub fn is_insolvent(self) -> bool {
        matches!(self, Self::Administration | Self::Liquidation)
    }

    pub fn is_owner_exit(self) -> bool {
        matches!(self, Self::OwnerRetiring | Self::OwnerSelling)
    }

    /// Workers taking over a business that already exists, rather than starting one.
    pub fn is_takeover(self) -> bool {
        self.jobs_at_risk() || self.is_owner_exit()
    }

    /// Whether the date question asks when something already started (so it cannot be in
    /// the future) rather than when something is planned.
    pub fn date_is_a_start(self) -> bool {
        self.jobs_at_risk()
    }

    /// How pressing the situation is, most pressing first: when several are chosen, the
    /// most pressing one leads the advice (its headline, pathway and case trigger).
    pub fn pressing_rank(self) -> u8 {
        match self {
            Self::Liquidation => 0,
            Self::Administration => 1,
            Self::ClosureAnnounced => 2,
            Self::RedundanciesProposed => 3,
            Self::OwnerSelling => 4,
            Self::OwnerRetiring => 5,
            Self::Freelancers => 6,
            Self::NewIdea => 7,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    Manufacturing,
    Retail,
    Hospitality,
    Care,
    Construction,
    Creative,
    Professional,
    Transport,
    Other,
}

impl Choice for Sector {
    const OPTIONS: &'static [ChoiceOption<Self>] = &[
        opt(
            Self::Manufacturing,
            "manufacturing",
            "Making things (manufacturing, engineering, food production)",
        ),
        opt(Self::Retail, "retail", "Shops and selling"),
        opt(
            Self::Hospitality,
            "hospitality",
            "Cafés, pubs, restaurants and hotels",
        ),
        opt(Self::Care, "care", "Care, health and childcare"),
        opt(Self::Construction, "construction", "Building and trades"),
        opt(
            Self::Creative,
            "creative",
            "Film, TV, music, theatre, media and design",
        ),
        opt(
            Self::Professional,
            "professional",
            "Office, technical and professional services",
        ),
        opt(
            Self::Transport,
            "transport",
            "Transport, delivery and logistics",
        ),
        opt(Self::Other, "other", "Something else"),
    ];
}

/// Which union, if any. The named values match the case intake's `union_name` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnionAnswer {
    None,
    NotSure,
    Unite,
    Gmb,
    Unison,
    Bectu,
    Equity,
    Mu,
    Nuj,
    Community,
    Usdaw,
    Cwu,
    Other,
}

impl Choice for UnionAnswer {
    const OPTIONS: &'static [ChoiceOption<Self>] = &[
        opt(Self::None, "none", "No union is involved"),
        opt(Self::NotSure, "not_sure", "Not sure"),
        opt(Self::Unite, "unite", "Unite"),
        opt(Self::Gmb, "gmb", "GMB"),
        opt(Self::Unison, "unison", "UNISON"),
        opt(Self::Bectu, "bectu", "Bectu"),
        opt(Self::Equity, "equity", "Equity"),
        opt(Self::Mu, "mu", "Musicians' Union"),
        opt(Self::Nuj, "nuj", "NUJ"),
        opt(Self::Community, "community", "Community"),
        opt(Self::Usdaw, "usdaw", "USDAW"),
        opt(Self::Cwu, "cwu", "CWU"),
        opt(Self::Other, "other", "Another union"),
    ];
}

impl UnionAnswer {
    /// Whether a union is involved (`Other` counts: a union is, we just don't know which).
    pub fn is_involved(self) -> bool {
        !matches!(self, Self::None | Self::NotSure)
    }

    /// How to name the union inside a sentence ("your Unite rep", "your union rep").
    pub fn in_sentence(self) -> &'static str {
        match self {
            Self::None | Self::NotSure | Self::Other => "union",
            named => named.label(),
        }
    }
}

/// The answers once checked. Answers to questions that were hidden for the chosen situation
/// are `None`, so later rules never act on a stale answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadinessAnswers {
    /// The most pressing of the situations chosen: it leads the advice.
    pub situation: Situation,
    /// Every situation chosen (an owner retiring *and* redundancies proposed), most pressing
    /// first; the legal clocks, actions and help cover all of them.
    pub situations: Vec<Situation>,
    pub people: u32,
    /// Redundancies proposed at the single most affected site; `None` when not asked or
    /// left blank.
    pub at_one_site: Option<u32>,
    pub sector: Sector,
    pub union: UnionAnswer,
    pub timescale: Timescale,
    /// When collective consultation on redundancies started (asked when jobs are at risk).
    pub consultation_start: Option<NaiveDate>,
    /// When the business went into administration or liquidation.
    pub insolvency_date: Option<NaiveDate>,
    /// The date the owner or group is aiming for (owner exit, freelancers, new idea).
    pub target_date: Option<NaiveDate>,
    pub staff_dismissed: Option<YesNoUnsure>,
    pub interest: Interest,
    pub owner_wish: Option<OwnerWish>,
    pub aim: Aim,
    pub profit: Profit,
    pub turnaround: Option<YesNoUnsure>,
    pub accounts: Option<Accounts>,
}

impl ReadinessAnswers {
    /// Whether any of the situations chosen is one `test` picks out.
    pub fn any(&self, test: impl Fn(Situation) -> bool) -> bool {
        self.situations.iter().any(|s| test(*s))
    }

    /// The date that sets the pace of the leading situation: the start of consultation or of
    /// the insolvency (a clock already running), or otherwise the date aimed for.
    pub fn key_date(&self) -> Option<NaiveDate> {
        if self.situation.is_insolvent() {
            self.insolvency_date
        } else if self.situation.jobs_at_risk() {
            self.consultation_start
        } else {
            self.target_date
        }
    }
}
