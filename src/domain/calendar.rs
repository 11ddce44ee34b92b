//! Date arithmetic for legal deadlines: calendar days, months, working days and clear days.
//!
//! The law counts time in several ways and getting one wrong can cost workers their rights,
//! so each way has one function here, named for the way it counts. Working days skip
//! weekends and England and Wales bank holidays; the holidays are data
//! (`templates/pathways/bank_holidays.toml`) because gov.uk announces them a year or so ahead
//! and staff add each new year. Nothing here moves a date to a working day: deadlines are
//! never rolled forward, only flagged. Pure: no web, database or template imports.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::Serialize;
use std::collections::BTreeSet;

/// The England and Wales bank holidays coopkit knows about, and the years the list covers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BankHolidays {
    dates: BTreeSet<NaiveDate>,
    years: BTreeSet<i32>,
}

impl BankHolidays {
    /// A list of holidays; the years covered are those of the dates given.
    pub fn new(dates: impl IntoIterator<Item = NaiveDate>) -> Self {
        let dates: BTreeSet<NaiveDate> = dates.into_iter().collect();
        let years = dates.iter().map(Datelike::year).collect();
        Self { dates, years }
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.dates.contains(&date)
    }

    /// Whether the list has any holidays for the year, so a count of working days through a
    /// year not yet added can be flagged as uncertain.
    pub fn covers_year(&self, year: i32) -> bool {
        self.years.contains(&year)
    }

    pub fn dates(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.dates.iter().copied()
    }
}

/// `date` plus `days` calendar days (negative to count back). The start is day 0.
pub fn add_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    let step = Days::new(days.unsigned_abs());
    if days >= 0 {
        date.checked_add_days(step)
    } else {
        date.checked_sub_days(step)
    }
}

/// `date` plus `months` calendar months: the same day of the month, or the last day of the
/// month when that day does not exist (31 Jan + 1 month = 28 or 29 Feb). A start on the last
/// day of a month ends on the last day of a month (28 Feb + 7 months = 30 Sep), as courts
/// read "months" in statutes.
pub fn add_months(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    let moved = date.checked_add_months(Months::new(months))?;
    if is_last_day_of_month(date) {
        last_day_of_month(moved)
    } else {
        Some(moved)
    }
}

/// The last day of the month `date` falls in.
pub fn last_day_of_month(date: NaiveDate) -> Option<NaiveDate> {
    let first = date.with_day(1)?;
    first
        .checked_add_months(Months::new(1))?
        .checked_sub_days(Days::new(1))
}

pub fn is_last_day_of_month(date: NaiveDate) -> bool {
    date.succ_opt().is_some_and(|next| next.day() == 1)
}

pub fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// A Saturday, Sunday or England and Wales bank holiday.
pub fn is_non_working_day(date: NaiveDate, holidays: &BankHolidays) -> bool {
    is_weekend(date) || holidays.contains(date)
}

/// The `count`th working day after `received` (the day of receipt is day 0 and does not
/// count, whatever day it is).
pub fn add_working_days(
    received: NaiveDate,
    count: u32,
    holidays: &BankHolidays,
) -> Option<NaiveDate> {
    let mut day = received;
    let mut counted = 0;
    while counted < count {
        day = day.succ_opt()?;
        if !is_non_working_day(day, holidays) {
            counted += 1;
        }
    }
    Some(day)
}

/// The last working day on or before `date`: when to act on a deadline that falls on a
/// weekend or holiday, since offices and post are shut that day.
pub fn working_day_on_or_before(date: NaiveDate, holidays: &BankHolidays) -> Option<NaiveDate> {
    let mut day = date;
    while is_non_working_day(day, holidays) {
        day = day.pred_opt()?;
    }
    Some(day)
}

/// Whole days strictly between two dates: "clear days" leave out both the day a notice is
/// sent and the day of the meeting.
pub fn clear_days_between(sent: NaiveDate, meeting: NaiveDate) -> i64 {
    (meeting - sent).num_days() - 1
}

/// The latest day a notice can be sent and still give `clear_days` clear days before the
/// meeting.
pub fn latest_notice_for_clear_days(meeting: NaiveDate, clear_days: u32) -> Option<NaiveDate> {
    add_days(meeting, -(i64::from(clear_days) + 1))
}

/// "Saturday 31 July 2027", the way dates are written in guidance and notes.
pub fn long_date(date: NaiveDate) -> String {
    date.format("%A %-d %B %Y").to_string()
}

/// "31 July 2027", for answers and tables.
pub fn plain_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// When a typed day, month and year are each plausible but together name no day (31/2/2027,
/// 29/2/2026), says so in words: "31 February 2027 is not a date: February 2027 has 28
/// days". `None` when the parts are not three such numbers, so the caller's own message
/// ("enter it like 1/2/2027") still fits, and when the date exists.
pub fn impossible_date_message(day: &str, month: &str, year: &str) -> Option<String> {
    let (day, first, length) = month_too_short(day, month, year)?;
    Some(format!(
        "{day} {} is not a date: {} has {length} days",
        first.format("%B %Y"),
        first.format("%B %Y")
    ))
}

/// How long the month is, when the day typed is past its end: "February 2027 has 28 days".
pub fn month_length_note(day: &str, month: &str, year: &str) -> Option<String> {
    let (_, first, length) = month_too_short(day, month, year)?;
    Some(format!("{} has {length} days", first.format("%B %Y")))
}

/// (day, first of the month, days in the month) when the day is past the month's end.
fn month_too_short(day: &str, month: &str, year: &str) -> Option<(u32, NaiveDate, u32)> {
    let day: u32 = day.trim().parse().ok().filter(|d| (1..=31).contains(d))?;
    let month: u32 = month.trim().parse().ok().filter(|m| (1..=12).contains(m))?;
    let year: i32 = year
        .trim()
        .parse()
        .ok()
        .filter(|y| (1000..=9999).contains(y))?;
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let length = last_day_of_month(first)?.day();
    (day > length).then_some((day, first, length))
}

/// `impossible_date_message` for a date typed in one box: `31/2/2027`, `31 2 2027`,
/// `31-02-2027` or `31.2.2027`.
pub fn impossible_typed_date_message(text: &str) -> Option<String> {
    match text
        .split([' ', '/', '-', '.'])
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .as_slice()
    {
        [day, month, year] if day.len() <= 2 => impossible_date_message(day, month, year),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_the_month_lacks_is_named_as_not_a_date() {
        assert_eq!(
            impossible_typed_date_message("31/2/2027").as_deref(),
            Some("31 February 2027 is not a date: February 2027 has 28 days")
        );
        assert_eq!(
            impossible_date_message("29", "2", "2028"),
            None,
            "2028 is a leap year"
        );
        assert!(impossible_date_message("31", "4", "2027").is_some());
        assert_eq!(impossible_typed_date_message("1/2/2027"), None);
        assert_eq!(impossible_typed_date_message("32/1/2027"), None);
        assert_eq!(impossible_typed_date_message("next Tuesday"), None);
        assert_eq!(impossible_typed_date_message("2027-02-31"), None);
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn holidays_2026_2027() -> BankHolidays {
        BankHolidays::new([
            d(2026, 1, 1),
            d(2026, 4, 3),
            d(2026, 4, 6),
            d(2026, 5, 4),
            d(2026, 5, 25),
            d(2026, 8, 31),
            d(2026, 12, 25),
            d(2026, 12, 28),
            d(2027, 1, 1),
            d(2027, 3, 26),
            d(2027, 3, 29),
            d(2027, 5, 3),
            d(2027, 5, 31),
            d(2027, 8, 30),
            d(2027, 12, 27),
            d(2027, 12, 28),
        ])
    }

    #[test]
    fn months_keep_the_day_or_fall_back_to_the_month_end() {
        assert_eq!(add_months(d(2026, 4, 15), 18), Some(d(2027, 10, 15)));
        assert_eq!(add_months(d(2027, 1, 31), 1), Some(d(2027, 2, 28)));
        assert_eq!(add_months(d(2028, 1, 30), 1), Some(d(2028, 2, 29)));
    }

    #[test]
    fn a_month_end_start_gives_a_month_end_result() {
        assert_eq!(add_months(d(2027, 2, 28), 7), Some(d(2027, 9, 30)));
        assert_eq!(add_months(d(2026, 12, 31), 7), Some(d(2027, 7, 31)));
        assert_eq!(add_months(d(2026, 4, 30), 1), Some(d(2026, 5, 31)));
    }

    #[test]
    fn working_days_skip_weekends_and_bank_holidays() {
        let hols = holidays_2026_2027();
        assert_eq!(
            add_working_days(d(2026, 3, 23), 15, &hols),
            Some(d(2026, 4, 15))
        );
        assert_eq!(
            add_working_days(d(2026, 3, 23), 15, &BankHolidays::default()),
            Some(d(2026, 4, 13))
        );
        assert_eq!(
            add_working_days(d(2026, 12, 14), 15, &hols),
            Some(d(2027, 1, 7))
        );
        assert_eq!(
            add_working_days(d(2026, 12, 14), 15, &BankHolidays::default()),
            Some(d(2027, 1, 4))
        );
        // Received on a Saturday: Monday is the first working day.
        assert_eq!(
            add_working_days(d(2026, 6, 13), 1, &hols),
            Some(d(2026, 6, 15))
        );
    }

    #[test]
    fn flags_weekends_and_holidays_without_moving_them() {
        let hols = holidays_2026_2027();
        assert!(is_non_working_day(d(2027, 7, 31), &hols));
        assert!(is_non_working_day(d(2026, 8, 31), &hols));
        assert!(!is_non_working_day(d(2026, 9, 1), &hols));
        assert_eq!(
            working_day_on_or_before(d(2027, 7, 31), &hols),
            Some(d(2027, 7, 30))
        );
        assert_eq!(
            working_day_on_or_before(d(2026, 12, 28), &hols),
            Some(d(2026, 12, 24))
        );
    }

    #[test]
    fn clear_days_leave_out_both_ends() {
        assert_eq!(
            latest_notice_for_clear_days(d(2026, 6, 30), 14),
            Some(d(2026, 6, 15))
        );
        assert_eq!(clear_days_between(d(2026, 6, 15), d(2026, 6, 30)), 14);
        assert!(holidays_2026_2027().covers_year(2027));
        assert!(!holidays_2026_2027().covers_year(2028));
        assert_eq!(long_date(d(2027, 7, 30)), "Friday 30 July 2027");
    }
}
