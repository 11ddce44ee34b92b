//! Use cases: who may do what, in which transaction, with which domain rules.
//!
//! Handlers call services; services call the domain, the repositories and the document
//! generator. A service never builds a page.

pub mod auth;
pub mod cases;
pub mod documents;
pub mod enquiries;
pub mod gates;
pub mod invitations;
pub mod joining;
pub mod library;
pub mod mail;
pub mod passwords;
pub mod pathways;
pub mod progress;
pub mod readiness;
pub mod render;
pub mod rep_invitations;
pub mod survey;
pub mod tokens;
