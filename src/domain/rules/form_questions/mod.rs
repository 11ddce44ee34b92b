//! The rules questions themselves: which forms ask each one (S society, C company,
//! F consortium), its label, its help text and its choices, page by page.

use super::form::FieldKind;

/// Which forms ask a question: S society, C company, F consortium.
pub(super) type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    FieldKind,
    &'static [(&'static str, &'static str)],
);

mod governance;
mod membership;
mod profits_union;

use governance::{BOARD_PAGE, MEETINGS_PAGE};
use membership::{MEMBERS_PAGE, MONEY_PAGE, NAME_PAGE};
use profits_union::{PROFITS_PAGE, UNION_PAGE};

pub(super) const PAGES: &[(&str, &str, &[Row])] = &[
    ("name", "Name and purpose", NAME_PAGE),
    ("members", "Members", MEMBERS_PAGE),
    ("money", "Shares and borrowing", MONEY_PAGE),
    ("meetings", "Meetings and votes", MEETINGS_PAGE),
    ("board", "The board", BOARD_PAGE),
    ("profits", "Profits and closing", PROFITS_PAGE),
    ("union", "Trade union", UNION_PAGE),
];
