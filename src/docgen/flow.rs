//! Flow: turns blocks into a column of units for the PDF, each unit a line or an unbreakable
//! figure, with the spacing and keep-together rules that pagination honours.
//!
//! A unit is the smallest thing pagination may move to the next page. Making every text line
//! its own unit lets paragraphs split naturally; headings and clause titles are marked
//! keep-with-next so they never end a page on their own.

use super::figures;
use super::fonts::Fonts;
use super::layout::{text, Item, Rgb, BODY_WIDTH, INK, MUTED};
use super::markup::{Block, Clause, RichText, Span};
use super::wrap::wrap;

pub const BODY_SIZE: f32 = 10.5;
pub const BODY_LEADING: f32 = 15.0;
/// How far clause bodies sit in from the clause number.
const CLAUSE_INDENT: f32 = 28.0;
const NOTE_FILL: Rgb = (255, 246, 214);
const NOTE_BAR: Rgb = (200, 130, 0);
const NOTE_PAD: f32 = 6.0;

/// What a unit is, so tests (and pagination) can reason about pages without reading text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Heading(u8),
    ClauseTitle(u32),
    TableHeader(usize),
    TableRow(usize),
    TocEntry,
    Text,
    Figure,
    PageBreak,
}

/// The smallest piece pagination places; item coordinates are relative to its top-left.
#[derive(Debug, Clone)]
pub struct Unit {
    pub height: f32,
    /// Dropped when the unit starts a page.
    pub space_before: f32,
    pub items: Vec<Item>,
    pub keep_with_next: bool,
    pub role: Role,
    /// Index of the contents entry this unit starts.
    pub anchor: Option<usize>,
    /// Index (into the units) of the table header to repeat when this row starts a page.
    pub repeat_header: Option<usize>,
}

impl Unit {
    pub fn new(height: f32, space_before: f32, role: Role, items: Vec<Item>) -> Unit {
        Unit {
            height,
            space_before,
            items,
            keep_with_next: false,
            role,
            anchor: None,
            repeat_header: None,
        }
    }
}

/// How a run of wrapped text is set.
struct Style {
    size: f32,
    leading: f32,
    bold: bool,
    indent: f32,
    /// A number or bullet hung in the margin before the first line, and its x.
    label: Option<(f32, String)>,
    space_before: f32,
    role: Role,
    keep_with_next: bool,
}

impl Style {
    fn body(indent: f32, space_before: f32) -> Style {
        Style {
            size: BODY_SIZE,
            leading: BODY_LEADING,
            bold: false,
            indent,
            label: None,
            space_before,
            role: Role::Text,
            keep_with_next: false,
        }
    }
}

/// The contents: level-2 headings and clauses, in order, as they are listed.
pub fn toc_entries(blocks: &[Block]) -> Vec<(bool, String)> {
    blocks
        .iter()
        .filter_map(|block| match block {
            Block::Heading { level: 2, text } => Some((false, text.clone())),
            Block::Clause(c) => Some((true, format!("{}. {}", c.number, c.title))),
            _ => None,
        })
        .collect()
}

/// Flows the blocks. `toc_pages` holds the page of each contents entry from a previous pass
/// (empty on the first pass).
pub fn flow(fonts: &Fonts, blocks: &[Block], toc_pages: &[usize]) -> Vec<Unit> {
    let mut flow = Flow {
        fonts,
        units: Vec::new(),
        toc: toc_entries(blocks),
        toc_pages,
        anchors: 0,
        tables: 0,
    };
    for block in blocks {
        flow.block(block, 0.0);
    }
    flow.units
}

struct Flow<'a> {
    fonts: &'a Fonts,
    units: Vec<Unit>,
    toc: Vec<(bool, String)>,
    toc_pages: &'a [usize],
    anchors: usize,
    tables: usize,
}

impl Flow<'_> {
    fn block(&mut self, block: &Block, indent: f32) {
        match block {
            Block::Heading { level, text } => self.heading(*level, text),
            Block::Clause(clause) => self.clause(clause),
            Block::SubClause {
                clause,
                number,
                text,
            } => {
                let mut style = Style::body(indent + 30.0, 6.0);
                style.label = Some((indent, format!("{clause}.{number}")));
                self.text(text, style);
            }
            Block::Paragraph(text) => self.text(text, Style::body(indent, 7.0)),
            Block::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    let mut style = Style::body(indent + 16.0, if i == 0 { 7.0 } else { 2.0 });
                    style.label = Some((indent + 4.0, "•".into()));
                    self.text(item, style);
                }
            }
            Block::Table(table) => {
                self.tables += 1;
                let first = self.units.len();
                self.units.extend(figures::table(
                    self.fonts,
                    table,
                    indent,
                    self.tables,
                    first,
                ));
            }
            Block::Chart(chart) => self.units.push(figures::chart(self.fonts, chart, indent)),
            Block::Note(text) => self.note(text, indent),
            Block::Signature { label } => self.signature(label, indent),
            Block::PageBreak => self
                .units
                .push(Unit::new(0.0, 0.0, Role::PageBreak, vec![])),
            Block::Toc => self.contents(),
        }
    }

    fn heading(&mut self, level: u8, heading: &str) {
        let (size, space) = match level {
            1 => (20.0, 0.0),
            2 => (14.0, 20.0),
            _ => (12.0, 14.0),
        };
        let style = Style {
            size,
            leading: size * 1.3,
            bold: true,
            indent: 0.0,
            label: None,
            space_before: space,
            role: Role::Heading(level),
            keep_with_next: true,
        };
        let start = self.units.len();
        self.text(&[plain_span(heading)], style);
        if level == 2 {
            self.anchor(start);
        }
    }

    fn clause(&mut self, clause: &Clause) {
        let style = Style {
            size: 11.0,
            leading: 15.5,
            bold: true,
            indent: CLAUSE_INDENT,
            label: Some((0.0, format!("{}.", clause.number))),
            space_before: 14.0,
            role: Role::ClauseTitle(clause.number),
            keep_with_next: true,
        };
        let start = self.units.len();
        self.text(&[plain_span(&clause.title)], style);
        self.anchor(start);
        for block in &clause.body {
            self.block(block, CLAUSE_INDENT);
        }
    }

    fn anchor(&mut self, unit: usize) {
        if let Some(u) = self.units.get_mut(unit) {
            u.anchor = Some(self.anchors);
            self.anchors += 1;
        }
    }

    /// Wraps text into one unit per line.
    fn text(&mut self, content: &[Span], style: Style) {
        let content: RichText = content
            .iter()
            .map(|s| Span {
                text: s.text.clone(),
                bold: s.bold || style.bold,
            })
            .collect();
        let width = BODY_WIDTH - style.indent;
        let baseline = (style.leading + style.size * 0.7) / 2.0;
        for (i, line) in wrap(self.fonts, &content, style.size, width)
            .into_iter()
            .enumerate()
        {
            let mut items: Vec<Item> = line
                .iter()
                .map(|p| {
                    text(
                        style.indent + p.x,
                        baseline,
                        style.size,
                        p.bold,
                        INK,
                        &p.text,
                    )
                })
                .collect();
            if let (0, Some((x, label))) = (i, &style.label) {
                items.insert(0, text(*x, baseline, style.size, style.bold, INK, label));
            }
            let space = if i == 0 { style.space_before } else { 0.0 };
            let mut unit = Unit::new(style.leading, space, style.role, items);
            unit.keep_with_next = style.keep_with_next;
            self.units.push(unit);
        }
    }

    /// A note is a tinted box with a bar down its left; each line carries its own slice of
    /// the box so a long note can still break across pages.
    fn note(&mut self, content: &RichText, indent: f32) {
        let width = BODY_WIDTH - indent;
        let lines = wrap(self.fonts, content, BODY_SIZE, width - 3.0 * NOTE_PAD);
        let count = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            let top_pad = if i == 0 { NOTE_PAD } else { 0.0 };
            let bottom_pad = if i + 1 == count { NOTE_PAD } else { 0.0 };
            let height = BODY_LEADING + top_pad + bottom_pad;
            let baseline = top_pad + (BODY_LEADING + BODY_SIZE * 0.7) / 2.0;
            let mut items = vec![
                rect(indent, 0.0, width, height, NOTE_FILL),
                rect(indent, 0.0, 3.0, height, NOTE_BAR),
            ];
            let x = indent + 2.0 * NOTE_PAD;
            items.extend(
                line.iter()
                    .map(|p| text(x + p.x, baseline, BODY_SIZE, p.bold, INK, &p.text)),
            );
            let space = if i == 0 { 10.0 } else { 0.0 };
            self.units.push(Unit::new(height, space, Role::Text, items));
        }
    }

    fn signature(&mut self, label: &str, indent: f32) {
        let items = vec![
            Item::Line {
                points: vec![(indent, 34.0), (indent + 220.0, 34.0)],
                width: 0.8,
                colour: INK,
            },
            text(indent, 47.0, 9.5, false, MUTED, label),
        ];
        self.units.push(Unit::new(52.0, 16.0, Role::Figure, items));
    }

    /// The contents list: level-2 headings flush left, clauses under them, page numbers
    /// right-aligned. Numbers are blank on the first pass; the space they take is reserved.
    fn contents(&mut self) {
        self.heading_unlisted("Contents");
        let entries = self.toc.clone();
        for (i, (is_clause, title)) in entries.iter().enumerate() {
            let indent = if *is_clause { 14.0 } else { 0.0 };
            let spans = [Span {
                text: title.clone(),
                bold: !is_clause,
            }];
            let baseline = (BODY_LEADING + BODY_SIZE * 0.7) / 2.0;
            let lines = wrap(self.fonts, &spans, BODY_SIZE, BODY_WIDTH - indent - 40.0);
            let last = lines.len().saturating_sub(1);
            for (li, line) in lines.into_iter().enumerate() {
                let mut items: Vec<Item> = line
                    .iter()
                    .map(|p| text(indent + p.x, baseline, BODY_SIZE, p.bold, INK, &p.text))
                    .collect();
                if let (true, Some(page)) = (li == last, self.toc_pages.get(i)) {
                    let number = page.to_string();
                    let x = BODY_WIDTH - self.fonts.width(&number, false, BODY_SIZE);
                    items.push(text(x, baseline, BODY_SIZE, false, INK, &number));
                }
                let space = if li == 0 && !is_clause { 6.0 } else { 0.0 };
                self.units
                    .push(Unit::new(BODY_LEADING, space, Role::TocEntry, items));
            }
        }
    }

    fn heading_unlisted(&mut self, title: &str) {
        let baseline = (18.2 + 14.0 * 0.7) / 2.0;
        let mut unit = Unit::new(
            24.0,
            20.0,
            Role::Heading(2),
            vec![text(0.0, baseline, 14.0, true, INK, title)],
        );
        unit.keep_with_next = true;
        self.units.push(unit);
    }
}

fn plain_span(text: &str) -> Span {
    Span {
        text: text.to_string(),
        bold: false,
    }
}

/// A filled rectangle with no outline.
pub fn rect(x: f32, y: f32, width: f32, height: f32, fill: Rgb) -> Item {
    Item::Rect {
        x,
        y,
        width,
        height,
        fill: Some(fill),
        stroke: None,
    }
}
