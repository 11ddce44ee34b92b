//! The public pages: the home page for visitors who are not signed in, the page for
//! business advisors, and the privacy notice.

use crate::web::templates::Template;
use rocket::request::FlashMessage;
use rocket::{get, routes, Route, State};
use serde::Serialize;

use super::page::PageContext;
use super::session::CsrfToken;
use crate::config::AppConfig;
use crate::error::AppResult;
use crate::services::auth::Actor;
use crate::services::Env;

pub fn routes() -> Vec<Route> {
    routes![home, advisors, privacy]
}

/// Signed-in people go to their cases (the route in `web::mod`); everyone else lands here.
#[get("/", rank = 2)]
async fn home(
    env: Env<'_>,
    csrf: CsrfToken,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let events = crate::services::events::upcoming_open(&env, 3).await?;
    let view = HomeView {
        events: events
            .iter()
            .map(super::events_public::event_view)
            .collect(),
    };
    Ok(PageContext::new(None, csrf.0, flash).render(
        "front/home",
        "Take over your workplace as a co-operative",
        view,
    ))
}

#[derive(Serialize)]
struct HomeView {
    /// The next open events, so visitors find the centre's sessions from the front page.
    events: Vec<super::events_public::EventView>,
}

#[get("/advisors")]
fn advisors(actor: Option<&Actor>, csrf: CsrfToken) -> Template {
    PageContext::new(actor, csrf.0, None).render("front/advisors", "For business advisors", ())
}

#[derive(Serialize)]
struct PrivacyView {
    retention_days: u32,
    retention_months: u32,
}

#[get("/privacy")]
fn privacy(actor: Option<&Actor>, csrf: CsrfToken, config: &State<AppConfig>) -> Template {
    let days = config.enquiry_retention_days;
    let view = PrivacyView {
        retention_days: days,
        retention_months: (days + 15) / 30,
    };
    PageContext::new(actor, csrf.0, None).render("front/privacy", "Privacy notice", view)
}
