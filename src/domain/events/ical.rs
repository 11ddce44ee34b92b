//! The iCalendar feed of open events (RFC 5545): one VEVENT per session, each with a UID that
//! never changes and a SEQUENCE that goes up with every change, so calendar apps that
//! subscribed update their copy instead of adding a second one.

use crate::domain::ical::{escape, fold, utc_stamp};

/// One session as a calendar entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEntry {
    /// Stable across edits: built from the session's id and the server's host.
    pub uid: String,
    pub sequence: i32,
    pub starts_at: i64,
    pub ends_at: i64,
    pub summary: String,
    pub description: String,
    pub location: String,
    pub url: String,
    /// Cancelled by the centre: the entry stays, marked cancelled, so calendars drop it.
    pub cancelled: bool,
}

/// The whole feed. `now` stamps each entry (DTSTAMP).
pub fn feed(entries: &[CalendarEntry], now: i64) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Preston Co-operative Education Centre//coopkit//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Co-operative Education Centre events",
    ] {
        fold(line, &mut out);
    }
    for e in entries {
        for line in [
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}", e.uid),
            format!("SEQUENCE:{}", e.sequence),
            format!("DTSTAMP:{}", utc_stamp(now)),
            format!("DTSTART:{}", utc_stamp(e.starts_at)),
            format!("DTEND:{}", utc_stamp(e.ends_at)),
            format!("SUMMARY:{}", escape(&e.summary)),
            format!("DESCRIPTION:{}", escape(&e.description)),
            format!("LOCATION:{}", escape(&e.location)),
            format!("URL:{}", e.url),
            format!(
                "STATUS:{}",
                if e.cancelled {
                    "CANCELLED"
                } else {
                    "CONFIRMED"
                }
            ),
            "END:VEVENT".to_string(),
        ] {
            fold(&line, &mut out);
        }
    }
    fold("END:VCALENDAR", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_keep_their_uid_and_escape_their_text() {
        let entry = CalendarEntry {
            uid: "session-7@coop.example".into(),
            sequence: 2,
            starts_at: 1_773_750_600,
            ends_at: 1_773_754_200,
            summary: "Co-ops, for advisors; part 1".into(),
            description: "Line one\nline two".into(),
            location: "Online".into(),
            url: "https://coop.example/events/3".into(),
            cancelled: false,
        };
        let text = feed(std::slice::from_ref(&entry), 0);
        assert!(text.contains("STATUS:CONFIRMED\r\n"));
        let cancelled = feed(
            &[CalendarEntry {
                cancelled: true,
                ..entry
            }],
            0,
        );
        assert!(cancelled.contains("STATUS:CANCELLED\r\n"));
        assert!(text.contains("UID:session-7@coop.example\r\n"));
        assert!(text.contains("SEQUENCE:2\r\n"));
        assert!(text.contains("DTSTART:20260317T123000Z\r\n"));
        assert!(text.contains("SUMMARY:Co-ops\\, for advisors\\; part 1\r\n"));
        assert!(text.contains("DESCRIPTION:Line one\\nline two\r\n"));
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let mut out = String::new();
        fold(&format!("SUMMARY:{}", "é".repeat(60)), &mut out);
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{line}");
        }
        assert_eq!(
            out.replace("\r\n ", "").trim_end(),
            format!("SUMMARY:{}", "é".repeat(60))
        );
    }
}
