//! `GET /healthz` for load balancers and monitoring: is the database answering?

use rocket::http::Status;
use rocket::serde::json::{json, Json, Value};
use rocket::{get, routes, Route};

use crate::services::Env;

pub fn routes() -> Vec<Route> {
    routes![healthz]
}

#[get("/healthz")]
async fn healthz(env: Env<'_>) -> (Status, Json<Value>) {
    if env.database_answers().await {
        (
            Status::Ok,
            Json(json!({ "status": "ok", "database": "ok" })),
        )
    } else {
        (
            Status::ServiceUnavailable,
            Json(json!({ "status": "unavailable", "database": "unreachable" })),
        )
    }
}
