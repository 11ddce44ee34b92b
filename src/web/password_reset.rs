//! `/forgot-password`: asking for a link to choose a new password, by email where this server
//! sends email; otherwise the page says to ask the centre, whose admins make such links. The
//! link opens the `/reset/<token>` page admins' links already use.

use crate::web::templates::Template;
use rocket::form::{Form, FromForm};
use rocket::http::Status;
use rocket::{get, post, routes, Route};
use serde::Serialize;

use super::outgoing::Outgoing;
use super::page::PageContext;
use super::session::{ClientAddress, CsrfToken};
use crate::domain::field_errors::FieldErrors;
use crate::error::AppResult;
use crate::services::password_reset::{self, Asked};
use crate::services::Env;

pub fn routes() -> Vec<Route> {
    routes![page, ask]
}

const TITLE: &str = "Forgot your password?";

#[derive(FromForm, Default)]
pub struct ForgotForm {
    #[field(default = String::new())]
    email: String,
}

#[derive(Serialize, Default)]
struct ForgotView {
    /// This server sends no email.
    no_email: bool,
    /// The request went through: the page says what happens next.
    asked_for: Option<String>,
    email: String,
    field_errors: std::collections::BTreeMap<String, String>,
}

fn render(csrf: CsrfToken, errors: &FieldErrors, view: ForgotView) -> Template {
    PageContext::new(None, csrf.0, None).render_with_errors("auth/forgot", TITLE, errors, view)
}

#[get("/forgot-password")]
fn page(csrf: CsrfToken, outgoing: Outgoing<'_>) -> Template {
    let view = ForgotView {
        no_email: !outgoing.sender().mailer.is_configured(),
        ..Default::default()
    };
    render(csrf, &FieldErrors::new(), view)
}

#[post("/forgot-password", data = "<form>")]
async fn ask(
    form: Form<ForgotForm>,
    env: Env<'_>,
    outgoing: Outgoing<'_>,
    address: ClientAddress,
    csrf: CsrfToken,
) -> AppResult<(Status, Template)> {
    let asked = password_reset::ask(&env, &outgoing.sender(), &form.email, &address.0).await?;
    let mut errors = FieldErrors::new();
    let (status, mut view) = match asked {
        Asked::Done => {
            let view = ForgotView {
                asked_for: Some(form.email.trim().to_string()),
                ..Default::default()
            };
            return Ok((Status::Ok, render(csrf, &errors, view)));
        }
        Asked::NoEmail => (
            Status::Ok,
            ForgotView {
                no_email: true,
                ..Default::default()
            },
        ),
        Asked::TooMany => {
            errors.add("email", "A new password has been asked for too often. Wait an hour, then try again, or ask the education centre.");
            (Status::TooManyRequests, ForgotView::default())
        }
        Asked::Invalid(invalid) => {
            errors = invalid;
            (Status::UnprocessableEntity, ForgotView::default())
        }
    };
    view.email = form.email.clone();
    view.field_errors = errors.by_field();
    Ok((status, render(csrf, &errors, view)))
}
