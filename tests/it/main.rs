//! Integration tests: the real server through Rocket's local client, real migrations, and a
//! fresh database for every test (a SQLite file in a temporary folder, or, when
//! `COOPKIT_TEST_DATABASE_URL` names a PostgreSQL server, a new database on it).

mod support;

mod accounts;
mod business_plan;
mod cases;
mod centre;
mod centre_case_work;
mod centre_people;
mod checklists;
mod config;
mod conflicts;
mod deadlines;
mod document_cli;
mod documents;
mod front_door;
mod gates;
mod invitations;
mod library;
mod pathways;
mod question_types;
mod ranges;
mod rules_mutations;
mod security;
mod smtp_sink;
mod survey;
