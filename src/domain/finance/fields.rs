//! Reading single fields of loose JSON answers into exact values, with a plain-English message
//! for each field a person has to fix.
//!
//! Answers come from web forms (everything is a string) and from hand-written answers files
//! (numbers may be JSON numbers). Both are accepted: a JSON number is read through its decimal
//! text, so `966.64` is £966.64 exactly and never passes through a float sum. Money is always
//! written in pounds; percentages in percent ("6.5" is 6.5%).

use crate::domain::calendar::impossible_typed_date_message;
use crate::domain::field_errors::FieldErrors;
use crate::domain::money::parse_pence;
use chrono::NaiveDate;
use serde_json::Value;

/// Reads the fields of one JSON object; `prefix` makes keys like `sources[2].rate_pct`.
pub struct FieldReader<'a> {
    object: Option<&'a serde_json::Map<String, Value>>,
    prefix: String,
    suffix: &'static str,
}

impl<'a> FieldReader<'a> {
    pub fn new(value: &'a Value, prefix: impl Into<String>) -> Self {
        Self {
            object: value.as_object(),
            prefix: prefix.into(),
            suffix: "",
        }
    }

    /// Reads an object whose keys are list positions, reporting them as `base[3]`.
    pub fn list_items(value: &'a Value, base: &str) -> Self {
        Self {
            object: value.as_object(),
            prefix: format!("{base}["),
            suffix: "]",
        }
    }

    pub fn key(&self, name: &str) -> String {
        format!("{}{name}{}", self.prefix, self.suffix)
    }

    pub fn value(&self, name: &str) -> Option<&'a Value> {
        self.object.and_then(|o| o.get(name))
    }

    /// The field as trimmed text; `None` when missing, null or blank.
    pub fn text(&self, name: &str) -> Option<String> {
        let text = match self.value(name)? {
            Value::String(s) => s.trim().to_string(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            _ => return None,
        };
        (!text.is_empty()).then_some(text)
    }

    /// Money in pounds, at least zero. Missing: `default`, or a message when `default` is `None`.
    pub fn money(&self, name: &str, default: Option<i64>, errors: &mut FieldErrors) -> i64 {
        self.money_opt(name, errors).or(default).unwrap_or_else(|| {
            if self.text(name).is_none() {
                errors.add(self.key(name), "Enter an amount in pounds");
            }
            0
        })
    }

    pub fn money_opt(&self, name: &str, errors: &mut FieldErrors) -> Option<i64> {
        let text = self.text(name)?;
        match parse_pence(&text) {
            Ok(p) if p < 0 => {
                errors.add(self.key(name), "Enter an amount of zero or more");
                None
            }
            Ok(p) => Some(p),
            Err(message) => {
                errors.add(self.key(name), message);
                None
            }
        }
    }

    /// A percentage in basis points, within `[min, max]` percent.
    pub fn percent(
        &self,
        name: &str,
        range: (i64, i64),
        default: Option<i64>,
        errors: &mut FieldErrors,
    ) -> i64 {
        let Some(text) = self.text(name) else {
            return default.map(|d| d * 100).unwrap_or_else(|| {
                errors.add(self.key(name), "Enter a percentage");
                0
            });
        };
        match parse_hundredths(text.trim_end_matches('%').trim()) {
            Some(bp) if bp >= range.0 * 100 && bp <= range.1 * 100 => bp,
            Some(_) => {
                let message = format!("Enter a percentage from {} to {}", range.0, range.1);
                errors.add(self.key(name), message);
                0
            }
            None => {
                errors.add(self.key(name), "Enter a percentage like 6 or 6.25");
                0
            }
        }
    }

    /// A decimal number with up to two places, in hundredths (e.g. a multiple of 3.5 = 350).
    pub fn hundredths(&self, name: &str, range: (i64, i64), errors: &mut FieldErrors) -> i64 {
        match self.text(name).as_deref().map(parse_hundredths) {
            Some(Some(v)) if v >= range.0 && v <= range.1 => v,
            _ => {
                let message = format!(
                    "Enter a number from {} to {}",
                    range.0 as f32 / 100.0,
                    range.1 as f32 / 100.0
                );
                errors.add(self.key(name), message);
                0
            }
        }
    }

    /// A whole number within `[min, max]`.
    pub fn whole(
        &self,
        name: &str,
        range: (u32, u32),
        default: Option<u32>,
        errors: &mut FieldErrors,
    ) -> u32 {
        let Some(text) = self.text(name) else {
            return default.unwrap_or_else(|| {
                errors.add(self.key(name), "Enter a whole number");
                0
            });
        };
        match text.replace(',', "").parse::<u32>() {
            Ok(n) if n >= range.0 && n <= range.1 => n,
            _ => {
                let message = format!("Enter a whole number from {} to {}", range.0, range.1);
                errors.add(self.key(name), message);
                range.0
            }
        }
    }

    pub fn date(&self, name: &str, errors: &mut FieldErrors) -> Option<NaiveDate> {
        let typed = self.text(name);
        let parsed = typed.as_deref().and_then(parse_date);
        if parsed.is_none() {
            let message = typed
                .as_deref()
                .and_then(impossible_typed_date_message)
                .unwrap_or_else(|| "Enter a date as day, month and year, like 1 10 2026".into());
            errors.add(self.key(name), message);
        }
        parsed
    }

    /// One of `options` (as `(key, value)` pairs).
    pub fn choice<T: Copy>(
        &self,
        name: &str,
        options: &[(&str, T)],
        default: Option<T>,
        errors: &mut FieldErrors,
    ) -> Option<T> {
        let Some(text) = self.text(name) else {
            if default.is_none() {
                errors.add(self.key(name), "Choose one of the options");
            }
            return default;
        };
        let found = options.iter().find(|(k, _)| *k == text).map(|(_, v)| *v);
        if found.is_none() {
            errors.add(self.key(name), "Choose one of the options");
        }
        found
    }

    /// The elements of a JSON array field (an absent field is an empty list).
    pub fn list(&self, name: &str) -> Vec<&'a Value> {
        match self.value(name) {
            Some(Value::Array(items)) => items.iter().collect(),
            _ => Vec::new(),
        }
    }
}

/// "3.5" → 350, "12" → 1200, "-2.25" → -225; more than two decimal places is refused.
pub fn parse_hundredths(text: &str) -> Option<i64> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) || fraction.len() > 2 {
        return None;
    }
    let whole: i64 = whole.parse().ok().filter(|w: &i64| *w < 1_000_000_000)?;
    let fraction: i64 = format!("{fraction:0<2}").parse().ok()?;
    let value = whole * 100 + fraction;
    Some(if negative { -value } else { value })
}

/// A date as typed elsewhere in coopkit: day month year separated by spaces, slashes, dashes
/// or dots ("1 2 2027", "1/2/2027"), or the answers file's 2027-02-01.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(date);
    }
    let parts: Vec<&str> = text
        .split([' ', '/', '-', '.'])
        .filter(|p| !p.is_empty())
        .collect();
    let [day, month, year] = parts.as_slice() else {
        return None;
    };
    let year: i32 = year.parse().ok().filter(|y| *y >= 1000)?;
    NaiveDate::from_ymd_opt(year, month.parse().ok()?, day.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hundredths_are_exact() {
        assert_eq!(parse_hundredths("3.5"), Some(350));
        assert_eq!(parse_hundredths("12"), Some(1200));
        assert_eq!(parse_hundredths("-2.25"), Some(-225));
        assert_eq!(parse_hundredths("1.234"), None);
        assert_eq!(parse_hundredths("abc"), None);
    }
}
