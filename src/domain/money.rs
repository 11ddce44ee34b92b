//! Money as whole pence.
//!
//! Money is never a float here: sums of pence are exact, and every rounding is written out
//! where it happens. People type amounts in many ways ("£1,250", "1250.5", "1 250"), so
//! parsing is forgiving about symbols and separators and strict about everything else.

/// Parses an amount of money typed by a person into pence.
///
/// Accepts an optional leading `£` or minus sign, thousands separators (`,` or spaces) and up
/// to two decimal places. Returns a plain-English message when the text is not an amount.
pub fn parse_pence(raw: &str) -> Result<i64, &'static str> {
    let mut text: String = raw
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '\u{a0}'))
        .collect();
    if text.is_empty() {
        return Err("Enter an amount of money");
    }
    let negative = text.starts_with('-');
    if negative {
        text.remove(0);
    }
    if let Some(rest) = text.strip_prefix('£') {
        text = rest.to_string();
    }
    let (pounds, pence) = match text.split_once('.') {
        Some((p, d)) => (p, d),
        None => (text.as_str(), ""),
    };
    let digits_only = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if pounds.is_empty() && pence.is_empty()
        || !digits_only(pounds)
        || !digits_only(pence)
        || pence.len() > 2
    {
        return Err("Enter an amount in pounds and pence, like 1250 or 1,250.50");
    }
    let whole: i64 = if pounds.is_empty() {
        0
    } else {
        pounds.parse().map_err(|_| "That amount is too large")?
    };
    let fraction: i64 = match pence.len() {
        0 => 0,
        1 => pence.parse::<i64>().unwrap_or(0) * 10,
        _ => pence.parse().unwrap_or(0),
    };
    let total = whole
        .checked_mul(100)
        .and_then(|p| p.checked_add(fraction))
        .filter(|p| *p <= MAX_PENCE)
        .ok_or("That amount is too large")?;
    Ok(if negative { -total } else { total })
}

/// The largest amount coopkit accepts anywhere: £10 billion, far above any co-op deal, and
/// small enough that sums of many such amounts never overflow an `i64`.
pub const MAX_PENCE: i64 = 1_000_000_000_000;

/// `£1,234.56`, or `-£1,234.56` for a negative amount.
pub fn format_pounds(pence: i64) -> String {
    let sign = if pence < 0 { "-" } else { "" };
    let abs = pence.unsigned_abs();
    format!("{sign}£{}.{:02}", group_thousands(abs / 100), abs % 100)
}

/// `£1,235`: rounded to the nearest pound, halves away from zero, for tables of figures.
pub fn format_pounds_whole(pence: i64) -> String {
    let pounds = round_to_pounds(pence);
    let sign = if pounds < 0 { "-" } else { "" };
    format!("{sign}£{}", group_thousands(pounds.unsigned_abs()))
}

/// Figures for financial tables: `1,235`, and negatives in brackets `(1,235)`, as accountants
/// and lenders expect.
pub fn format_accounts(pence: i64) -> String {
    let pounds = round_to_pounds(pence);
    let grouped = group_thousands(pounds.unsigned_abs());
    if pounds < 0 {
        format!("({grouped})")
    } else {
        grouped
    }
}

/// Whole pounds, halves rounded away from zero.
pub fn round_to_pounds(pence: i64) -> i64 {
    let sign = pence.signum();
    sign * ((pence.abs() + 50) / 100)
}

/// `1,234,567`: digits in threes, as every figure a person reads is written.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_ways_people_type_amounts() {
        assert_eq!(parse_pence("£1,250"), Ok(125_000));
        assert_eq!(parse_pence("1250.5"), Ok(125_050));
        assert_eq!(parse_pence(" 1 250.05 "), Ok(125_005));
        assert_eq!(parse_pence("-£3.10"), Ok(-310));
        assert_eq!(parse_pence(".75"), Ok(75));
    }

    #[test]
    fn rejects_what_is_not_an_amount() {
        assert!(parse_pence("").is_err());
        assert!(parse_pence("ten pounds").is_err());
        assert!(parse_pence("1.234").is_err());
        assert!(parse_pence("1e9").is_err());
        assert!(parse_pence("99999999999999999999").is_err());
    }

    #[test]
    fn formats_for_people_and_for_accounts() {
        assert_eq!(format_pounds(123_456), "£1,234.56");
        assert_eq!(format_pounds(-5), "-£0.05");
        assert_eq!(format_pounds_whole(123_450), "£1,235");
        assert_eq!(format_accounts(-123_449), "(1,234)");
        assert_eq!(format_accounts(100_000_000), "1,000,000");
    }
}
