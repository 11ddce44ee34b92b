//! UK clock time for events: sessions are stored in UTC and typed and shown as the time on a
//! clock in Preston.
//!
//! The UK rule is fixed in law (the Summer Time Order 2002): British Summer Time runs from
//! 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October. Writing
//! the rule here keeps a time-zone database out of the build; if the law changes, this file
//! changes with it.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

const HOUR: i64 = 60 * 60;

fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }
    .expect("the first of a month exists");
    let mut day = first_of_next.pred_opt().expect("a month has a last day");
    while day.weekday() != Weekday::Sun {
        day = day.pred_opt().expect("a month has a Sunday");
    }
    day
}

/// The UTC instant (seconds) at which the clocks change in `month` of `year`.
fn change_at(year: i32, month: u32) -> i64 {
    last_sunday(year, month)
        .and_time(NaiveTime::from_hms_opt(1, 0, 0).expect("01:00 exists"))
        .and_utc()
        .timestamp()
}

/// Whether British Summer Time is in force at a UTC instant.
pub fn is_summer_time(utc: i64) -> bool {
    let Some(at) = chrono::DateTime::from_timestamp(utc, 0) else {
        return false;
    };
    let year = at.year();
    (change_at(year, 3)..change_at(year, 10)).contains(&utc)
}

/// The clock time in the UK at a UTC instant.
pub fn to_local(utc: i64) -> NaiveDateTime {
    let offset = if is_summer_time(utc) { HOUR } else { 0 };
    chrono::DateTime::from_timestamp(utc + offset, 0)
        .unwrap_or_default()
        .naive_utc()
}

/// Why a UK clock time cannot be turned into an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoSuchTime {
    /// Between 01:00 and 02:00 on the morning the clocks go forward.
    ClocksGoForward,
}

/// The UTC instant of a UK clock time. In the hour the clocks go back, which happens twice,
/// the first (summer time) is meant: people booking a 01:30 session mean the first one.
pub fn to_utc(local: NaiveDateTime) -> Result<i64, NoSuchTime> {
    let wall = local.and_utc().timestamp();
    let in_summer = wall - HOUR;
    if is_summer_time(in_summer) {
        return Ok(in_summer);
    }
    if !is_summer_time(wall) {
        return Ok(wall);
    }
    Err(NoSuchTime::ClocksGoForward)
}

/// "Tuesday 3 March 2026", as people read a date.
pub fn long_date(date: NaiveDate) -> String {
    date.format("%A %-d %B %Y").to_string()
}

/// "10:00" on the 24-hour clock, the way the centre's posters print times.
pub fn clock(time: NaiveDateTime) -> String {
    time.format("%H:%M").to_string()
}

/// "Tuesday 3 March 2026, 10:00 to 11:30": one session as the public reads it. A session
/// running past midnight names its end date too.
pub fn describe_session(starts_at: i64, ends_at: i64) -> String {
    let start = to_local(starts_at);
    let end = to_local(ends_at);
    if start.date() == end.date() {
        format!(
            "{}, {} to {}",
            long_date(start.date()),
            clock(start),
            clock(end)
        )
    } else {
        format!(
            "{}, {} to {}, {}",
            long_date(start.date()),
            clock(start),
            long_date(end.date()),
            clock(end)
        )
    }
}

/// The length of a session in whole minutes.
pub fn minutes_between(starts_at: i64, ends_at: i64) -> i64 {
    Duration::seconds(ends_at - starts_at).num_minutes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn winter_times_are_utc_and_summer_times_an_hour_ahead() {
        let january = to_utc(local(2026, 1, 15, 10, 0)).unwrap();
        assert_eq!(to_local(january), local(2026, 1, 15, 10, 0));
        assert_eq!(
            january,
            local(2026, 1, 15, 10, 0).and_utc().timestamp(),
            "GMT is UTC"
        );
        let july = to_utc(local(2026, 7, 15, 10, 0)).unwrap();
        assert_eq!(july, local(2026, 7, 15, 9, 0).and_utc().timestamp());
        assert_eq!(to_local(july), local(2026, 7, 15, 10, 0));
    }

    #[test]
    fn the_clocks_change_on_the_last_sundays_of_march_and_october() {
        // 2026: 29 March and 25 October.
        assert_eq!(
            last_sunday(2026, 3),
            NaiveDate::from_ymd_opt(2026, 3, 29).unwrap()
        );
        assert_eq!(
            last_sunday(2026, 10),
            NaiveDate::from_ymd_opt(2026, 10, 25).unwrap()
        );
        assert_eq!(
            to_utc(local(2026, 3, 29, 1, 30)),
            Err(NoSuchTime::ClocksGoForward)
        );
        assert!(to_utc(local(2026, 3, 29, 2, 30)).is_ok());
        // 01:30 on 25 October happens twice; the first is summer time (00:30 UTC).
        let twice = to_utc(local(2026, 10, 25, 1, 30)).unwrap();
        assert_eq!(twice, local(2026, 10, 25, 0, 30).and_utc().timestamp());
        assert_eq!(to_local(twice), local(2026, 10, 25, 1, 30));
    }

    #[test]
    fn a_session_reads_as_a_day_and_two_times() {
        let start = to_utc(local(2026, 3, 3, 10, 0)).unwrap();
        let end = to_utc(local(2026, 3, 3, 11, 30)).unwrap();
        assert_eq!(
            describe_session(start, end),
            "Tuesday 3 March 2026, 10:00 to 11:30"
        );
        assert_eq!(minutes_between(start, end), 90);
    }
}
