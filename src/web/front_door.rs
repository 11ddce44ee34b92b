//! Deleting declined enquiries once their retention period has passed: a liftoff fairing that
//! runs the purge at start, then daily (`coopkit purge-enquiries` runs it once by hand).

use std::time::Duration;

use rocket::fairing::{Fairing, Info, Kind};
use rocket::{Orbit, Rocket};

use crate::clock::Clock;
use crate::config::AppConfig;
use crate::services::{enquiries, Pool};

const DAY: Duration = Duration::from_secs(24 * 60 * 60);

/// Attach after the start-up fairing, which manages the configuration and the database.
pub struct FrontDoor;

#[rocket::async_trait]
impl Fairing for FrontDoor {
    fn info(&self) -> Info {
        Info {
            name: "front door: enquiry retention",
            kind: Kind::Liftoff,
        }
    }

    async fn on_liftoff(&self, rocket: &Rocket<Orbit>) {
        let (Some(db), Some(clock), Some(config)) = (
            rocket.state::<Pool>(),
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
