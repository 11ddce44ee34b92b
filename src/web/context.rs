//! Request guards that hand services what they need: the `Env` of the server, and typed ids
//! from path segments.

use rocket::http::Status;
use rocket::request::{FromParam, FromRequest, Outcome, Request};

use crate::clock::Clock;
use crate::config::AppConfig;
use crate::domain::ids::{CaseId, DocumentId, EventId, MaterialId, UserId};
use crate::domain::pathways::PathwayLibrary;
use crate::services::{Env, Pool};

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Env<'r> {
    type Error = &'static str;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let rocket = req.rocket();
        match (
            rocket.state::<Pool>(),
            rocket.state::<Clock>(),
            rocket.state::<AppConfig>(),
            rocket.state::<PathwayLibrary>(),
        ) {
            (Some(db), Some(clock), Some(config), Some(library)) => {
                Outcome::Success(Env::new(db, clock, config, library))
            }
            // Only a server built without its start-up fairing lacks these.
            _ => Outcome::Error((Status::InternalServerError, "server state missing")),
        }
    }
}

/// A path segment that is not a positive whole number is no id: the route does not match,
/// and the person gets the ordinary 404.
macro_rules! id_param {
    ($($id:ty),+) => {$(
        impl<'a> FromParam<'a> for $id {
            type Error = ();

            fn from_param(param: &'a str) -> Result<Self, ()> {
                param.parse()
            }
        }
    )+};
}

id_param!(CaseId, UserId, DocumentId, EventId, MaterialId);
