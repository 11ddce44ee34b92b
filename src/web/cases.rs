//! The case list, opening a case, and the case page.

use crate::web::templates::Template;
use rocket::form::{Form, FromForm};
use rocket::{get, post, routes, Route};
use serde::Serialize;

use super::page::{PageContext, PageOrRedirect};
use crate::clock::format_timestamp;
use crate::domain::access;
use crate::domain::case::{Case, CaseInput, NewCase, Pathway, Trigger};
use crate::error::{AppError, AppResult};
use crate::services::{self, auth::Actor, Env};

pub fn routes() -> Vec<Route> {
    routes![new, create]
}

/// A case as list rows and headers show it.
#[derive(Serialize)]
pub struct CaseSummary {
    pub id: i64,
    pub reference: String,
    pub name: String,
    pub pathway: &'static str,
    pub status: &'static str,
    pub stage: String,
    pub updated: String,
}

impl From<&Case> for CaseSummary {
    fn from(c: &Case) -> Self {
        Self {
            id: c.id.get(),
            reference: c.reference.clone(),
            name: c.name.clone(),
            pathway: c.pathway.label(),
            status: c.status.label(),
            stage: c.current_stage.clone(),
            updated: format_timestamp(c.updated_at),
        }
    }
}

#[derive(FromForm, Default, Serialize)]
pub struct CaseForm {
    #[field(default = String::new())]
    name: String,
    #[field(default = String::new())]
    pathway: String,
    #[field(default = String::new())]
    sector: String,
    #[field(default = String::new())]
    employer: String,
    #[field(default = String::new())]
    union_name: String,
    #[field(default = String::new())]
    union_branch: String,
    #[field(default = String::new())]
    worker_count: String,
    #[field(default = String::new())]
    trigger: String,
    #[field(default = String::new())]
    description: String,
}

impl From<&CaseForm> for CaseInput {
    fn from(f: &CaseForm) -> Self {
        CaseInput {
            name: f.name.clone(),
            pathway: f.pathway.clone(),
            sector: f.sector.clone(),
            employer: f.employer.clone(),
            union_name: f.union_name.clone(),
            union_branch: f.union_branch.clone(),
            worker_count: f.worker_count.clone(),
            trigger: f.trigger.clone(),
            description: f.description.clone(),
        }
    }
}

#[derive(Serialize)]
struct Choice {
    value: &'static str,
    label: &'static str,
    selected: bool,
}

#[derive(Serialize)]
struct NewCaseView<'a> {
    form: &'a CaseForm,
    pathways: Vec<Choice>,
    triggers: Vec<Choice>,
    field_errors: std::collections::BTreeMap<String, String>,
}

fn new_case_view<'a>(
    form: &'a CaseForm,
    errors: &crate::domain::field_errors::FieldErrors,
) -> NewCaseView<'a> {
    NewCaseView {
        form,
        pathways: Pathway::ALL
            .iter()
            .map(|p| Choice {
                value: p.as_str(),
                label: p.label(),
                selected: p.as_str() == form.pathway,
            })
            .collect(),
        triggers: Trigger::ALL
            .iter()
            .map(|t| Choice {
                value: t.as_str(),
                label: t.label(),
                selected: t.as_str() == form.trigger,
            })
            .collect(),
        field_errors: errors.by_field(),
    }
}

#[get("/cases/new")]
fn new(actor: &Actor) -> AppResult<Template> {
    if !access::may_open_cases(actor.role) {
        return Err(AppError::Forbidden("workers join cases by invitation"));
    }
    let form = <CaseForm as Default>::default();
    let view = new_case_view(&form, &Default::default());
    Ok(PageContext::for_actor(actor, None).render("cases/new", "Open a case", view))
}

#[post("/cases", data = "<form>")]
async fn create(env: Env<'_>, actor: &Actor, form: Form<CaseForm>) -> AppResult<PageOrRedirect> {
    let case = match NewCase::try_from(&CaseInput::from(&*form)) {
        Ok(case) => case,
        Err(errors) => {
            let page = PageContext::for_actor(actor, None).render_with_errors(
                "cases/new",
                "Open a case",
                &errors,
                new_case_view(&form, &errors),
            );
            return Ok(PageOrRedirect::invalid(page));
        }
    };
    let opened = services::cases::create(&env, actor, case).await?;
    Ok(PageOrRedirect::success(
        format!("/cases/{}", opened.id),
        &format!("Case {} opened", opened.reference),
    ))
}
