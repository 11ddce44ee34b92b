//! coopkit: guides union reps and workers through worker buyouts and co-op start-ups, and lets
//! a co-operative education centre follow every case.
//!
//! Layers: `web -> services -> {domain, db, docgen}`; `domain` is pure. `build` assembles the
//! server; `main.rs` only parses the command line and runs it.

// Tests may unwrap: a panic there is a failed test with its line, which is what we want.
#![cfg_attr(test, allow(clippy::unwrap_used))]

pub mod cli;
pub mod cli_render;
pub mod clock;
pub mod config;
pub mod db;
pub mod docgen;
pub mod domain;
pub mod error;
pub mod logging;
pub mod services;
pub mod web;

use rocket::fairing::{self, AdHoc};
use rocket::figment::Figment;
use rocket::fs::{FileServer, Options};
use rocket::{Build, Rocket};

use clock::Clock;
use config::AppConfig;
use services::passwords::PasswordHasher;

/// The server, with the system clock.
pub fn build(figment: Figment) -> Rocket<Build> {
    build_with_clock(figment, Clock::system())
}

/// The server with a given clock, so tests can move time forward.
pub fn build_with_clock(figment: Figment, clock: Clock) -> Rocket<Build> {
    let static_dir = figment
        .extract_inner::<std::path::PathBuf>("template_dir")
        .unwrap_or_else(|_| "templates".into())
        .join("static");
    rocket::custom(figment)
        .manage(clock)
        .attach(AdHoc::try_on_ignite("coopkit start-up", start_up))
        .attach(web::front_door::FrontDoor)
        .attach(AdHoc::on_liftoff("first admin link", |rocket| {
            Box::pin(print_first_admin_link(rocket))
        }))
        .attach(web::csrf::CsrfGuard)
        .attach(web::headers::SecurityHeaders)
        .mount("/", web::routes())
        // Missing: a wrong template_dir is reported by the start-up check, which names the
        // folder, rather than by a panic here.
        .mount(
            "/static",
            FileServer::new(static_dir, Options::Missing | Options::Index),
        )
        .register("/", web::catchers())
}

/// Reads the configuration, connects and migrates the database, and loads everything read from
/// files. Any failure stops the start with a message saying what to fix.
async fn start_up(rocket: Rocket<Build>) -> fairing::Result {
    let config = match AppConfig::from_figment(rocket.figment()) {
        Ok(config) => config,
        Err(e) => {
            tracing::error!("coopkit's configuration is not valid: {e}");
            return Err(rocket);
        }
    };
    if !config.template_dir.is_dir() {
        // Most often coopkit was started from another folder than the one holding templates/.
        tracing::error!(
            "coopkit cannot start: its templates folder {} is not there. Start coopkit from the \
             folder that holds templates/, or set template_dir in Rocket.toml",
            config.template_dir.display()
        );
        return Err(rocket);
    }
    let templates = match web::templates::PageTemplates::load(&config.template_dir) {
        Ok(templates) => templates,
        Err(e) => {
            tracing::error!("coopkit cannot start: {e}");
            eprintln!("coopkit cannot start: {e}");
            return Err(rocket);
        }
    };
    let db = match db::connect_and_migrate(&config.database_url).await {
        Ok(db) => db,
        Err(e) => {
            tracing::error!("coopkit cannot start: {e}");
            return Err(rocket);
        }
    };
    // Access needs past their 30 days go at every start, as well as at the next look at an
    // event: no background job is needed.
    let now = rocket
        .state::<Clock>()
        .map_or_else(|| Clock::system().now(), Clock::now);
    if let Err(e) = services::events::purge_access_needs(&db, now).await {
        tracing::warn!("old access needs were not deleted at start-up: {e}");
    }
    let hasher = match PasswordHasher::new() {
        Ok(hasher) => hasher,
        Err(e) => {
            tracing::error!("coopkit cannot start: {e}");
            return Err(rocket);
        }
    };
    // Email for invitations; unset `smtp_host` means links are shared by hand.
    let mail_settings = rocket
        .figment()
        .extract::<services::mail::MailSettings>()
        .map_err(|e| e.to_string());
    let mailer = match mail_settings.and_then(services::mail::Mailer::new) {
        Ok(mailer) => mailer,
        Err(e) => {
            tracing::error!("coopkit's email settings are not valid: {e}");
            return Err(rocket);
        }
    };
    // A mistake in a pathway file must stop the start, naming the file and line, rather than
    // surface later as a broken form in front of a rep.
    let pathways = match domain::pathways::load_pathways(&config.pathways_dir()) {
        Ok(library) => library,
        Err(e) => {
            tracing::error!("coopkit cannot start: a pathway file is not right: {e}");
            eprintln!("coopkit cannot start: a pathway file is not right: {e}");
            return Err(rocket);
        }
    };
    // Fonts and document templates are read once; a broken template stops the start here
    // rather than failing later in front of a rep.
    let engine = match services::render::Engine::load(&config.documents_dir()) {
        Ok(engine) => std::sync::Arc::new(engine),
        Err(e) => {
            tracing::error!("coopkit cannot start: a document template is broken: {e}");
            return Err(rocket);
        }
    };
    Ok(rocket
        .manage(db)
        .manage(hasher)
        .manage(config)
        .manage(mailer)
        .manage(pathways)
        .manage(templates)
        .manage(engine))
}

/// On a fresh installation nobody can sign in yet: print a one-time link to create the first
/// admin account.
async fn print_first_admin_link(rocket: &Rocket<rocket::Orbit>) {
    let (Some(db), Some(clock), Some(config)) = (
        rocket.state::<sea_orm::DatabaseConnection>(),
        rocket.state::<Clock>(),
        rocket.state::<AppConfig>(),
    ) else {
        return;
    };
    match services::auth::first_admin_link(db, clock).await {
        Ok(Some(token)) => {
            let base = config.base_url(&rocket.config().address.to_string(), rocket.config().port);
            tracing::warn!("no admin account exists yet. Create the first one within 24 hours at: {base}/setup/{token}");
            println!("\n  coopkit has no admin account yet. Open this link to create one (it works once, for 24 hours):\n\n    {base}/setup/{token}\n");
        }
        Ok(None) => {}
        Err(e) => tracing::error!("could not make the first admin link: {e}"),
    }
}
