//! Indexes for the impact report, which now counts each figure in SQL for a period and the
//! one before (`db::repo::impact_counts`) instead of reading every record it counts from.
//!
//! Each index starts with what a report query filters on and then holds what it reads, so a
//! figure costs a range of one index, in proportion to the period's records rather than years
//! of history, and most are read without visiting the table (at 100,000 cases and 10,000
//! events the covering ones took the report page from 2.26 s to about 1 s on SQLite;
//! docs/performance.md):
//! - stages started in the period, partial on `case_events` (below);
//! - `case_events (kind, case_id, created_at)`: when each ended case last changed status (the
//!   log had only `(case_id, id)`, so every case's whole history was read to find it);
//! - `cases (created_at, pathway, trigger)`: cases opened in the period, and by its end;
//!   `cases (status, created_at, updated_at)`: cases that had ended before it;
//!   `cases (id, pathway)`: a case's pathway without reading its (wide) row;
//! - `case_stages (signed_off_at)`: gates passed;
//! - `case_answers (question_key, case_id)`: registration and trading dates (the unique index
//!   starts with the case, so finding one question's answers read every answer);
//! - `enquiries (decided_at)` and `enquiries (case_id)`: enquiries accepted or declined, and
//!   whether a case came from an event;
//! - `event_feedback (created_at)`: feedback given in the period;
//! - `event_attendance (session_id, present, registration_id)` and `(registration_id,
//!   present, session_id)`, `event_registrations (id, person_id)`: who was present in the
//!   period, and whether they had ever been before;
//! - `documents (kind, draft, created_at)`: final business plans made in the period.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: &[(&str, &str, &[&str])] = &[
    (
        "idx_case_events_kind_case",
        "case_events",
        &["kind", "case_id", "created_at"],
    ),
    (
        "idx_cases_created",
        "cases",
        &["created_at", "pathway", "trigger"],
    ),
    (
        "idx_cases_status_created",
        "cases",
        &["status", "created_at", "updated_at"],
    ),
    ("idx_cases_id_pathway", "cases", &["id", "pathway"]),
    (
        "idx_case_stages_signed_off",
        "case_stages",
        &["signed_off_at"],
    ),
    (
        "idx_case_answers_key_case",
        "case_answers",
        &["question_key", "case_id"],
    ),
    ("idx_enquiries_decided", "enquiries", &["decided_at"]),
    ("idx_enquiries_case", "enquiries", &["case_id"]),
    (
        "idx_event_feedback_created",
        "event_feedback",
        &["created_at"],
    ),
    (
        "idx_event_attendance_session_present",
        "event_attendance",
        &["session_id", "present", "registration_id"],
    ),
    (
        "idx_event_attendance_registration_present",
        "event_attendance",
        &["registration_id", "present", "session_id"],
    ),
    (
        "idx_event_registrations_id_person",
        "event_registrations",
        &["id", "person_id"],
    ),
    (
        "idx_documents_kind_made",
        "documents",
        &["kind", "draft", "created_at"],
    ),
];

/// Stages started in a period, with the case and the stage, read from the index alone. Partial
/// (only `stage_started` rows, whose data is a few bytes), so other kinds' larger data never
/// goes into an index; sea-query has no partial index builder, and the SQL is the same on both
/// backends.
const STAGES_STARTED: &str = "CREATE INDEX idx_case_events_stages_started \
     ON case_events (created_at, case_id, data) WHERE kind = 'stage_started'";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, cols) in INDEXES {
            let mut index = Index::create()
                .name(*name)
                .table(Alias::new(*table))
                .to_owned();
            for col in *cols {
                index.col(Alias::new(*col));
            }
            m.create_index(index).await?;
        }
        m.get_connection()
            .execute_unprepared(STAGES_STARTED)
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.get_connection()
            .execute_unprepared("DROP INDEX idx_case_events_stages_started")
            .await?;
        for (name, table, _) in INDEXES {
            m.drop_index(
                Index::drop()
                    .name(*name)
                    .table(Alias::new(*table))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
