//! Use cases: who may do what, in which transaction, with which domain rules.
//!
//! Handlers call services; services call the domain, the repositories and the document
//! generator. A service never builds a page.

pub mod auth;
pub mod cases;
pub mod documents;
pub mod passwords;
pub mod render;
pub mod tokens;
