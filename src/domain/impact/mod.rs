//! The programme's impact report: what the centre delivered in a period, counted from its
//! records by fixed definitions, for the council and the national funder.
//!
//! Everything here works on plain records (no personal data: people are numbers), so the
//! figures are tested against a fixture worked out by hand. The definitions follow
//! `EDUCATION.md` §5: real engagement (attendance) is counted, not invitations; a person is
//! counted once however many events they attend; "new" people are those whose first ever
//! attendance falls in the period, so yearly totals add up the quarters' new people and never
//! their uniques; a case's registration and jobs count once, on the date they were evidenced.

use chrono::{Datelike, Months, NaiveDate};

use super::case::{CaseStatus, Pathway, Trigger};
use super::enquiry::{EnquiryRole, EnquiryStatus};
use super::events::feedback::WhatNext;
use super::events::london;
use super::events::registration::RegistrationState;
use super::events::{Audience, EventKind};
use super::finance::inputs::SourceKind;

mod counts;
mod csv;
mod document;
mod measures;
mod report;
mod snapshot;
mod summary;

pub use counts::{from_counts, Counts, EndedCount, Evidence, EvidenceCount};
pub use csv::to_csv;
pub use document::{document_context, DocumentContext};
pub use measures::{is_member_capital, measure, Measures};
pub use report::{build, build_from, Figure, ImpactReport, Section, Value, DEFINITIONS_VERSION};
pub use snapshot::{FrozenFigure, FrozenSection, Snapshot};

/// A period of whole days, both ends included, in UK dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// Two dates in either order.
    pub fn between(a: NaiveDate, b: NaiveDate) -> Period {
        Period {
            from: a.min(b),
            to: a.max(b),
        }
    }

    /// Quarter 1 to 4 of a calendar year.
    pub fn quarter(year: i32, quarter: u32) -> Option<Period> {
        if !(1..=4).contains(&quarter) {
            return None;
        }
        let from = NaiveDate::from_ymd_opt(year, 3 * quarter - 2, 1)?;
        let to = from.checked_add_months(Months::new(3))?.pred_opt()?;
        Some(Period { from, to })
    }

    pub fn year(year: i32) -> Option<Period> {
        Some(Period {
            from: NaiveDate::from_ymd_opt(year, 1, 1)?,
            to: NaiveDate::from_ymd_opt(year, 12, 31)?,
        })
    }

    /// The period to compare with: the quarter or year before for a quarter or year, and
    /// otherwise the same number of days just before.
    pub fn previous(self) -> Period {
        let months = self.whole_months();
        if let Some(months) = months.filter(|m| *m == 3 || *m == 12) {
            let from = self
                .from
                .checked_sub_months(Months::new(months))
                .unwrap_or(self.from);
            return Period {
                from,
                to: self.from.pred_opt().unwrap_or(self.from),
            };
        }
        let days = (self.to - self.from).num_days() + 1;
        let to = self.from.pred_opt().unwrap_or(self.from);
        Period {
            from: to - chrono::Duration::days(days - 1),
            to,
        }
    }

    /// How many whole calendar months the period covers, when it is exactly that.
    fn whole_months(self) -> Option<u32> {
        if self.from.day() != 1 {
            return None;
        }
        (1..=12).find(|m| {
            self.from
                .checked_add_months(Months::new(*m))
                .and_then(|d| d.pred_opt())
                == Some(self.to)
        })
    }

    /// Whether an instant (UTC seconds) falls on a UK day in the period.
    pub fn contains(self, at: i64) -> bool {
        let day = london::to_local(at).date();
        self.from <= day && day <= self.to
    }

    /// Whether the period ends before an instant's UK day.
    pub fn ends_before(self, at: i64) -> bool {
        london::to_local(at).date() > self.to
    }

    /// "1 January 2027 to 31 March 2027".
    pub fn describe(self) -> String {
        format!(
            "{} to {}",
            self.from.format("%-d %B %Y"),
            self.to.format("%-d %B %Y")
        )
    }
}

/// An event and when its sessions ran.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRecord {
    pub id: i64,
    pub kind: EventKind,
    pub audience: Audience,
    pub capacity: u32,
    /// Start of each session (UTC seconds).
    pub sessions: Vec<i64>,
    /// Cancelled by the centre: never counted as held.
    pub cancelled: bool,
}

impl EventRecord {
    /// An event is held in a period when its first session starts in it; a course running
    /// across two quarters is counted once. A cancelled event was not held.
    pub fn held_in(&self, period: Period) -> bool {
        !self.cancelled
            && self
                .sessions
                .iter()
                .min()
                .is_some_and(|&s| period.contains(s))
    }
}

/// One sign-up: only its event, state and seats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlaceRecord {
    pub event_id: i64,
    pub state: RegistrationState,
    pub seats: u32,
}

/// One person present at one session. Every attendance ever is given, so that the first
/// one of each person is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendanceRecord {
    pub person_id: i64,
    pub event_id: i64,
    pub session_id: i64,
    /// When the session started (UTC seconds).
    pub at: i64,
    pub minutes: i64,
    pub role: EnquiryRole,
    /// The organisation the person gave, for "organisations reached"; may be empty.
    pub organisation: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedbackRecord {
    pub event_id: i64,
    pub at: i64,
    pub useful: u8,
    pub what_next: WhatNext,
}

/// Where an enquiry came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EnquirySource {
    /// An attendee turned into an enquiry at an event.
    Event,
    /// The readiness check's "send these answers" form.
    ReadinessCheck,
    /// The enquiry form on its own.
    EnquiryForm,
}

impl EnquirySource {
    pub fn label(self) -> &'static str {
        match self {
            EnquirySource::Event => "From an event",
            EnquirySource::ReadinessCheck => "After the readiness check",
            EnquirySource::EnquiryForm => "Through the enquiry form",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnquiryRecord {
    pub created_at: i64,
    pub role: EnquiryRole,
    pub source: EnquirySource,
    pub status: EnquiryStatus,
    pub decided_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRecord {
    pub id: i64,
    pub pathway: Pathway,
    pub trigger: Trigger,
    pub opened_at: i64,
    pub status: CaseStatus,
    /// When it was completed or withdrawn.
    pub ended_at: Option<i64>,
    /// Opened from an enquiry that came from an event.
    pub from_event: bool,
    /// The stage's title the case was at when it stopped (withdrawn cases only).
    pub stopped_at: Option<String>,
}

/// One stage of one case: when work on it started and when its gate was passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageRecord {
    pub case_id: i64,
    /// The stage's title, as people read it.
    pub stage: String,
    pub started_at: Option<i64>,
    pub completed_at: Option<i64>,
}

/// An outcome a case evidenced, on the date it was evidenced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    CoopRegistered,
    StartedTrading,
    /// Jobs kept, in hundredths of a full-time job.
    JobsSafeguarded(i64),
    /// New jobs, in hundredths of a full-time job.
    JobsCreated(i64),
    /// Members on the register on that date.
    Members(i64),
    /// The people a new co-op (start-up or freelancer co-op) began with, counted once.
    FoundingMembers(i64),
    CapitalPledged(i64),
    CapitalRaised(i64),
    /// Money raised from anywhere but the members, in pence, by where it came from.
    FinanceRaised(SourceKind, i64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutcomeRecord {
    pub case_id: i64,
    pub at: i64,
    pub outcome: Outcome,
}

/// Everything the report is counted from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Records {
    pub events: Vec<EventRecord>,
    pub places: Vec<PlaceRecord>,
    pub attendance: Vec<AttendanceRecord>,
    pub feedback: Vec<FeedbackRecord>,
    /// Readiness checks completed per UK day: only the count is ever kept.
    pub readiness_checks: Vec<(NaiveDate, u64)>,
    pub enquiries: Vec<EnquiryRecord>,
    pub cases: Vec<CaseRecord>,
    pub stages: Vec<StageRecord>,
    pub outcomes: Vec<OutcomeRecord>,
}

#[cfg(test)]
mod tests;
