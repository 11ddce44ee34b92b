//! Integration tests: the real server through Rocket's local client, real migrations, and a
//! fresh database for every test (a SQLite file in a temporary folder, or, when
//! `COOPKIT_TEST_DATABASE_URL` names a PostgreSQL server, a new database on it).

mod support;

mod accounts;
mod cases;
mod centre;
mod centre_people;
mod security;
