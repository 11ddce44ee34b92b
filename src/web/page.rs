//! The one shape every page is rendered with, and the responses handlers return.

use crate::web::templates::Template;
use rocket::http::Status;
use rocket::request::FlashMessage;
use rocket::response::{Flash, Redirect, Responder};
use serde::Serialize;

use crate::domain::field_errors::FieldErrors;
use crate::services::auth::Actor;

/// What the layout needs to know about the signed-in person.
#[derive(Serialize)]
pub struct UserView {
    pub name: String,
    pub email: String,
    pub role: &'static str,
    pub role_label: &'static str,
    pub is_centre: bool,
    pub is_admin: bool,
}

impl From<&Actor> for UserView {
    fn from(actor: &Actor) -> Self {
        Self {
            name: actor.name.clone(),
            email: actor.email.clone(),
            role: actor.role.as_str(),
            role_label: actor.role.label(),
            is_centre: actor.is_centre(),
            is_admin: actor.role == crate::domain::user::Role::Admin,
        }
    }
}

#[derive(Serialize)]
pub struct FlashView {
    pub kind: String,
    pub message: String,
}

/// Every page template gets exactly these keys. Page templates are not in strict mode (see
/// `web::customize`), so a key a template names but a page lacks renders as nothing: page tests
/// assert on what is rendered.
#[derive(Serialize)]
pub struct Page<T: Serialize> {
    pub title: String,
    pub user: Option<UserView>,
    pub csrf: String,
    pub flash: Option<FlashView>,
    pub errors: Vec<crate::domain::field_errors::FieldError>,
    pub data: T,
}

/// Builds pages with the request's user, CSRF token and flash message filled in.
pub struct PageContext {
    user: Option<UserView>,
    csrf: String,
    flash: Option<FlashView>,
}

impl PageContext {
    pub fn new(actor: Option<&Actor>, csrf: String, flash: Option<FlashMessage<'_>>) -> Self {
        Self {
            user: actor.map(UserView::from),
            csrf,
            flash: flash.map(|f| FlashView {
                kind: f.kind().to_string(),
                message: f.message().to_string(),
            }),
        }
    }

    pub fn for_actor(actor: &Actor, flash: Option<FlashMessage<'_>>) -> Self {
        Self::new(Some(actor), actor.csrf_token.clone(), flash)
    }

    pub fn render<T: Serialize>(
        self,
        template: &'static str,
        title: impl Into<String>,
        data: T,
    ) -> Template {
        self.render_with_errors(template, title, &FieldErrors::new(), data)
    }

    /// A page showing a form's problems: they go to the error summary at the top; the data
    /// carries them again by field for the messages beside the fields.
    pub fn render_with_errors<T: Serialize>(
        self,
        template: &'static str,
        title: impl Into<String>,
        errors: &FieldErrors,
        data: T,
    ) -> Template {
        let title = title.into();
        let title = if errors.is_empty() {
            title
        } else {
            format!("Error: {title}")
        };
        Template::render(
            template,
            Page {
                title,
                user: self.user,
                csrf: self.csrf,
                flash: self.flash,
                errors: errors.iter().cloned().collect(),
                data,
            },
        )
    }
}

/// A handler's answer: a page, a form shown again with problems (422), or a redirect.
#[derive(Responder)]
pub enum PageOrRedirect {
    Page(Template),
    Invalid((Status, Template)),
    Redirect(Flash<Redirect>),
    Plain(Redirect),
}

impl PageOrRedirect {
    pub fn invalid(template: Template) -> Self {
        PageOrRedirect::Invalid((Status::UnprocessableEntity, template))
    }

    pub fn success(to: impl Into<String>, message: &str) -> Self {
        PageOrRedirect::Redirect(Flash::success(Redirect::to(to.into()), message.to_string()))
    }
}
