//! Time limits for tribunal claims the workers or their union may need: a TUPE information
//! and consultation claim (D6) and a protective award for redundancies made without proper
//! consultation (D4). Both run for three months *beginning with* a day, counted the way
//! tribunals count it.

use super::{consultation_days, Deadline, Facts, Rule, Timing};
use crate::domain::calendar::{add_days, add_months, plain_date};
use chrono::NaiveDate;

pub(super) fn tupe_claim(f: &Facts) -> Option<Deadline> {
    let rule = Rule {
        id: "D6",
        title: "Last day for a TUPE information and consultation claim",
        rule: "TUPE Regulations 2006, regulation 15(12); Employment Rights Act 2025",
        timing: Timing::By,
    };
    if f.is("purchase_type", "shares") {
        return None;
    }
    let transfer = f.date("transfer_date")?;
    let date = last_day_of_months_beginning_with(transfer, 3)?;
    let text = format!("If either employer failed to inform or consult before the transfer, a tribunal claim must be made within three months beginning with the day of the transfer ({}), so that day counts as the first. Start with ACAS early conciliation, which must come first.", plain_date(transfer));
    let notes = vec![SIX_MONTHS_NOTE.to_string()];
    Some(f.dated(&rule, date, text, notes))
}

const SIX_MONTHS_NOTE: &str = "Tribunal time limits are due to become six months under the Employment Rights Act 2025 (planned for October 2026): check which applies.";

/// The last day of a period of `months` months *beginning with* `start` (tribunal time
/// limits): the day before `start`, moved on `months` months. Counting from the day before
/// gets month ends right: 30 November runs to the end of February, 31 March to 30 June and
/// 1 March to 31 May, where "start + months − 1 day" gives 27 February, 29 June and 31 May.
pub fn last_day_of_months_beginning_with(start: NaiveDate, months: u32) -> Option<NaiveDate> {
    add_months(start.pred_opt()?, months)
}

/// D4: a protective award when the employer does not consult as section 188 requires.
pub(super) fn protective_award(f: &Facts) -> Option<Deadline> {
    let rule = Rule {
        id: "D4",
        title: "Last day to claim a protective award",
        rule: "TULRCA 1992, section 189; Employment Rights Act 2025, section 30",
        timing: Timing::By,
    };
    let consultation = consultation_days(f)?;
    let first = f.date("first_dismissal_planned")?;
    let date = last_day_of_months_beginning_with(first, 3)?;
    let doubled = NaiveDate::from_ymd_opt(2026, 4, 6)?;
    let max_days = if first >= doubled { 180 } else { 90 };
    let text = format!("If the employer does not consult properly, the union (or the elected representatives, or the workers themselves where there are none) can ask a tribunal for a protective award of up to {max_days} days' pay for each worker dismissed. The claim must be made before the last dismissal takes effect or within three months beginning with that day, after ACAS early conciliation. This date counts from the first planned dismissal ({}), so it is the earliest the limit can end; if the dismissals are spread out, it runs from the last one.", plain_date(first));
    let mut notes = Vec::new();
    let earliest = f
        .date("consultation_start")
        .and_then(|s| add_days(s, consultation));
    if let Some(earliest) = earliest.filter(|e| first < *e) {
        notes.push(format!("The planned first dismissal comes before {} days of consultation can have passed ({}): if it goes ahead, the award can be claimed.", consultation, plain_date(earliest)));
    }
    if first < doubled {
        notes.push("The maximum rose from 90 to 180 days' pay on 6 April 2026: check with the union's lawyers which applies to dismissals proposed before then.".to_string());
    }
    notes.push(SIX_MONTHS_NOTE.to_string());
    Some(f.dated(&rule, date, text, notes))
}
