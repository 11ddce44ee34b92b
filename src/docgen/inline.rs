//! Text inside a block: `**bold**` runs, escapes read back, and whether a cell is a figure.

use super::escape::{Breaks, Token, Unescaper};
use super::markup::{RichText, Span};

/// Splits `**bold**` runs and reads escapes back (`docs/document-markup.md`), keeping a line
/// break typed in an answer as a line break. An unmatched `**` is kept as literal text: it most
/// likely came from something a person typed, and refusing the whole document over it would
/// help nobody.
pub fn spans(text: &str) -> RichText {
    rich(text, Breaks::Keep)
}

/// As [`spans`], for one-line places (table cells): a typed line break reads as a space.
pub(super) fn one_line_spans(text: &str) -> RichText {
    rich(text, Breaks::Space)
}

fn rich(text: &str, breaks: Breaks) -> RichText {
    let tokens = Unescaper { breaks }.tokens(text);
    let marks = tokens.iter().filter(|t| **t == Token::Bold).count();
    let paired = marks - marks % 2;
    let mut out = Vec::new();
    let mut bold = false;
    let mut seen = 0;
    for token in tokens {
        match token {
            Token::Text(text) => push_span(&mut out, &text, bold),
            Token::Bold => {
                seen += 1;
                if seen <= paired {
                    bold = !bold;
                } else {
                    push_span(&mut out, "**", bold);
                }
            }
        }
    }
    out
}

/// Plain text (no bold) with escapes read back, for headings, titles and labels.
pub(super) fn one_line(text: &str) -> String {
    Unescaper {
        breaks: Breaks::Space,
    }
    .text(text)
}

/// The text of rich text without its bold marks.
pub fn plain(text: &[Span]) -> String {
    text.iter().map(|s| s.text.as_str()).collect()
}

fn push_span(out: &mut RichText, text: &str, bold: bool) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(last) if last.bold == bold => last.text.push_str(text),
        _ => out.push(Span {
            text: text.to_string(),
            bold,
        }),
    }
}

/// Whether a table cell holds a figure, which is right-aligned so digits line up:
/// `£1,234`, `-£5`, `(1,234)`, `12.5%`, `-3`.
pub fn is_figure(cell: &str) -> bool {
    let mut s = cell.trim();
    if let Some(inner) = s.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        s = inner;
    }
    s = s.strip_prefix('-').unwrap_or(s);
    s = s.strip_prefix('£').unwrap_or(s);
    s = s.strip_suffix('%').unwrap_or(s);
    let mut points = 0;
    let mut digits = 0;
    for c in s.chars() {
        match c {
            '0'..='9' => digits += 1,
            ',' => {}
            '.' => points += 1,
            _ => return false,
        }
    }
    digits > 0 && points <= 1
}
