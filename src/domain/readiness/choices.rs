//! The smaller choice sets of the readiness check: timing, interest, money and aims.
//!
//! Kept apart from `answers` only to keep files short; the same `Choice` table rule applies.

use super::answers::{opt, Choice, ChoiceOption};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Timescale {
    AlreadyHappening,
    #[serde(rename = "within_3_months")]
    Within3Months,
    WithinAYear,
    Later,
    NotSure,
}

impl Choice for Timescale {
    const OPTIONS: &'static [ChoiceOption<Self>] = &[
        opt(
            Self::AlreadyHappening,
            "already_happening",
            "It is already happening",
        ),
        opt(
            Self::Within3Months,
            "within_3_months",
            "Within the next 3 months",
        ),
        opt(Self::WithinAYear, "within_a_year", "Within a year"),
        opt(Self::Later, "later", "More than a year away"),
        opt(Self::NotSure, "not_sure", "Not sure"),
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum YesNoUnsure {
    Yes,
    No,
    NotSure,
}

impl Choice for YesNoUnsure {
    const OPTIONS: &'static [ChoiceOption<Self>] = &[
        opt(Self::Yes, "yes", "Yes"),
        opt(Self::No, "no", "No"),
        opt(Self::NotSure, "not_sure", "Not sure"),
    ];
}

/// How many of the people involved want to own and run the business together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Interest {
    Most,
    Some,
    AFew,
    NotInterested,
    NotAsked,
}

impl Choice for Interest {
    const OPTIONS: &'static [ChoiceOption<Self>] = &[
        opt(Self::Most, "most", "Most of them are keen"),
        opt(Self::Some, "some", "Some are keen"),
        opt(Self::AFew, "a_few", "Only a few are keen"),
        opt(
            Self::NotInterested,
            "not_interested",
            "They are not interested",
        ),
        opt(Self::NotAsked, "not_asked", "We have not asked them yet"),
    ];
}

/// What the owner wants from the sale, for owner-exit situations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OwnerWish {
    OpenToStaff,
    TaxEfficientSale,
    OtherBuyer,
    NotAsked,
}

impl Choice for OwnerWish {
    const OPTIONS: &'static [ChoiceOption<Self>] = &[
        opt(
            Self::OpenToStaff,
            "open_to_staff",
            "Open to selling to the staff",
        ),
        opt(
            Self::TaxEfficientSale,
            "tax_efficient_sale",
            "Mainly wants a sale with tax relief",
        ),
        opt(
            Self::OtherBuyer,
            "other_buyer",
            "Wants to sell to someone else",
        ),
        opt(Self::NotAsked, "not_asked", "We don't know yet"),
    ];
}

/// Whom the business is mainly for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aim {
    Workers,
    Community,
    Both,
    NotSure,
}

impl Choice for Aim {
    const OPTIONS: &'static [ChoiceOption<Self>] = &[
        opt(
            Self::Workers,
            "workers",
            "Good jobs, owned and run by the people who work in it",
        ),
        opt(
            Self::Community,
            "community",
            "Keeping a service going for the local community",
        ),
        opt(Self::Both, "both", "Both of these"),
        opt(Self::NotSure, "not_sure", "Not sure yet"),
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Profit {
    Yes,
    BreaksEven,
    No,
    NotTrading,
    DontKnow,
}

impl Choice for Profit {
    const OPTIONS: &'static [ChoiceOption<Self>] = &[
        opt(Self::Yes, "yes", "Yes, it makes a profit"),
        opt(Self::BreaksEven, "breaks_even", "It roughly breaks even"),
        opt(Self::No, "no", "No, it loses money"),
        opt(Self::NotTrading, "not_trading", "It is not trading yet"),
        opt(Self::DontKnow, "dont_know", "We don't know"),
    ];
}

/// Whether the people involved can see the business's accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Accounts {
    Seen,
    CanAsk,
    NotAvailable,
    DontKnow,
}

impl Choice for Accounts {
    const OPTIONS: &'static [ChoiceOption<Self>] = &[
        opt(Self::Seen, "seen", "Yes, we have seen recent accounts"),
        opt(Self::CanAsk, "can_ask", "We could ask for them"),
        opt(Self::NotAvailable, "not_available", "No, we can't get them"),
        opt(Self::DontKnow, "dont_know", "We don't know"),
    ];
}
