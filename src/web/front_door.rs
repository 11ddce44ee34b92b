//! Start-up work of the public front door: loading the readiness summary's fonts and
//! templates, and deleting declined enquiries once their retention period has passed (at
//! start, then daily).

use std::sync::Arc;
use std::time::Duration;

use rocket::fairing::{self, Fairing, Info, Kind};
use rocket::{Build, Orbit, Rocket};
use sea_orm::DatabaseConnection;

use crate::clock::Clock;
use crate::config::AppConfig;
use crate::services::{enquiries, readiness::SummaryDocs};

const DAY: Duration = Duration::from_secs(24 * 60 * 60);

/// Attach after the start-up fairing, which manages the configuration and the database.
pub struct FrontDoor;

#[rocket::async_trait]
impl Fairing for FrontDoor {
    fn info(&self) -> Info {
        Info {
            name: "front door: summary documents and enquiry retention",
            kind: Kind::Ignite | Kind::Liftoff,
        }
    }

    async fn on_ignite(&self, rocket: Rocket<Build>) -> fairing::Result {
        let dir = match AppConfig::from_figment(rocket.figment()) {
            Ok(config) => config.documents_dir(),
            Err(_) => return Err(rocket),
        };
        match SummaryDocs::load(&dir) {
            Ok(docs) => Ok(rocket.manage(Arc::new(docs))),
            Err(e) => {
                tracing::error!(
                    "coopkit cannot start: the document templates in {} did not load: {e}",
                    dir.display()
                );
                Err(rocket)
            }
        }
    }

    async fn on_liftoff(&self, rocket: &Rocket<Orbit>) {
        let (Some(db), Some(clock), Some(config)) = (
            rocket.state::<DatabaseConnection>(),
            rocket.state::<Clock>(),
            rocket.state::<AppConfig>(),
        ) else {
            return;
        };
        let (db, clock, days) = (db.clone(), clock.clone(), config.enquiry_retention_days);
        let shutdown = rocket.shutdown();
        tokio::spawn(async move {
            loop {
                if let Err(e) = enquiries::purge(&db, &clock, days).await {
                    tracing::error!(error = %e, "could not delete expired enquiries; will try again tomorrow");
                }
                tokio::select! {
                    _ = tokio::time::sleep(DAY) => {}
                    _ = shutdown.clone() => break,
                }
            }
        });
    }
}
