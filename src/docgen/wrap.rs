//! Greedy line wrapping of rich text, measured with the embedded fonts.
//!
//! Breaks only at spaces, and always at a line break typed in an answer; a single word wider
//! than the line (a long URL or reference) is cut between characters rather than allowed to
//! run off the page. Every step is linear in the text's length: each character is measured
//! a bounded number of times, so a 1.4 MB answer wraps in about the time it takes to read.

use super::fonts::Fonts;
use super::markup::Span;

/// A piece of a wrapped line: where it starts (points from the line's left) and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub x: f32,
    pub text: String,
    pub bold: bool,
}

/// Wraps `text` at `size` points into lines no wider than `width`.
pub fn wrap(fonts: &Fonts, text: &[Span], size: f32, width: f32) -> Vec<Vec<Piece>> {
    if let Some(line) = fits_as_it_is(fonts, text, size, width) {
        return vec![line];
    }
    let space = fonts.width(" ", false, size);
    let bold_space = fonts.width(" ", true, size);
    let mut lines: Vec<Vec<Piece>> = Vec::new();
    let mut line: Vec<Piece> = Vec::new();
    let mut x = 0.0;
    for word in words(text) {
        let Word::Text(word) = word else {
            lines.push(std::mem::take(&mut line));
            x = 0.0;
            continue;
        };
        for part in split_long(fonts, &word, size, width) {
            let part_width: f32 = part
                .iter()
                .map(|s| fonts.width(&s.text, s.bold, size))
                .sum();
            // The space joins the piece before it and is drawn in its weight: a bold space is
            // wider, so a bold run of several words ends further right than regular spaces say.
            let space = match line.last() {
                Some(last) if last.bold => bold_space,
                _ => space,
            };
            let start = if line.is_empty() { 0.0 } else { x + space };
            if !line.is_empty() && start + part_width > width {
                lines.push(std::mem::take(&mut line));
                x = 0.0;
            } else if !line.is_empty() {
                append(&mut line, " ", false, x);
                x += space;
            }
            for span in part {
                append(&mut line, &span.text, span.bold, x);
                x += fonts.width(&span.text, span.bold, size);
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The common case in tables: one run of text, already spaced as wrapping would space it,
/// that fits on one line. Skipping the word-by-word pass for it halves a table's layout time.
fn fits_as_it_is(fonts: &Fonts, text: &[Span], size: f32, width: f32) -> Option<Vec<Piece>> {
    let [span] = text else { return None };
    let s = span.text.as_str();
    let tidy = !s.is_empty()
        && !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.contains("  ")
        && !s.chars().any(|c| c.is_whitespace() && c != ' ');
    (tidy && fonts.width(s, span.bold, size) <= width).then(|| {
        vec![Piece {
            x: 0.0,
            text: span.text.clone(),
            bold: span.bold,
        }]
    })
}

/// Adds text to the line, merging it into the last piece when the weight matches so a
/// line is drawn with as few text runs as possible (and extracts as whole words).
fn append(line: &mut Vec<Piece>, text: &str, bold: bool, x: f32) {
    match line.last_mut() {
        Some(last) if last.bold == bold || text == " " => last.text.push_str(text),
        _ => line.push(Piece {
            x,
            text: text.to_string(),
            bold,
        }),
    }
}

/// A word, or a line break typed in an answer.
enum Word {
    Text(Vec<Span>),
    Break,
}

/// Words as runs of spans: "**Gŵyl**'s" is one word made of a bold and a regular run.
fn words(text: &[Span]) -> Vec<Word> {
    let mut words = Vec::new();
    let mut current: Vec<Span> = Vec::new();
    for span in text {
        for (l, segment) in span.text.split('\n').enumerate() {
            if l > 0 {
                if !current.is_empty() {
                    words.push(Word::Text(std::mem::take(&mut current)));
                }
                words.push(Word::Break);
            }
            let mut first = true;
            for chunk in segment.split(char::is_whitespace) {
                if !first && !current.is_empty() {
                    words.push(Word::Text(std::mem::take(&mut current)));
                }
                first = false;
                if !chunk.is_empty() {
                    current.push(Span {
                        text: chunk.to_string(),
                        bold: span.bold,
                    });
                }
            }
        }
    }
    if !current.is_empty() {
        words.push(Word::Text(current));
    }
    words
}

/// Cuts a word wider than the line into parts that fit, character by character.
fn split_long(fonts: &Fonts, word: &[Span], size: f32, width: f32) -> Vec<Vec<Span>> {
    let total: f32 = word
        .iter()
        .map(|s| fonts.width(&s.text, s.bold, size))
        .sum();
    if total <= width {
        return vec![word.to_vec()];
    }
    let mut parts = Vec::new();
    let mut part: Vec<Span> = Vec::new();
    let mut used = 0.0;
    for span in word {
        for c in span.text.chars() {
            let w = fonts.width(c.encode_utf8(&mut [0; 4]), span.bold, size);
            if used + w > width && !part.is_empty() {
                parts.push(std::mem::take(&mut part));
                used = 0.0;
            }
            match part.last_mut() {
                Some(last) if last.bold == span.bold => last.text.push(c),
                _ => part.push(Span {
                    text: c.to_string(),
                    bold: span.bold,
                }),
            }
            used += w;
        }
    }
    if !part.is_empty() {
        parts.push(part);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docgen::markup::{plain, spans};

    fn line_text(line: &[Piece]) -> String {
        line.iter().map(|p| p.text.as_str()).collect()
    }

    #[test]
    fn lines_fit_the_width_and_keep_every_word() {
        let fonts = Fonts::load().unwrap();
        let text = spans("Members of **Gŵyl Bakers Co-operative Cyfyngedig** each hold one £1 share and have one vote at general meetings.");
        let lines = wrap(&fonts, &text, 10.0, 150.0);
        assert!(lines.len() >= 3, "{lines:?}");
        for line in &lines {
            let last = line.last().unwrap();
            let end = last.x + fonts.width(&last.text, last.bold, 10.0);
            assert!(end <= 150.0 + 0.01, "{line:?} is {end} wide");
        }
        let joined: Vec<String> = lines.iter().map(|l| line_text(l)).collect();
        assert_eq!(joined.join(" "), plain(&text));
        assert!(lines
            .iter()
            .flatten()
            .any(|p| p.bold && p.text.contains("Gŵyl")));
    }

    #[test]
    fn text_after_a_bold_run_of_words_starts_where_the_bold_ends() {
        let fonts = Fonts::load().unwrap();
        let text = spans("**1 October 2026 to 31 December 2026**, compared with 1 July 2026 to 30 September 2026.");
        let lines = wrap(&fonts, &text, 10.0, 400.0);
        let (bold, after) = (&lines[0][0], &lines[0][1]);
        assert!(bold.bold && !after.bold, "{lines:?}");
        let bold_end = bold.x + fonts.width(&bold.text, true, 10.0);
        assert!(
            after.x + 0.01 >= bold_end,
            "the comma at {} overlaps the bold text ending at {bold_end}",
            after.x
        );
    }

    #[test]
    fn short_text_is_one_piece_with_its_spacing_tidied() {
        let fonts = Fonts::load().unwrap();
        let one = |text: &str| wrap(&fonts, &spans(text), 10.0, 200.0);
        let piece = |text: &str| Piece {
            x: 0.0,
            text: text.into(),
            bold: false,
        };
        assert_eq!(one("£12,500 a year"), vec![vec![piece("£12,500 a year")]]);
        assert_eq!(
            one(" £12,500  a\tyear "),
            vec![vec![piece("£12,500 a year")]]
        );
        assert_eq!(one(""), vec![vec![]]);
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut() {
        let fonts = Fonts::load().unwrap();
        let lines = wrap(&fonts, &spans(&"x".repeat(60)), 10.0, 50.0);
        assert!(lines.len() > 1);
        assert_eq!(
            lines.iter().map(|l| line_text(l)).collect::<String>().len(),
            60
        );
    }
}
