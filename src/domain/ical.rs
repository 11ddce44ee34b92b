//! The text rules of iCalendar (RFC 5545) shared by coopkit's two feeds: the public events
//! feed (`events::ical`) and each person's private meetings and deadlines feed
//! (`meetings::ical`).

use chrono::DateTime;

/// Text escaped for a property value (RFC 5545 §3.3.11): backslash, semicolon, comma and
/// newline; carriage returns dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets, never inside a character, ending it with CRLF
/// (RFC 5545 §3.1).
pub fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// A moment as a UTC date-time value, e.g. `20270314T180000Z`.
pub fn utc_stamp(seconds: i64) -> String {
    DateTime::from_timestamp(seconds, 0)
        .unwrap_or_default()
        .format("%Y%m%dT%H%M%SZ")
        .to_string()
}
