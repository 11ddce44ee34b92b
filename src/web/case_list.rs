//! The case list with filters, search, sorting and paging, and its CSV export.

use crate::web::templates::Template;
use rocket::form::FromForm;
use rocket::http::{ContentType, Header};
use rocket::request::FlashMessage;
use rocket::{get, routes, Route};
use serde::Serialize;

use super::page::PageContext;
use crate::clock::{format_timestamp, Clock};
use crate::domain::access;
use crate::domain::case::{Case, CaseStatus, Pathway, Trigger};
use crate::domain::case_filter::{AdvisorFilter, CaseFilter, Sort};
use crate::domain::ids::{CaseId, UserId};
use crate::domain::pathways::PathwayLibrary;
use crate::error::AppResult;
use crate::services::centre::ListPage;
use crate::services::{self, auth::Actor, Env};

pub fn routes() -> Vec<Route> {
    routes![index, export_csv]
}

/// The list's filters as typed in the address, every one kept as text.
#[derive(FromForm, Default, Clone)]
pub struct ListQuery {
    pub pathway: Option<String>,
    pub stage: Option<String>,
    pub status: Option<String>,
    pub advisor: Option<String>,
    pub sector: Option<String>,
    pub trigger: Option<String>,
    pub due: Option<String>,
    pub q: Option<String>,
    pub sort: Option<String>,
}

fn given(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

impl ListQuery {
    /// The filter this query asks for; values that mean nothing are ignored, as "any".
    pub fn to_filter(&self, actor: &Actor, clock: &Clock) -> CaseFilter {
        let advisor = match given(&self.advisor).as_deref() {
            Some("me") => Some(AdvisorFilter::Is(UserId(actor.id))),
            Some("none") => Some(AdvisorFilter::Nobody),
            Some(id) => id.parse().ok().map(AdvisorFilter::Is),
            None => None,
        };
        let due_by = match given(&self.due).as_deref() {
            Some("overdue") => Some(clock.today() - chrono::Duration::days(1)),
            Some(days) => days
                .parse::<i64>()
                .ok()
                .filter(|d| (0..=366).contains(d))
                .map(|d| clock.today() + chrono::Duration::days(d)),
            None => None,
        };
        CaseFilter {
            pathway: given(&self.pathway).filter(|p| Pathway::parse(p).is_some()),
            stage: given(&self.stage),
            status: given(&self.status).filter(|s| CaseStatus::parse(s).is_some()),
            advisor,
            sector: given(&self.sector),
            trigger: given(&self.trigger).filter(|t| Trigger::parse(t).is_some()),
            due_by: due_by.map(|d| d.format("%Y-%m-%d").to_string()),
            search: given(&self.q),
            member_id: None,
            sort: match given(&self.sort).as_deref() {
                Some("name") => Sort::Name,
                Some("reference") => Sort::Reference,
                _ => Sort::Updated,
            },
        }
    }

    /// The query again as address text, for the next page and the export link, ready for an
    /// HTML attribute: values are percent-encoded and pairs joined with `&amp;`, so templates
    /// print it as it is.
    pub fn to_query_string(&self) -> String {
        let pairs = [
            ("pathway", &self.pathway),
            ("stage", &self.stage),
            ("status", &self.status),
            ("advisor", &self.advisor),
            ("sector", &self.sector),
            ("trigger", &self.trigger),
            ("due", &self.due),
            ("q", &self.q),
            ("sort", &self.sort),
        ];
        pairs
            .iter()
            .filter_map(|(k, v)| given(v).map(|v| format!("{k}={}", encode(&v))))
            .collect::<Vec<_>>()
            .join("&")
    }
}

fn encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// A choice in a select, as the filter form shows it.
#[derive(Serialize)]
pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// A filter's select, as `partials/filter_select` draws it. Passed to the partial as its whole
/// context (`{{> partials/filter_select data.filters.status}}`): a partial given `name=…`
/// arguments instead makes handlebars copy the entire page's data for each call, which was
/// the largest cost of drawing the case list.
#[derive(Serialize)]
pub struct FilterSelect {
    pub name: &'static str,
    pub label: &'static str,
    /// The first option's text, for "any value".
    pub any: &'static str,
    pub options: Vec<Opt>,
}

fn opts(items: impl IntoIterator<Item = (String, String)>, current: &Option<String>) -> Vec<Opt> {
    let current = current.as_deref().unwrap_or("");
    items
        .into_iter()
        .map(|(value, label)| Opt {
            selected: value == current,
            value,
            label,
        })
        .collect()
}

#[derive(Serialize)]
struct Row {
    id: i64,
    reference: String,
    name: String,
    pathway: &'static str,
    stage: String,
    status: &'static str,
    status_key: String,
    advisor: String,
    updated: String,
}

#[derive(Serialize)]
struct ListView {
    cases: Vec<Row>,
    next: Option<String>,
    may_open: bool,
    is_centre: bool,
    filtered: bool,
    export_query: String,
    q: String,
    sector: String,
    filters: Filters,
    dues: Vec<Opt>,
}

#[derive(Serialize)]
struct Filters {
    status: FilterSelect,
    pathway: FilterSelect,
    stage: FilterSelect,
    advisor: FilterSelect,
    trigger: FilterSelect,
    sort: FilterSelect,
}

/// A stage's title from the pathway files; a stage they do not know (a retired one) by its key.
pub fn stage_title(library: &PathwayLibrary, pathway: Pathway, stage: &str) -> String {
    library.stage_title(pathway.as_str(), stage)
}

fn row(
    c: &Case,
    library: &PathwayLibrary,
    advisors: &std::collections::HashMap<i64, String>,
) -> Row {
    Row {
        id: c.id.get(),
        reference: c.reference.clone(),
        name: c.name.clone(),
        pathway: c.pathway.label(),
        stage: stage_title(library, c.pathway, &c.current_stage),
        status: c.status.label(),
        status_key: c.status.as_str().to_string(),
        advisor: c
            .advisor_id
            .and_then(|id| advisors.get(&id.get()).cloned())
            .unwrap_or_default(),
        updated: format_timestamp(c.updated_at),
    }
}

fn stage_options(library: &PathwayLibrary, current: &Option<String>) -> Vec<Opt> {
    let mut seen = std::collections::BTreeSet::new();
    let items = library
        .pathways()
        .iter()
        .flat_map(|p| p.stages.iter())
        .filter(|s| seen.insert(s.key.clone()))
        .map(|s| (s.key.clone(), s.title.clone()));
    opts(items, current)
}

#[get("/cases?<after>&<f..>")]
async fn index(
    env: Env<'_>,
    actor: &Actor,
    f: ListQuery,
    after: Option<&str>,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let filter = f.to_filter(actor, env.clock);
    // A cursor that is no case id starts the list from the top, as no cursor does.
    let after = after.and_then(|a| a.parse::<CaseId>().ok());
    let page = services::centre::list_page(&env, actor, filter, after).await?;
    let view = list_view(actor, env.library, &f, &page);
    Ok(PageContext::for_actor(actor, flash).render("cases/index", "Cases", view))
}

fn list_view(actor: &Actor, library: &PathwayLibrary, f: &ListQuery, page: &ListPage) -> ListView {
    let query = f.to_query_string();
    ListView {
        cases: page
            .cases
            .iter()
            .map(|c| row(c, library, &page.advisors))
            .collect(),
        next: next_link(&query, page),
        may_open: access::may_open_cases(actor.role),
        is_centre: actor.is_centre(),
        filtered: !query.is_empty(),
        export_query: query,
        q: f.q.clone().unwrap_or_default(),
        sector: f.sector.clone().unwrap_or_default(),
        filters: filters(f, library, &page.advisors),
        dues: opts(
            [
                ("overdue", "Overdue"),
                ("7", "Within 7 days"),
                ("14", "Within 14 days"),
                ("30", "Within 30 days"),
            ]
            .map(|(v, l)| (v.to_string(), l.to_string())),
            &f.due,
        ),
    }
}

/// The next page's query, when more cases follow the last one shown.
fn next_link(query: &str, page: &ListPage) -> Option<String> {
    if !page.more {
        return None;
    }
    page.cases.last().map(|c| {
        if query.is_empty() {
            format!("after={}", c.id)
        } else {
            format!("{query}&amp;after={}", c.id)
        }
    })
}

fn filters(
    f: &ListQuery,
    library: &PathwayLibrary,
    advisors: &std::collections::HashMap<i64, String>,
) -> Filters {
    let select = |name, label, options| FilterSelect {
        name,
        label,
        any: "Any",
        options,
    };
    Filters {
        status: select(
            "status",
            "Status",
            opts(
                CaseStatus::ALL
                    .iter()
                    .map(|s| (s.as_str().into(), s.label().into())),
                &f.status,
            ),
        ),
        pathway: select(
            "pathway",
            "Pathway",
            opts(
                Pathway::ALL
                    .iter()
                    .map(|p| (p.as_str().into(), p.label().into())),
                &f.pathway,
            ),
        ),
        stage: select("stage", "Stage", stage_options(library, &f.stage)),
        advisor: FilterSelect {
            any: "Anyone",
            ..select(
                "advisor",
                "Advisor",
                opts(
                    [
                        ("me".to_string(), "Me".to_string()),
                        ("none".into(), "Nobody yet".into()),
                    ]
                    .into_iter()
                    .chain(
                        sorted(advisors)
                            .into_iter()
                            .map(|(id, name)| (id.to_string(), name)),
                    ),
                    &f.advisor,
                ),
            )
        },
        trigger: select(
            "trigger",
            "What started it",
            opts(
                Trigger::ALL
                    .iter()
                    .map(|t| (t.as_str().into(), t.label().into())),
                &f.trigger,
            ),
        ),
        sort: FilterSelect {
            any: "Last change, newest first",
            ..select(
                "sort",
                "Order",
                opts(
                    [("name", "Name, A to Z"), ("reference", "Reference")]
                        .map(|(v, l)| (v.to_string(), l.to_string())),
                    &f.sort,
                ),
            )
        },
    }
}

fn sorted(names: &std::collections::HashMap<i64, String>) -> Vec<(i64, String)> {
    let mut all: Vec<_> = names.iter().map(|(id, n)| (*id, n.clone())).collect();
    all.sort_by(|a, b| a.1.cmp(&b.1));
    all
}

/// The CSV answer, offered as a download.
#[derive(rocket::Responder)]
struct CsvFile {
    body: String,
    content_type: ContentType,
    disposition: Header<'static>,
}

#[get("/cases/export.csv?<f..>")]
async fn export_csv(env: Env<'_>, actor: &Actor, f: ListQuery) -> AppResult<CsvFile> {
    let filter = f.to_filter(actor, env.clock);
    let body = services::centre::export_csv(&env, actor, filter).await?;
    let name = format!("coopkit-cases-{}.csv", env.clock.today().format("%Y-%m-%d"));
    Ok(CsvFile {
        body,
        content_type: ContentType::new("text", "csv").with_params(("charset", "utf-8")),
        disposition: Header::new(
            "Content-Disposition",
            format!("attachment; filename=\"{name}\""),
        ),
    })
}
