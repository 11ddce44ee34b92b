//! The rules as they will be filed: every clause's whole text, typed values included, and
//! the signatures. The legal check reads this, not the answers, so a clause that is missing,
//! empty or says the wrong thing is caught however it got that way.

use std::sync::LazyLock;

use regex::Regex;

/// One numbered clause: its key (`S09.ceasing`), number, title and the plain text of every
/// sub-clause and list item under it, joined by line breaks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenderedClause {
    pub key: String,
    pub number: u32,
    pub title: String,
    pub text: String,
    /// The text and its sentences in the form phrases are compared in, worked out once: the
    /// check reads every clause for each of its tests, and normalising the whole document
    /// again for each was a fifth of making a document.
    normalised: String,
    sentences: Vec<String>,
}

impl RenderedClause {
    pub fn new(key: String, number: u32, title: String, text: String) -> Self {
        Self {
            normalised: normalise(&text),
            sentences: sentences(&text),
            key,
            number,
            title,
            text,
        }
    }

    /// The whole text, normalised (see `normalise`).
    pub fn normalised(&self) -> &str {
        &self.normalised
    }

    /// The code part of the key: `S09` of `S09.ceasing`.
    pub fn code(&self) -> &str {
        super::check::code_of(&self.key)
    }
}

/// The whole rendered document, for the check.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenderedRules {
    pub clauses: Vec<RenderedClause>,
    /// The label of every signature line, in order (founders' names with their roles).
    pub signatures: Vec<String>,
}

impl RenderedRules {
    /// The clause with this code, if the document has one.
    pub fn clause(&self, code: &str) -> Option<&RenderedClause> {
        self.clauses.iter().find(|c| c.code() == code)
    }

    pub fn has(&self, code: &str) -> bool {
        self.clause(code).is_some()
    }

    /// Every sentence of the document, normalised, with the clause it sits in.
    pub fn sentences(&self) -> impl Iterator<Item = (&RenderedClause, &str)> {
        self.clauses
            .iter()
            .flat_map(|c| c.sentences.iter().map(move |s| (c, s.as_str())))
    }
}

/// Lower case, straight quotes, single spaces: the form every phrase is compared in, so a
/// curly apostrophe or a line break never decides whether a clause says something.
pub fn normalise(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            '\u{a0}' => ' ',
            c => c,
        })
        .collect();
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The sentences of a text, normalised. A sentence ends at a full stop, semicolon or line
/// break (list items are one sentence each); "s.24" and "66.67%" are not ends.
pub fn sentences(text: &str) -> Vec<String> {
    static END: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[.;](\s|$)|\n").expect("valid sentence pattern"));
    END.split(text)
        .map(normalise)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Whether a sentence says something is not so ("no vote", "never", "nobody has to"): a
/// forbidden idea mentioned only to rule it out does not break a test.
pub fn negated(sentence: &str) -> bool {
    static NOT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(no|not|never|nobody|nothing|cannot|none|nor|neither|without|only with)\b")
            .expect("valid negation pattern")
    });
    NOT.is_match(sentence)
}

/// Every percentage written in a sentence, in hundredths (`3.5%` is 350).
pub fn percentages(sentence: &str) -> Vec<u32> {
    static PCT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(\d{1,9})(?:\.(\d{1,2}))?\s*%").expect("valid percentage pattern")
    });
    PCT.captures_iter(sentence)
        .filter_map(|c| {
            let whole: u32 = c[1].parse().ok()?;
            let frac = c.get(2).map_or(Some(0), |f| {
                format!("{:0<2}", f.as_str()).parse::<u32>().ok()
            })?;
            whole.checked_mul(100)?.checked_add(frac)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_at_stops_but_not_inside_numbers() {
        assert_eq!(
            sentences("Section 24 applies, s.24 says.  Interest of 66.67% a year;\nthird"),
            [
                "section 24 applies, s.24 says",
                "interest of 66.67% a year",
                "third"
            ]
        );
    }

    #[test]
    fn negation_and_percentages_are_read_from_the_words() {
        assert!(negated("it has no vote at general meetings"));
        assert!(!negated("the union may veto any change"));
        assert_eq!(
            percentages("never more than 3.5% or 500% a year"),
            [350, 50_000]
        );
    }
}
