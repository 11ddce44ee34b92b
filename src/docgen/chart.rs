//! Charts: the `@chart` JSON, its checks, and the geometry both renderers draw.
//!
//! Geometry lives here, once, so the SVG preview and the PDF show the same axes, ticks and
//! bars. Coordinates are points in a box whose origin is its top-left corner; each renderer
//! only translates them. Values are integer pence; tick labels are whole pounds.

use serde::Deserialize;

use crate::domain::money::format_pounds_whole;

/// Line charts suit a running balance; grouped bars suit a few yearly totals side by side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChartKind {
    Line,
    Bar,
}

/// What the values count: pence shown as whole pounds (the default, for the plan's money), or
/// plain numbers of things (events, people, cases) for reports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChartUnit {
    #[default]
    Pounds,
    Count,
}

impl ChartUnit {
    /// The smallest step between gridlines: a pound, or one thing.
    fn least_step(self) -> i64 {
        match self {
            ChartUnit::Pounds => 100,
            ChartUnit::Count => 1,
        }
    }

    pub fn tick_label(self, value: i64) -> String {
        match self {
            ChartUnit::Pounds => format_pounds_whole(value),
            ChartUnit::Count => with_commas(value),
        }
    }
}

/// "12,345": a count written as people read it.
fn with_commas(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if value < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// One named row of figures, one value (in pence, or a count) per label.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    pub name: String,
    pub values: Vec<i64>,
}

/// A chart as written in the markup.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chart {
    pub kind: ChartKind,
    pub title: String,
    #[serde(default)]
    pub y_label: String,
    pub labels: Vec<String>,
    pub series: Vec<Series>,
    #[serde(default)]
    pub zero_line: bool,
    #[serde(default)]
    pub unit: ChartUnit,
    /// What to say in place of the plot when every value is nought ("Nothing in this
    /// period"): an axis with no bars reads as a drawing that failed. Without it, an empty
    /// chart is drawn as usual.
    #[serde(default)]
    pub empty: String,
}

/// Colours for series, chosen to stay apart for the common colour-vision deficiencies and in
/// greyscale print (Okabe–Ito blue, orange, bluish green, vermilion, purple, sky blue).
pub const SERIES_COLOURS: [(u8, u8, u8); 6] = [
    (0, 114, 178),
    (230, 159, 0),
    (0, 158, 115),
    (213, 94, 0),
    (204, 121, 167),
    (86, 180, 233),
];

/// More series than this would not be readable at the size a page allows.
const MAX_SERIES: usize = SERIES_COLOURS.len();

impl Chart {
    /// Parses and checks a chart; the message says what to fix in the template.
    pub fn from_json(json: &str) -> Result<Chart, String> {
        let chart: Chart =
            serde_json::from_str(json).map_err(|e| format!("@chart JSON is not valid: {e}"))?;
        if chart.labels.is_empty() {
            return Err("a chart needs at least one label".into());
        }
        if chart.series.is_empty() || chart.series.len() > MAX_SERIES {
            return Err(format!("a chart needs between 1 and {MAX_SERIES} series"));
        }
        if let Some(s) = chart
            .series
            .iter()
            .find(|s| s.values.len() != chart.labels.len())
        {
            return Err(format!(
                "series {} has {} values but the chart has {} labels",
                s.name,
                s.values.len(),
                chart.labels.len()
            ));
        }
        Ok(chart)
    }

    /// The sentence to show instead of the plot, when the chart has one and nothing to plot.
    pub fn nothing_to_show(&self) -> Option<&str> {
        let all_nought = self.series.iter().all(|s| s.values.iter().all(|v| *v == 0));
        (all_nought && !self.empty.trim().is_empty()).then_some(self.empty.trim())
    }

    /// RGB colour of the series at `index`.
    pub fn colour(index: usize) -> (u8, u8, u8) {
        SERIES_COLOURS[index % SERIES_COLOURS.len()]
    }
}

/// A horizontal gridline with its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub y: f32,
    pub label: String,
}

/// A bar: top-left corner, size, and which series it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub series: usize,
}

/// Everything needed to draw a chart's plot area.
#[derive(Debug, Clone, PartialEq)]
pub struct Geometry {
    /// The plot area inside the box: left, top, width, height.
    pub plot: (f32, f32, f32, f32),
    pub ticks: Vec<Tick>,
    /// Where the value zero sits, when `zero_line` asks for it to be drawn.
    pub zero_y: Option<f32>,
    /// The x centre of each category label.
    pub label_x: Vec<f32>,
    /// One polyline per series (line charts).
    pub lines: Vec<Vec<(f32, f32)>>,
    /// Grouped bars (bar charts).
    pub bars: Vec<Bar>,
}

/// Space under the plot for category labels.
pub const LABEL_BAND: f32 = 16.0;

/// Lays a chart out in a `width` × `height` box. `label_width` measures a tick label so the
/// left gutter fits the widest one, whatever the font.
pub fn geometry(
    chart: &Chart,
    width: f32,
    height: f32,
    label_width: impl Fn(&str) -> f32,
) -> Geometry {
    let (low, high, step) = nice_range(chart);
    let mut values = Vec::new();
    let mut v = low;
    while v <= high {
        values.push(v);
        v += step;
    }
    let labels: Vec<String> = values.iter().map(|v| chart.unit.tick_label(*v)).collect();
    let gutter = labels.iter().map(|l| label_width(l)).fold(0.0, f32::max) + 6.0;
    let plot = (
        gutter,
        6.0,
        (width - gutter - 4.0).max(1.0),
        (height - 6.0 - LABEL_BAND).max(1.0),
    );
    let y_of = |value: i64| plot.1 + plot.3 * ((high - value) as f32 / (high - low) as f32);
    let ticks = values
        .iter()
        .zip(labels)
        .map(|(v, label)| Tick { y: y_of(*v), label })
        .collect();
    let slot = plot.2 / chart.labels.len() as f32;
    let label_x = (0..chart.labels.len())
        .map(|i| plot.0 + slot * (i as f32 + 0.5))
        .collect();
    let mut geometry = Geometry {
        plot,
        ticks,
        zero_y: chart.zero_line.then(|| y_of(0)),
        label_x,
        lines: Vec::new(),
        bars: Vec::new(),
    };
    match chart.kind {
        ChartKind::Line => geometry.lines = line_points(chart, &geometry, y_of),
        ChartKind::Bar => geometry.bars = bars(chart, &geometry, slot, y_of),
    }
    geometry
}

fn line_points(chart: &Chart, g: &Geometry, y_of: impl Fn(i64) -> f32) -> Vec<Vec<(f32, f32)>> {
    chart
        .series
        .iter()
        .map(|s| {
            s.values
                .iter()
                .zip(&g.label_x)
                .map(|(v, x)| (*x, y_of(*v)))
                .collect()
        })
        .collect()
}

fn bars(chart: &Chart, g: &Geometry, slot: f32, y_of: impl Fn(i64) -> f32) -> Vec<Bar> {
    let count = chart.series.len() as f32;
    // A fifth of each slot stays empty so neighbouring groups read as separate.
    let bar_width = slot * 0.8 / count;
    let zero = y_of(0);
    let mut out = Vec::new();
    for (si, series) in chart.series.iter().enumerate() {
        for (value, centre) in series.values.iter().zip(&g.label_x) {
            let x = centre - slot * 0.4 + bar_width * si as f32;
            let top = y_of(*value).min(zero);
            let height = (y_of(*value) - zero).abs();
            out.push(Bar {
                x,
                y: top,
                width: bar_width,
                height,
                series: si,
            });
        }
    }
    out
}

/// The axis runs from a round number at or below the lowest value (never above zero) to a
/// round number at or above the highest (never below zero), in 1, 2 or 5 × 10ⁿ pound (or
/// whole-number) steps.
fn nice_range(chart: &Chart) -> (i64, i64, i64) {
    let least = chart.unit.least_step();
    let all = chart.series.iter().flat_map(|s| s.values.iter().copied());
    let (min, max) = all.fold((0_i64, 0_i64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let span = (max - min).max(least);
    let rough = span / 5;
    let mut magnitude: i64 = least;
    while magnitude.saturating_mul(10) <= rough {
        magnitude = magnitude.saturating_mul(10);
    }
    let step = [1, 2, 5, 10]
        .iter()
        .map(|m| magnitude.saturating_mul(*m))
        .find(|s| *s >= rough)
        .unwrap_or(magnitude.saturating_mul(10));
    let low = min.div_euclid(step) * step;
    let high = -((-max).div_euclid(step) * step);
    (low, high.max(low + step), step)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(kind: &str, values: &str) -> Chart {
        Chart::from_json(&format!(
            r#"{{"kind":"{kind}","title":"T","labels":["A","B","C"],"series":[{{"name":"S","values":{values}}}],"zero_line":true}}"#
        ))
        .unwrap()
    }

    #[test]
    fn the_axis_covers_the_values_in_round_pound_steps() {
        let c = chart("line", "[120000,-5000,30000]");
        assert_eq!(nice_range(&c), (-50_000, 150_000, 50_000));
        let g = geometry(&c, 400.0, 200.0, |s| s.len() as f32 * 5.0);
        assert_eq!(g.ticks.first().unwrap().label, "-£500");
        assert_eq!(g.ticks.last().unwrap().label, "£1,500");
        // The top tick is at the top of the plot and the bottom at its foot.
        assert_eq!(g.ticks.last().unwrap().y, g.plot.1);
        assert!((g.ticks[0].y - (g.plot.1 + g.plot.3)).abs() < 0.01);
        let zero = g.zero_y.unwrap();
        assert!(
            g.lines[0][1].1 > zero,
            "a negative value is drawn below zero"
        );
    }

    #[test]
    fn bars_grow_from_zero_and_sit_in_their_slot() {
        let c = chart("bar", "[10000,-10000,0]");
        let g = geometry(&c, 300.0, 200.0, |_| 20.0);
        let zero = g.zero_y.unwrap();
        assert!((g.bars[0].y + g.bars[0].height - zero).abs() < 0.01);
        assert!((g.bars[1].y - zero).abs() < 0.01);
        assert_eq!(g.bars[2].height, 0.0);
        assert!(g.bars[0].x >= g.plot.0 && g.bars[2].x + g.bars[2].width <= g.plot.0 + g.plot.2);
    }

    #[test]
    fn counts_step_in_whole_numbers_with_plain_labels() {
        let c = Chart::from_json(
            r#"{"kind":"bar","title":"T","unit":"count","labels":["A","B"],"series":[{"name":"S","values":[3,7]}]}"#,
        )
        .unwrap();
        // Span 7, a fifth is 1 (rounded down): steps of 1 up to 7.
        assert_eq!(nice_range(&c), (0, 7, 1));
        let g = geometry(&c, 300.0, 200.0, |_| 20.0);
        assert_eq!(g.ticks.last().unwrap().label, "7");
        let none = Chart::from_json(
            r#"{"kind":"bar","title":"T","unit":"count","labels":["A"],"series":[{"name":"S","values":[0]}]}"#,
        )
        .unwrap();
        assert_eq!(
            nice_range(&none),
            (0, 1, 1),
            "an empty chart still has an axis"
        );
        assert_eq!(with_commas(12_345), "12,345");
        assert_eq!(with_commas(-1_000), "-1,000");
    }

    #[test]
    fn a_chart_with_nothing_to_plot_says_so_when_it_has_words_for_it() {
        let json = |values: &str, empty: &str| {
            Chart::from_json(&format!(
                r#"{{"kind":"bar","title":"T","unit":"count","labels":["A","B"],"series":[{{"name":"S","values":{values}}}],"empty":"{empty}"}}"#
            ))
            .unwrap()
        };
        assert_eq!(
            json("[0,0]", "Nothing in this period").nothing_to_show(),
            Some("Nothing in this period")
        );
        assert_eq!(
            json("[0,1]", "Nothing in this period").nothing_to_show(),
            None
        );
        assert_eq!(json("[0,0]", "").nothing_to_show(), None);
    }

    #[test]
    fn series_must_match_the_labels() {
        let err = Chart::from_json(
            r#"{"kind":"bar","title":"T","labels":["A"],"series":[{"name":"S","values":[1,2]}]}"#,
        )
        .unwrap_err();
        assert!(err.contains("2 values"), "{err}");
        assert!(Chart::from_json(r#"{"kind":"pie","title":"T","labels":[],"series":[]}"#).is_err());
    }
}
