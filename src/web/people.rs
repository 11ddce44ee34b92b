//! Admins' pages for accounts (`/admin/people`), the audit page, and password-reset links.

use crate::web::templates::Template;
use rocket::form::{Form, FromForm};
use rocket::request::FlashMessage;
use rocket::{get, post, routes, Route, State};
use serde::Serialize;

use super::case_list::Opt;
use super::page::{PageContext, PageOrRedirect};
use super::session::{Admin, CsrfToken};
use crate::clock::format_timestamp;
use crate::config::AppConfig;
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::UserId;
use crate::error::AppResult;
use crate::services::auth::LinkProblem;
use crate::services::passwords::PasswordHasher;
use crate::services::people::{self, NewPassword, PersonInput, ASSIGNABLE};
use crate::services::Env;

pub fn routes() -> Vec<Route> {
    routes![
        index, new, create, edit_page, update, disable, enable, reset_link, audit, reset_page,
        reset
    ]
}

#[derive(Serialize)]
struct PersonLine {
    id: UserId,
    name: String,
    email: String,
    role: &'static str,
    disabled: bool,
}

#[get("/admin/people")]
async fn index(
    admin: Admin<'_>,
    env: Env<'_>,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let people = people::list(&env, admin.0).await?;
    let lines: Vec<PersonLine> = people
        .into_iter()
        .map(|u| PersonLine {
            id: u.id,
            name: u.name,
            email: u.email,
            role: u.role.label(),
            disabled: u.disabled,
        })
        .collect();
    Ok(PageContext::for_actor(admin.0, flash).render(
        "admin/people",
        "People",
        serde_json::json!({ "people": lines }),
    ))
}

#[derive(FromForm, Default, Serialize, Clone)]
struct PersonForm {
    #[field(default = String::new())]
    name: String,
    #[field(default = String::new())]
    email: String,
    #[field(default = String::new())]
    role: String,
}

impl PersonForm {
    fn input(&self) -> PersonInput<'_> {
        PersonInput {
            name: &self.name,
            email: &self.email,
            role: &self.role,
        }
    }
}

#[derive(Serialize)]
struct PersonFormView {
    id: Option<UserId>,
    form: PersonForm,
    roles: Vec<Opt>,
    disabled: bool,
    field_errors: std::collections::BTreeMap<String, String>,
}

fn form_view(
    id: Option<UserId>,
    form: PersonForm,
    disabled: bool,
    errors: &FieldErrors,
) -> PersonFormView {
    PersonFormView {
        id,
        roles: ASSIGNABLE
            .iter()
            .map(|r| Opt {
                value: r.as_str().into(),
                label: r.label().into(),
                selected: form.role == r.as_str(),
            })
            .collect(),
        form,
        disabled,
        field_errors: errors.by_field(),
    }
}

#[get("/admin/people/new")]
fn new(admin: Admin<'_>) -> Template {
    PageContext::for_actor(admin.0, None).render(
        "admin/person",
        "Add a person",
        form_view(
            None,
            <PersonForm as Default>::default(),
            false,
            &FieldErrors::new(),
        ),
    )
}

fn link_for(config: &AppConfig, rocket_config: &rocket::Config, token: &str) -> String {
    format!(
        "{}/reset/{token}",
        config.base_url(&rocket_config.address.to_string(), rocket_config.port)
    )
}

#[derive(Serialize)]
struct LinkView {
    name: String,
    link: String,
    id: UserId,
}

#[post("/admin/people", data = "<form>")]
async fn create(
    admin: Admin<'_>,
    form: Form<PersonForm>,
    env: Env<'_>,
    hasher: &State<PasswordHasher>,
    rocket_config: &rocket::Config,
) -> AppResult<PageOrRedirect> {
    let input = form.input();
    let page = PageContext::for_actor(admin.0, None);
    Ok(match people::create(&env, hasher, admin.0, &input).await? {
        Ok((user, token)) => {
            let link = link_for(env.config, rocket_config, &token);
            let view = LinkView {
                name: user.name,
                link,
                id: user.id,
            };
            PageOrRedirect::Page(page.render("admin/link", "Account created", view))
        }
        Err(errors) => {
            let view = form_view(None, form.into_inner(), false, &errors);
            PageOrRedirect::invalid(page.render_with_errors(
                "admin/person",
                "Add a person",
                &errors,
                view,
            ))
        }
    })
}

#[get("/admin/people/<id>")]
async fn edit_page(
    admin: Admin<'_>,
    env: Env<'_>,
    id: UserId,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let person = people::find(&env, admin.0, id).await?;
    let form = PersonForm {
        name: person.name.clone(),
        email: person.email.clone(),
        role: person.role.as_str().to_string(),
    };
    Ok(PageContext::for_actor(admin.0, flash).render(
        "admin/person",
        format!("Change {}", person.name),
        form_view(Some(id), form, person.disabled, &FieldErrors::new()),
    ))
}

#[post("/admin/people/<id>", data = "<form>")]
async fn update(
    admin: Admin<'_>,
    env: Env<'_>,
    id: UserId,
    form: Form<PersonForm>,
) -> AppResult<PageOrRedirect> {
    let input = form.input();
    match people::update(&env, admin.0, id, &input).await? {
        Ok(()) => Ok(PageOrRedirect::success("/admin/people", "Account saved")),
        Err(errors) => {
            let disabled = people::find(&env, admin.0, id).await?.disabled;
            Ok(PageOrRedirect::invalid(
                PageContext::for_actor(admin.0, None).render_with_errors(
                    "admin/person",
                    "Change an account",
                    &errors,
                    form_view(Some(id), form.into_inner(), disabled, &errors),
                ),
            ))
        }
    }
}

#[post("/admin/people/<id>/disable")]
async fn disable(admin: Admin<'_>, env: Env<'_>, id: UserId) -> AppResult<PageOrRedirect> {
    let summary = people::set_disabled(&env, admin.0, id, true).await?;
    Ok(PageOrRedirect::success(
        "/admin/people",
        &format!("{summary}. They were signed out everywhere."),
    ))
}

#[post("/admin/people/<id>/enable")]
async fn enable(admin: Admin<'_>, env: Env<'_>, id: UserId) -> AppResult<PageOrRedirect> {
    let summary = people::set_disabled(&env, admin.0, id, false).await?;
    Ok(PageOrRedirect::success("/admin/people", &summary))
}

#[post("/admin/people/<id>/reset-link")]
async fn reset_link(
    admin: Admin<'_>,
    env: Env<'_>,
    id: UserId,
    rocket_config: &rocket::Config,
) -> AppResult<Template> {
    let (person, token) = people::reset_link(&env, admin.0, id).await?;
    Ok(PageContext::for_actor(admin.0, None).render(
        "admin/link",
        "Password link",
        LinkView {
            name: person.name,
            link: link_for(env.config, rocket_config, &token),
            id: person.id,
        },
    ))
}

#[derive(Serialize)]
struct AuditLine {
    when: String,
    who: String,
    summary: String,
    case_id: Option<i64>,
}

#[get("/admin/audit")]
async fn audit(admin: Admin<'_>, env: Env<'_>) -> AppResult<Template> {
    let entries = people::audit(&env, admin.0, 200).await?;
    let everyone = people::list(&env, admin.0).await?;
    let lines: Vec<AuditLine> = entries
        .into_iter()
        .map(|e| AuditLine {
            when: format_timestamp(e.at),
            who: e
                .actor_id
                .and_then(|id| everyone.iter().find(|u| u.id == UserId(id)))
                .map_or("coopkit".into(), |u| u.name.clone()),
            summary: e.summary,
            case_id: e.case_id,
        })
        .collect();
    Ok(PageContext::for_actor(admin.0, None).render(
        "admin/audit",
        "Audit",
        serde_json::json!({ "entries": lines }),
    ))
}

fn link_message(problem: LinkProblem) -> &'static str {
    match problem {
        LinkProblem::Unknown => "This password link is not valid. Check you copied the whole link, or ask an admin for a new one.",
        LinkProblem::Used => "This password link has already been used. Sign in with your new password, or ask an admin for a new link.",
        LinkProblem::Expired => "This password link has expired: links work for one hour. Ask an admin for a new one.",
    }
}

#[derive(FromForm, Default)]
struct ResetForm {
    #[field(default = String::new())]
    password: String,
    #[field(default = String::new())]
    confirm: String,
}

fn reset_view(
    token: &str,
    name: &str,
    problem: Option<LinkProblem>,
    errors: &FieldErrors,
) -> serde_json::Value {
    serde_json::json!({ "token": token, "name": name, "problem": problem.map(link_message), "field_errors": errors.by_field() })
}

#[get("/reset/<token>")]
async fn reset_page(token: &str, env: Env<'_>, csrf: CsrfToken) -> AppResult<PageOrRedirect> {
    let page = |problem, name: &str| {
        PageContext::new(None, csrf.0.clone(), None).render(
            "auth/reset",
            "Choose a new password",
            reset_view(token, name, problem, &FieldErrors::new()),
        )
    };
    Ok(match people::check_reset(&env, token).await? {
        Ok(person) => PageOrRedirect::Page(page(None, &person.name)),
        Err(problem) => {
            PageOrRedirect::Invalid((rocket::http::Status::NotFound, page(Some(problem), "")))
        }
    })
}

#[post("/reset/<token>", data = "<form>")]
async fn reset(
    token: &str,
    form: Form<ResetForm>,
    env: Env<'_>,
    hasher: &State<PasswordHasher>,
    csrf: CsrfToken,
) -> AppResult<PageOrRedirect> {
    let input = NewPassword {
        token,
        password: &form.password,
        confirm: &form.confirm,
    };
    let page = PageContext::new(None, csrf.0, None);
    let (problem, errors) = match people::reset_password(&env, hasher, input).await? {
        Ok(Ok(())) => {
            let message = "Your new password is saved. Sign in with it.";
            return Ok(PageOrRedirect::success("/login", message));
        }
        Ok(Err(errors)) => (None, errors),
        Err(problem) => (Some(problem), FieldErrors::new()),
    };
    let view = reset_view(token, "", problem, &errors);
    let shown = page.render_with_errors("auth/reset", "Choose a new password", &errors, view);
    // A link that no longer works is answered 404, a form with problems 422.
    Ok(match problem {
        Some(_) => PageOrRedirect::Invalid((rocket::http::Status::NotFound, shown)),
        None => PageOrRedirect::invalid(shown),
    })
}
