//! Use cases: who may do what, in which transaction, with which domain rules.
//!
//! Handlers call services; services call the domain, the repositories and the document
//! generator. A service never builds a page.

pub mod auth;
pub mod case_export;
pub mod case_people;
pub mod case_work;
pub mod cases;
pub mod centre;
pub mod demo;
pub mod passwords;
pub mod people;
pub mod tokens;
