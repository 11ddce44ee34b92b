//! A private calendar feed in iCalendar (RFC 5545): each person's meetings and the case
//! deadlines that concern them, for the calendar on their phone.

use chrono::NaiveDate;

use crate::domain::ical::{escape, fold, utc_stamp};

/// One entry of the feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A meeting at a moment (UTC seconds), lasting two hours unless said otherwise.
    Meeting {
        uid: String,
        starts_at: i64,
        summary: String,
        location: String,
        description: String,
        url: String,
    },
    /// A deadline: a whole day.
    Deadline {
        uid: String,
        date: NaiveDate,
        summary: String,
        description: String,
        url: String,
    },
}

/// The whole feed. `now` stamps each entry (DTSTAMP).
pub fn calendar(name: &str, entries: &[Entry], now: i64) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//coopkit//meetings and deadlines//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        fold(line, &mut out);
    }
    fold(&format!("X-WR-CALNAME:{}", escape(name)), &mut out);
    for e in entries {
        fold("BEGIN:VEVENT", &mut out);
        match e {
            Entry::Meeting {
                uid,
                starts_at,
                summary,
                location,
                description,
                url,
            } => {
                fold(&format!("UID:{uid}"), &mut out);
                fold(&format!("DTSTAMP:{}", utc_stamp(now)), &mut out);
                fold(&format!("DTSTART:{}", utc_stamp(*starts_at)), &mut out);
                fold(
                    &format!("DTEND:{}", utc_stamp(starts_at + 2 * 3600)),
                    &mut out,
                );
                fold(&format!("SUMMARY:{}", escape(summary)), &mut out);
                if !location.is_empty() {
                    fold(&format!("LOCATION:{}", escape(location)), &mut out);
                }
                fold(&format!("DESCRIPTION:{}", escape(description)), &mut out);
                fold(&format!("URL:{url}"), &mut out);
            }
            Entry::Deadline {
                uid,
                date,
                summary,
                description,
                url,
            } => {
                fold(&format!("UID:{uid}"), &mut out);
                fold(&format!("DTSTAMP:{}", utc_stamp(now)), &mut out);
                fold(
                    &format!("DTSTART;VALUE=DATE:{}", date.format("%Y%m%d")),
                    &mut out,
                );
                let next = date.succ_opt().unwrap_or(*date);
                fold(
                    &format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")),
                    &mut out,
                );
                fold(&format!("SUMMARY:{}", escape(summary)), &mut out);
                fold(&format!("DESCRIPTION:{}", escape(description)), &mut out);
                fold(&format!("URL:{url}"), &mut out);
            }
        }
        fold("END:VEVENT", &mut out);
    }
    fold("END:VCALENDAR", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feed_has_its_events_escaped_and_folded() {
        let entries = vec![
            Entry::Meeting {
                uid: "meeting-1@coopkit".into(),
                starts_at: 1_782_840_600,
                summary: "Founding meeting; adopt rules, elect board".into(),
                location: "Canteen, Unit 4".into(),
                description: "Line one\nline two".into(),
                url: "https://example.org/cases/1/meetings/1".into(),
            },
            Entry::Deadline {
                uid: "deadline-1-D15@coopkit".into(),
                date: NaiveDate::from_ymd_opt(2026, 6, 13).unwrap(),
                summary: "Send the notice of the general meeting ".repeat(3),
                description: String::new(),
                url: "https://example.org/cases/1/deadlines".into(),
            },
        ];
        let ics = calendar("coopkit: Asha", &entries, 1_780_000_000);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(ics.contains("SUMMARY:Founding meeting\\; adopt rules\\, elect board\r\n"));
        assert!(ics.contains("DESCRIPTION:Line one\\nline two\r\n"));
        assert!(ics.contains("DTSTART;VALUE=DATE:20260613\r\nDTEND;VALUE=DATE:20260614\r\n"));
        assert!(ics.lines().all(|l| l.len() <= 75), "every line folded");
        assert!(ics.contains("\r\n "), "the long summary is folded");
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
    }

    #[test]
    fn folding_never_splits_a_character() {
        let mut out = String::new();
        fold(&"é".repeat(60), &mut out);
        assert!(out.split("\r\n").all(|l| l.len() <= 75));
        assert_eq!(out.replace("\r\n ", "").trim_end(), "é".repeat(60));
    }
}
