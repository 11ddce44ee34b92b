//! Pagination: turns flowed units into A4 pages of positioned text, lines and boxes.
//!
//! Kept apart from `pdf.rs` so the rules a reader relies on (no heading stranded at a page
//! foot, table headers repeated, contents page numbers right, "Page N of M") can be tested
//! on plain data without decoding a PDF. Coordinates are points from the page's top-left.

use super::flow::{flow, Role, Unit};
use super::fonts::Fonts;
use super::markup::Block;
use super::DocumentMeta;

pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;
pub const MARGIN_X: f32 = 62.0;
const MARGIN_TOP: f32 = 74.0;
const MARGIN_BOTTOM: f32 = 66.0;
/// Width of the text column.
pub const BODY_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN_X;
const BODY_HEIGHT: f32 = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM;

pub type Rgb = (u8, u8, u8);
pub const INK: Rgb = (20, 20, 20);
pub const MUTED: Rgb = (90, 90, 90);
const DRAFT_RED: Rgb = (190, 30, 30);

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// `y` is the text baseline.
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        colour: Rgb,
        text: String,
    },
    Line {
        points: Vec<(f32, f32)>,
        width: f32,
        colour: Rgb,
    },
    /// `y` is the top edge.
    Rect {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        fill: Option<Rgb>,
        stroke: Option<Rgb>,
    },
}

/// A finished page: what to draw, and the roles of the units placed on it, top to bottom.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub items: Vec<Item>,
    pub roles: Vec<Role>,
}

/// Lays the document out. Runs the flow twice when there is a table of contents: the first
/// pass finds the page of every entry, the second prints those numbers. Unit heights do not
/// depend on the numbers, so the second pass paginates identically (checked, not assumed).
pub fn layout(fonts: &Fonts, meta: &DocumentMeta, blocks: &[Block]) -> Vec<Page> {
    let mut toc_pages: Vec<usize> = Vec::new();
    let mut pages = Vec::new();
    for _ in 0..3 {
        let units = flow(fonts, blocks, &toc_pages);
        let (laid, anchors) = paginate(&units);
        pages = laid;
        if anchors == toc_pages || !blocks.iter().any(|b| matches!(b, Block::Toc)) {
            break;
        }
        toc_pages = anchors;
    }
    add_running_heads(fonts, meta, &mut pages);
    pages
}

/// Places units on pages; returns the pages and the (1-based) page of each anchor.
fn paginate(units: &[Unit]) -> (Vec<Page>, Vec<usize>) {
    let mut pages = vec![Page::default()];
    let mut anchors = Vec::new();
    let mut y = 0.0;
    for (index, unit) in units.iter().enumerate() {
        if unit.role == Role::PageBreak {
            if !pages.last().is_some_and(|p| p.roles.is_empty()) {
                pages.push(Page::default());
                y = 0.0;
            }
            continue;
        }
        let at_top = pages.last().is_some_and(|p| p.roles.is_empty());
        let space = if at_top { 0.0 } else { unit.space_before };
        let need = if unit.keep_with_next {
            chain_height(units, index)
        } else {
            unit.height
        };
        // A chain taller than a page cannot be kept together, so only this unit must fit.
        // Otherwise every line of a very long heading went to a page of its own.
        let need = if need > BODY_HEIGHT {
            unit.height
        } else {
            need
        };
        let mut fresh = at_top;
        if !at_top && y + space + need.min(BODY_HEIGHT) > BODY_HEIGHT {
            pages.push(Page::default());
            y = 0.0;
            fresh = true;
        }
        let space = if fresh { 0.0 } else { space };
        let page = pages.len();
        let Some(current) = pages.last_mut() else {
            break;
        };
        if fresh {
            if let (Some(header), Role::TableRow(_)) = (unit.repeat_header, unit.role) {
                if let Some(header_unit) = units.get(header) {
                    place(current, header_unit, y);
                    y += header_unit.height;
                }
            }
        }
        place(current, unit, y + space);
        y += space + unit.height;
        if unit.anchor.is_some() {
            anchors.push(page);
        }
    }
    (pages, anchors)
}

/// Height of a unit that must stay with what follows: itself, any further keep-with-next
/// units, and two units of what comes after (two lines, or a table header and two rows).
/// Stops counting past a page's height, so a long chain costs one page of units per line.
fn chain_height(units: &[Unit], start: usize) -> f32 {
    let mut total = 0.0;
    let mut followers = 0;
    for (offset, unit) in units[start..].iter().enumerate() {
        if unit.role == Role::PageBreak || total > BODY_HEIGHT {
            break;
        }
        total += unit.height + if offset == 0 { 0.0 } else { unit.space_before };
        if !unit.keep_with_next {
            followers += 1;
            if followers == 2 {
                break;
            }
        }
    }
    total
}

fn place(page: &mut Page, unit: &Unit, top: f32) {
    let dy = MARGIN_TOP + top;
    page.roles.push(unit.role);
    page.items
        .extend(unit.items.iter().map(|item| shift(item, MARGIN_X, dy)));
}

/// Moves an item by (dx, dy).
pub fn shift(item: &Item, dx: f32, dy: f32) -> Item {
    match item {
        Item::Text {
            x,
            y,
            size,
            bold,
            colour,
            text,
        } => Item::Text {
            x: x + dx,
            y: y + dy,
            size: *size,
            bold: *bold,
            colour: *colour,
            text: text.clone(),
        },
        Item::Line {
            points,
            width,
            colour,
        } => Item::Line {
            points: points.iter().map(|(x, y)| (x + dx, y + dy)).collect(),
            width: *width,
            colour: *colour,
        },
        Item::Rect {
            x,
            y,
            width,
            height,
            fill,
            stroke,
        } => Item::Rect {
            x: x + dx,
            y: y + dy,
            width: *width,
            height: *height,
            fill: *fill,
            stroke: *stroke,
        },
    }
}

/// The running header text: "co-op name · DRAFT · reference · version N".
pub fn running_header(meta: &DocumentMeta) -> String {
    let mut parts = vec![meta.coop_name.as_str()];
    if meta.draft {
        parts.push("DRAFT");
    }
    parts.push(meta.reference.as_str());
    let version = format!("version {}", meta.version);
    parts.push(&version);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Header, rule, draft marker and "Page N of M" on every page. Drawn first so that text
/// extraction reads the header before the body.
fn add_running_heads(fonts: &Fonts, meta: &DocumentMeta, pages: &mut [Page]) {
    let total = pages.len();
    let badge = if meta.draft {
        fonts.width("DRAFT", true, 11.0) + 24.0
    } else {
        0.0
    };
    let header = fitted_header(fonts, meta, BODY_WIDTH - badge);
    for (index, page) in pages.iter_mut().enumerate() {
        let footer = format!("Page {} of {}", index + 1, total);
        let footer_x = (PAGE_WIDTH - fonts.width(&footer, false, 8.5)) / 2.0;
        let mut heads = vec![
            text(MARGIN_X, 44.0, 8.5, false, MUTED, &header),
            Item::Line {
                points: vec![(MARGIN_X, 52.0), (PAGE_WIDTH - MARGIN_X, 52.0)],
                width: 0.5,
                colour: MUTED,
            },
        ];
        if meta.draft {
            let badge = fonts.width("DRAFT", true, 11.0) + 12.0;
            let left = PAGE_WIDTH - MARGIN_X - badge;
            heads.push(Item::Rect {
                x: left,
                y: 26.0,
                width: badge,
                height: 20.0,
                fill: None,
                stroke: Some(DRAFT_RED),
            });
            heads.push(text(left + 6.0, 40.0, 11.0, true, DRAFT_RED, "DRAFT"));
        }
        let body = std::mem::take(&mut page.items);
        page.items = heads;
        page.items.extend(body);
        let footer_y = PAGE_HEIGHT - 34.0;
        page.items
            .push(text(footer_x, footer_y, 8.5, false, MUTED, &footer));
    }
}

/// The running header cut to fit `width` at its size: a long co-op name ends in "…" so the
/// draft marker, reference and version always show (and a page does not carry the whole of
/// a name thousands of characters long).
fn fitted_header(fonts: &Fonts, meta: &DocumentMeta, width: f32) -> String {
    let whole = running_header(meta);
    if fonts.width(&whole, false, 8.5) <= width {
        return whole;
    }
    let rest = running_header(&DocumentMeta {
        coop_name: String::new(),
        ..meta.clone()
    });
    let room = width - fonts.width(&format!("… · {rest}"), false, 8.5);
    let mut name = String::new();
    let mut used = 0.0;
    for c in meta.coop_name.chars() {
        used += fonts.width(c.encode_utf8(&mut [0; 4]), false, 8.5);
        if used > room {
            break;
        }
        name.push(c);
    }
    format!("{}… · {rest}", name.trim_end())
}

/// A text item; a small constructor because layouts make hundreds of them.
pub fn text(x: f32, y: f32, size: f32, bold: bool, colour: Rgb, text: &str) -> Item {
    Item::Text {
        x,
        y,
        size,
        bold,
        colour,
        text: text.to_string(),
    }
}

#[cfg(test)]
#[path = "layout_tests.rs"]
pub(crate) mod tests;
