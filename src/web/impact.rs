//! The programme's impact report for a period: the page and the CSV.

use chrono::{Datelike, NaiveDate};
use rocket::http::{ContentType, Header};
use rocket::{get, routes, Route};
use rocket_dyn_templates::Template;
use serde::Serialize;

use super::page::PageContext;
use super::session::Centre;
use crate::domain::events::london;
use crate::domain::impact::{to_csv, ImpactReport, Period, DEFINITIONS_VERSION};
use crate::error::AppResult;
use crate::services::{impact, Env};

pub fn routes() -> Vec<Route> {
    routes![page, csv]
}

/// The period asked for: two dates, or else the current quarter.
fn period(env: &Env<'_>, from: Option<&str>, to: Option<&str>) -> Period {
    let date =
        |s: Option<&str>| s.and_then(|s| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok());
    if let (Some(a), Some(b)) = (date(from), date(to)) {
        return Period::between(a, b);
    }
    let today = london::to_local(env.clock.now()).date();
    Period::quarter(today.year(), (today.month() - 1) / 3 + 1).expect("a quarter of this year")
}

#[derive(Serialize)]
struct FigureView {
    label: String,
    value: String,
    previous: String,
    change: String,
    definition: &'static str,
}

#[derive(Serialize)]
struct SectionView {
    title: &'static str,
    figures: Vec<FigureView>,
}

#[derive(Serialize)]
struct Shortcut {
    label: String,
    href: String,
}

#[derive(Serialize)]
struct ReportView {
    period: String,
    previous: String,
    from: String,
    to: String,
    summary: Vec<String>,
    sections: Vec<SectionView>,
    version: &'static str,
    csv: String,
    shortcuts: Vec<Shortcut>,
}

fn link(base: &str, p: Period) -> String {
    format!("{base}?from={}&to={}", p.from, p.to)
}

fn view(report: &ImpactReport, env: &Env<'_>) -> ReportView {
    let today = london::to_local(env.clock.now()).date();
    let this_quarter = period(env, None, None);
    let last_quarter = this_quarter.previous();
    let this_year = Period::year(today.year()).expect("this year");
    ReportView {
        period: report.period.describe(),
        previous: report.previous.describe(),
        from: report.period.from.to_string(),
        to: report.period.to.to_string(),
        summary: report.summary.clone(),
        sections: report
            .sections
            .iter()
            .map(|s| SectionView {
                title: s.title,
                figures: s
                    .figures
                    .iter()
                    .map(|f| FigureView {
                        label: f.label.clone(),
                        value: f.value.display(),
                        previous: f.previous.display(),
                        change: f.change(),
                        definition: f.definition,
                    })
                    .collect(),
            })
            .collect(),
        version: DEFINITIONS_VERSION,
        csv: link("/reports/impact.csv", report.period),
        shortcuts: vec![
            Shortcut {
                label: "This quarter".into(),
                href: link("/reports/impact", this_quarter),
            },
            Shortcut {
                label: "Last quarter".into(),
                href: link("/reports/impact", last_quarter),
            },
            Shortcut {
                label: format!("{}", today.year()),
                href: link("/reports/impact", this_year),
            },
        ],
    }
}

#[get("/reports/impact?<from>&<to>")]
async fn page(
    env: Env<'_>,
    centre: Centre<'_>,
    from: Option<&str>,
    to: Option<&str>,
) -> AppResult<Template> {
    let report = impact::report(&env, centre.0, period(&env, from, to)).await?;
    Ok(PageContext::for_actor(centre.0, None).render(
        "reports/impact",
        "Impact report",
        view(&report, &env),
    ))
}

#[derive(rocket::Responder)]
struct CsvFile {
    body: String,
    content_type: ContentType,
    disposition: Header<'static>,
}

#[get("/reports/impact.csv?<from>&<to>")]
async fn csv(
    env: Env<'_>,
    centre: Centre<'_>,
    from: Option<&str>,
    to: Option<&str>,
) -> AppResult<CsvFile> {
    let report = impact::report(&env, centre.0, period(&env, from, to)).await?;
    let name = format!("impact-{}-to-{}.csv", report.period.from, report.period.to);
    Ok(CsvFile {
        body: to_csv(&report),
        content_type: ContentType::new("text", "csv").with_params(("charset", "utf-8")),
        disposition: Header::new(
            "Content-Disposition",
            format!("attachment; filename=\"{name}\""),
        ),
    })
}
