//! Questions on the co-op's name and purpose, its members, and its shares and borrowing.

use super::Row;
use crate::domain::rules::form::FieldKind::{
    Choice, LongText, Money, Number, People, Percent, Text, YesNo,
};

pub(super) const NAME_PAGE: &[Row] = &[
    ("SCF", "name", "The co-op's full name", "Include the ending: \"Limited\" for a society (\"Cyfyngedig\" if the office is in Wales), \"Limited\" or \"Ltd\" for a company.", Text, &[]),
    ("SF", "office_nation", "Where the registered office is", "A society's office must be in Great Britain or the Channel Islands.", Choice, &[("england", "England"), ("wales", "Wales"), ("scotland", "Scotland"), ("channel_islands", "Channel Islands")]),
    ("C", "office_nation", "Where the company is registered", "This is the jurisdiction on the registration form.", Choice, &[("england_wales", "England and Wales"), ("wales", "Wales"), ("scotland", "Scotland"), ("northern_ireland", "Northern Ireland")]),
    ("SCF", "office_address", "Registered office address", "Official letters go here. It can be the workplace.", LongText, &[]),
    ("SCF", "objects", "What the business does", "One or two sentences, 20 to 1,500 characters, e.g. \"Commercial printing and binding\".", LongText, &[]),
    ("F", "trade_definition", "The members' trade", "Who can join, e.g. \"freelance film and TV crew in the North West\".", LongText, &[]),
];

pub(super) const MEMBERS_PAGE: &[Row] = &[
    ("SCF", "founders", "Founder members", "Everyone who will sign the application. A society needs at least 3. Mark who will be a director and who the secretary.", People, &[]),
    ("SCF", "member_min_age", "Youngest age to join", "16 to 18. Directors must be at least 16 whatever you choose.", Number, &[]),
    ("SC", "min_hours_week", "Fewest hours a week to join", "0 to 16; 8 is usual. Setting it high can unfairly shut out part-timers.", Number, &[]),
    ("SC", "probation_exclusion", "Can new staff be kept out during probation?", "If yes, a members' meeting can apply it to all new starters equally.", YesNo, &[]),
    ("SC", "probation_months", "Longest probation (months)", "1 to 12; 6 is usual.", Number, &[]),
    ("SCF", "expulsion_notice_days", "Notice before an expulsion vote (days)", "14 to 60. The member gets the reasons in writing and can speak at the meeting.", Number, &[]),
    ("F", "member_entity", "Who can be a member", "Freelancers only, or also their own one-person companies.", Choice, &[("individuals", "Individuals only"), ("individuals_and_own_companies", "Individuals and their own companies")]),
    ("F", "inactivity_months", "Months without using the co-op before membership can end", "3 to 36. The member gets a written warning first.", Number, &[]),
];

pub(super) const MONEY_PAGE: &[Row] = &[
    (
        "SF",
        "member_share_pence",
        "Price of a membership share",
        "Usually £1. It buys a vote, not a return; it is paid back when you leave.",
        Money,
        &[],
    ),
    (
        "F",
        "max_shares",
        "Most membership shares one member can hold",
        "1 to 1,000. Still one vote each, however many.",
        Number,
        &[],
    ),
    (
        "SF",
        "investment_shares",
        "Offer investment shares?",
        "Non-voting shares that raise money; they can be frozen and can lose value.",
        YesNo,
        &[],
    ),
    (
        "SF",
        "share_interest_max_pct",
        "Most interest on investment shares (% a year)",
        "Keep it no higher than needed to raise the money.",
        Percent,
        &[],
    ),
    (
        "SF",
        "withdrawal_notice_months",
        "Notice to cash in investment shares (months)",
        "0 to 24; 3 is usual.",
        Number,
        &[],
    ),
    (
        "SF",
        "withdrawal_lock_years",
        "Years before investment shares can be cashed in",
        "0 to 10; new co-ops often choose 3.",
        Number,
        &[],
    ),
    (
        "SF",
        "max_holding_pence",
        "Most any member can hold in shares",
        "The law caps withdrawable shares at £100,000 per person.",
        Money,
        &[],
    ),
    (
        "C",
        "guarantee_pence",
        "Each member's guarantee",
        "What a member promises to pay if the company is wound up: £1 to £100; £1 is usual.",
        Money,
        &[],
    ),
    (
        "SCF",
        "borrowing_mode",
        "Who decides on borrowing",
        "Bigger loans can be kept for members to approve.",
        Choice,
        &[
            ("board_discretion", "The board decides, up to the maximum"),
            ("cap", "The board, up to the maximum; raising it changes the rules"),
            ("gm_above_cap", "The board up to a limit; members above it"),
        ],
    ),
    (
        "SCF",
        "borrowing_cap_pence",
        "Borrowing maximum",
        "The most the co-op may owe on loans at any one time. The law requires the rules to state it; count every loan in the business plan, the seller's deferred payment included.",
        Money,
        &[],
    ),
    (
        "SCF",
        "member_loan_interest_max_pct",
        "Most interest on members' loans (% a year)",
        "0 means members lend interest-free.",
        Percent,
        &[],
    ),
];
