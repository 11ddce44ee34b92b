//! The small markup of learning pages written in the app. Staff write plain text; a line
//! starting `## ` or `### ` is a heading, lines starting `- ` make a bulleted list, a blank
//! line starts a new paragraph, and `**words**` are bold. Nothing else means anything.
//!
//! Why not the document markup (`docgen::markup`): that one is written by our own templates,
//! so it refuses any line it does not know, and it has clauses, charts and page breaks a
//! teaching page has no use for. A page typed by staff must always show, whatever they type.
//! The blocks hold plain text: the page template escapes every character, so nothing typed
//! here can ever become HTML.

use serde::Serialize;

/// A run of text, bold or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    pub text: String,
    pub bold: bool,
}

/// One block of a learning page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum TextBlock {
    /// `## ` (level 2) or `### ` (level 3); the page's own title is level 1.
    Heading {
        level: u8,
        text: String,
    },
    Paragraph {
        spans: Vec<Span>,
    },
    List {
        items: Vec<Vec<Span>>,
    },
}

/// Reads a page's text into blocks. Never fails: an unknown line is paragraph text.
pub fn parse(text: &str) -> Vec<TextBlock> {
    let mut blocks = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut items: Vec<Vec<Span>> = Vec::new();
    let flush_paragraph = |paragraph: &mut Vec<&str>, blocks: &mut Vec<TextBlock>| {
        if !paragraph.is_empty() {
            blocks.push(TextBlock::Paragraph {
                spans: spans(&paragraph.join(" ")),
            });
            paragraph.clear();
        }
    };
    let flush_list = |items: &mut Vec<Vec<Span>>, blocks: &mut Vec<TextBlock>| {
        if !items.is_empty() {
            blocks.push(TextBlock::List {
                items: std::mem::take(items),
            });
        }
    };
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            flush_paragraph(&mut paragraph, &mut blocks);
            flush_list(&mut items, &mut blocks);
        } else if let Some((level, heading)) = heading(line) {
            flush_paragraph(&mut paragraph, &mut blocks);
            flush_list(&mut items, &mut blocks);
            blocks.push(TextBlock::Heading {
                level,
                text: heading.replace("**", ""),
            });
        } else if let Some(item) = line.strip_prefix("- ") {
            flush_paragraph(&mut paragraph, &mut blocks);
            items.push(spans(item.trim()));
        } else {
            flush_list(&mut items, &mut blocks);
            paragraph.push(line);
        }
    }
    flush_paragraph(&mut paragraph, &mut blocks);
    flush_list(&mut items, &mut blocks);
    blocks
}

fn heading(line: &str) -> Option<(u8, &str)> {
    let (level, rest) = if let Some(rest) = line.strip_prefix("### ") {
        (3, rest)
    } else {
        (2, line.strip_prefix("## ")?)
    };
    let rest = rest.trim();
    (!rest.is_empty()).then_some((level, rest))
}

/// Splits text at `**` into bold and plain runs; an unpaired `**` is kept as typed.
pub fn spans(text: &str) -> Vec<Span> {
    let parts: Vec<&str> = text.split("**").collect();
    // An odd number of `**` leaves the last one unpaired: print it as typed.
    let paired = parts.len() % 2 == 1;
    let mut out: Vec<Span> = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let last = i == parts.len() - 1;
        let bold = i % 2 == 1 && (paired || !last);
        let text = if i % 2 == 1 && !bold {
            format!("**{part}")
        } else {
            (*part).to_string()
        };
        if text.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(prev) if prev.bold == bold => prev.text.push_str(&text),
            _ => out.push(Span { text, bold }),
        }
    }
    out
}

/// The page's text as one line, for a search-free summary in lists: the first paragraph.
pub fn first_paragraph(text: &str) -> String {
    parse(text)
        .into_iter()
        .find_map(|b| match b {
            TextBlock::Paragraph { spans } => {
                Some(spans.into_iter().map(|s| s.text).collect::<String>())
            }
            _ => None,
        })
        .unwrap_or_default()
}
