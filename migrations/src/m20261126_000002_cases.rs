//! Cases, who belongs to each, the yearly reference counter and the append-only event log.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261126_000001_accounts::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Cases::Table)
                .col(big_pk_auto(Cases::Id))
                .col(string_len_uniq(Cases::Reference, 32))
                .col(string_len(Cases::Name, 120))
                .col(string_len(Cases::Pathway, 16))
                .col(string_len(Cases::Sector, 80))
                .col(string_len(Cases::Employer, 120).default(""))
                .col(string_len(Cases::UnionName, 80).default(""))
                .col(string_len(Cases::UnionBranch, 120).default(""))
                .col(integer(Cases::WorkerCount))
                .col(string_len(Cases::Trigger, 32))
                .col(text(Cases::Description))
                .col(string_len(Cases::Status, 16).default("active"))
                .col(string_len(Cases::CurrentStage, 48).default("intake"))
                .col(big_integer_null(Cases::AdvisorId))
                .col(big_integer(Cases::CreatedBy))
                .col(big_integer(Cases::Version).default(1))
                .col(big_integer(Cases::CreatedAt))
                .col(big_integer(Cases::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Cases::Table, Cases::AdvisorId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Cases::Table, Cases::CreatedBy)
                        .to(Users::Table, Users::Id),
                )
                .to_owned(),
        )
        .await?;
        for (name, cols) in [
            ("idx_cases_updated", vec![Cases::UpdatedAt, Cases::Id]),
            (
                "idx_cases_status_updated",
                vec![Cases::Status, Cases::UpdatedAt, Cases::Id],
            ),
            (
                "idx_cases_pathway_stage",
                vec![Cases::Pathway, Cases::CurrentStage],
            ),
            (
                "idx_cases_advisor",
                vec![Cases::AdvisorId, Cases::UpdatedAt],
            ),
        ] {
            let mut index = Index::create().name(name).table(Cases::Table).to_owned();
            for col in cols {
                index.col(col);
            }
            m.create_index(index).await?;
        }

        m.create_table(
            Table::create()
                .table(CaseMembers::Table)
                .col(big_integer(CaseMembers::CaseId))
                .col(big_integer(CaseMembers::UserId))
                .col(string_len(CaseMembers::Role, 16))
                .col(big_integer(CaseMembers::CreatedAt))
                .primary_key(
                    Index::create()
                        .col(CaseMembers::CaseId)
                        .col(CaseMembers::UserId),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(CaseMembers::Table, CaseMembers::CaseId)
                        .to(Cases::Table, Cases::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(CaseMembers::Table, CaseMembers::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_case_members_user")
                .table(CaseMembers::Table)
                .col(CaseMembers::UserId)
                .col(CaseMembers::CaseId)
                .to_owned(),
        )
        .await?;

        // References read PCEC-2026-0001: the counter per year is bumped inside the
        // transaction that opens the case, so two cases opened at once never share one.
        m.create_table(
            Table::create()
                .table(ReferenceCounters::Table)
                .col(integer(ReferenceCounters::Year).primary_key())
                .col(integer(ReferenceCounters::LastNumber))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(CaseEvents::Table)
                .col(big_pk_auto(CaseEvents::Id))
                .col(big_integer(CaseEvents::CaseId))
                .col(big_integer_null(CaseEvents::ActorId))
                .col(string_len(CaseEvents::Kind, 40))
                .col(text(CaseEvents::Summary))
                .col(text(CaseEvents::Data))
                .col(big_integer(CaseEvents::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(CaseEvents::Table, CaseEvents::CaseId)
                        .to(Cases::Table, Cases::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(CaseEvents::Table, CaseEvents::ActorId)
                        .to(Users::Table, Users::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_case_events_case")
                .table(CaseEvents::Table)
                .col(CaseEvents::CaseId)
                .col(CaseEvents::Id)
                .to_owned(),
        )
        .await?;
        forbid_changes_to_events(m).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            CaseEvents::Table.into_iden(),
            ReferenceCounters::Table.into_iden(),
            CaseMembers::Table.into_iden(),
            Cases::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        if m.get_database_backend() == sea_orm::DbBackend::Postgres {
            m.get_connection()
                .execute_unprepared("DROP FUNCTION IF EXISTS case_events_append_only()")
                .await?;
        }
        Ok(())
    }
}

/// The event log is the case's history and audit trail: the database itself refuses to
/// change or delete a row of it, whatever code asks.
async fn forbid_changes_to_events(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = m.get_connection();
    match m.get_database_backend() {
        sea_orm::DbBackend::Postgres => {
            db.execute_unprepared(
                "CREATE OR REPLACE FUNCTION case_events_append_only() RETURNS trigger AS $$ \
                 BEGIN RAISE EXCEPTION 'case events are append-only'; END; $$ LANGUAGE plpgsql",
            )
            .await?;
            db.execute_unprepared(
                "CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events \
                 FOR EACH ROW EXECUTE FUNCTION case_events_append_only()",
            )
            .await?;
        }
        _ => {
            for action in ["UPDATE", "DELETE"] {
                let name = action.to_lowercase();
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER case_events_no_{name} BEFORE {action} ON case_events \
                     BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END"
                ))
                .await?;
            }
        }
    }
    Ok(())
}

#[derive(DeriveIden)]
pub(crate) enum Cases {
    Table,
    Id,
    Reference,
    Name,
    Pathway,
    Sector,
    Employer,
    UnionName,
    UnionBranch,
    WorkerCount,
    Trigger,
    Description,
    Status,
    CurrentStage,
    AdvisorId,
    CreatedBy,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CaseMembers {
    Table,
    CaseId,
    UserId,
    Role,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ReferenceCounters {
    Table,
    Year,
    LastNumber,
}

#[derive(DeriveIden)]
enum CaseEvents {
    Table,
    Id,
    CaseId,
    ActorId,
    Kind,
    Summary,
    Data,
    CreatedAt,
}
