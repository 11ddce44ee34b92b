//! Times as people in the UK say them. A ballot closes "at 6pm on Friday", which is 17:00
//! UTC in summer and 18:00 in winter; times are stored as UTC seconds, so the change is made
//! here. British Summer Time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on
//! the last Sunday of October (Summer Time Order 2002).

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

fn last_sunday(year: i32, month: u32) -> Option<NaiveDate> {
    let mut day = NaiveDate::from_ymd_opt(year, month, 31)?;
    while day.weekday() != Weekday::Sun {
        day = day.pred_opt()?;
    }
    Some(day)
}

/// Whether British Summer Time is in force at this UTC moment.
fn is_summer_time(utc: NaiveDateTime) -> bool {
    let year = utc.year();
    let one = NaiveTime::from_hms_opt(1, 0, 0).unwrap_or_default();
    match (last_sunday(year, 3), last_sunday(year, 10)) {
        (Some(start), Some(end)) => utc >= start.and_time(one) && utc < end.and_time(one),
        _ => false,
    }
}

/// UTC seconds for a UK wall-clock time. In the hour the clocks go back, the first of the
/// two readings is meant; a time skipped when they go forward is read as winter time.
pub fn uk_to_utc(date: NaiveDate, time: NaiveTime) -> i64 {
    let local = date.and_time(time);
    let as_summer = local - Duration::hours(1);
    if is_summer_time(as_summer) {
        as_summer.and_utc().timestamp()
    } else {
        local.and_utc().timestamp()
    }
}

/// The UK wall-clock time of UTC seconds.
pub fn utc_to_uk(seconds: i64) -> Option<NaiveDateTime> {
    let utc = chrono::DateTime::from_timestamp(seconds, 0)?.naive_utc();
    Some(if is_summer_time(utc) {
        utc + Duration::hours(1)
    } else {
        utc
    })
}

/// "Friday 3 July 2026 at 18:00", UK time.
pub fn uk_text(seconds: i64) -> String {
    utc_to_uk(seconds)
        .map(|t| t.format("%A %-d %B %Y at %H:%M").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> (NaiveDate, NaiveTime) {
        (
            NaiveDate::from_ymd_opt(y, m, d).unwrap(),
            NaiveTime::from_hms_opt(h, min, 0).unwrap(),
        )
    }

    #[test]
    fn summer_is_an_hour_ahead_and_winter_is_not() {
        let (d, t) = at(2026, 7, 3, 18, 0);
        assert_eq!(
            uk_to_utc(d, t),
            d.and_hms_opt(17, 0, 0).unwrap().and_utc().timestamp()
        );
        let (d, t) = at(2026, 12, 3, 18, 0);
        assert_eq!(
            uk_to_utc(d, t),
            d.and_hms_opt(18, 0, 0).unwrap().and_utc().timestamp()
        );
    }

    #[test]
    fn the_change_days_of_2026() {
        // Clocks go forward on Sunday 29 March 2026 and back on Sunday 25 October 2026.
        let (d, t) = at(2026, 3, 29, 0, 30);
        assert_eq!(uk_text(uk_to_utc(d, t)), "Sunday 29 March 2026 at 00:30");
        let (d, t) = at(2026, 3, 29, 3, 0);
        assert_eq!(
            uk_to_utc(d, t),
            d.and_hms_opt(2, 0, 0).unwrap().and_utc().timestamp()
        );
        let (d, t) = at(2026, 10, 25, 3, 0);
        assert_eq!(
            uk_to_utc(d, t),
            d.and_hms_opt(3, 0, 0).unwrap().and_utc().timestamp()
        );
    }

    #[test]
    fn round_trips_through_the_text() {
        let (d, t) = at(2026, 6, 30, 19, 30);
        assert_eq!(uk_text(uk_to_utc(d, t)), "Tuesday 30 June 2026 at 19:30");
    }
}
