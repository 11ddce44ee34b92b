//! `/calendar`: a person's private calendar address (make a new one, revoke it) and the feed
//! itself, reached by its secret token without signing in, as calendar apps need.

use crate::web::templates::Template;
use rocket::http::ContentType;
use rocket::request::FlashMessage;
use rocket::{get, post, routes, Route, State};
use serde::Serialize;

use super::page::{PageContext, PageOrRedirect};
use crate::config::AppConfig;
use crate::error::AppResult;
use crate::services::auth::Actor;
use crate::services::calendar as svc;
use crate::services::Env;

pub fn routes() -> Vec<Route> {
    routes![settings, make, revoke, feed]
}

#[derive(Serialize)]
struct View {
    has_feed: bool,
    link: Option<String>,
}

fn base(config: &AppConfig, rocket: &rocket::Config) -> String {
    config.base_url(&rocket.address.to_string(), rocket.port)
}

#[get("/calendar")]
async fn settings(
    env: Env<'_>,
    actor: &Actor,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let view = View {
        has_feed: svc::has_feed(&env, actor).await?,
        link: None,
    };
    Ok(PageContext::for_actor(actor, flash).render("meetings/calendar", "Your calendar", view))
}

#[post("/calendar/new")]
async fn make(env: Env<'_>, actor: &Actor, rocket: &rocket::Config) -> AppResult<Template> {
    let token = svc::new_feed(&env, actor).await?;
    let link = format!("{}/calendar/feed/{token}", base(env.config, rocket));
    let view = View {
        has_feed: true,
        link: Some(link),
    };
    Ok(PageContext::for_actor(actor, None).render("meetings/calendar", "Your calendar", view))
}

#[post("/calendar/revoke")]
async fn revoke(env: Env<'_>, actor: &Actor) -> AppResult<PageOrRedirect> {
    svc::revoke(&env, actor).await?;
    Ok(PageOrRedirect::success(
        "/calendar",
        "Your calendar address no longer works. Make a new one when you want it.",
    ))
}

#[get("/calendar/feed/<token>")]
async fn feed(
    env: Env<'_>,
    token: &str,
    rocket: &rocket::Config,
    _state: &State<AppConfig>,
) -> AppResult<(ContentType, String)> {
    let ics = svc::feed(&env, token, &base(env.config, rocket)).await?;
    Ok((ContentType::new("text", "calendar"), ics))
}
