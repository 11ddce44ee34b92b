//! The time as coopkit sees it.
//!
//! Sessions expire after 30 idle minutes and 12 hours in all, links after 24 hours or 14
//! days: tests must be able to move time forward without waiting, so every service asks this
//! clock rather than the system directly.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Clone, Default)]
pub struct Clock {
    /// Seconds added to the system time; zero except in tests.
    offset: Arc<AtomicI64>,
}

impl Clock {
    pub fn system() -> Self {
        Self::default()
    }

    /// Seconds since the Unix epoch, the form every timestamp is stored in.
    pub fn now(&self) -> i64 {
        Utc::now().timestamp() + self.offset.load(Ordering::Relaxed)
    }

    pub fn now_utc(&self) -> DateTime<Utc> {
        DateTime::from_timestamp(self.now(), 0).unwrap_or_else(Utc::now)
    }

    /// Today's date in the UK. Deadlines are whole days; the hour does not matter to them, so
    /// UTC's date is close enough except for the hour after midnight in summer time.
    pub fn today(&self) -> NaiveDate {
        self.now_utc().date_naive()
    }

    /// Moves this clock (and every copy of it) forward. For tests.
    pub fn advance(&self, seconds: i64) {
        self.offset.fetch_add(seconds, Ordering::Relaxed);
    }
}

/// A timestamp as people in the UK read it, like `26 Nov 2026, 14:05`.
pub fn format_timestamp(seconds: i64) -> String {
    DateTime::from_timestamp(seconds, 0)
        .map(|t| t.format("%-d %b %Y, %H:%M").to_string())
        .unwrap_or_default()
}
