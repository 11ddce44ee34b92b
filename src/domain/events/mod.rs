//! The centre's events: awareness sessions, webinars, workshops, courses and drop-ins, who
//! they are for, and the checks on what staff type when they set one up.
//!
//! Times are typed and shown as UK clock time (`london`) and stored as UTC seconds. A course
//! has several sessions and one sign-up covers them all: people join a course, not a
//! Tuesday. Places are counted in seats, because someone bringing a support worker needs two.

use chrono::NaiveTime;
use serde::Serialize;

use super::field_errors::FieldErrors;
use super::ids::CaseId;

pub mod feedback;
pub mod ical;
pub mod london;
pub mod registration;

text_enum!(
    /// What sort of event it is.
    EventKind {
        Awareness = "awareness": "Awareness session",
        Webinar = "webinar": "Webinar",
        Workshop = "workshop": "Workshop",
        Course = "course": "Course of several sessions",
        DropIn = "drop_in": "Drop-in",
    }
);

text_enum!(
    /// Who an event is for.
    Audience {
        UnionReps = "union_reps": "Union reps and branches",
        Advisors = "advisors": "Business advisors",
        CaseWorkers = "case_workers": "Workers of a case",
        Students = "students": "Students and freelancers",
        Public = "public": "Anyone interested",
    }
);

/// Most sessions one event may have: a long course, not a year of Tuesdays.
pub const MAX_SESSIONS: usize = 12;
/// The largest number of places: more than the centre's biggest hall or webinar licence.
pub const MAX_CAPACITY: u32 = 1000;
/// A session may last at most this long; a longer one is a typing mistake.
const MAX_SESSION_MINUTES: i64 = 12 * 60;

/// One session as typed: a date and a start and end time, UK clock time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionInput {
    pub date: String,
    pub start: String,
    pub end: String,
}

impl SessionInput {
    fn is_blank(&self) -> bool {
        self.date.trim().is_empty() && self.start.trim().is_empty() && self.end.trim().is_empty()
    }
}

/// What staff typed to set up or change an event, kept as text so the form can be shown again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventInput {
    pub title: String,
    pub kind: String,
    pub audience: String,
    /// Rows of the form; blank rows are ignored.
    pub sessions: Vec<SessionInput>,
    pub place: String,
    pub online_link: String,
    pub capacity: String,
    pub description: String,
    /// A case's number (its id), for events that belong to one.
    pub case_id: String,
    /// Whether anyone may sign up from the public page; otherwise only the case's members.
    pub open: bool,
    /// How many hours before the first session sign-up closes; blank for "when it starts".
    pub signup_cutoff_hours: String,
}

/// One session, checked: UTC seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct NewSession {
    pub starts_at: i64,
    pub ends_at: i64,
}

/// An event that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    pub title: String,
    pub kind: EventKind,
    pub audience: Audience,
    /// In time order, at least one.
    pub sessions: Vec<NewSession>,
    pub place: String,
    pub online_link: String,
    pub capacity: u32,
    pub description: String,
    pub case_id: Option<CaseId>,
    pub open: bool,
    /// Sign-up closes this many hours before the first session starts (0: at the start).
    pub signup_cutoff_hours: u32,
}

/// Access needs are personal (often health) data, needed only to run the event: they are
/// deleted this many days after its last session (EDUCATION.md §4).
pub const ACCESS_NEEDS_KEPT_DAYS: i64 = 30;

/// The longest cut-off: two weeks is already longer than any event needs to plan for.
pub const MAX_CUTOFF_HOURS: u32 = 14 * 24;

/// Whether sign-up is still open at `now` for an event whose first session starts at
/// `first_start`, with a cut-off of `cutoff_hours`.
pub fn signup_open_at(first_start: i64, cutoff_hours: u32, now: i64) -> bool {
    now < first_start - i64::from(cutoff_hours) * 3600
}

impl TryFrom<&EventInput> for NewEvent {
    type Error = FieldErrors;

    fn try_from(input: &EventInput) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = text(&mut errors, "title", &input.title, 120);
        if title.is_empty() {
            errors.add("title", "Give the event a title");
        }
        let kind = EventKind::parse(input.kind.trim());
        if kind.is_none() {
            errors.add("kind", "Choose what sort of event it is");
        }
        let audience = Audience::parse(input.audience.trim());
        if audience.is_none() {
            errors.add("audience", "Choose who the event is for");
        }
        let sessions = sessions(&mut errors, &input.sessions, kind);
        let place = text(&mut errors, "place", &input.place, 200);
        let online_link = text(&mut errors, "online_link", &input.online_link, 500);
        if !online_link.is_empty() && !is_web_link(&online_link) {
            errors.add(
                "online_link",
                "Enter the full link, starting https://, or leave it blank",
            );
        }
        if place.is_empty() && online_link.is_empty() {
            errors.add(
                "place",
                "Say where the event is, or give the online link (or both)",
            );
        }
        let capacity = match input.capacity.trim().parse::<u32>() {
            Ok(n) if (1..=MAX_CAPACITY).contains(&n) => Some(n),
            Ok(_) => {
                errors.add("capacity", "Enter a number of places from 1 to 1,000");
                None
            }
            Err(_) => {
                errors.add(
                    "capacity",
                    "Enter how many places there are, as a whole number like 20",
                );
                None
            }
        };
        let signup_cutoff_hours = match input.signup_cutoff_hours.trim() {
            "" => 0,
            raw => match raw.parse::<u32>() {
                Ok(n) if n <= MAX_CUTOFF_HOURS => n,
                _ => {
                    errors.add(
                        "signup_cutoff_hours",
                        "Enter a whole number of hours from 0 to 336 (two weeks), or leave it blank",
                    );
                    0
                }
            },
        };
        let description = text(&mut errors, "description", &input.description, 5000);
        if description.is_empty() {
            errors.add(
                "description",
                "Say what the event is about and who should come",
            );
        }
        let case_id = match input.case_id.trim() {
            "" => None,
            raw => match raw.trim_start_matches('#').parse::<CaseId>() {
                Ok(id) => Some(id),
                Err(_) => {
                    errors.add("case_id", "Enter the case's number, or leave it blank");
                    None
                }
            },
        };
        if !input.open && case_id.is_none() && !errors.has("case_id") {
            errors.add(
                "case_id",
                "An event that is not open to the public must belong to a case: enter its number",
            );
        }
        match (kind, audience, capacity) {
            (Some(kind), Some(audience), Some(capacity)) if errors.is_empty() => Ok(NewEvent {
                title,
                kind,
                audience,
                sessions,
                place,
                online_link,
                capacity,
                description,
                case_id,
                open: input.open,
                signup_cutoff_hours,
            }),
            _ => Err(errors),
        }
    }
}

fn sessions(
    errors: &mut FieldErrors,
    rows: &[SessionInput],
    kind: Option<EventKind>,
) -> Vec<NewSession> {
    let mut sessions = Vec::new();
    let filled: Vec<(usize, &SessionInput)> = rows
        .iter()
        .enumerate()
        .filter(|(_, row)| !row.is_blank())
        .collect();
    if filled.is_empty() {
        errors.add("session_date_1", "Enter the date and times of the event");
        return sessions;
    }
    if filled.len() > MAX_SESSIONS {
        errors.add("session_date_1", "An event can have at most 12 sessions");
    }
    if filled.len() > 1 && kind.is_some_and(|k| k != EventKind::Course) {
        errors.add(
            "kind",
            "An event with more than one session is a course: choose \"Course of several sessions\"",
        );
    }
    for (index, row) in filled {
        if let Some(session) = session(errors, index + 1, row) {
            sessions.push(session);
        }
    }
    sessions.sort_by_key(|s| s.starts_at);
    sessions
}

/// Checks one row; `n` is its number on the form (from 1), which names its fields.
fn session(errors: &mut FieldErrors, n: usize, row: &SessionInput) -> Option<NewSession> {
    // Typed as day, month and year boxes (joined as `d/m/y` by the form), like every other
    // date in the app; `YYYY-MM-DD` is still read, for stored events shown again.
    let date = crate::domain::centre::parse_date(row.date.trim());
    if date.is_none() {
        errors.add(
            format!("session_date_{n}"),
            "Enter the date as day, month and year, like 17 3 2027",
        );
    }
    let start = parse_time(row.start.trim());
    if start.is_none() {
        errors.add(
            format!("session_start_{n}"),
            "Enter the start time on the 24-hour clock, like 18:30",
        );
    }
    let end = parse_time(row.end.trim());
    if end.is_none() {
        errors.add(
            format!("session_end_{n}"),
            "Enter the end time on the 24-hour clock, like 20:00",
        );
    }
    let (date, start, end) = (date?, start?, end?);
    let starts_at = match london::to_utc(date.and_time(start)) {
        Ok(at) => at,
        Err(london::NoSuchTime::ClocksGoForward) => {
            errors.add(
                format!("session_start_{n}"),
                "The clocks go forward that night, so this time does not exist: choose another",
            );
            return None;
        }
    };
    let ends_at = london::to_utc(date.and_time(end)).unwrap_or(starts_at);
    if ends_at <= starts_at {
        errors.add(
            format!("session_end_{n}"),
            "The end time must be after the start time",
        );
        return None;
    }
    if london::minutes_between(starts_at, ends_at) > MAX_SESSION_MINUTES {
        errors.add(
            format!("session_end_{n}"),
            "A session can last at most 12 hours: check the times",
        );
        return None;
    }
    Some(NewSession { starts_at, ends_at })
}

fn parse_time(raw: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(raw, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(raw, "%H.%M"))
        .ok()
}

fn is_web_link(link: &str) -> bool {
    let rest = link
        .strip_prefix("https://")
        .or_else(|| link.strip_prefix("http://"));
    rest.is_some_and(|r| r.contains('.') && !r.contains(char::is_whitespace))
}

/// Trimmed text within `max` characters.
pub(crate) fn text(errors: &mut FieldErrors, field: &str, raw: &str, max: usize) -> String {
    let value = raw.trim();
    if value.chars().count() > max {
        errors.add(field, format!("Use {max} characters or fewer"));
    }
    value.to_string()
}

#[cfg(test)]
mod tests;
