//! Notice of a general meeting (PATHWAYS.md D15): the last day to send it by each way the
//! rules allow, and whether a meeting date leaves enough time.
//!
//! Clear days leave out both the day a notice counts as received and the day of the meeting.
//! When a notice counts as received (deemed service) is the rules' notices clause, the same
//! one the deadlines page reads (`deadlines::NOTICE_METHODS`): handed over or emailed, the same
//! day; posted, 48 hours later. So the last day to send by a method is
//! meeting − clear days − 1 − that method's delay.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::calendar::{add_days, is_non_working_day, long_date, BankHolidays};

text_enum!(
    /// A way of giving notice that the rules' notices clause allows.
    NoticeMethod {
        Hand = "hand": "Handed to each member",
        Email = "email": "Emailed",
        Post = "post": "Posted",
    }
);

impl NoticeMethod {
    /// Whole days after sending that the notice counts as received.
    pub fn deemed_delay_days(self) -> i64 {
        match self {
            Self::Hand => 0,
            Self::Email => 0,
            Self::Post => 2,
        }
    }

    pub fn deemed_received(self, sent: NaiveDate) -> Option<NaiveDate> {
        add_days(sent, self.deemed_delay_days())
    }

    /// The last day a notice sent this way gives `clear_days` clear days before `meeting`.
    pub fn last_day_to_send(self, meeting: NaiveDate, clear_days: u32) -> Option<NaiveDate> {
        add_days(
            meeting,
            -(i64::from(clear_days) + 1 + self.deemed_delay_days()),
        )
    }

    /// The earliest meeting a notice sent this way on `sent` allows.
    pub fn earliest_meeting(self, sent: NaiveDate, clear_days: u32) -> Option<NaiveDate> {
        add_days(sent, self.deemed_delay_days() + i64::from(clear_days) + 1)
    }
}

/// One method's last day, as the scheduling page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MethodDay {
    pub method: NoticeMethod,
    pub method_label: &'static str,
    pub last_day: NaiveDate,
    pub last_day_text: String,
    /// A weekend or bank holiday, said in words; empty on a working day.
    pub note: String,
    /// Today is already later than the last day: this way is too late.
    pub too_late: bool,
}

/// What notice a meeting needs, worked out on a given day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoticePlan {
    pub clear_days: u32,
    pub by_method: Vec<MethodDay>,
    /// Set when at least one method is already too late, in plain English.
    pub warning: Option<String>,
    /// No method is in time any more.
    pub too_soon_for_every_method: bool,
}

pub fn plan(
    meeting: NaiveDate,
    clear_days: u32,
    today: NaiveDate,
    holidays: &BankHolidays,
) -> Option<NoticePlan> {
    let mut by_method = Vec::new();
    for &method in NoticeMethod::ALL {
        let last_day = method.last_day_to_send(meeting, clear_days)?;
        let note = if holidays.contains(last_day) {
            "a bank holiday".to_string()
        } else if is_non_working_day(last_day, holidays) {
            format!("a {}", last_day.format("%A"))
        } else {
            String::new()
        };
        by_method.push(MethodDay {
            method,
            method_label: method.label(),
            last_day,
            last_day_text: long_date(last_day),
            note,
            too_late: today > last_day,
        });
    }
    let late: Vec<&MethodDay> = by_method.iter().filter(|m| m.too_late).collect();
    let too_soon_for_every_method = late.len() == by_method.len();
    let warning = if too_soon_for_every_method {
        let earliest = NoticeMethod::Hand.earliest_meeting(today, clear_days)?;
        Some(format!(
            "This meeting is too soon: the rules need {clear_days} clear days' notice, so even a notice handed to every member today allows a meeting on {} at the earliest. Move the meeting, or get members' written consent to short notice.",
            long_date(earliest)
        ))
    } else if late.is_empty() {
        None
    } else {
        let names: Vec<String> = late.iter().map(|m| m.method.as_phrase()).collect();
        let post = NoticeMethod::Post.earliest_meeting(today, clear_days)?;
        Some(format!(
            "This meeting is too soon for a notice that is {}: the rules need {clear_days} clear days' notice. A notice posted today allows a meeting on {} at the earliest. Move the meeting, or give notice only in the ways still in time.",
            names.join(" or "),
            long_date(post)
        ))
    };
    Some(NoticePlan {
        clear_days,
        by_method,
        warning,
        too_soon_for_every_method,
    })
}

impl NoticeMethod {
    fn as_phrase(self) -> String {
        match self {
            Self::Hand => "handed over",
            Self::Email => "emailed",
            Self::Post => "posted",
        }
        .to_string()
    }
}

/// Whether a notice sent on `sent` by `method` was in time; the message says why not.
pub fn check_sent(
    meeting: NaiveDate,
    clear_days: u32,
    method: NoticeMethod,
    sent: NaiveDate,
) -> Result<(), String> {
    let Some(last) = method.last_day_to_send(meeting, clear_days) else {
        return Err("That date cannot be worked with".into());
    };
    if sent <= last {
        Ok(())
    } else {
        Err(format!(
            "A notice {} on {} is too late for a meeting on {}: the last day was {}. Move the meeting or get members' written consent to short notice.",
            method.as_phrase(),
            long_date(sent),
            long_date(meeting),
            long_date(last)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deadlines::NOTICE_METHODS;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn deemed_delays_agree_with_the_deadlines_page() {
        let delays: Vec<i64> = NoticeMethod::ALL
            .iter()
            .map(|m| m.deemed_delay_days())
            .collect();
        let page: Vec<i64> = NOTICE_METHODS.iter().map(|(_, delay)| *delay).collect();
        assert_eq!(delays, page);
    }

    #[test]
    fn scenario_10_last_days_for_a_meeting_on_tuesday_30_june_2026() {
        let meeting = d(2026, 6, 30);
        assert_eq!(
            NoticeMethod::Hand.last_day_to_send(meeting, 14),
            Some(d(2026, 6, 15))
        );
        assert_eq!(
            NoticeMethod::Email.last_day_to_send(meeting, 14),
            Some(d(2026, 6, 15))
        );
        assert_eq!(
            NoticeMethod::Post.last_day_to_send(meeting, 14),
            Some(d(2026, 6, 13))
        );
        // 21 clear days moves every date a week earlier.
        assert_eq!(
            NoticeMethod::Post.last_day_to_send(meeting, 21),
            Some(d(2026, 6, 6))
        );
    }

    #[test]
    fn the_earliest_meeting_is_the_inverse_of_the_last_day() {
        for &m in NoticeMethod::ALL {
            let sent = d(2026, 6, 13);
            let earliest = m.earliest_meeting(sent, 14).unwrap();
            assert_eq!(m.last_day_to_send(earliest, 14), Some(sent));
            assert_eq!(
                crate::domain::calendar::clear_days_between(
                    m.deemed_received(sent).unwrap(),
                    earliest
                ),
                14
            );
        }
    }

    #[test]
    fn a_meeting_in_time_for_every_method_has_no_warning() {
        let p = plan(d(2026, 6, 30), 14, d(2026, 6, 1), &BankHolidays::default()).unwrap();
        assert!(p.warning.is_none());
        assert!(!p.too_soon_for_every_method);
        assert_eq!(p.by_method.len(), 3);
        assert_eq!(p.by_method[2].note, "a Saturday");
        assert_eq!(p.by_method[1].note, "");
        assert_eq!(p.by_method[0].note, "");
    }

    #[test]
    fn too_soon_for_post_but_not_by_hand_warns_about_post() {
        // Sunday 14 June: posting is too late (Saturday 13th), emailing is just in time.
        let p = plan(d(2026, 6, 30), 14, d(2026, 6, 14), &BankHolidays::default()).unwrap();
        let late: Vec<bool> = p.by_method.iter().map(|m| m.too_late).collect();
        assert_eq!(late, vec![false, false, true]);
        let warning = p.warning.unwrap();
        assert!(
            warning.contains("too soon for a notice that is posted"),
            "{warning}"
        );
        assert!(warning.contains("Wednesday 1 July 2026"), "{warning}");
    }

    #[test]
    fn too_soon_for_every_method_says_the_earliest_date() {
        let p = plan(d(2026, 6, 30), 14, d(2026, 6, 20), &BankHolidays::default()).unwrap();
        assert!(p.too_soon_for_every_method);
        let warning = p.warning.unwrap();
        assert!(warning.contains("Sunday 5 July 2026"), "{warning}");
    }

    #[test]
    fn a_bank_holiday_last_day_is_named() {
        let hols = BankHolidays::new([d(2026, 8, 31)]);
        // Meeting on Thursday 17 September 2026: posted by Monday 31 August, a bank holiday.
        let p = plan(d(2026, 9, 17), 14, d(2026, 8, 1), &hols).unwrap();
        assert_eq!(p.by_method[2].last_day, d(2026, 8, 31));
        assert_eq!(p.by_method[2].note, "a bank holiday");
    }

    #[test]
    fn a_sent_notice_is_judged_by_its_method() {
        let meeting = d(2026, 6, 30);
        assert!(check_sent(meeting, 14, NoticeMethod::Hand, d(2026, 6, 15)).is_ok());
        let late = check_sent(meeting, 14, NoticeMethod::Post, d(2026, 6, 15)).unwrap_err();
        assert!(late.contains("Saturday 13 June 2026"), "{late}");
        assert!(check_sent(meeting, 14, NoticeMethod::Post, d(2026, 6, 13)).is_ok());
    }
}
