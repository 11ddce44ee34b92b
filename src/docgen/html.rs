//! The accessible HTML preview: blocks → an `<article>` fragment for the document page.
//!
//! Everything from the markup is escaped here (templates render unescaped). Clause numbers
//! are plain text ("7.") rather than `<ol>` numbering so they match the PDF exactly and
//! survive copy and paste. No inline styles or scripts: the site's CSP forbids them, so
//! every element carries a `doc-` class for the site's stylesheet, and charts use SVG
//! presentation attributes. Each chart also has its figures as a visually hidden table.

use std::fmt::Write;

use super::chart::{geometry, Chart, ChartKind};
use super::flow::toc_entries;
use super::layout::running_header;
use super::markup::{is_figure, plain, Block, Clause, Span};
use super::DocumentMeta;

/// Renders the document as an HTML fragment.
pub fn render_html(meta: &DocumentMeta, blocks: &[Block]) -> String {
    let mut r = Html {
        out: String::new(),
        section_level: 1,
        last_heading: String::new(),
        sections: 0,
        charts: 0,
        toc: toc_entries(blocks),
    };
    let _ = write!(
        r.out,
        "<article class=\"doc\">\n<p class=\"doc-meta\">{}</p>\n",
        escape(&running_header(meta))
    );
    if meta.draft {
        r.out
            .push_str("<p class=\"doc-draft\"><strong>Draft:</strong> not yet final.</p>\n");
    }
    for block in blocks {
        r.block(block);
    }
    r.out.push_str("</article>\n");
    r.out
}

/// Escapes text for element content and double-quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Rich text as HTML; a line break typed in an answer is kept as `<br>`.
fn rich(text: &[Span]) -> String {
    text.iter()
        .map(|s| {
            let html = escape(&s.text).replace('\n', "<br>");
            match s.bold {
                true => format!("<strong>{html}</strong>"),
                false => html,
            }
        })
        .collect()
}

struct Html {
    out: String,
    /// Level of the last heading, so clause titles nest one below it and levels never skip.
    section_level: u8,
    /// The title of the last heading or clause, to name the tables under it.
    last_heading: String,
    sections: usize,
    charts: usize,
    toc: Vec<(bool, String)>,
}

impl Html {
    fn block(&mut self, block: &Block) {
        let o = &mut self.out;
        match block {
            Block::Heading { level, text } => {
                self.section_level = *level;
                self.last_heading = text.clone();
                let (class, id) = match level {
                    1 => ("doc-title".to_string(), String::new()),
                    2 => {
                        self.sections += 1;
                        (
                            "doc-section".into(),
                            format!(" id=\"section-{}\"", self.sections),
                        )
                    }
                    _ => ("doc-subsection".into(), String::new()),
                };
                let _ = writeln!(
                    self.out,
                    "<h{level} class=\"{class}\"{id}>{}</h{level}>",
                    escape(text)
                );
            }
            Block::Clause(clause) => self.clause(clause),
            Block::SubClause {
                clause,
                number,
                text,
            } => {
                let _ = writeln!(o, "<p class=\"doc-subclause\" id=\"clause-{clause}-{number}\"><span class=\"doc-number\">{clause}.{number}</span> {}</p>", rich(text));
            }
            Block::Paragraph(text) => {
                let _ = writeln!(o, "<p class=\"doc-paragraph\">{}</p>", rich(text));
            }
            Block::List(items) => {
                o.push_str("<ul class=\"doc-list\">\n");
                for item in items {
                    let _ = writeln!(o, "<li>{}</li>", rich(item));
                }
                o.push_str("</ul>\n");
            }
            Block::Table(table) => {
                // A wide table scrolls inside its own box rather than widening a phone's page
                // (WCAG 1.4.10). A scroll box must be reachable by keyboard and named for screen
                // readers (axe scrollable-region-focusable), so it is a focusable region.
                let name = match self.last_heading.as_str() {
                    "" => "Table".to_string(),
                    heading => format!("Table: {heading}"),
                };
                let _ = write!(
                    o,
                    "<div class=\"doc-table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">\n<table class=\"doc-table\">\n<thead><tr>",
                    escape(&name)
                );
                for cell in &table.header {
                    let _ = write!(o, "<th scope=\"col\">{}</th>", rich(cell));
                }
                o.push_str("</tr></thead>\n<tbody>\n");
                for row in &table.rows {
                    o.push_str("<tr>");
                    for cell in row {
                        let class = if is_figure(&plain(cell)) {
                            " class=\"doc-figure\""
                        } else {
                            ""
                        };
                        let _ = write!(o, "<td{class}>{}</td>", rich(cell));
                    }
                    o.push_str("</tr>\n");
                }
                o.push_str("</tbody>\n</table>\n</div>\n");
            }
            Block::Signature { label } => {
                let _ = writeln!(o, "<div class=\"doc-signature\"><div class=\"doc-signature-line\"></div><p class=\"doc-signature-label\">{}</p></div>", escape(label));
            }
            Block::PageBreak => o.push_str("<hr class=\"doc-pagebreak\">\n"),
            Block::Toc => self.contents(),
            Block::Chart(chart) => self.chart(chart),
            Block::Note(text) => {
                let _ = writeln!(
                    o,
                    "<div class=\"doc-note\" role=\"note\"><p>{}</p></div>",
                    rich(text)
                );
            }
        }
    }

    fn clause(&mut self, clause: &Clause) {
        let level = (self.section_level + 1).min(6);
        self.last_heading = clause.title.clone();
        let _ = write!(
            self.out,
            "<section class=\"doc-clause\" id=\"clause-{n}\" data-key=\"{key}\">\n<h{level} class=\"doc-clause-title\"><span class=\"doc-number\">{n}.</span> {title}</h{level}>\n",
            n = clause.number,
            key = escape(&clause.key),
            title = escape(&clause.title),
        );
        for block in &clause.body {
            self.block(block);
        }
        self.out.push_str("</section>\n");
    }

    fn contents(&mut self) {
        self.out.push_str("<nav class=\"doc-toc\" aria-labelledby=\"doc-toc-title\">\n<h2 id=\"doc-toc-title\">Contents</h2>\n<ul>\n");
        let (mut section, mut clause) = (0, 0);
        for (is_clause, title) in &self.toc {
            let (class, target) = if *is_clause {
                clause += 1;
                ("doc-toc-clause", format!("clause-{clause}"))
            } else {
                section += 1;
                ("doc-toc-section", format!("section-{section}"))
            };
            let _ = writeln!(
                self.out,
                "<li class=\"{class}\"><a href=\"#{target}\">{}</a></li>",
                escape(title)
            );
        }
        self.out.push_str("</ul>\n</nav>\n");
    }

    fn chart(&mut self, chart: &Chart) {
        self.charts += 1;
        let id = format!("doc-chart-{}", self.charts);
        let title = escape(&chart.title);
        if let Some(words) = chart.nothing_to_show() {
            let _ = writeln!(
                self.out,
                "<figure class=\"doc-chart\" aria-labelledby=\"{id}-caption\">\n<figcaption id=\"{id}-caption\">{title}</figcaption>\n<p class=\"doc-chart-empty\">{}</p>\n</figure>",
                escape(words)
            );
            return;
        }
        let (width, height) = (640.0, 260.0);
        // An estimate of label width is enough on screen: the SVG scales to its container.
        let g = geometry(chart, width, height, |s| s.chars().count() as f32 * 5.6);
        let o = &mut self.out;
        let _ = writeln!(o, "<figure class=\"doc-chart\" aria-labelledby=\"{id}-caption\">\n<figcaption id=\"{id}-caption\">{title}</figcaption>");
        let _ = writeln!(o, "<svg class=\"doc-chart-svg\" role=\"img\" aria-labelledby=\"{id}-title\" viewBox=\"0 0 {width} {}\" xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"{id}-title\">{title} (figures in the table below)</title>", height + 22.0);
        let (left, top, plot_w, plot_h) = g.plot;
        for tick in &g.ticks {
            let _ = writeln!(o, "<line x1=\"{left}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#e1e1e1\" stroke-width=\"1\"/><text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"end\" fill=\"#555\">{}</text>", left + plot_w, left - 4.0, tick.y + 3.5, escape(&tick.label), y = tick.y);
        }
        let _ = writeln!(
            o,
            "<polyline points=\"{left},{top} {left},{b} {},{b}\" fill=\"none\" stroke=\"#555\"/>",
            left + plot_w,
            b = top + plot_h
        );
        // About 6 units a character at font-size 10: thin the labels as the PDF does.
        let widest = chart
            .labels
            .iter()
            .map(|l| l.chars().count() as f32 * 6.0)
            .fold(0.0, f32::max);
        let stride = super::figures::label_stride(widest, plot_w, chart.labels.len());
        for (label, x) in chart.labels.iter().zip(&g.label_x).step_by(stride) {
            let _ = writeln!(o, "<text x=\"{x}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#555\">{}</text>", top + plot_h + 13.0, escape(label));
        }
        match chart.kind {
            ChartKind::Line => {
                for (i, points) in g.lines.iter().enumerate() {
                    let pts: Vec<String> = points
                        .iter()
                        .map(|(x, y)| format!("{x:.1},{y:.1}"))
                        .collect();
                    let _ = writeln!(o, "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\"/>", pts.join(" "), hex(Chart::colour(i)));
                }
            }
            ChartKind::Bar => {
                for bar in &g.bars {
                    let _ = writeln!(o, "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{}\"/>", bar.x, bar.y, bar.width, bar.height, hex(Chart::colour(bar.series)));
                }
            }
        }
        if let Some(zero) = g.zero_y {
            let _ = writeln!(o, "<line x1=\"{left}\" y1=\"{zero}\" x2=\"{r}\" y2=\"{zero}\" stroke=\"#141414\" stroke-width=\"1.5\"/><text x=\"{r}\" y=\"{}\" font-size=\"10\" font-weight=\"bold\" text-anchor=\"end\">{}</text>", zero - 4.0, chart.unit.tick_label(0), r = left + plot_w);
        }
        let mut x = left;
        for (i, series) in chart.series.iter().enumerate() {
            let _ = writeln!(o, "<rect x=\"{x}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>", height + 6.0, hex(Chart::colour(i)), x + 14.0, height + 15.0, escape(&series.name));
            x += 30.0 + series.name.chars().count() as f32 * 6.5;
        }
        o.push_str("</svg>\n");
        self.figures_table(chart, &id);
        self.out.push_str("</figure>\n");
    }

    /// The chart's figures for screen readers (and anyone who wants the numbers).
    fn figures_table(&mut self, chart: &Chart, id: &str) {
        let o = &mut self.out;
        let _ = write!(o, "<table class=\"doc-visually-hidden\" id=\"{id}-data\">\n<caption>{}</caption>\n<thead><tr><th scope=\"col\"></th>", escape(&chart.title));
        for series in &chart.series {
            let _ = write!(o, "<th scope=\"col\">{}</th>", escape(&series.name));
        }
        o.push_str("</tr></thead>\n<tbody>\n");
        for (i, label) in chart.labels.iter().enumerate() {
            let _ = write!(o, "<tr><th scope=\"row\">{}</th>", escape(label));
            for series in &chart.series {
                let value = series.values.get(i).copied().unwrap_or(0);
                let _ = write!(
                    o,
                    "<td class=\"doc-figure\">{}</td>",
                    escape(&chart.unit.tick_label(value))
                );
            }
            o.push_str("</tr>\n");
        }
        o.push_str("</tbody>\n</table>\n");
    }
}

fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docgen::markup::parse;

    fn meta() -> DocumentMeta {
        DocumentMeta {
            title: "Rules".into(),
            author: "Centre".into(),
            subject: "Rules".into(),
            coop_name: "Tom & Jerry's <Co-op>".into(),
            reference: "PR-1".into(),
            version: 2,
            draft: true,
        }
    }

    #[test]
    fn everything_from_the_markup_is_escaped() {
        let blocks = parse("# A <b>\n\n@clause K <script>alert(1)</script>\n+ 1 < 2 & **\"bold\"**\n\n| <i> |\n| x&y |\n\n@note <img src=x>").unwrap();
        let html = render_html(&meta(), &blocks);
        assert!(
            !html.contains("<script>")
                && !html.contains("<img")
                && !html.contains("<i>")
                && !html.contains("<b>")
        );
        assert!(html.contains("Tom &amp; Jerry&#39;s &lt;Co-op&gt; · DRAFT · PR-1 · version 2"));
        assert!(html.contains("<strong>&quot;bold&quot;</strong>"));
        assert!(html.contains("<td>x&amp;y</td>"));
        assert!(!html.contains("style="));
    }

    #[test]
    fn clauses_carry_ids_visible_numbers_and_nest_under_their_heading() {
        let blocks = parse(
            "# T\n\n@toc\n\n## Part one\n\n@clause A Name\n+ first\n\n@clause B Objects\ntext",
        )
        .unwrap();
        let html = render_html(&meta(), &blocks);
        assert!(html.contains("<section class=\"doc-clause\" id=\"clause-2\" data-key=\"B\">\n<h3 class=\"doc-clause-title\"><span class=\"doc-number\">2.</span> Objects</h3>"), "{html}");
        assert!(html.contains("id=\"clause-1-1\"><span class=\"doc-number\">1.1</span> first"));
        assert!(html.contains("<a href=\"#section-1\">Part one</a>"));
        assert!(html.contains("<a href=\"#clause-2\">2. Objects</a>"));
        assert!(html.contains("<h2 class=\"doc-section\" id=\"section-1\">Part one</h2>"));
    }

    #[test]
    fn a_table_scrolls_in_a_named_region_a_keyboard_can_reach() {
        // axe's scrollable-region-focusable: a wide table on a phone scrolls inside its box,
        // so the box takes focus (arrow keys scroll it) and says what it holds.
        let blocks = parse("## Sources & uses\n\n| Source | Amount |\n| Shares | £1 |").unwrap();
        let html = render_html(&meta(), &blocks);
        assert!(
            html.contains("<div class=\"doc-table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table: Sources &amp; uses\">\n<table class=\"doc-table\">"),
            "{html}"
        );
        assert!(html.contains("</table>\n</div>"));
    }

    #[test]
    fn charts_are_labelled_svg_with_a_table_of_figures() {
        let blocks = parse("@chart {\"kind\":\"bar\",\"title\":\"Sales & costs\",\"labels\":[\"Year 1\"],\"series\":[{\"name\":\"Sales\",\"values\":[1234500]}]}").unwrap();
        let html = render_html(&meta(), &blocks);
        assert!(html.contains("role=\"img\""));
        assert!(html.contains("<title id=\"doc-chart-1-title\">Sales &amp; costs"));
        assert!(html.contains("<th scope=\"row\">Year 1</th><td class=\"doc-figure\">£12,345</td>"));
        assert_eq!(
            html.matches("<rect").count(),
            2,
            "one bar and one legend swatch"
        );
    }

    #[test]
    fn a_chart_with_nothing_to_plot_is_a_sentence_not_an_empty_axis() {
        let blocks = parse("@chart {\"kind\":\"bar\",\"title\":\"Events held\",\"labels\":[\"Webinar\"],\"series\":[{\"name\":\"This period\",\"values\":[0]}],\"empty\":\"Nothing in this period\"}").unwrap();
        let html = render_html(&meta(), &blocks);
        assert!(html.contains("<figcaption id=\"doc-chart-1-caption\">Events held</figcaption>"));
        assert!(html.contains("<p class=\"doc-chart-empty\">Nothing in this period</p>"));
        assert!(!html.contains("<svg"), "no blank axis");
    }
}
