//! Table models, one file per table, mirroring the migrations column for column.
//!
//! They carry no behaviour: the repositories in `db::repo` turn rows into domain values.

pub mod audit_log;
pub mod case_events;
pub mod case_members;
pub mod cases;
pub mod login_failures;
pub mod note_revisions;
pub mod notes;
pub mod one_time_tokens;
pub mod sessions;
pub mod tasks;
pub mod users;
