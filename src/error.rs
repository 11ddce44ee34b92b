//! The one error type of the application, and how each kind of failure reaches a person.
//!
//! Input a person can fix is not an error: handlers show the form again with messages (422).
//! What remains are requests for things that do not exist or may not be seen (404, which
//! never says which), actions not allowed (403), conflicts with the state of a case (409),
//! throttling (429) and faults (500). Faults are logged with their cause; the person sees a
//! friendly page that gives nothing away.

use rocket::http::Status;
use rocket::response::{self, Responder};
use rocket::Request;
use sea_orm::DbErr;

use crate::docgen::DocgenError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Not there, or not for this person: both answer 404 so that case numbers cannot be
    /// probed.
    #[error("not found")]
    NotFound,
    /// Signed in, but this role may not do this.
    #[error("forbidden: {0}")]
    Forbidden(&'static str),
    /// The action does not fit the case's current state (a gate already signed off, say).
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("too many attempts")]
    TooManyRequests,
    /// A request no page of ours could have sent (a body that is not text, a NUL byte): 400.
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    /// A body over the limit for its form: 413.
    #[error("the form is too large")]
    TooLarge,
    #[error("database error: {0}")]
    Db(#[from] DbErr),
    #[error("document generation failed: {0}")]
    Docgen(#[from] DocgenError),
    #[error("{0}")]
    Internal(String),
}

pub type AppResult<T> = Result<T, AppError>;

impl From<crate::domain::access::Refusal> for AppError {
    fn from(refusal: crate::domain::access::Refusal) -> Self {
        match refusal {
            crate::domain::access::Refusal::Hidden => AppError::NotFound,
            crate::domain::access::Refusal::Forbidden(why) => AppError::Forbidden(why),
        }
    }
}

/// A stored value the code does not know is a fault to fix, not something to guess around.
impl From<crate::domain::case::UnknownValue> for AppError {
    fn from(e: crate::domain::case::UnknownValue) -> Self {
        AppError::Internal(e.to_string())
    }
}

impl AppError {
    pub fn status(&self) -> Status {
        match self {
            AppError::NotFound | AppError::Db(DbErr::RecordNotFound(_)) => Status::NotFound,
            AppError::Forbidden(_) => Status::Forbidden,
            AppError::Conflict(_) => Status::Conflict,
            // Someone else wrote the same row at the same moment and this transaction was
            // rolled back: nothing was saved, which the conflict page says.
            AppError::Db(e) if crate::db::is_contention(e) => Status::Conflict,
            AppError::TooManyRequests => Status::TooManyRequests,
            AppError::BadRequest(_) => Status::BadRequest,
            AppError::TooLarge => Status::PayloadTooLarge,
            AppError::Db(e) if is_nul_in_text(e) => Status::BadRequest,
            AppError::Db(_) | AppError::Docgen(_) | AppError::Internal(_) => {
                Status::InternalServerError
            }
        }
    }
}

/// PostgreSQL refuses a NUL character in text ("invalid byte sequence ... 0x00"). No page of
/// ours sends one, so it is a bad request, not a fault; the transaction is rolled back. The
/// raw-body forms refuse NUL before this; forms read by Rocket reach the database with it.
fn is_nul_in_text(e: &DbErr) -> bool {
    let message = e.to_string();
    message.contains("invalid byte sequence") && message.contains("0x00")
}

/// Why a request was refused (403), kept in the request for the log line of the 403 page:
/// a role guard or a service said who may do this.
pub struct Refusal(pub &'static str);

impl<'r> Responder<'r, 'static> for AppError {
    fn respond_to(self, request: &'r Request<'_>) -> response::Result<'static> {
        let status = self.status();
        if status == Status::InternalServerError {
            tracing::error!(uri = %request.uri(), error = %self, "request failed");
        } else if matches!(self, AppError::Db(_)) {
            tracing::warn!(uri = %request.uri(), error = %self, "write refused: a concurrent write won");
        } else {
            tracing::debug!(uri = %request.uri(), error = %self, "request refused");
        }
        if let AppError::Forbidden(reason) = self {
            // The 403 page logs the refusal with this reason.
            request.local_cache(|| Refusal(reason));
        }
        Err(status)
    }
}

impl From<tokio::task::JoinError> for AppError {
    fn from(e: tokio::task::JoinError) -> Self {
        AppError::Internal(format!("background task failed: {e}"))
    }
}
