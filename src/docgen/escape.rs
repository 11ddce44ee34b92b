//! Escaping of answer values for the document markup, and reading them back.
//!
//! Templates interpolate what people typed (the co-op's name, its objects, a founder's name,
//! the plan's text) into line-based markup. Without escaping, a line break followed by
//! `@clause` or `#` in an answer became a clause or a heading of its own. The document
//! registry runs every `{{value}}` through [`escape`], and the parser reads the escapes back
//! with [`Unescaper`], so a value always comes out as exactly the text typed, inside the block
//! the template put it in. The rules are in `docs/document-markup.md` ("Answers are data").

/// The escaping itself is pure text work that domain code writing markup (the legal check's
/// tables) needs too, so it lives in the domain and is re-exported here.
pub use crate::domain::markup_text::escape;

/// What a `\n` in a value becomes where it is read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breaks {
    /// Kept as a line break inside the block (paragraphs, sub-clauses, list items, notes).
    Keep,
    /// A space: one-line places (headings, clause titles, signature labels, table cells).
    Space,
}

/// A piece of markup text after escapes are read: literal text, or a `**` bold mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    Text(String),
    Bold,
}

/// Reads escapes back; unescaped `**` comes out as [`Token::Bold`].
pub struct Unescaper {
    pub breaks: Breaks,
}

impl Unescaper {
    /// Splits markup text into literal text and bold marks. A backslash makes the next
    /// character literal (`\n` is a line break); a backslash at the very end stays as it is.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        let mut current = String::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some('n') => current.push(match self.breaks {
                        Breaks::Keep => '\n',
                        Breaks::Space => ' ',
                    }),
                    Some(other) => current.push(other),
                    None => current.push('\\'),
                },
                '*' if chars.peek() == Some(&'*') => {
                    chars.next();
                    if !current.is_empty() {
                        tokens.push(Token::Text(std::mem::take(&mut current)));
                    }
                    tokens.push(Token::Bold);
                }
                _ => current.push(c),
            }
        }
        if !current.is_empty() {
            tokens.push(Token::Text(current));
        }
        tokens
    }

    /// The literal text, with any `**` kept as written (for places with no bold).
    pub fn text(&self, text: &str) -> String {
        self.tokens(text)
            .into_iter()
            .map(|t| match t {
                Token::Text(s) => s,
                Token::Bold => "**".to_string(),
            })
            .collect()
    }
}

/// Splits a table row's inside at every `|` that is not escaped, keeping escapes for the
/// cells to read.
pub fn split_cells(inner: &str) -> Vec<&str> {
    let mut cells = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in inner.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '|' => {
                cells.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    cells.push(&inner[start..]);
    cells
}

/// Whether the line ends with a `|` that is not escaped (a table row must).
pub fn ends_with_bar(line: &str) -> bool {
    let Some(before) = line.strip_suffix('|') else {
        return false;
    };
    let backslashes = before.chars().rev().take_while(|c| *c == '\\').count();
    backslashes.is_multiple_of(2)
}

#[cfg(test)]
#[path = "escape_tests.rs"]
mod tests;
