//! The rules of the field, in plain Rust.
//!
//! Nothing here may import rocket, sea_orm, handlebars or printpdf: the domain is pure so that
//! every rule can be tested without a server, a database or a document.

#[macro_use]
mod text_enum;

pub mod access;
pub mod calendar;
pub mod case;
pub mod case_filter;
pub mod centre;
pub mod deadlines;
pub mod email;
pub mod enquiry;
pub mod events;
pub mod field_errors;
pub mod finance;
pub mod ical;
pub mod ids;
pub mod impact;
pub mod invitations;
pub mod learning;
pub mod markup_text;
pub mod meetings;
pub mod money;
pub mod pathways;
pub mod printable;
pub mod rate_limit;
pub mod readiness;
pub mod rules;
pub mod spreadsheet;
pub mod stages;
pub mod suggest;
pub mod survey;
pub mod user;
