//! The programme's impact report for a period: the page and the CSV.

use crate::web::templates::Template;
use chrono::{Datelike, NaiveDate};
use rocket::form::{Form, FromForm};
use rocket::http::{ContentType, Header};
use rocket::{get, post, routes, Route};
use serde::Serialize;

use super::page::{PageContext, PageOrRedirect};
use super::session::Centre;
use crate::domain::events::london;
use crate::domain::impact::{to_csv, ImpactReport, Period, Snapshot, DEFINITIONS_VERSION};
use crate::error::AppResult;
use crate::services::render::Engine;
use crate::services::{impact, Env};

pub fn routes() -> Vec<Route> {
    routes![page, csv, pdf, save_run, saved_run]
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
struct Shortcut {
    label: String,
    href: String,
}

#[derive(Serialize)]
struct RunLink {
    href: String,
    period: String,
    saved: String,
}

#[derive(Serialize)]
struct ReportView {
    figures: Snapshot,
    from: String,
    to: String,
    version: &'static str,
    csv: String,
    pdf: String,
    shortcuts: Vec<Shortcut>,
    runs: Vec<RunLink>,
}

/// "Saved by Sam on 14 March 2027 at 10:05".
fn saved_line(by: &str, at: i64) -> String {
    let local = london::to_local(at);
    format!(
        "saved by {by} on {} at {}",
        london::long_date(local.date()),
        london::clock(local)
    )
}

fn run_period(from: &str, to: &str) -> String {
    let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    match (date(from), date(to)) {
        (Some(a), Some(b)) => Period::between(a, b).describe(),
        _ => format!("{from} to {to}"),
    }
}

fn link(base: &str, p: Period) -> String {
    format!("{base}?from={}&to={}", p.from, p.to)
}

fn view(report: &ImpactReport, runs: Vec<impact::RunSummary>, env: &Env<'_>) -> ReportView {
    let today = london::to_local(env.clock.now()).date();
    let this_quarter = period(env, None, None);
    let last_quarter = this_quarter.previous();
    let this_year = Period::year(today.year()).expect("this year");
    ReportView {
        figures: Snapshot::of(report),
        from: report.period.from.to_string(),
        to: report.period.to.to_string(),
        version: DEFINITIONS_VERSION,
        csv: link("/reports/impact.csv", report.period),
        pdf: link("/reports/impact.pdf", report.period),
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
        runs: runs
            .into_iter()
            .map(|r| RunLink {
                href: format!("/reports/impact/runs/{}", r.id),
                period: run_period(&r.from, &r.to),
                saved: saved_line(&r.saved_by, r.saved_at),
            })
            .collect(),
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
    let runs = impact::runs(&env, centre.0).await?;
    Ok(PageContext::for_actor(centre.0, None).render(
        "reports/impact",
        "Impact report",
        view(&report, runs, &env),
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

#[derive(rocket::Responder)]
#[response(content_type = "application/pdf")]
struct PdfFile(Vec<u8>, Header<'static>);

#[get("/reports/impact.pdf?<from>&<to>")]
async fn pdf(
    env: Env<'_>,
    centre: Centre<'_>,
    engine: &rocket::State<std::sync::Arc<Engine>>,
    from: Option<&str>,
    to: Option<&str>,
) -> AppResult<PdfFile> {
    let period = period(&env, from, to);
    let bytes = impact::report_pdf(&env, centre.0, period, engine.inner().clone()).await?;
    let name = format!("impact-{}-to-{}.pdf", period.from, period.to);
    Ok(PdfFile(
        bytes,
        Header::new(
            "Content-Disposition",
            format!("attachment; filename=\"{name}\""),
        ),
    ))
}

#[derive(FromForm)]
struct RunForm {
    from: Option<String>,
    to: Option<String>,
}

/// Saves the period's figures as counted now, to show again unchanged later.
#[post("/reports/impact/runs", data = "<form>")]
async fn save_run(
    env: Env<'_>,
    centre: Centre<'_>,
    form: Form<RunForm>,
) -> AppResult<PageOrRedirect> {
    let period = period(&env, form.from.as_deref(), form.to.as_deref());
    let id = impact::save_run(&env, centre.0, period).await?;
    Ok(PageOrRedirect::success(
        format!("/reports/impact/runs/{id}"),
        "These figures are saved. This page will show them unchanged, whatever happens to the records later.",
    ))
}

#[derive(Serialize)]
struct SavedRunView {
    figures: Snapshot,
    saved: String,
    version: String,
    live: String,
}

#[get("/reports/impact/runs/<id>")]
async fn saved_run(env: Env<'_>, centre: Centre<'_>, id: i64) -> AppResult<Template> {
    let run = impact::run(&env, centre.0, id).await?;
    let live = format!(
        "/reports/impact?from={}&to={}",
        run.summary.from, run.summary.to
    );
    Ok(PageContext::for_actor(centre.0, None).render(
        "reports/impact_run",
        "Saved impact report",
        SavedRunView {
            saved: saved_line(&run.summary.saved_by, run.summary.saved_at),
            figures: run.figures,
            version: run.definitions_version,
            live,
        },
    ))
}
