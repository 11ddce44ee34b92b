//! What a page that emails a link needs: the mailer, and the address links start with.

use rocket::request::{FromRequest, Outcome, Request};

use crate::config::AppConfig;
use crate::services::mail::{Mailer, Sender};

/// The mailer and this server's public address, as a request guard.
pub struct Outgoing<'r> {
    mailer: &'r Mailer,
    base_url: String,
}

impl Outgoing<'_> {
    pub fn sender(&self) -> Sender<'_> {
        Sender {
            mailer: self.mailer,
            base_url: &self.base_url,
        }
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Outgoing<'r> {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        let rocket = req.rocket();
        let server = rocket.config();
        match (rocket.state::<Mailer>(), rocket.state::<AppConfig>()) {
            (Some(mailer), Some(config)) => Outcome::Success(Outgoing {
                mailer,
                base_url: config.base_url(&server.address.to_string(), server.port),
            }),
            // Only a server built without its start-up fairing lacks these.
            _ => Outcome::Error((rocket::http::Status::InternalServerError, ())),
        }
    }
}
