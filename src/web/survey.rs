//! `/cases/<id>/survey`: the workers' survey form, its totals, and (for reps and the centre)
//! everyone's answers and a CSV export.

use crate::web::templates::Template;
use rocket::form::{Form, FromForm};
use rocket::http::Header;
use rocket::request::FlashMessage;
use rocket::{get, post, routes, Responder, Route};
use serde::Serialize;

use super::case_header::CaseHeader;
use super::page::{PageContext, PageOrRedirect};
use crate::domain::access::{self, Need};
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::CaseId;
use crate::domain::money::format_pounds_whole;
use crate::domain::survey::{self as rules, SurveyInput};
use crate::error::AppResult;
use crate::services::auth::Actor;
use crate::services::survey::{self as service, Survey};
use crate::services::Env;

pub fn routes() -> Vec<Route> {
    routes![show, save, close, reopen, export]
}

#[derive(FromForm, Default)]
pub struct SurveyForm {
    #[field(default = String::new())]
    would_join: String,
    worries: Vec<String>,
    #[field(default = String::new())]
    worries_other: String,
    #[field(default = String::new())]
    capital_band: String,
    #[field(default = String::new())]
    capital_exact: String,
    #[field(default = String::new())]
    capital_term: String,
    #[field(default = String::new())]
    hours: String,
    skills: Vec<String>,
}

impl From<SurveyForm> for SurveyInput {
    fn from(f: SurveyForm) -> Self {
        SurveyInput {
            would_join: f.would_join,
            worries: f.worries,
            worries_other: f.worries_other,
            capital_band: f.capital_band,
            capital_exact: f.capital_exact,
            capital_term: f.capital_term,
            hours: f.hours,
            skills: f.skills,
        }
    }
}

#[derive(Serialize)]
struct Choice {
    value: &'static str,
    label: &'static str,
    checked: bool,
}

fn choices(list: &[(&'static str, &'static str)], chosen: &[String]) -> Vec<Choice> {
    list.iter()
        .map(|(value, label)| Choice {
            value,
            label,
            checked: chosen.iter().any(|c| c == value),
        })
        .collect()
}

#[derive(Serialize)]
struct AnswerRow {
    name: String,
    would_join: String,
    capital: String,
    term: String,
    hours: i32,
    skills: String,
    worries: String,
}

#[derive(Serialize)]
struct View {
    header: CaseHeader,
    may_answer: bool,
    may_close: bool,
    closed: bool,
    answered: bool,
    join: Vec<Choice>,
    worries: Vec<Choice>,
    bands: Vec<Choice>,
    terms: Vec<Choice>,
    skills: Vec<Choice>,
    worries_other: String,
    capital_exact: String,
    hours: String,
    field_errors: std::collections::BTreeMap<String, String>,
    /// `None` when withheld from a worker (too few answers yet).
    totals: Option<rules::SurveyTotals>,
    min_answers: u32,
    total_pledged: String,
    median_pledged: String,
    answers: Option<Vec<AnswerRow>>,
    plan_uses_survey: bool,
}

/// What the form shows: what was just typed, else the saved answers.
fn input_of(page: &Survey) -> SurveyInput {
    page.mine
        .as_ref()
        .map_or_else(SurveyInput::default, |m| SurveyInput {
            would_join: m.would_join.clone(),
            worries: m.worries.clone(),
            worries_other: m.worries_other.clone(),
            capital_band: m.capital_band.clone(),
            capital_exact: if m.capital_band == "exact" {
                format!("{:.2}", m.capital_pence as f64 / 100.0)
            } else {
                String::new()
            },
            capital_term: m.capital_term.clone(),
            hours: m.hours_per_week.to_string(),
            skills: m.skills.clone(),
        })
}

fn labels(list: &[(&str, &str)], keys: &[String]) -> String {
    keys.iter()
        .map(|k| rules::label_of(list, k))
        .collect::<Vec<_>>()
        .join("; ")
}

fn view(page: Survey, input: Option<SurveyInput>, errors: &FieldErrors) -> View {
    let input = input.unwrap_or_else(|| input_of(&page));
    let bands: Vec<(&str, &str)> = rules::CAPITAL_BANDS
        .iter()
        .map(|(k, l, _)| (*k, *l))
        .collect();
    let one = |v: &str| vec![v.to_string()];
    let answers = page.answers.as_ref().map(|all| {
        all.iter()
            .map(|r| AnswerRow {
                name: r.name.clone(),
                would_join: rules::label_of(rules::JOIN_CHOICES, &r.would_join).to_string(),
                capital: rules::capital_label(&r.capital_band, r.capital_pence),
                term: rules::label_of(rules::CAPITAL_TERMS, &r.capital_term).to_string(),
                hours: r.hours_per_week,
                skills: labels(rules::SKILLS, &r.skills),
                worries: [labels(rules::WORRIES, &r.worries), r.worries_other.clone()]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("; "),
            })
            .collect()
    });
    View {
        header: CaseHeader::of(&page.opened, "/survey"),
        may_answer: access::decide(Some(page.opened.role), Need::TakePart).is_ok(),
        may_close: page.opened.role.works_on_case(),
        closed: page.closed,
        answered: page.mine.is_some(),
        join: choices(rules::JOIN_CHOICES, &one(&input.would_join)),
        worries: choices(rules::WORRIES, &input.worries),
        bands: choices(&bands, &one(&input.capital_band)),
        terms: choices(rules::CAPITAL_TERMS, &one(&input.capital_term)),
        skills: choices(rules::SKILLS, &input.skills),
        worries_other: input.worries_other,
        capital_exact: input.capital_exact,
        hours: input.hours,
        field_errors: errors.by_field(),
        total_pledged: page
            .totals
            .as_ref()
            .map_or_else(String::new, |t| format_pounds_whole(t.pledges.total_pence)),
        median_pledged: page
            .totals
            .as_ref()
            .map_or_else(String::new, |t| format_pounds_whole(t.pledges.median_pence)),
        totals: page.totals,
        min_answers: page.min_answers,
        answers,
        plan_uses_survey: page.plan_uses_survey,
    }
}

const TITLE: &str = "Workers' survey";

#[get("/cases/<id>/survey")]
async fn show(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let page = service::survey(&env, actor, id).await?;
    Ok(PageContext::for_actor(actor, flash).render(
        "survey/show",
        TITLE,
        view(page, None, &FieldErrors::new()),
    ))
}

#[post("/cases/<id>/survey", data = "<form>")]
async fn save(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    form: Form<SurveyForm>,
) -> AppResult<PageOrRedirect> {
    let input = SurveyInput::from(form.into_inner());
    match service::save(&env, actor, id, &input).await? {
        Ok(()) => Ok(PageOrRedirect::success(
            format!("/cases/{id}/survey"),
            "Thank you: your answers are saved. You can change them until the survey closes.",
        )),
        Err(errors) => {
            let page = service::survey(&env, actor, id).await?;
            let template = PageContext::for_actor(actor, None).render_with_errors(
                "survey/show",
                TITLE,
                &errors,
                view(page, Some(input), &errors),
            );
            Ok(PageOrRedirect::invalid(template))
        }
    }
}

#[post("/cases/<id>/survey/close")]
async fn close(env: Env<'_>, actor: &Actor, id: CaseId) -> AppResult<PageOrRedirect> {
    service::set_closed(&env, actor, id, true).await?;
    Ok(PageOrRedirect::success(
        format!("/cases/{id}/survey"),
        "The survey is closed: answers can no longer be changed",
    ))
}

#[post("/cases/<id>/survey/reopen")]
async fn reopen(env: Env<'_>, actor: &Actor, id: CaseId) -> AppResult<PageOrRedirect> {
    service::set_closed(&env, actor, id, false).await?;
    Ok(PageOrRedirect::success(
        format!("/cases/{id}/survey"),
        "The survey is open again",
    ))
}

#[derive(Responder)]
#[response(content_type = "text/csv")]
struct CsvFile {
    body: String,
    disposition: Header<'static>,
}

#[get("/cases/<id>/survey/answers.csv")]
async fn export(env: Env<'_>, actor: &Actor, id: CaseId) -> AppResult<CsvFile> {
    let (case, body) = service::export_csv(&env, actor, id).await?;
    Ok(CsvFile {
        body,
        disposition: Header::new(
            "Content-Disposition",
            format!("attachment; filename=\"survey-{}.csv\"", case.reference),
        ),
    })
}
