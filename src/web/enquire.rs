//! The public enquiry form and its acknowledgement page.

use crate::web::templates::Template;
use rocket::form::{Form, FromForm};
use rocket::http::Status;
use rocket::response::Redirect;
use rocket::{get, post, routes, Route, State};
use serde::Serialize;

use super::check_form::{all_keys, hidden_fields, CheckForm, Hidden};
use super::page::{PageContext, PageOrRedirect};
use super::session::{ClientAddress, CsrfToken};
use crate::clock::Clock;
use crate::domain::enquiry::{EnquiryInput, EnquiryRole, MAX_SITUATION_CHARS};
use crate::domain::field_errors::FieldErrors;
use crate::domain::readiness::ReadinessInput;
use crate::error::AppResult;
use crate::services::auth::Actor;
use crate::services::enquiries::{self, Submitted, MAX_PER_WINDOW};
use crate::services::readiness;
use crate::services::Env;

pub fn routes() -> Vec<Route> {
    routes![new, create, sent, sent_without_reference]
}

#[derive(FromForm, Default)]
pub struct EnquiryForm {
    #[field(default = String::new())]
    name: String,
    #[field(default = String::new())]
    email: String,
    #[field(default = String::new())]
    phone: String,
    #[field(default = String::new())]
    organisation: String,
    #[field(default = String::new())]
    role: String,
    #[field(default = String::new())]
    situation: String,
    #[field(default = String::new())]
    consent: String,
    /// The honeypot: hidden from people by CSS, labelled "leave this empty"; bots fill it.
    #[field(default = String::new())]
    website: String,
    #[field(default = <CheckForm as Default>::default())]
    check: CheckForm,
}

impl EnquiryForm {
    fn input(&self) -> EnquiryInput {
        EnquiryInput {
            name: self.name.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            organisation: self.organisation.clone(),
            role: self.role.clone(),
            situation: self.situation.clone(),
            consent: !self.consent.is_empty(),
        }
    }
}

/// One radio button of "Which best describes you?", shared with the event sign-up form.
#[derive(Serialize)]
pub(super) struct RoleView {
    id: String,
    value: &'static str,
    label: &'static str,
    checked: bool,
}

#[derive(Serialize, Default)]
struct FormValues {
    name: String,
    email: String,
    phone: String,
    organisation: String,
    situation: String,
    consent: bool,
}

#[derive(Serialize)]
struct EnquiryView {
    form: FormValues,
    roles: Vec<RoleView>,
    /// The check's headline, when valid answers are attached.
    attached: Option<String>,
    hidden: Vec<Hidden>,
    max_situation: usize,
    field_errors: std::collections::BTreeMap<String, String>,
}

/// The check's answers, if they came with the request and still pass the check.
fn attached(input: &ReadinessInput, clock: &Clock) -> Option<String> {
    readiness::check(input, clock.today())
        .ok()
        .map(|(_, rec)| rec.headline)
}

fn view(form: &EnquiryForm, clock: &Clock, errors: &FieldErrors) -> EnquiryView {
    let check = form.check.input();
    let attached = attached(&check, clock);
    EnquiryView {
        form: FormValues {
            name: form.name.clone(),
            email: form.email.clone(),
            phone: form.phone.clone(),
            organisation: form.organisation.clone(),
            situation: form.situation.clone(),
            consent: !form.consent.is_empty(),
        },
        roles: role_choices(&form.role),
        hidden: if attached.is_some() {
            hidden_fields(&check, &all_keys(), "check.")
        } else {
            Vec::new()
        },
        attached,
        max_situation: MAX_SITUATION_CHARS,
        field_errors: errors.by_field(),
    }
}

/// The form; the readiness check's "send an enquiry" button brings its answers in the query.
#[get("/enquire?<answers..>")]
fn new(
    actor: Option<&Actor>,
    csrf: CsrfToken,
    answers: CheckForm,
    clock: &State<Clock>,
) -> Template {
    let form = EnquiryForm {
        check: answers,
        ..Default::default()
    };
    PageContext::new(actor, csrf.0, None).render(
        "enquire/new",
        "Send us an enquiry",
        view(&form, clock, &FieldErrors::new()),
    )
}

#[post("/enquire", data = "<form>")]
async fn create(
    actor: Option<&Actor>,
    csrf: CsrfToken,
    form: Form<EnquiryForm>,
    env: Env<'_>,
    address: ClientAddress,
) -> AppResult<PageOrRedirect> {
    let check = form.check.input();
    let readiness = (check != ReadinessInput::default()).then_some(&check);
    let outcome =
        enquiries::submit(&env, &address.0, &form.input(), readiness, &form.website).await?;
    let (status, errors) = match outcome {
        Submitted::Stored { reference } => {
            return Ok(PageOrRedirect::Plain(Redirect::to(format!(
                "/enquire/sent/{reference}"
            ))))
        }
        Submitted::Ignored => return Ok(PageOrRedirect::Plain(Redirect::to("/enquire/sent"))),
        Submitted::Invalid(errors) => (Status::UnprocessableEntity, errors),
        Submitted::TooMany => {
            let mut errors = FieldErrors::new();
            errors.add("enquiry-form", format!("We have received {MAX_PER_WINDOW} enquiries from your connection in the last hour, which is our limit to keep out spam. Please wait an hour and send it again, or phone the centre. What you typed is still below."));
            (Status::TooManyRequests, errors)
        }
    };
    let page = PageContext::new(actor, csrf.0, None).render_with_errors(
        "enquire/new",
        "Send us an enquiry",
        &errors,
        view(&form, env.clock, &errors),
    );
    Ok(PageOrRedirect::Invalid((status, page)))
}

#[derive(Serialize)]
struct SentView {
    reference: Option<String>,
}

#[get("/enquire/sent/<reference>")]
fn sent(actor: Option<&Actor>, csrf: CsrfToken, reference: &str) -> Option<Template> {
    // Only a well-formed reference is shown back: the page echoes its address.
    let valid = reference.len() <= 20
        && reference.starts_with("ENQ-")
        && reference[4..]
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-');
    valid.then(|| {
        let view = SentView {
            reference: Some(reference.to_string()),
        };
        PageContext::new(actor, csrf.0, None).render("enquire/sent", "Enquiry sent", view)
    })
}

#[get("/enquire/sent")]
fn sent_without_reference(actor: Option<&Actor>, csrf: CsrfToken) -> Template {
    PageContext::new(actor, csrf.0, None).render(
        "enquire/sent",
        "Enquiry sent",
        SentView { reference: None },
    )
}

/// The enquirer roles as radio buttons, `selected` checked; the first carries the field's id
/// so that an error summary can link to it.
pub(super) fn role_choices(selected: &str) -> Vec<RoleView> {
    EnquiryRole::ALL
        .iter()
        .enumerate()
        .map(|(i, r)| RoleView {
            id: if i == 0 {
                "role".into()
            } else {
                format!("role-{}", r.as_str())
            },
            value: r.as_str(),
            label: r.label(),
            checked: r.as_str() == selected,
        })
        .collect()
}
