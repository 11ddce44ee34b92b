//! Comparing two versions of a document clause by clause, with a word-level diff of each
//! changed clause.
//!
//! Clauses are matched by their stable key (`S07.membership`), not their number, so inserting
//! a clause does not make every later clause look changed. Numbers are left out of the text
//! compared for the same reason. The word diff is the `similar` crate's Myers diff over words.

use std::time::{Duration, Instant};

use serde::Serialize;
use similar::{capture_diff_slices_deadline, Algorithm, DiffTag};

use super::markup::{plain, Block, Clause};

/// Whether a run of words is in both versions, only the new one, or only the old one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PieceKind {
    Same,
    Inserted,
    Deleted,
}

/// Consecutive words with the same fate, joined by single spaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Piece {
    pub kind: PieceKind,
    pub text: String,
}

/// Past this the diff stops looking for the smallest change and reports a coarser, still
/// correct one: a bound on time for an improbably long clause.
const DIFF_TIME: Duration = Duration::from_millis(200);

/// The word-level difference between two texts (Myers' algorithm, from the `similar` crate;
/// a replaced run shows its old words deleted, then its new words inserted).
pub fn word_diff(old: &str, new: &str) -> Vec<Piece> {
    let a: Vec<&str> = old.split_whitespace().collect();
    let b: Vec<&str> = new.split_whitespace().collect();
    let deadline = Instant::now().checked_add(DIFF_TIME);
    let mut ops: Vec<(PieceKind, &str)> = Vec::with_capacity(a.len() + b.len());
    for op in capture_diff_slices_deadline(Algorithm::Myers, &a, &b, deadline) {
        let (tag, old_words, new_words) = op.as_tag_tuple();
        let (old_words, new_words) = (&a[old_words], &b[new_words]);
        match tag {
            DiffTag::Equal => ops.extend(old_words.iter().map(|w| (PieceKind::Same, *w))),
            DiffTag::Delete | DiffTag::Insert | DiffTag::Replace => {
                ops.extend(old_words.iter().map(|w| (PieceKind::Deleted, *w)));
                ops.extend(new_words.iter().map(|w| (PieceKind::Inserted, *w)));
            }
        }
    }
    group(&ops)
}

fn group(ops: &[(PieceKind, &str)]) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    for (kind, word) in ops {
        match pieces.last_mut() {
            Some(last) if last.kind == *kind => {
                last.text.push(' ');
                last.text.push_str(word);
            }
            _ => pieces.push(Piece {
                kind: *kind,
                text: (*word).to_string(),
            }),
        }
    }
    pieces
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Added,
    Removed,
    Changed,
    Same,
}

/// One clause in the comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClauseDiff {
    pub key: String,
    pub old_number: Option<u32>,
    pub new_number: Option<u32>,
    pub title: String,
    pub change: Change,
    /// The clause's words: all `Same` for an unchanged clause, all `Inserted` for an added
    /// one, all `Deleted` for a removed one.
    pub pieces: Vec<Piece>,
}

/// Every clause of either version, in the new version's order, removed clauses placed after
/// the clause they used to follow.
pub fn compare_clauses(old: &[Block], new: &[Block]) -> Vec<ClauseDiff> {
    let old_clauses = clauses(old);
    let new_clauses = clauses(new);
    let find_old = |key: &str| old_clauses.iter().find(|c| c.key == key);
    let mut out: Vec<ClauseDiff> = new_clauses
        .iter()
        .map(|n| match find_old(&n.key) {
            Some(o) => {
                let (old_text, new_text) = (clause_text(o), clause_text(n));
                let change = if old_text == new_text {
                    Change::Same
                } else {
                    Change::Changed
                };
                ClauseDiff {
                    key: n.key.clone(),
                    old_number: Some(o.number),
                    new_number: Some(n.number),
                    title: n.title.clone(),
                    change,
                    pieces: word_diff(&old_text, &new_text),
                }
            }
            None => ClauseDiff {
                key: n.key.clone(),
                old_number: None,
                new_number: Some(n.number),
                title: n.title.clone(),
                change: Change::Added,
                pieces: word_diff("", &clause_text(n)),
            },
        })
        .collect();
    let mut after: Option<String> = None;
    for o in &old_clauses {
        if new_clauses.iter().any(|n| n.key == o.key) {
            after = Some(o.key.clone());
            continue;
        }
        let at = after
            .as_ref()
            .and_then(|k| out.iter().position(|d| &d.key == k))
            .map_or(0, |p| p + 1);
        out.insert(
            at,
            ClauseDiff {
                key: o.key.clone(),
                old_number: Some(o.number),
                new_number: None,
                title: o.title.clone(),
                change: Change::Removed,
                pieces: word_diff(&clause_text(o), ""),
            },
        );
        after = Some(o.key.clone());
    }
    out
}

fn clauses(blocks: &[Block]) -> Vec<&Clause> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Clause(c) => Some(c),
            _ => None,
        })
        .collect()
}

/// A clause's title and words, without numbers, so renumbering alone is not a change.
fn clause_text(clause: &Clause) -> String {
    let mut parts = vec![clause.title.clone()];
    for block in &clause.body {
        match block {
            Block::SubClause { text, .. } | Block::Paragraph(text) | Block::Note(text) => {
                parts.push(plain(text));
            }
            Block::List(items) => parts.extend(items.iter().map(|i| plain(i))),
            Block::Table(t) => {
                for row in std::iter::once(&t.header).chain(&t.rows) {
                    let cells: Vec<String> = row.iter().map(|c| plain(c)).collect();
                    parts.push(cells.join(" "));
                }
            }
            Block::Heading { text, .. } => parts.push(text.clone()),
            Block::Signature { label } => parts.push(label.clone()),
            _ => {}
        }
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docgen::parse;

    fn kinds(pieces: &[Piece]) -> Vec<(PieceKind, &str)> {
        pieces.iter().map(|p| (p.kind, p.text.as_str())).collect()
    }

    #[test]
    fn a_changed_word_is_deleted_then_inserted_and_the_rest_kept() {
        let pieces = word_diff(
            "The quorum is two members",
            "The quorum is three members present",
        );
        assert_eq!(
            kinds(&pieces),
            vec![
                (PieceKind::Same, "The quorum is"),
                (PieceKind::Deleted, "two"),
                (PieceKind::Inserted, "three"),
                (PieceKind::Same, "members"),
                (PieceKind::Inserted, "present"),
            ]
        );
    }

    #[test]
    fn identical_and_empty_texts() {
        assert_eq!(
            kinds(&word_diff("a b  c", "a b c")),
            vec![(PieceKind::Same, "a b c")]
        );
        assert_eq!(
            kinds(&word_diff("", "new words")),
            vec![(PieceKind::Inserted, "new words")]
        );
        assert_eq!(
            kinds(&word_diff("old", "")),
            vec![(PieceKind::Deleted, "old")]
        );
        assert!(word_diff("", "").is_empty());
    }

    #[test]
    fn the_diff_rebuilds_both_texts() {
        let (old, new) = ("one two three four five", "zero two four five six");
        let pieces = word_diff(old, new);
        let side = |skip: PieceKind| {
            pieces
                .iter()
                .filter(|p| p.kind != skip)
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(side(PieceKind::Inserted), old);
        assert_eq!(side(PieceKind::Deleted), new);
        let same: Vec<&str> = pieces
            .iter()
            .filter(|p| p.kind == PieceKind::Same)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(same, vec!["two", "four five"]);
    }

    #[test]
    fn long_texts_still_rebuild_both_sides() {
        let old: Vec<String> = (0..3000).map(|i| format!("w{i}")).collect();
        let new: Vec<String> = (0..3000).map(|i| format!("w{}", i * 7 % 3001)).collect();
        let (old, new) = (old.join(" "), new.join(" "));
        let pieces = word_diff(&old, &new);
        let side = |skip: PieceKind| {
            pieces
                .iter()
                .filter(|p| p.kind != skip)
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(side(PieceKind::Inserted), old);
        assert_eq!(side(PieceKind::Deleted), new);
    }

    #[test]
    fn clauses_are_matched_by_key_not_number() {
        let old = parse("@clause A.one Name\n+ The name is Acme.\n\n@clause B.two Office\n+ The office is in Preston.\n\n@clause C.gone Old\n+ Gone soon.").unwrap();
        let new = parse("@clause N.new Inserted\n+ Brand new.\n\n@clause A.one Name\n+ The name is Acme.\n\n@clause B.two Office\n+ The office is in Lancaster.").unwrap();
        let diff = compare_clauses(&old, &new);
        let summary: Vec<(&str, Change)> =
            diff.iter().map(|d| (d.key.as_str(), d.change)).collect();
        assert_eq!(
            summary,
            vec![
                ("N.new", Change::Added),
                ("A.one", Change::Same),
                ("B.two", Change::Changed),
                ("C.gone", Change::Removed),
            ]
        );
        assert_eq!((diff[1].old_number, diff[1].new_number), (Some(1), Some(2)));
        assert!(diff[2]
            .pieces
            .iter()
            .any(|p| p.kind == PieceKind::Deleted && p.text == "Preston."));
    }
}
