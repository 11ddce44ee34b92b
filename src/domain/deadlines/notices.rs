//! Notices to members under the co-op's own rules: a general meeting (D15) and a proposed
//! expulsion (D16).
//!
//! Both count *clear* days, which leave out the day a notice is received and the day of the
//! meeting, and both depend on when a notice counts as received. The rules coopkit drafts say
//! so in their notices clause (society rule S28 and the company articles alike): by hand or to
//! an electronic address, the same day; by post, 48 hours after posting (PATHWAYS.md D15 and
//! its scenario 10). So each way of sending has its own date, and the page shows all three.

use super::{ByMethod, Deadline, Facts, Rule, Timing};
use crate::domain::calendar::{add_days, is_non_working_day, plain_date};
use chrono::NaiveDate;

/// The ways the rules' notices clause allows, and how many days after sending each counts as
/// received. Kept in the order of the dates they give for a meeting notice, latest first.
pub const NOTICE_METHODS: [(&str, i64); 3] = [
    ("Handed to each member", 0),
    ("Emailed (or sent to another electronic address)", 0),
    ("Posted to the address in the register", 2),
];

/// How a note says each of NOTICE_METHODS, in the same order.
const SENT_AS: [&str; 3] = ["handed over", "emailed", "posted"];

const NOTICES_CLAUSE: &str = "The rules treat a notice as received the same day if it is handed over or emailed, and 48 hours after it is posted.";

pub(super) fn gm_notice(f: &Facts) -> Option<Deadline> {
    let rule = Rule {
        id: "D15",
        title: "Send the notice of the general meeting",
        rule: "Your rules: general meetings and notices clauses (Co-operatives UK model: 14 clear days' notice)",
        timing: Timing::By,
    };
    let meeting = f.date("meeting_date")?;
    let clear = f
        .number("notice_days")
        .or_else(|| f.number("gm_notice_clear_days"))
        .unwrap_or(14);
    // The last day the notice may be received leaves `clear` whole days before the meeting;
    // each method must be sent its deemed delay earlier than that.
    let last_received = add_days(meeting, -(clear + 1))?;
    let by_method = NOTICE_METHODS
        .iter()
        .map(|(method, delay)| Some(f.by_method(method, add_days(last_received, -delay)?)))
        .collect::<Option<Vec<_>>>()?;
    let posted = by_method.last()?.date;
    let text = format!("Members must get {clear} clear days' notice of the meeting on {}: neither the day the notice counts as received nor the day of the meeting is one of them. {NOTICES_CLAUSE} The date above is the last day to post it, which is in time however it is sent; each way's own last day is below.", plain_date(meeting));
    let mut notes = Vec::new();
    if let Some(sent) = f.date("notice_sent") {
        // In the order of NOTICE_METHODS: the ways that were still in time on that day.
        let in_time: Vec<&str> = by_method
            .iter()
            .zip(SENT_AS)
            .filter(|(m, _)| sent <= m.date)
            .map(|(_, said)| said)
            .collect();
        notes.push(if in_time.len() == by_method.len() {
            format!("The notice sent on {} is in time however it was sent.", plain_date(sent))
        } else if in_time.is_empty() {
            format!("The notice was sent on {}, too late for this meeting date: move the meeting or get members' written consent to short notice.", plain_date(sent))
        } else {
            format!("The notice sent on {} is in time only if it was {}: if any member was sent it another way, move the meeting or get members' written consent to short notice.", plain_date(sent), in_time.join(" or "))
        });
    }
    let mut deadline = f.dated(&rule, posted, text, notes);
    deadline.by_method = by_method;
    Some(deadline)
}

pub(super) fn expulsion(f: &Facts) -> Option<Deadline> {
    let rule = Rule {
        id: "D16",
        title: "Earliest meeting to vote on expelling a member",
        rule: "Your rules: expulsion and notices clauses (Co-operatives UK model: 21 days' written notice)",
        timing: Timing::Earliest,
    };
    let given = f.date("expulsion_notice_given")?;
    let days = f
        .number("expulsion_notice_days")
        .or_else(|| f.number("expulsion_notice"))
        .unwrap_or(21);
    // "At least N days before the meeting" is read as N clear days, as courts read such
    // words: an expulsion on short notice can be undone, so the safe reading is the one shown.
    let by_method = NOTICE_METHODS
        .iter()
        .map(|(method, delay)| Some(f.by_method(method, add_days(given, delay + days + 1)?)))
        .collect::<Option<Vec<_>>>()?;
    let latest = by_method.iter().map(|m| m.date).max()?;
    let text = format!("The member must have written notice of the proposal and the reasons at least {days} days before the meeting, and may speak at it with a companion. Counting {days} whole days between the day the notice counts as received and the meeting, as a court would, and with the notice given on {}: {NOTICES_CLAUSE} The date above is safe however it was given; each way's own date is below.", plain_date(given));
    let mut deadline = f.dated(&rule, latest, text, Vec::new());
    deadline.by_method = by_method;
    Some(deadline)
}

impl Facts<'_> {
    fn by_method(&self, method: &'static str, date: NaiveDate) -> ByMethod {
        let note = if !is_non_working_day(date, self.holidays) {
            String::new()
        } else if self.holidays.contains(date) {
            "a bank holiday".to_string()
        } else {
            format!("a {}", date.format("%A"))
        };
        ByMethod { method, date, note }
    }
}
