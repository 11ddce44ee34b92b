//! Turns the typed answers into `ReadinessAnswers`, or says per field what to fix.

use super::answers::{Choice, ReadinessAnswers, Situation, Timescale};
use super::questions::{questions, Question, ReadinessInput, MAX_PEOPLE};
use crate::domain::calendar::impossible_typed_date_message;
use crate::domain::field_errors::FieldErrors;
use chrono::{Datelike, NaiveDate};

/// Planned dates further ahead than this are almost certainly typing mistakes.
const MAX_YEARS_AHEAD: i32 = 20;
/// Nothing this tool deals with started before this year.
const EARLIEST_YEAR: i32 = 2000;

/// Checks every shown question. Hidden questions are ignored, whatever they hold.
pub fn parse(input: &ReadinessInput, today: NaiveDate) -> Result<ReadinessAnswers, FieldErrors> {
    let shown: Vec<Question> = questions()
        .into_iter()
        .filter(|q| q.is_shown(input))
        .collect();
    let mut errors = FieldErrors::new();
    let mut reader = Reader {
        input,
        shown: &shown,
        errors: &mut errors,
    };
    match read_answers(&mut reader, today) {
        Some(answers) if errors.is_empty() => Ok(answers),
        _ => Err(errors),
    }
}

/// Reads every answer before building, so one call reports every problem on the form.
fn read_answers(reader: &mut Reader<'_>, today: NaiveDate) -> Option<ReadinessAnswers> {
    let situations = reader.situations();
    let people = reader.people();
    let at_one_site = reader.at_one_site(people);
    let consultation_start = reader.date("consultation_start", today, true);
    let insolvency_date = reader.date("insolvency_date", today, true);
    let target_date = reader.date("target_date", today, false);
    let staff_dismissed = reader.choice(
        "staff_dismissed",
        "Say whether the staff have been dismissed",
    );
    let timescale = reader.choice("timescale", "Choose how soon things need to happen");
    let sector = reader.choice("sector", "Choose the kind of work");
    let union = reader.choice("union", "Say whether a union is involved");
    let interest = reader.choice("interest", "Say how keen the people involved are");
    let owner_wish = reader.choice("owner_wish", "Say what the owner wants");
    let aim = reader.choice("aim", "Choose who the business is mainly for");
    let profit = reader.choice("profit", "Say whether the business makes a profit");
    let turnaround = reader.choice("turnaround", "Say whether you have ideas to turn it round");
    let accounts = reader.choice("accounts", "Say whether you can see the accounts");

    // Each `?` below only fails when an error was recorded above for that field.
    let situations = situations?;
    let situation = *situations.first()?;
    Some(ReadinessAnswers {
        situation,
        situations,
        people: people?,
        at_one_site: at_one_site.ok()?,
        sector: sector?,
        union: union?,
        // The form does not ask about insolvency: it has already happened.
        timescale: timescale.or(situation
            .is_insolvent()
            .then_some(Timescale::AlreadyHappening))?,
        consultation_start: consultation_start.ok()?,
        insolvency_date: insolvency_date.ok()?,
        target_date: target_date.ok()?,
        staff_dismissed,
        interest: interest?,
        owner_wish,
        aim: aim?,
        profit: profit?,
        turnaround,
        accounts,
    })
}

struct Reader<'a> {
    input: &'a ReadinessInput,
    shown: &'a [Question],
    errors: &'a mut FieldErrors,
}

impl Reader<'_> {
    fn is_shown(&self, key: &str) -> bool {
        self.shown.iter().any(|q| q.key == key)
    }

    /// `None` when hidden, blank (an error is then recorded) or not one of the options.
    fn choice<T: Choice>(&mut self, key: &str, missing: &str) -> Option<T> {
        if !self.is_shown(key) {
            return None;
        }
        let raw = self.input.get(key);
        if raw.is_empty() {
            self.errors.add(key, missing);
            return None;
        }
        let parsed = T::from_value(raw);
        if parsed.is_none() {
            self.errors.add(key, "Choose one of the options shown");
        }
        parsed
    }

    fn people(&mut self) -> Option<u32> {
        match parse_count(self.input.get("people")) {
            Err(message) => {
                self.errors.add("people", message);
                None
            }
            Ok(None) => {
                self.errors
                    .add("people", "Enter how many people are involved");
                None
            }
            Ok(Some(0)) => {
                self.errors.add("people", "Enter at least 1 person");
                None
            }
            Ok(Some(n)) => Some(n),
        }
    }

    /// `Err(())` when there was a problem; `Ok(None)` when hidden or left blank.
    fn at_one_site(&mut self, people: Option<u32>) -> Result<Option<u32>, ()> {
        if !self.is_shown("at_one_site") {
            return Ok(None);
        }
        match parse_count(self.input.get("at_one_site")) {
            Err(message) => {
                self.errors.add("at_one_site", message);
                Err(())
            }
            Ok(Some(n)) if people.is_some_and(|p| n > p) => {
                self.errors.add(
                    "at_one_site",
                    "This can't be more than the number of people involved",
                );
                Err(())
            }
            Ok(count) => Ok(count),
        }
    }

    /// Every situation chosen, most pressing first; `None` (with an error) when none is or
    /// one is not among the options.
    fn situations(&mut self) -> Option<Vec<Situation>> {
        let values = self.input.values("situation");
        if values.is_empty() {
            self.errors.add("situation", "Choose what is happening");
            return None;
        }
        let mut chosen = Vec::new();
        for value in values {
            match Situation::from_value(value) {
                Some(s) if !chosen.contains(&s) => chosen.push(s),
                Some(_) => {}
                None => {
                    self.errors
                        .add("situation", "Choose from the options shown");
                    return None;
                }
            }
        }
        chosen.sort_by_key(|s| s.pressing_rank());
        Some(chosen)
    }

    /// `started` dates record something that has happened, so cannot be in the future.
    fn date(
        &mut self,
        key: &str,
        today: NaiveDate,
        started: bool,
    ) -> Result<Option<NaiveDate>, ()> {
        if !self.is_shown(key) || self.input.get(key).is_empty() {
            return Ok(None);
        }
        let problem = match parse_date(self.input.get(key)) {
            None => Some(
                impossible_typed_date_message(self.input.get(key)).unwrap_or_else(|| {
                    "Enter the date as day/month/year, for example 1/2/2027".to_string()
                }),
            ),
            Some(d) if d.year() < EARLIEST_YEAR => {
                Some(format!("Enter a date after the year {EARLIEST_YEAR}"))
            }
            Some(d) if started && d > today => Some(
                "This date can't be in the future: leave it blank if it hasn't happened yet"
                    .to_string(),
            ),
            Some(d) if d.year() > today.year() + MAX_YEARS_AHEAD => Some(format!(
                "Enter a date within the next {MAX_YEARS_AHEAD} years"
            )),
            Some(d) => return Ok(Some(d)),
        };
        if let Some(message) = problem {
            self.errors.add(key, message);
        }
        Err(())
    }
}

/// A whole number of people, allowing thousands commas. `Ok(None)` for a blank answer.
fn parse_count(raw: &str) -> Result<Option<u32>, String> {
    let digits: String = raw
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    if digits.is_empty() {
        return Ok(None);
    }
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err("Enter a whole number, like 25".to_string());
    }
    match digits.parse::<u32>() {
        Ok(n) if n <= MAX_PEOPLE => Ok(Some(n)),
        _ => Err("Enter a number no bigger than 100,000".to_string()),
    }
}

/// Accepts a date picker's `2027-02-01` and the ways people in the UK type dates:
/// `1/2/2027`, `01-02-2027`, `1 2 2027`, `1 February 2027`, `1 Feb 2027`.
pub(super) fn parse_date(raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    [
        "%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d %m %Y", "%d %B %Y", "%d %b %Y",
    ]
    .iter()
    .find_map(|format| NaiveDate::parse_from_str(raw, format).ok())
}
