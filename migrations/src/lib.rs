//! Database schema of coopkit, as sea-orm migrations that run on SQLite and PostgreSQL alike.
//!
//! Policy: a migration that has been released is never edited; change the schema with a new
//! one. Migrations build the schema with SeaQuery (no entity imports, no seed data), so the
//! same file produces the right SQL for each backend. Timestamps are whole seconds since the
//! Unix epoch in UTC (`BIGINT`): they compare and index the same way on both backends.

pub use sea_orm_migration::prelude::*;

mod m20261126_000001_accounts;
mod m20261126_000002_cases;
mod m20261126_000010_pathways;
mod m20261126_000020_documents;
mod m20261126_000030_centre;
mod m20261126_000031_stage_counts;
mod m20261126_000040_invitations;
mod m20261126_000041_survey;
mod m20261126_000042_document_reads;
mod m20261126_000050_enquiries;
mod m20261130_000001_hold_summary_requests;
mod m20261130_000010_rep_links_are_invitations;
mod m20261130_000011_reset_requests;
mod m20261130_000020_events;
mod m20261130_000021_learning;
mod m20261130_000022_counts;
mod m20261130_000140_meetings;
mod m20261130_000141_meeting_records;
mod m20261130_000150_impact_runs;
mod m20261130_000151_event_signup_cutoff;
mod m20261130_000160_learning_library;
mod m20261130_000180_open_tasks_by_due;
mod m20261130_000300_one_rate_limit_table;
mod m20261130_000320_impact_counts;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261126_000001_accounts::Migration),
            Box::new(m20261126_000002_cases::Migration),
            Box::new(m20261126_000010_pathways::Migration),
            Box::new(m20261126_000020_documents::Migration),
            Box::new(m20261126_000030_centre::Migration),
            Box::new(m20261126_000031_stage_counts::Migration),
            Box::new(m20261126_000040_invitations::Migration),
            Box::new(m20261126_000041_survey::Migration),
            Box::new(m20261126_000042_document_reads::Migration),
            Box::new(m20261126_000050_enquiries::Migration),
            Box::new(m20261130_000001_hold_summary_requests::Migration),
            Box::new(m20261130_000010_rep_links_are_invitations::Migration),
            Box::new(m20261130_000011_reset_requests::Migration),
            Box::new(m20261130_000020_events::Migration),
            Box::new(m20261130_000021_learning::Migration),
            Box::new(m20261130_000022_counts::Migration),
            Box::new(m20261130_000140_meetings::Migration),
            Box::new(m20261130_000141_meeting_records::Migration),
            Box::new(m20261130_000150_impact_runs::Migration),
            Box::new(m20261130_000151_event_signup_cutoff::Migration),
            Box::new(m20261130_000160_learning_library::Migration),
            Box::new(m20261130_000180_open_tasks_by_due::Migration),
            Box::new(m20261130_000300_one_rate_limit_table::Migration),
            Box::new(m20261130_000320_impact_counts::Migration),
        ]
    }
}
