//! Use cases: who may do what, in which transaction, with which domain rules.
//!
//! Handlers call services; services call the domain, the repositories and the document
//! generator. A service never builds a page.

pub mod auth;
pub mod ballots;
pub mod calendar;
pub mod case_export;
pub mod case_notes;
pub mod case_page;
pub mod case_people;
pub mod case_work;
pub mod cases;
pub mod centre;
pub mod demo;
pub mod demo_events;
mod demo_history;
pub mod document_checks;
pub mod documents;
pub mod enquiries;
pub mod env;
pub mod event_mail;
pub mod event_signup;
pub mod events;
pub mod gate_evidence;
pub mod gates;
pub mod impact;
pub mod impact_reference;
pub mod invitations;
pub mod joining;
pub mod learning;
pub mod learning_record;
pub mod learning_signup;
pub mod library;
pub mod mail;
pub mod meeting_docs;
mod meeting_facts;
pub mod meetings;
pub mod page_save;
pub mod password_reset;
pub mod passwords;
pub mod pathways;
pub mod people;
pub mod progress;
pub mod readiness;
pub mod render;
pub mod suggestions;
pub mod survey;
pub mod tokens;

pub use env::{Env, Pool};
