//! Integration tests: the real server through Rocket's local client, real migrations, and a
//! fresh database for every test (a SQLite file in a temporary folder, or, when
//! `COOPKIT_TEST_DATABASE_URL` names a PostgreSQL server, a new database on it).

mod support;

mod access;
mod accounts;
mod answers_are_data;
mod bad_input;
mod business_plan;
mod cases;
mod centre;
mod centre_case_work;
mod centre_people;
mod check_to_case;
mod checklists;
mod concurrency;
mod config;
mod conflicts;
mod cookies_and_headers;
mod csrf_matrix;
mod deadlines;
mod document_cli;
mod documents;
mod documents_agreement;
mod events;
mod follow_ups;
mod front_door;
mod gates;
mod guidance;
mod invitations;
mod journey_details;
mod layers;
mod library;
mod meetings;
mod moved_rep_links;
mod pathways;
mod plan_pages;
mod plan_tables;
mod question_types;
mod ranges;
mod route_matrix;
mod route_rules;
mod rules_mutations;
mod security;
mod sign_in_help;
mod smtp_sink;
mod summary_limit;
mod survey;
mod two_instances;
mod world;
