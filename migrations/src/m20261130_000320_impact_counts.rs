//! Indexes for the impact report, which now counts each figure in SQL for a period and the
//! one before (`db::repo::impact`) instead of reading every record it counts from.
//!
//! Each index starts with what a report query filters on and then holds what it reads, so a
//! figure costs a range of one index, in proportion to the period's records, not to years of
//! history:
//! - `case_events (kind, created_at)`: stages started in the period;
//! - `case_events (kind, case_id, created_at)`: when each ended case last changed status (the
//!   log had only `(case_id, id)`, so every case's whole history was read to find it);
//! - `cases (created_at)`: cases opened in the period, and opened by its end;
//! - `case_stages (signed_off_at)`: gates passed;
//! - `case_answers (question_key, case_id)`: registration and trading dates (the unique index
//!   starts with the case, so finding one question's answers read every answer);
//! - `enquiries (decided_at)` and `enquiries (case_id)`: enquiries accepted or declined, and
//!   whether a case came from an event;
//! - `event_feedback (created_at)`: feedback given in the period;
//! - `documents (kind, draft, created_at)`: final business plans made in the period.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: &[(&str, &str, &[&str])] = &[
    (
        "idx_case_events_kind_at",
        "case_events",
        &["kind", "created_at"],
    ),
    (
        "idx_case_events_kind_case",
        "case_events",
        &["kind", "case_id", "created_at"],
    ),
    ("idx_cases_created", "cases", &["created_at"]),
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
        "idx_documents_kind_made",
        "documents",
        &["kind", "draft", "created_at"],
    ),
];

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
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
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
