//! PDF units for tables and charts: the two block kinds laid out as grids rather than text.
//!
//! Table columns are sized from their content (a label column grows, figure columns stay
//! tight), and figures are right-aligned so digits line up. Chart drawing reuses the shared
//! geometry in `chart.rs`, so the PDF matches the HTML preview's SVG.

use super::chart::{geometry, Chart, ChartKind};
use super::flow::{rect, Role, Unit};
use super::fonts::Fonts;
use super::layout::{shift, text, Item, Rgb, BODY_WIDTH, INK, MUTED};
use super::markup::{is_figure, plain, RichText, Table};
use super::wrap::wrap;

const CELL_SIZE: f32 = 9.5;
const CELL_LEADING: f32 = 13.0;
const CELL_PAD: f32 = 4.0;
const HEADER_FILL: Rgb = (230, 233, 238);
const RULE: Rgb = (190, 190, 190);
const GRID: Rgb = (225, 225, 225);
const TICK_SIZE: f32 = 7.5;
const PLOT_HEIGHT: f32 = 180.0;

/// The header unit (kept with the first rows) followed by one unit per row. `first` is the
/// index the header unit will have among all units, for repeating it on later pages.
pub fn table(fonts: &Fonts, table: &Table, indent: f32, id: usize, first: usize) -> Vec<Unit> {
    let widths = column_widths(fonts, table, BODY_WIDTH - indent);
    let columns = widths.len();
    let figure_column: Vec<bool> = (0..columns)
        .map(|c| {
            let figures = table
                .rows
                .iter()
                .filter(|r| is_figure(&plain(&r[c])))
                .count();
            figures * 2 > table.rows.len()
        })
        .collect();
    let mut header = row(fonts, &table.header, &widths, indent, true, &figure_column);
    header.role = Role::TableHeader(id);
    header.keep_with_next = true;
    header.space_before = 10.0;
    let mut units = vec![header];
    for cells in &table.rows {
        let right: Vec<bool> = cells.iter().map(|c| is_figure(&plain(c))).collect();
        let mut unit = row(fonts, cells, &widths, indent, false, &right);
        unit.role = Role::TableRow(id);
        unit.repeat_header = Some(first);
        units.push(unit);
    }
    units
}

fn row(
    fonts: &Fonts,
    cells: &[RichText],
    widths: &[f32],
    indent: f32,
    header: bool,
    right: &[bool],
) -> Unit {
    let wrapped: Vec<_> = cells
        .iter()
        .zip(widths)
        .map(|(cell, w)| {
            let cell: RichText = cell
                .iter()
                .cloned()
                .map(|mut s| {
                    s.bold |= header;
                    s
                })
                .collect();
            wrap(fonts, &cell, CELL_SIZE, w - 2.0 * CELL_PAD)
        })
        .collect();
    let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    let height = lines as f32 * CELL_LEADING + 2.0 * CELL_PAD;
    let total: f32 = widths.iter().sum();
    let mut items = Vec::new();
    if header {
        items.push(rect(indent, 0.0, total, height, HEADER_FILL));
    }
    let mut left = indent;
    for (c, cell_lines) in wrapped.iter().enumerate() {
        for (l, line) in cell_lines.iter().enumerate() {
            let baseline =
                CELL_PAD + l as f32 * CELL_LEADING + (CELL_LEADING + CELL_SIZE * 0.7) / 2.0;
            let line_width = line
                .last()
                .map_or(0.0, |p| p.x + fonts.width(&p.text, p.bold, CELL_SIZE));
            let x = if right.get(c).copied().unwrap_or(false) {
                left + widths[c] - CELL_PAD - line_width
            } else {
                left + CELL_PAD
            };
            items.extend(
                line.iter()
                    .map(|p| text(x + p.x, baseline, CELL_SIZE, p.bold, INK, &p.text)),
            );
        }
        left += widths[c];
    }
    items.push(Item::Line {
        points: vec![(indent, height), (indent + total, height)],
        width: if header { 0.9 } else { 0.4 },
        colour: if header { MUTED } else { RULE },
    });
    Unit::new(height, 0.0, Role::Text, items)
}

/// Each column gets its natural width when everything fits; otherwise every column keeps
/// at least its longest word (so a one-word cell is never broken) and the rest of the space
/// goes to the columns that want more. When even the longest words do not fit, the figure
/// columns keep theirs and the text columns share what is left.
/// Widths are measured in the weight each run is set in: a bold total is wider than the same
/// figure in regular, and measuring it as regular broke totals inside the number.
fn column_widths(fonts: &Fonts, table: &Table, available: f32) -> Vec<f32> {
    let columns = table.header.len();
    let mut natural = vec![0.0_f32; columns];
    let mut minimum = vec![0.0_f32; columns];
    // A column of figures keeps its width even when the table is crowded; text gives way.
    let mut rigid = vec![true; columns];
    let rows = std::iter::once((&table.header, true)).chain(table.rows.iter().map(|r| (r, false)));
    for (cells, header) in rows {
        for (c, cell) in cells.iter().enumerate().take(columns) {
            let measure = measure(fonts, cell, header);
            let pad = 2.0 * CELL_PAD + 2.0;
            natural[c] = natural[c].max(measure.width + pad);
            minimum[c] = minimum[c].max(measure.longest_word + pad);
            rigid[c] &= header || is_figure(&plain(cell)) || measure.words == 0;
        }
    }
    let natural_total: f32 = natural.iter().sum();
    if natural_total <= available {
        return natural;
    }
    let minimum_total: f32 = minimum.iter().sum();
    if minimum_total >= available {
        let rigid_total: f32 = (0..columns).filter(|c| rigid[*c]).map(|c| minimum[c]).sum();
        let flexible_total = minimum_total - rigid_total;
        if rigid_total < available && flexible_total > 0.0 {
            let share = (available - rigid_total) / flexible_total;
            return (0..columns)
                .map(|c| {
                    if rigid[c] {
                        minimum[c]
                    } else {
                        minimum[c] * share
                    }
                })
                .collect();
        }
        return minimum
            .iter()
            .map(|m| m * available / minimum_total)
            .collect();
    }
    let spare = available - minimum_total;
    let wanted = natural_total - minimum_total;
    natural
        .iter()
        .zip(&minimum)
        .map(|(n, m)| m + (n - m) * spare / wanted)
        .collect()
}

/// A cell's width on one line, its widest word and how many words it has, each run measured
/// in its own weight (a header is bold throughout).
struct Measure {
    width: f32,
    longest_word: f32,
    words: usize,
}

fn measure(fonts: &Fonts, cell: &RichText, header: bool) -> Measure {
    let mut m = Measure {
        width: 0.0,
        longest_word: 0.0,
        words: 0,
    };
    let space = fonts.width(" ", header, CELL_SIZE);
    let mut word = 0.0_f32;
    let mut in_word = false;
    for span in cell {
        let bold = span.bold || header;
        for c in span.text.chars() {
            if c.is_whitespace() {
                if in_word {
                    m.longest_word = m.longest_word.max(word);
                    m.width += space;
                }
                (word, in_word) = (0.0, false);
            } else {
                let w = fonts.width(c.encode_utf8(&mut [0; 4]), bold, CELL_SIZE);
                if !in_word {
                    m.words += 1;
                }
                (word, in_word) = (word + w, true);
                m.width += w;
            }
        }
    }
    m.longest_word = m.longest_word.max(word);
    m
}

/// A chart as one unbreakable unit: title, plot with gridlines and £ ticks, labels, legend.
pub fn chart(fonts: &Fonts, chart: &Chart, indent: f32) -> Unit {
    if let Some(words) = chart.nothing_to_show() {
        // The title and one line in place of an empty plot.
        let items = vec![
            text(indent, 12.0, 10.5, true, INK, &chart.title),
            text(indent, 28.0, 9.5, false, MUTED, words),
        ];
        return Unit::new(36.0, 14.0, Role::Figure, items);
    }
    let width = BODY_WIDTH - indent;
    let plot_top = 30.0;
    let g = geometry(chart, width, PLOT_HEIGHT, |s| {
        fonts.width(s, false, TICK_SIZE)
    });
    let (left, top, plot_w, plot_h) = g.plot;
    let mut items = vec![text(indent, 12.0, 10.5, true, INK, &chart.title)];
    if !chart.y_label.is_empty() {
        items.push(text(indent, 25.0, TICK_SIZE, false, MUTED, &chart.y_label));
    }
    let mut plot = Vec::new();
    for tick in &g.ticks {
        plot.push(line(
            vec![(left, tick.y), (left + plot_w, tick.y)],
            0.4,
            GRID,
        ));
        let x = left - 4.0 - fonts.width(&tick.label, false, TICK_SIZE);
        plot.push(text(x, tick.y + 2.5, TICK_SIZE, false, MUTED, &tick.label));
    }
    plot.push(line(
        vec![
            (left, top),
            (left, top + plot_h),
            (left + plot_w, top + plot_h),
        ],
        0.8,
        MUTED,
    ));
    // Twelve month labels do not fit side by side: label every n-th slot so none overlap.
    let widest = chart
        .labels
        .iter()
        .map(|l| fonts.width(l, false, TICK_SIZE))
        .fold(0.0, f32::max);
    let stride = label_stride(widest, plot_w, chart.labels.len());
    for (label, x) in chart.labels.iter().zip(&g.label_x).step_by(stride) {
        let w = fonts.width(label, false, TICK_SIZE);
        plot.push(text(
            x - w / 2.0,
            top + plot_h + 11.0,
            TICK_SIZE,
            false,
            MUTED,
            label,
        ));
    }
    match chart.kind {
        ChartKind::Line => {
            for (i, points) in g.lines.iter().enumerate() {
                plot.push(line(points.clone(), 1.8, Chart::colour(i)));
            }
        }
        ChartKind::Bar => {
            for bar in &g.bars {
                plot.push(rect(
                    bar.x,
                    bar.y,
                    bar.width,
                    bar.height,
                    Chart::colour(bar.series),
                ));
            }
        }
    }
    if let Some(zero) = g.zero_y {
        plot.push(line(vec![(left, zero), (left + plot_w, zero)], 1.0, INK));
        let zero_label = chart.unit.tick_label(0);
        let w = fonts.width(&zero_label, true, TICK_SIZE);
        plot.push(text(
            left + plot_w - w - 2.0,
            zero - 3.0,
            TICK_SIZE,
            true,
            INK,
            &zero_label,
        ));
    }
    items.extend(plot.iter().map(|item| shift(item, indent, plot_top)));
    let legend_y = plot_top + PLOT_HEIGHT + 14.0;
    let mut x = indent + left;
    for (i, series) in chart.series.iter().enumerate() {
        items.push(rect(x, legend_y - 7.0, 8.0, 8.0, Chart::colour(i)));
        items.push(text(x + 12.0, legend_y, 8.5, false, INK, &series.name));
        x += 12.0 + fonts.width(&series.name, false, 8.5) + 16.0;
    }
    Unit::new(legend_y + 8.0, 14.0, Role::Figure, items)
}

fn line(points: Vec<(f32, f32)>, width: f32, colour: Rgb) -> Item {
    Item::Line {
        points,
        width,
        colour,
    }
}

/// Draw every n-th category label, so labels `widest` points wide keep a gap of 4 points in a
/// plot `plot_w` wide holding `count` categories.
pub fn label_stride(widest: f32, plot_w: f32, count: usize) -> usize {
    if count == 0 {
        return 1;
    }
    let slot = plot_w / count as f32;
    let stride = ((widest + 4.0) / slot.max(1.0)).ceil();
    if stride.is_finite() && stride >= 1.0 {
        (stride as usize).min(count)
    } else {
        1
    }
}

#[cfg(test)]
mod stride_tests {
    use super::label_stride;

    #[test]
    fn labels_are_thinned_only_when_they_would_overlap() {
        assert_eq!(label_stride(30.0, 480.0, 3), 1);
        assert_eq!(label_stride(36.0, 400.0, 12), 2);
        assert_eq!(label_stride(36.0, 200.0, 12), 3);
        assert_eq!(label_stride(10.0, 100.0, 0), 1);
    }
}
