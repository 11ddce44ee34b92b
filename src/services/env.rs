//! What every use case needs from the running server, gathered once per request.
//!
//! The web layer builds an `Env` from the server's state (a request guard) and hands it to
//! services. The database handle inside is private to `services`: a page can pass the `Env`
//! on, but cannot query through it, so every read and write goes through a use case that
//! knows who may do what.

use sea_orm::DatabaseConnection;

use crate::clock::Clock;
use crate::config::AppConfig;
use crate::domain::pathways::PathwayLibrary;

/// The database pool as the server holds it. Named here so the web layer can fetch it from
/// the server's state to build an `Env`, without naming the database crate.
pub type Pool = DatabaseConnection;

#[derive(Clone, Copy)]
pub struct Env<'a> {
    db: &'a DatabaseConnection,
    pub clock: &'a Clock,
    pub config: &'a AppConfig,
    pub library: &'a PathwayLibrary,
}

impl<'a> Env<'a> {
    pub fn new(
        db: &'a Pool,
        clock: &'a Clock,
        config: &'a AppConfig,
        library: &'a PathwayLibrary,
    ) -> Self {
        Env {
            db,
            clock,
            config,
            library,
        }
    }

    /// Whether the database answers a trivial query, for `/healthz`.
    pub async fn database_answers(&self) -> bool {
        crate::db::ping(self.db).await
    }

    /// The database, for use cases only.
    pub(in crate::services) fn db(&self) -> &'a DatabaseConnection {
        self.db
    }
}
