//! Parses the document markup (`docs/document-markup.md`) into blocks.
//!
//! The markup is written by our own templates, so a mistake in it is a bug to be found early:
//! anything the contract does not allow is an error naming the line. Clause and sub-clause
//! numbers are assigned here, once, so the HTML preview and the PDF can never disagree.
//! This module knows nothing about HTML or PDF.

use std::collections::HashSet;

use super::chart::Chart;
use super::error::DocgenError;
use super::escape::{ends_with_bar, split_cells};
pub use super::inline::{is_figure, plain, spans};
use super::inline::{one_line, one_line_spans};

/// A run of text that is either bold or not; `**bold**` is the only inline markup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
}

/// Text with bold runs, in reading order.
pub type RichText = Vec<Span>;

/// A numbered clause: its stable key, its number in the document and the blocks it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    pub number: u32,
    pub key: String,
    pub title: String,
    pub body: Vec<Block>,
}

/// A table: the header row is repeated on every PDF page the table spans.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub header: Vec<RichText>,
    pub rows: Vec<Vec<RichText>>,
}

/// One unit of a document, shared by both renderers.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// `#`, `##` or `###`; level 1 is the document title.
    Heading {
        level: u8,
        text: String,
    },
    Clause(Clause),
    /// `clause.number` sub-clause, only ever found in a clause body.
    SubClause {
        clause: u32,
        number: u32,
        text: RichText,
    },
    Paragraph(RichText),
    List(Vec<RichText>),
    Table(Table),
    Signature {
        label: String,
    },
    PageBreak,
    Toc,
    Chart(Chart),
    Note(RichText),
}

/// Parses markup into blocks, numbering clauses 1, 2, 3… and sub-clauses 7.1, 7.2….
pub fn parse(markup: &str) -> Result<Vec<Block>, DocgenError> {
    let mut parser = Parser::default();
    for (index, raw) in markup.lines().enumerate() {
        parser.line(index + 1, raw.trim_end())?;
    }
    parser.finish()
}

/// `(key, number, title)` of every clause in document order, for the legal check and redlines.
pub fn clause_numbers(blocks: &[Block]) -> Vec<(String, u32, String)> {
    blocks
        .iter()
        .filter_map(|block| match block {
            Block::Clause(c) => Some((c.key.clone(), c.number, c.title.clone())),
            _ => None,
        })
        .collect()
}

/// Where consecutive lines are being gathered into one block.
#[derive(Default)]
enum Pending {
    #[default]
    Nothing,
    Paragraph(Vec<String>),
    List(Vec<RichText>),
    Table {
        start: usize,
        rows: Vec<Vec<RichText>>,
    },
}

#[derive(Default)]
struct Parser {
    blocks: Vec<Block>,
    clause: Option<Clause>,
    pending: Pending,
    clause_count: u32,
    sub_count: u32,
    keys: HashSet<String>,
    seen_content: bool,
}

impl Parser {
    fn line(&mut self, n: usize, line: &str) -> Result<(), DocgenError> {
        if line.trim().is_empty() {
            return self.flush();
        }
        if let Some(directive) = line.strip_prefix('@') {
            self.flush()?;
            return self.directive(n, directive);
        }
        if line.starts_with('#') {
            if let Some((level, text)) = heading(n, line)? {
                self.flush()?;
                return self.heading(n, level, text);
            }
        }
        if let Some(text) = line.strip_prefix("+ ") {
            self.flush()?;
            return self.sub_clause(n, text.trim());
        }
        if let Some(item) = line.strip_prefix("- ") {
            if !matches!(self.pending, Pending::List(_)) {
                self.flush()?;
                self.pending = Pending::List(Vec::new());
            }
            if let Pending::List(items) = &mut self.pending {
                items.push(spans(item.trim()));
            }
            return Ok(());
        }
        if line.trim_start().starts_with('|') {
            return self.table_row(n, line.trim());
        }
        if !matches!(self.pending, Pending::Paragraph(_)) {
            self.flush()?;
            self.pending = Pending::Paragraph(Vec::new());
        }
        if let Pending::Paragraph(lines) = &mut self.pending {
            lines.push(line.trim().to_string());
        }
        Ok(())
    }

    fn directive(&mut self, n: usize, directive: &str) -> Result<(), DocgenError> {
        let (name, rest) = directive.split_once(' ').unwrap_or((directive, ""));
        let rest = rest.trim();
        let no_argument = |block: Block| {
            if rest.is_empty() {
                Ok(block)
            } else {
                Err(DocgenError::markup(
                    n,
                    format!("@{name} takes nothing after it"),
                ))
            }
        };
        let block = match name {
            "clause" => return self.open_clause(n, rest),
            "endclause" => {
                if self.clause.is_none() {
                    return Err(DocgenError::markup(n, "@endclause with no clause open"));
                }
                return self.close_clause();
            }
            "signature" if !rest.is_empty() => Block::Signature {
                label: one_line(rest),
            },
            "signature" => return Err(DocgenError::markup(n, "@signature needs a label")),
            "note" if !rest.is_empty() => Block::Note(spans(rest)),
            "note" => return Err(DocgenError::markup(n, "@note needs some text")),
            "pagebreak" => no_argument(Block::PageBreak)?,
            "toc" => no_argument(Block::Toc)?,
            "chart" => Block::Chart(Chart::from_json(rest).map_err(|m| DocgenError::markup(n, m))?),
            other => {
                return Err(DocgenError::markup(
                    n,
                    format!("unknown directive @{other}"),
                ))
            }
        };
        self.push(block);
        Ok(())
    }

    fn open_clause(&mut self, n: usize, rest: &str) -> Result<(), DocgenError> {
        let (key, title) = rest.split_once(' ').unwrap_or((rest, ""));
        if key.is_empty() || title.trim().is_empty() {
            return Err(DocgenError::markup(n, "@clause needs a key and a title"));
        }
        if !self.keys.insert(key.to_string()) {
            return Err(DocgenError::markup(
                n,
                format!("clause key {key} is used twice"),
            ));
        }
        self.close_clause()?;
        self.clause_count += 1;
        self.sub_count = 0;
        self.clause = Some(Clause {
            number: self.clause_count,
            key: key.to_string(),
            title: one_line(title.trim()),
            body: Vec::new(),
        });
        self.seen_content = true;
        Ok(())
    }

    fn close_clause(&mut self) -> Result<(), DocgenError> {
        self.flush()?;
        if let Some(clause) = self.clause.take() {
            self.blocks.push(Block::Clause(clause));
        }
        Ok(())
    }

    fn heading(&mut self, n: usize, level: u8, text: &str) -> Result<(), DocgenError> {
        if level == 1 && self.seen_content {
            return Err(DocgenError::markup(
                n,
                "the document title (#) must come first and only once",
            ));
        }
        self.close_clause()?;
        self.push(Block::Heading {
            level,
            text: one_line(text),
        });
        Ok(())
    }

    fn sub_clause(&mut self, n: usize, text: &str) -> Result<(), DocgenError> {
        let Some(clause) = &self.clause else {
            return Err(DocgenError::markup(
                n,
                "a sub-clause (+) must come after an @clause",
            ));
        };
        self.sub_count += 1;
        let block = Block::SubClause {
            clause: clause.number,
            number: self.sub_count,
            text: spans(text),
        };
        self.push(block);
        Ok(())
    }

    fn table_row(&mut self, n: usize, line: &str) -> Result<(), DocgenError> {
        let inner = line
            .strip_prefix('|')
            .filter(|l| ends_with_bar(l))
            .and_then(|l| l.strip_suffix('|'));
        let Some(inner) = inner else {
            return Err(DocgenError::markup(
                n,
                "a table row must start and end with |",
            ));
        };
        if !matches!(self.pending, Pending::Table { .. }) {
            self.flush()?;
            self.pending = Pending::Table {
                start: n,
                rows: Vec::new(),
            };
        }
        let cells: Vec<&str> = split_cells(inner).into_iter().map(str::trim).collect();
        let separator = cells
            .iter()
            .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':')));
        if let Pending::Table { rows, .. } = &mut self.pending {
            if let Some(header) = rows.first() {
                if !separator && header.len() != cells.len() {
                    return Err(DocgenError::markup(
                        n,
                        format!(
                            "this table row has {} cells but the header has {}",
                            cells.len(),
                            header.len()
                        ),
                    ));
                }
            }
            if !separator {
                rows.push(cells.into_iter().map(one_line_spans).collect());
            }
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), DocgenError> {
        let block = match std::mem::take(&mut self.pending) {
            Pending::Nothing => return Ok(()),
            Pending::Paragraph(lines) => Block::Paragraph(spans(&lines.join(" "))),
            Pending::List(items) => Block::List(items),
            Pending::Table { start, mut rows } => {
                if rows.is_empty() {
                    return Err(DocgenError::markup(start, "a table needs a header row"));
                }
                let header = rows.remove(0);
                Block::Table(Table { header, rows })
            }
        };
        self.push(block);
        Ok(())
    }

    fn push(&mut self, block: Block) {
        self.seen_content = true;
        match &mut self.clause {
            Some(clause) => clause.body.push(block),
            None => self.blocks.push(block),
        }
    }

    fn finish(mut self) -> Result<Vec<Block>, DocgenError> {
        self.close_clause()?;
        Ok(self.blocks)
    }
}

/// `Some((level, text))` for `# `, `## ` and `### `; deeper levels are an error so a typo
/// does not silently turn into a paragraph starting with hashes.
fn heading(n: usize, line: &str) -> Result<Option<(u8, &str)>, DocgenError> {
    let hashes = line.chars().take_while(|c| *c == '#').count();
    let Some(text) = line[hashes..].strip_prefix(' ') else {
        return Ok(None);
    };
    if hashes > 3 {
        return Err(DocgenError::markup(n, "headings go down to ### only"));
    }
    let text = text.trim();
    if text.is_empty() {
        return Err(DocgenError::markup(n, "a heading needs some text"));
    }
    Ok(Some((hashes as u8, text)))
}

#[cfg(test)]
#[path = "markup_tests.rs"]
mod tests;
