//! The glossary: plain-English meanings of the terms of art the guidance uses, read from
//! `templates/pathways/glossary.toml`, and the linking of each term where it first appears
//! on a stage page. Links are made here from the data, so a new term links everywhere
//! without anyone editing the guidance paragraphs.

use super::definition::{located, Located};
use super::loader::{LoadError, Source};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// One term and its meaning.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// Stable id, used as the anchor on the glossary page (`/glossary#tupe`).
    pub key: String,
    /// The term as the glossary page shows it.
    pub term: String,
    /// Other spellings that also link to it in the guidance ("heads-of-terms").
    #[serde(default)]
    pub also: Vec<String>,
    /// What it means, in plain English.
    pub meaning: String,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(skip)]
    pub offset: usize,
}

impl Located for Term {
    fn set_offset(&mut self, offset: usize) {
        self.offset = offset;
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GlossaryFile {
    #[serde(deserialize_with = "located")]
    terms: Vec<Term>,
}

/// A piece of a paragraph: plain text, or a term linked to its meaning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub text: String,
    /// The glossary key when this piece is a linked term.
    pub term: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Glossary {
    terms: Vec<Term>,
    /// (lower-case name, term index), longest names first so "employee liability
    /// information" wins over a shorter term starting at the same place.
    names: Vec<(String, usize)>,
}

impl Glossary {
    /// The terms in alphabetical order, for the glossary page.
    pub fn terms(&self) -> Vec<&Term> {
        let mut terms: Vec<&Term> = self.terms.iter().collect();
        terms.sort_by_key(|t| t.term.to_lowercase());
        terms
    }

    /// `text` cut into plain pieces and links: each term not yet in `linked` is linked at its
    /// first whole-word appearance (any case), and then added to `linked`, so a term links
    /// once per page however often it appears.
    pub fn link(&self, text: &str, linked: &mut HashSet<String>) -> Vec<Segment> {
        let lower = text.to_ascii_lowercase();
        let mut segments = Vec::new();
        let mut at = 0;
        while let Some((start, len, index)) = self.next_match(&lower, at, linked) {
            if start > at {
                segments.push(plain(&text[at..start]));
            }
            let key = self.terms[index].key.clone();
            segments.push(Segment {
                text: text[start..start + len].to_string(),
                term: Some(key.clone()),
            });
            linked.insert(key);
            at = start + len;
        }
        if at < text.len() || segments.is_empty() {
            segments.push(plain(&text[at..]));
        }
        segments
    }

    /// The keys of the terms that appear in `text` as whole words.
    pub fn used_in(&self, text: &str) -> Vec<String> {
        let lower = text.to_ascii_lowercase();
        let mut found: Vec<String> = Vec::new();
        for (name, index) in &self.names {
            let key = &self.terms[*index].key;
            if !found.contains(key) && find_word(&lower, name, 0).is_some() {
                found.push(key.clone());
            }
        }
        found
    }

    fn next_match(
        &self,
        lower: &str,
        from: usize,
        linked: &HashSet<String>,
    ) -> Option<(usize, usize, usize)> {
        self.names
            .iter()
            .filter(|(_, index)| !linked.contains(&self.terms[*index].key))
            .filter_map(|(name, index)| {
                find_word(lower, name, from).map(|start| (start, name.len(), *index))
            })
            // Earliest first; at the same place the longer name (listed first) wins.
            .min_by_key(|(start, _, _)| *start)
    }
}

fn plain(text: &str) -> Segment {
    Segment {
        text: text.to_string(),
        term: None,
    }
}

/// The first place at or after `from` where `name` appears with no letter or digit on either
/// side. Names are ASCII (the loader checks), so byte offsets in the lower-cased copy are
/// offsets in the original text.
fn find_word(lower: &str, name: &str, from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(found) = lower.get(at..).and_then(|rest| rest.find(name)) {
        let start = at + found;
        let end = start + name.len();
        let before = lower[..start].chars().next_back();
        let after = lower[end..].chars().next();
        let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        if edge(before) && edge(after) {
            return Some(start);
        }
        at = start + 1;
        while !lower.is_char_boundary(at) {
            at += 1;
        }
    }
    None
}

/// Reads and checks `glossary.toml`: keys usable as anchors, a meaning for each term, and
/// no name claimed by two terms (the link would go to whichever came first).
pub(super) fn load_glossary(src: Source) -> Result<Glossary, LoadError> {
    let file: GlossaryFile = src.parse()?;
    let mut keys = HashSet::new();
    let mut names: Vec<(String, usize)> = Vec::new();
    for (index, term) in file.terms.iter().enumerate() {
        let line = src.line_at(term.offset);
        let fail = |m: String| Err(src.error(line, m));
        let anchor = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_';
        if term.key.is_empty() || !term.key.chars().all(anchor) {
            return fail(format!(
                "term key \"{}\" must be lower-case letters, digits and _",
                term.key
            ));
        }
        if !keys.insert(term.key.clone()) {
            return fail(format!("term \"{}\" is defined twice", term.key));
        }
        if term.meaning.trim().is_empty() {
            return fail(format!("term \"{}\" has no meaning", term.key));
        }
        for name in std::iter::once(&term.term).chain(&term.also) {
            let lower = name.trim().to_ascii_lowercase();
            if lower.is_empty() || !lower.is_ascii() {
                return fail(format!(
                    "term \"{}\": \"{name}\" must be plain letters (no accents or curly quotes)",
                    term.key
                ));
            }
            if names.iter().any(|(n, _)| *n == lower) {
                return fail(format!(
                    "term \"{}\": \"{name}\" is already the name of another term",
                    term.key
                ));
            }
            names.push((lower, index));
        }
    }
    names.sort_by_key(|n| std::cmp::Reverse(n.0.len()));
    Ok(Glossary {
        terms: file.terms,
        names,
    })
}
