//! The report as a document for the pipeline (`templates/documents/impact_report.hbs`): the
//! figures with their definitions, the summary, and the charts' JSON, so the PDF a funder
//! receives says exactly what the page says.

use serde::Serialize;
use serde_json::json;

use super::measures::Measures;
use super::report::ImpactReport;
use super::DEFINITIONS_VERSION;
use crate::domain::case::Pathway;
use crate::domain::events::{Audience, EventKind};

#[derive(Debug, Serialize)]
struct FigureRow {
    label: String,
    definition: &'static str,
    value: String,
    previous: String,
    change: String,
}

#[derive(Debug, Serialize)]
struct SectionRows {
    title: &'static str,
    figures: Vec<FigureRow>,
}

/// Everything the template fills in. Chart fields are JSON strings for `@chart` lines.
#[derive(Debug, Serialize)]
pub struct DocumentContext {
    period: String,
    previous: String,
    version: &'static str,
    summary: Vec<String>,
    sections: Vec<SectionRows>,
    comparison_chart: String,
    kind_chart: String,
    audience_chart: String,
    pathway_chart: String,
    ended_chart: String,
}

/// Short names for the charts' category labels: the full names do not fit side by side
/// under five bars, and the tables beside the charts give them in full.
fn kind_short(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Awareness => "Awareness",
        EventKind::Webinar => "Webinar",
        EventKind::Workshop => "Workshop",
        EventKind::Course => "Course",
        EventKind::DropIn => "Drop-in",
    }
}

fn audience_short(audience: Audience) -> &'static str {
    match audience {
        Audience::UnionReps => "Union reps",
        Audience::Advisors => "Advisors",
        Audience::CaseWorkers => "Case workers",
        Audience::Students => "Students",
        Audience::Public => "Public",
    }
}

fn pathway_short(pathway: Pathway) -> &'static str {
    match pathway {
        Pathway::Buyout => "Buyout",
        Pathway::Startup => "Start-up",
        Pathway::Freelancer => "Freelancer",
    }
}

/// Said in place of a chart with nothing to plot in either period.
pub const NOTHING_TO_SHOW: &str = "Nothing in this period or the one before";

/// A bar chart of this period against the one before, one pair of bars per label.
fn compare_chart(
    report: &ImpactReport,
    title: &str,
    labels: &[&str],
    value: impl Fn(&Measures, usize) -> i64,
) -> String {
    let series = |name: String, m: &Measures| json!({ "name": name, "values": (0..labels.len()).map(|i| value(m, i)).collect::<Vec<_>>() });
    json!({
        "kind": "bar",
        "unit": "count",
        "title": title,
        "labels": labels,
        "empty": NOTHING_TO_SHOW,
        "series": [
            series(format!("This period ({})", report.period.describe()), &report.now),
            series(format!("Before ({})", report.previous.describe()), &report.before),
        ],
    })
    .to_string()
}

fn count(map: &std::collections::BTreeMap<&'static str, i64>, key: &str) -> i64 {
    map.get(key).copied().unwrap_or(0)
}

/// Reads one headline figure from a period's measures.
type Headline = fn(&Measures) -> i64;

pub fn document_context(report: &ImpactReport) -> DocumentContext {
    let headline: [(&str, Headline); 5] = [
        ("People", |m| m.people_supported),
        ("Attendances", |m| m.attendances),
        ("Enquiries", |m| m.enquiries),
        ("Cases opened", |m| m.cases_opened),
        ("Gates passed", |m| m.gates_passed),
    ];
    let headline_labels: Vec<&str> = headline.iter().map(|(l, _)| *l).collect();
    let kind_labels: Vec<&str> = EventKind::ALL.iter().map(|k| kind_short(*k)).collect();
    let audience_labels: Vec<&str> = Audience::ALL.iter().map(|a| audience_short(*a)).collect();
    let pathway_labels: Vec<&str> = Pathway::ALL.iter().map(|p| pathway_short(*p)).collect();
    DocumentContext {
        period: report.period.describe(),
        previous: report.previous.describe(),
        version: DEFINITIONS_VERSION,
        summary: report.summary.clone(),
        sections: report
            .sections
            .iter()
            .map(|s| SectionRows {
                title: s.title,
                figures: s
                    .figures
                    .iter()
                    .map(|f| FigureRow {
                        label: f.label.clone(),
                        definition: f.definition,
                        value: f.value.display(),
                        previous: f.previous.display(),
                        change: f.change(),
                    })
                    .collect(),
            })
            .collect(),
        comparison_chart: compare_chart(
            report,
            "This period and the one before",
            &headline_labels,
            |m, i| (headline[i].1)(m),
        ),
        kind_chart: compare_chart(report, "Events held, by kind", &kind_labels, |m, i| {
            count(&m.events_by_kind, EventKind::ALL[i].label())
        }),
        audience_chart: compare_chart(
            report,
            "Events held, by who they were for",
            &audience_labels,
            |m, i| count(&m.events_by_audience, Audience::ALL[i].label()),
        ),
        pathway_chart: compare_chart(
            report,
            "Cases opened, by pathway",
            &pathway_labels,
            |m, i| count(&m.cases_by_pathway, Pathway::ALL[i].label()),
        ),
        ended_chart: compare_chart(
            report,
            "Cases that ended, and how",
            &["Completed", "Registered", "Trading", "Stopped"],
            |m, i| {
                [
                    m.cases_completed,
                    m.cases_completed_registered,
                    m.cases_completed_trading,
                    m.cases_withdrawn,
                ][i]
            },
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::impact::{build, Period, Records};

    #[test]
    fn every_chart_is_valid_chart_json_with_both_periods() {
        let report = build(&Records::default(), Period::quarter(2027, 1).unwrap());
        let context = document_context(&report);
        for chart in [
            &context.comparison_chart,
            &context.kind_chart,
            &context.audience_chart,
            &context.pathway_chart,
            &context.ended_chart,
        ] {
            let parsed = crate::docgen::Chart::from_json(chart).expect("a valid chart");
            assert_eq!(parsed.series.len(), 2);
            assert_eq!(parsed.unit, crate::docgen::ChartUnit::Count);
        }
    }

    #[test]
    fn a_chart_with_nothing_in_either_period_says_so() {
        let report = build(&Records::default(), Period::quarter(2027, 1).unwrap());
        let context = document_context(&report);
        let chart = crate::docgen::Chart::from_json(&context.kind_chart).expect("a chart");
        assert_eq!(chart.nothing_to_show(), Some(NOTHING_TO_SHOW));
    }
}
