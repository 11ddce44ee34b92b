//! Use cases: who may do what, in which transaction, with which domain rules.
//!
//! Handlers call services; services call the domain, the repositories and the document
//! generator. A service never builds a page.

pub mod auth;
pub mod cases;
pub mod gates;
pub mod passwords;
pub mod pathways;
pub mod tokens;
