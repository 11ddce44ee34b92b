//! The education centre's working tables: tasks, notes with their edit history, the audit log
//! of account changes, the "waiting for sign-off" marker on cases, and the indexes the case
//! list's filters and the dashboard need.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261126_000001_accounts::Users;
use crate::m20261126_000002_cases::Cases;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Set when a stage is sent for sign-off and cleared when it is signed off or sent
        // back (by the stage service); the dashboard lists the oldest first.
        m.alter_table(
            Table::alter()
                .table(Cases::Table)
                .add_column(big_integer_null(CasesExtra::AwaitingSignoffSince))
                .to_owned(),
        )
        .await?;
        create_tasks(m).await?;
        create_notes(m).await?;
        create_audit_log(m).await?;
        create_case_list_indexes(m).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditLog::Table.into_iden(),
            NoteRevisions::Table.into_iden(),
            Notes::Table.into_iden(),
            Tasks::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        for (name, _) in case_indexes() {
            m.drop_index(Index::drop().name(name).table(Cases::Table).to_owned())
                .await?;
        }
        m.alter_table(
            Table::alter()
                .table(Cases::Table)
                .drop_column(CasesExtra::AwaitingSignoffSince)
                .to_owned(),
        )
        .await
    }
}

async fn create_tasks(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(Tasks::Table)
            .col(big_pk_auto(Tasks::Id))
            .col(big_integer(Tasks::CaseId))
            .col(string_len(Tasks::Title, 200))
            // An ISO date (`2026-12-01`): a due date is a day, not a moment, and ISO text
            // sorts and compares the same on both backends.
            .col(string_len_null(Tasks::DueOn, 10))
            .col(big_integer_null(Tasks::AssigneeId))
            .col(string_len_null(Tasks::ChecklistKey, 64))
            .col(big_integer_null(Tasks::DoneAt))
            .col(big_integer_null(Tasks::DoneBy))
            .col(big_integer(Tasks::CreatedBy))
            .col(big_integer(Tasks::Version).default(1))
            .col(big_integer(Tasks::CreatedAt))
            .col(big_integer(Tasks::UpdatedAt))
            .foreign_key(&mut fk(
                Tasks::Table,
                Tasks::CaseId,
                Cases::Table,
                Cases::Id,
            ))
            .foreign_key(&mut fk(
                Tasks::Table,
                Tasks::AssigneeId,
                Users::Table,
                Users::Id,
            ))
            .foreign_key(&mut fk(
                Tasks::Table,
                Tasks::CreatedBy,
                Users::Table,
                Users::Id,
            ))
            .to_owned(),
    )
    .await?;
    index(
        m,
        "idx_tasks_case",
        Tasks::Table,
        &[Tasks::CaseId, Tasks::Id],
    )
    .await?;
    // Open tasks by due date: the dashboard's "overdue and due soon" and the list's
    // "deadline due" filter. No column after due_on: SQLite ends every index with the rowid,
    // so "ORDER BY due_on, id" reads straight from it (0.1 ms instead of 6 ms at 100,000
    // cases, docs/performance.md).
    index(
        m,
        "idx_tasks_open_due",
        Tasks::Table,
        &[Tasks::DoneAt, Tasks::DueOn],
    )
    .await
}

async fn create_notes(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(Notes::Table)
            .col(big_pk_auto(Notes::Id))
            .col(big_integer(Notes::CaseId))
            .col(text(Notes::Body))
            // `staff` (centre only) or `shared` (the case's reps too).
            .col(string_len(Notes::Visibility, 16))
            .col(big_integer(Notes::AuthorId))
            .col(big_integer(Notes::Version).default(1))
            .col(big_integer(Notes::CreatedAt))
            .col(big_integer(Notes::UpdatedAt))
            .foreign_key(&mut fk(
                Notes::Table,
                Notes::CaseId,
                Cases::Table,
                Cases::Id,
            ))
            .foreign_key(&mut fk(
                Notes::Table,
                Notes::AuthorId,
                Users::Table,
                Users::Id,
            ))
            .to_owned(),
    )
    .await?;
    index(
        m,
        "idx_notes_case",
        Notes::Table,
        &[Notes::CaseId, Notes::Id],
    )
    .await?;
    // Each edit keeps the text it replaced.
    m.create_table(
        Table::create()
            .table(NoteRevisions::Table)
            .col(big_pk_auto(NoteRevisions::Id))
            .col(big_integer(NoteRevisions::NoteId))
            .col(text(NoteRevisions::Body))
            .col(string_len(NoteRevisions::Visibility, 16))
            .col(big_integer(NoteRevisions::EditedBy))
            .col(big_integer(NoteRevisions::EditedAt))
            .foreign_key(&mut fk(
                NoteRevisions::Table,
                NoteRevisions::NoteId,
                Notes::Table,
                Notes::Id,
            ))
            .foreign_key(&mut fk(
                NoteRevisions::Table,
                NoteRevisions::EditedBy,
                Users::Table,
                Users::Id,
            ))
            .to_owned(),
    )
    .await?;
    index(
        m,
        "idx_note_revisions_note",
        NoteRevisions::Table,
        &[NoteRevisions::NoteId, NoteRevisions::Id],
    )
    .await
}

async fn create_audit_log(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(AuditLog::Table)
            .col(big_pk_auto(AuditLog::Id))
            .col(big_integer_null(AuditLog::ActorId))
            .col(big_integer_null(AuditLog::SubjectUserId))
            .col(string_len(AuditLog::Kind, 40))
            .col(text(AuditLog::Summary))
            .col(text(AuditLog::Data))
            .col(big_integer(AuditLog::CreatedAt))
            .foreign_key(&mut fk(
                AuditLog::Table,
                AuditLog::ActorId,
                Users::Table,
                Users::Id,
            ))
            .foreign_key(&mut fk(
                AuditLog::Table,
                AuditLog::SubjectUserId,
                Users::Table,
                Users::Id,
            ))
            .to_owned(),
    )
    .await?;
    index(
        m,
        "idx_audit_log_created",
        AuditLog::Table,
        &[AuditLog::CreatedAt, AuditLog::Id],
    )
    .await
}

/// Each filter of the case list, followed by the default sort (last change, newest first), so
/// a filtered page is read in order from one index and stops after a page.
fn case_indexes() -> Vec<(&'static str, Vec<Cases>)> {
    vec![
        (
            "idx_cases_pathway_stage_updated",
            vec![
                Cases::Pathway,
                Cases::CurrentStage,
                Cases::UpdatedAt,
                Cases::Id,
            ],
        ),
        (
            "idx_cases_advisor_updated",
            vec![Cases::AdvisorId, Cases::UpdatedAt, Cases::Id],
        ),
        (
            "idx_cases_sector_updated",
            vec![Cases::Sector, Cases::UpdatedAt, Cases::Id],
        ),
        (
            "idx_cases_trigger_updated",
            vec![Cases::Trigger, Cases::UpdatedAt, Cases::Id],
        ),
        ("idx_cases_name", vec![Cases::Name, Cases::Id]),
        // The dashboard's chart counts cases by stage from this index alone.
        (
            "idx_cases_status_pathway_stage",
            vec![Cases::Status, Cases::Pathway, Cases::CurrentStage],
        ),
    ]
}

async fn create_case_list_indexes(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    for (name, cols) in case_indexes() {
        let mut idx = Index::create().name(name).table(Cases::Table).to_owned();
        for col in cols {
            idx.col(col);
        }
        m.create_index(idx).await?;
    }
    m.create_index(
        Index::create()
            .name("idx_cases_awaiting_signoff")
            .table(Cases::Table)
            .col(CasesExtra::AwaitingSignoffSince)
            .to_owned(),
    )
    .await
}

async fn index<T: IntoIden + Clone + 'static>(
    m: &SchemaManager<'_>,
    name: &str,
    table: T,
    cols: &[T],
) -> Result<(), DbErr> {
    let mut idx = Index::create().name(name).table(table).to_owned();
    for col in cols {
        idx.col(col.clone());
    }
    m.create_index(idx).await
}

fn fk<A: IntoIden + 'static, B: IntoIden + 'static>(
    from_table: A,
    from_col: A,
    to_table: B,
    to_col: B,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from_table, from_col)
        .to(to_table, to_col)
        .to_owned()
}

#[derive(DeriveIden)]
enum CasesExtra {
    AwaitingSignoffSince,
}

#[derive(DeriveIden, Clone)]
enum Tasks {
    Table,
    Id,
    CaseId,
    Title,
    DueOn,
    AssigneeId,
    ChecklistKey,
    DoneAt,
    DoneBy,
    CreatedBy,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone)]
enum Notes {
    Table,
    Id,
    CaseId,
    Body,
    Visibility,
    AuthorId,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone)]
enum NoteRevisions {
    Table,
    Id,
    NoteId,
    Body,
    Visibility,
    EditedBy,
    EditedAt,
}

#[derive(DeriveIden, Clone)]
enum AuditLog {
    Table,
    Id,
    ActorId,
    SubjectUserId,
    Kind,
    Summary,
    Data,
    CreatedAt,
}
