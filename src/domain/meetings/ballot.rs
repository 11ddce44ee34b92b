//! The online secret ballot's paper, receipt codes and tally (DECISIONS.md §3).
//!
//! A paper holds one member's choices on every resolution of a meeting and nothing about the
//! member: it is stored apart from the record of who voted. The receipt code lets a voter see
//! that their paper was counted once the ballot closes; it is random, made by the service,
//! and only formatted and checked here.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::election::{self, ElectionResult};
use super::Choice;
use crate::domain::field_errors::FieldErrors;

/// One resolution as the ballot paper asks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub resolution_id: i64,
    /// Candidates for an election (empty for a yes/no resolution).
    pub candidates: Vec<String>,
    pub seats: u32,
}

impl Question {
    pub fn is_election(&self) -> bool {
        !self.candidates.is_empty()
    }
}

/// One member's answer to one resolution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Mark {
    Candidates(Vec<usize>),
    Choice(String),
}

/// One member's ballot paper, keyed by resolution id (as text, so it is plain JSON).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Paper(pub BTreeMap<String, Mark>);

impl Paper {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    pub fn from_json(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok()
    }
}

/// The field name of a resolution on the ballot form.
pub fn field_name(resolution_id: i64) -> String {
    format!("r{resolution_id}")
}

/// Reads the choices a member posted: for each question, `choice` gives the values sent for
/// its field (one of for/against/abstain, or candidate numbers). Every resolution needs an
/// answer (abstain is one); an election may be left blank, which is an abstention.
pub fn read_paper(
    questions: &[Question],
    posted: impl Fn(&str) -> Vec<String>,
) -> Result<Paper, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut paper = BTreeMap::new();
    for q in questions {
        let field = field_name(q.resolution_id);
        let values = posted(&field);
        if q.is_election() {
            let picks: Option<Vec<usize>> = values.iter().map(|v| v.trim().parse().ok()).collect();
            let Some(picks) = picks else {
                errors.add(&field, "Choose from the candidates listed");
                continue;
            };
            match election::check_picks(q.candidates.len(), q.seats, &picks) {
                Ok(()) => {
                    paper.insert(q.resolution_id.to_string(), Mark::Candidates(picks));
                }
                Err(message) => errors.add(&field, message),
            }
        } else {
            match values.as_slice() {
                [one] if Choice::parse(one.trim()).is_some() => {
                    paper.insert(
                        q.resolution_id.to_string(),
                        Mark::Choice(one.trim().to_string()),
                    );
                }
                [] => errors.add(&field, "Choose for, against or abstain"),
                _ => errors.add(&field, "Choose one answer: for, against or abstain"),
            }
        }
    }
    errors.into_result(Paper(paper))
}

/// The totals of one yes/no resolution.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub votes_for: u32,
    pub votes_against: u32,
    pub abstentions: u32,
}

/// What the papers say about one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum QuestionTally {
    Resolution(Totals),
    Election(ElectionResult),
}

/// Counts every paper for every question. A paper that says nothing about a question (it was
/// added after the paper was cast, which the service refuses once a ballot opens) abstains.
pub fn tally(questions: &[Question], papers: &[Paper]) -> BTreeMap<i64, QuestionTally> {
    let mut out = BTreeMap::new();
    for q in questions {
        let key = q.resolution_id.to_string();
        if q.is_election() {
            let picks: Vec<&[usize]> = papers
                .iter()
                .map(|p| match p.0.get(&key) {
                    Some(Mark::Candidates(c)) => c.as_slice(),
                    _ => &[][..],
                })
                .collect();
            out.insert(
                q.resolution_id,
                QuestionTally::Election(election::count(&q.candidates, q.seats, picks)),
            );
        } else {
            let mut t = Totals::default();
            for p in papers {
                match p.0.get(&key) {
                    Some(Mark::Choice(c)) if c == Choice::For.as_str() => t.votes_for += 1,
                    Some(Mark::Choice(c)) if c == Choice::Against.as_str() => t.votes_against += 1,
                    _ => t.abstentions += 1,
                }
            }
            out.insert(q.resolution_id, QuestionTally::Resolution(t));
        }
    }
    out
}

/// Crockford's base 32: no I, L, O or U, so a code read aloud or copied by hand survives.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A receipt code from 10 random bytes (80 bits): 16 characters in four groups,
/// `K7QF-2M9X-...`.
pub fn receipt_code(random: [u8; 10]) -> String {
    let mut bits: u128 = 0;
    for b in random {
        bits = (bits << 8) | u128::from(b);
    }
    let mut chars = Vec::with_capacity(19);
    for i in 0..16 {
        if i > 0 && i % 4 == 0 {
            chars.push('-');
        }
        let index = (bits >> (75 - 5 * i)) & 31;
        chars.push(ALPHABET[index as usize] as char);
    }
    chars.into_iter().collect()
}

/// A receipt code as typed by a person, in the stored form (upper case, grouped), or `None`
/// if it cannot be one. Letters easily mistaken are read as the digits they look like.
pub fn normalise_receipt(typed: &str) -> Option<String> {
    let mut clean = String::new();
    for c in typed.chars() {
        let c = match c.to_ascii_uppercase() {
            '-' | ' ' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        if !ALPHABET.contains(&(c as u8)) || !c.is_ascii() {
            return None;
        }
        clean.push(c);
    }
    if clean.len() != 16 {
        return None;
    }
    let groups: Vec<&str> = (0..4).map(|i| &clean[i * 4..i * 4 + 4]).collect();
    Some(groups.join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn questions() -> Vec<Question> {
        vec![
            Question {
                resolution_id: 7,
                candidates: vec![],
                seats: 0,
            },
            Question {
                resolution_id: 8,
                candidates: vec!["Asha".into(), "Ben".into(), "Cara".into()],
                seats: 2,
            },
        ]
    }

    fn posted<'a>(map: &'a [(&'a str, &'a [&'a str])]) -> impl Fn(&str) -> Vec<String> + 'a {
        move |field| {
            map.iter()
                .find(|(f, _)| *f == field)
                .map(|(_, v)| v.iter().map(|s| s.to_string()).collect())
                .unwrap_or_default()
        }
    }

    #[test]
    fn a_paper_is_read_and_checked() {
        let p = read_paper(
            &questions(),
            posted(&[("r7", &["for"]), ("r8", &["0", "2"])]),
        )
        .unwrap();
        assert_eq!(p.0["7"], Mark::Choice("for".into()));
        assert_eq!(p.0["8"], Mark::Candidates(vec![0, 2]));
        assert_eq!(Paper::from_json(&p.to_json()), Some(p));
    }

    #[test]
    fn a_bad_paper_says_what_to_fix_by_field() {
        let e = read_paper(&questions(), posted(&[("r8", &["0", "1", "2"])])).unwrap_err();
        assert!(e.has("r7"));
        assert_eq!(
            e.first("r8"),
            Some("Vote for at most 2 candidates: there are 2 seats")
        );
        let e = read_paper(&questions(), posted(&[("r7", &["maybe"])])).unwrap_err();
        assert!(e.has("r7"));
        assert!(!e.has("r8"), "a blank election paper abstains");
    }

    #[test]
    fn the_tally_counts_each_paper_once_and_blank_is_abstention() {
        let qs = questions();
        let papers: Vec<Paper> = [
            &[("r7", &["for"][..]), ("r8", &["0", "1"][..])][..],
            &[("r7", &["for"][..]), ("r8", &["0"][..])][..],
            &[("r7", &["against"][..]), ("r8", &["2"][..])][..],
            &[("r7", &["abstain"][..])][..],
        ]
        .iter()
        .map(|m| read_paper(&qs, posted(m)).unwrap())
        .collect();
        let t = tally(&qs, &papers);
        assert_eq!(
            t[&7],
            QuestionTally::Resolution(Totals {
                votes_for: 2,
                votes_against: 1,
                abstentions: 1
            })
        );
        let QuestionTally::Election(e) = &t[&8] else {
            panic!("an election")
        };
        assert_eq!(e.ballots, 4);
        assert_eq!(e.elected[0], "Asha");
        assert!(
            e.tie.is_some(),
            "Ben and Cara have 1 each for the second seat"
        );
    }

    #[test]
    fn receipt_codes_are_grouped_and_read_back_forgivingly() {
        let code = receipt_code([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        assert_eq!(code.len(), 19);
        assert_eq!(code.matches('-').count(), 3);
        assert_eq!(normalise_receipt(&code.to_lowercase()), Some(code.clone()));
        assert_eq!(
            normalise_receipt(&code.replace('-', " ")),
            Some(code.clone())
        );
        assert_eq!(receipt_code([0; 10]), "0000-0000-0000-0000");
        assert_eq!(
            normalise_receipt("oooo-oooo-oooo-oooo").unwrap(),
            "0000-0000-0000-0000"
        );
        assert_eq!(receipt_code([255; 10]), "ZZZZ-ZZZZ-ZZZZ-ZZZZ");
        assert!(normalise_receipt("too short").is_none());
        assert_ne!(
            receipt_code([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
            receipt_code([0, 0, 0, 0, 0, 0, 0, 0, 0, 1])
        );
    }
}
