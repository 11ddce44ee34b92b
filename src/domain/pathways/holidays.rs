//! `bank_holidays.toml`: the England and Wales bank holidays used for working-day deadlines.

use super::loader::{LoadError, Source};
use crate::domain::calendar::BankHolidays;
use chrono::NaiveDate;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HolidaysFile {
    holidays: Vec<toml::Spanned<Holiday>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Holiday {
    date: toml::value::Datetime,
    #[allow(dead_code)] // Read so staff can name each date; only the date is used.
    name: String,
}

pub(super) fn load_holidays(src: Source) -> Result<BankHolidays, LoadError> {
    let file: HolidaysFile = src.parse()?;
    let mut dates = Vec::new();
    for entry in &file.holidays {
        let line = src.line_at(entry.span().start);
        let holiday = entry.get_ref();
        let parsed = match (holiday.date.date, holiday.date.time) {
            (Some(d), None) => {
                NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
            }
            _ => None,
        };
        let date =
            parsed.ok_or_else(|| src.error(line, "date must be a plain date like 2027-12-27"))?;
        if dates.contains(&date) {
            return Err(src.error(line, format!("{date} is listed twice")));
        }
        dates.push(date);
    }
    Ok(BankHolidays::new(dates))
}
