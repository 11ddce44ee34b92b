//! What a clause must say to provide a legal matter or pass a co-operative test: the clause
//! that provides it (RULES.md §5, one clause per row, never "any of several") and the phrases
//! that carry the legal content in its text, typed values included.
//!
//! A phrase list is deliberately tied to the words of the templates: rewording a clause so it
//! no longer says what the law needs must fail the check, and rewording it harmlessly means
//! updating the phrase here, which the mutation tests and the examples keep honest.

use super::document::{normalise, RenderedRules};

/// Something a clause must say: a plain-English description and the wordings that say it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Need {
    pub what: String,
    pub any_of: Vec<String>,
}

/// Words the clause must contain, any one of them.
pub fn need(what: impl Into<String>, any_of: &[&str]) -> Need {
    Need {
        what: what.into(),
        any_of: any_of.iter().map(|s| normalise(s)).collect(),
    }
}

/// A value the person typed or chose, which must appear in the clause as it will be filed.
pub fn typed(what: impl Into<String>, value: &str) -> Need {
    Need {
        what: what.into(),
        any_of: vec![normalise(value)],
    }
}

/// The clause that provides a matter or test, and what its text must say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provider {
    pub code: &'static str,
    pub needs: Vec<Need>,
}

pub fn provider(code: &'static str, needs: Vec<Need>) -> Provider {
    Provider { code, needs }
}

/// What is wrong with one provider in this document, in plain English; empty when the
/// clause is there and says everything it must.
pub fn gaps(doc: &RenderedRules, p: &Provider) -> Vec<String> {
    let Some(clause) = doc.clause(p.code) else {
        return vec![format!("the rules have no clause {}", p.code)];
    };
    let text = clause.normalised();
    p.needs
        .iter()
        .filter(|n| !n.any_of.iter().any(|w| text.contains(w.as_str())))
        .map(|n| {
            format!(
                "clause {} ({}, {}) does not say {}",
                clause.number, p.code, clause.title, n.what
            )
        })
        .collect()
}

/// The gaps of every provider, in order.
pub fn all_gaps(doc: &RenderedRules, providers: &[Provider]) -> Vec<String> {
    providers.iter().flat_map(|p| gaps(doc, p)).collect()
}
