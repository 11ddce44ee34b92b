//! `GET /healthz` for load balancers and monitoring: is the database answering?

use rocket::http::Status;
use rocket::serde::json::{json, Json, Value};
use rocket::{get, routes, Route, State};
use sea_orm::DatabaseConnection;

pub fn routes() -> Vec<Route> {
    routes![healthz]
}

#[get("/healthz")]
async fn healthz(db: &State<DatabaseConnection>) -> (Status, Json<Value>) {
    if crate::db::ping(db).await {
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
