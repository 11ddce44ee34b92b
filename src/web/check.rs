//! "Could a co-op work for us?": the public readiness check, its result and its printed
//! summary. No account needed and nothing stored.

use std::sync::Arc;

use crate::web::templates::Template;
use rocket::form::Form;
use rocket::http::{ContentType, Header, Status};
use rocket::{get, post, routes, Responder, Route, State};
use serde::Serialize;

use super::check_form::{
    all_keys, answer_pairs, hidden_fields, query_string, question_view, step_questions, AnswerView,
    CheckForm, Hidden, QuestionView,
};
use super::page::{PageContext, PageOrRedirect};
use super::session::{ClientAddress, CsrfToken};
use crate::clock::Clock;
use crate::domain::field_errors::FieldErrors;
use crate::domain::readiness::{ReadinessInput, Recommendation, Urgency};
use crate::error::AppResult;
use crate::services::auth::Actor;
use crate::services::readiness;
use crate::services::render::Engine;
use crate::services::Env;

pub fn routes() -> Vec<Route> {
    routes![start, step_two, result, summary_pdf]
}

const TITLE: &str = "Could a co-op work for us?";

#[derive(Serialize)]
struct StepView {
    step: u8,
    action: &'static str,
    questions: Vec<QuestionView>,
    hidden: Vec<Hidden>,
}

fn step_page(
    ctx: PageContext,
    follow_ups: bool,
    input: &ReadinessInput,
    errors: &FieldErrors,
) -> Template {
    let asked = step_questions(follow_ups, input);
    let asked_keys: Vec<&str> = asked.iter().map(|q| q.key).collect();
    let carried: Vec<&str> = all_keys()
        .into_iter()
        .filter(|k| follow_ups && !asked_keys.contains(k))
        .collect();
    let view = StepView {
        step: if follow_ups { 2 } else { 1 },
        action: if follow_ups {
            "/check/result"
        } else {
            "/check"
        },
        questions: asked
            .iter()
            .map(|q| question_view(q, input, errors))
            .collect(),
        hidden: hidden_fields(input, &carried, ""),
    };
    let title = if follow_ups {
        format!("{TITLE} (step 2 of 2)")
    } else {
        format!("{TITLE} (step 1 of 2)")
    };
    ctx.render_with_errors("check/step", title, errors, view)
}

/// Problems with the questions of one step only, in the order they are asked.
fn errors_of_step(errors: &FieldErrors, follow_ups: bool, input: &ReadinessInput) -> FieldErrors {
    let keys: Vec<&str> = step_questions(follow_ups, input)
        .iter()
        .map(|q| q.key)
        .collect();
    let mut mine = FieldErrors::new();
    for e in errors.iter().filter(|e| keys.contains(&e.field.as_str())) {
        mine.add(e.field.clone(), e.message.clone());
    }
    mine
}

#[get("/check")]
fn start(actor: Option<&Actor>, csrf: CsrfToken) -> Template {
    let ctx = PageContext::new(actor, csrf.0, None);
    step_page(ctx, false, &ReadinessInput::default(), &FieldErrors::new())
}

/// Step 1 sent: its questions checked, then the follow-ups they call for.
#[post("/check", data = "<form>")]
fn step_two(
    actor: Option<&Actor>,
    csrf: CsrfToken,
    form: Form<CheckForm>,
    clock: &State<Clock>,
) -> PageOrRedirect {
    let input = form.input();
    let ctx = PageContext::new(actor, csrf.0, None);
    let all = readiness::check(&input, clock.today())
        .err()
        .unwrap_or_default();
    let first = errors_of_step(&all, false, &input);
    if !first.is_empty() {
        return PageOrRedirect::invalid(step_page(ctx, false, &input, &first));
    }
    PageOrRedirect::Page(step_page(ctx, true, &input, &FieldErrors::new()))
}

#[post("/check/result", data = "<form>")]
async fn result(
    env: crate::services::Env<'_>,
    actor: Option<&Actor>,
    csrf: CsrfToken,
    form: Form<CheckForm>,
    clock: &State<Clock>,
) -> PageOrRedirect {
    let input = form.input();
    let ctx = PageContext::new(actor, csrf.0, None);
    let today = clock.today();
    match readiness::check(&input, today) {
        Ok((_, rec)) => {
            // The impact report counts completed checks; only the day's number is kept.
            if let Err(e) = crate::services::impact::count_readiness_check(&env).await {
                tracing::warn!(error = %e, "a completed readiness check was not counted");
            }
            let view = result_view(&input, &rec);
            PageOrRedirect::Page(ctx.render("check/result", "Your result", view))
        }
        Err(errors) => {
            // Step 1's answers come back hidden; if they were tampered with, ask again.
            let first = errors_of_step(&errors, false, &input);
            if !first.is_empty() {
                return PageOrRedirect::invalid(step_page(ctx, false, &input, &first));
            }
            PageOrRedirect::invalid(step_page(ctx, true, &input, &errors))
        }
    }
}

#[derive(Serialize)]
struct ClockView {
    title: String,
    explanation: String,
    ends_on: Option<String>,
    days_left: Option<String>,
    needs_start_date: bool,
    rule: String,
}

#[derive(Serialize)]
struct ResultView<'a> {
    rec: &'a Recommendation,
    urgency: &'static str,
    urgency_tag: &'static str,
    pathway: Option<&'static str>,
    clocks: Vec<ClockView>,
    answers: Vec<AnswerView>,
    hidden: Vec<Hidden>,
    summary_href: String,
}

fn result_view<'a>(input: &ReadinessInput, rec: &'a Recommendation) -> ResultView<'a> {
    ResultView {
        rec,
        urgency: rec.urgency.label(),
        urgency_tag: match rec.urgency {
            Urgency::Urgent => "tag-red",
            Urgency::Soon => "tag-yellow",
            Urgency::NoRush => "tag-green",
        },
        pathway: rec.pathway.map(|p| p.label()),
        clocks: rec
            .clocks
            .iter()
            .map(|c| ClockView {
                title: c.title.clone(),
                explanation: c.explanation.clone(),
                ends_on: c.ends_on.map(|d| d.format("%A %-d %B %Y").to_string()),
                days_left: c.days_left.map(days_left_text),
                needs_start_date: c.needs_start_date,
                rule: c.rule.clone(),
            })
            .collect(),
        answers: answer_pairs(input),
        hidden: hidden_fields(input, &all_keys(), ""),
        summary_href: format!("/check/summary.pdf?{}", query_string(input)),
    }
}

fn days_left_text(days: i64) -> String {
    match days {
        ..=-2 => format!("ended {} days ago", -days),
        -1 => "ended yesterday".into(),
        0 => "ends today".into(),
        1 => "1 day left".into(),
        n => format!("{n} days left"),
    }
}

/// A PDF to download, named for what it is.
#[derive(Responder)]
#[response(content_type = "application/pdf")]
struct PdfFile(Vec<u8>, Header<'static>);

#[derive(Responder)]
enum PdfOrProblem {
    Pdf(PdfFile),
    Problem((Status, (ContentType, &'static str))),
    TooMany((Status, Template)),
}

/// The one-page summary. The answers come in the link's query, so an advisor can keep the
/// link, and nothing of them is stored; only the time and address of the download are, for
/// the limit per address.
#[get("/check/summary.pdf?<answers..>")]
async fn summary_pdf(
    answers: CheckForm,
    env: Env<'_>,
    engine: &State<Arc<Engine>>,
    address: ClientAddress,
) -> AppResult<PdfOrProblem> {
    if !readiness::allow_summary(&env, &address.0).await? {
        return Ok(PdfOrProblem::TooMany(super::error_page(
            Status::TooManyRequests,
            "Please wait a few minutes",
            "This summary has been downloaded many times from your connection in the last few minutes. Wait ten minutes, then download it again. Your answers are still in the link, so nothing is lost.",
        )));
    }
    let pdf = readiness::summary_pdf(engine.inner().clone(), answers.input(), env.clock).await?;
    Ok(match pdf {
        Ok(bytes) => PdfOrProblem::Pdf(PdfFile(
            bytes,
            Header::new(
                "Content-Disposition",
                "attachment; filename=\"could-a-co-op-work-for-us.pdf\"",
            ),
        )),
        Err(_) => PdfOrProblem::Problem((
            Status::UnprocessableEntity,
            (
                ContentType::Plain,
                "These answers are not complete. Go back to the check at /check and answer every question.",
            ),
        )),
    })
}
