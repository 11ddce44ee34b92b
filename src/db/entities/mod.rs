//! Table models, one file per table, mirroring the migrations column for column.
//!
//! They carry no behaviour: the repositories in `db::repo` turn rows into domain values.

pub mod case_answers;
pub mod case_events;
pub mod case_members;
pub mod case_stages;
pub mod cases;
pub mod login_failures;
pub mod one_time_tokens;
pub mod sessions;
pub mod users;
