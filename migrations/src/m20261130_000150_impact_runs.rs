//! Saved runs of the impact report: the figures exactly as they were counted and sent to a
//! funder, so that the same numbers can be shown again later even after records change or
//! are erased (EDUCATION.md §5: "store each report run").

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261126_000001_accounts::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ImpactRuns::Table)
                .col(big_pk_auto(ImpactRuns::Id))
                // The period as UK dates, `YYYY-MM-DD`, both ends included.
                .col(string_len(ImpactRuns::PeriodFrom, 10))
                .col(string_len(ImpactRuns::PeriodTo, 10))
                .col(string_len(ImpactRuns::DefinitionsVersion, 100))
                // The report as shown: summary, sections and figures with their
                // definitions, as JSON. Never recounted.
                .col(text(ImpactRuns::Figures))
                .col(big_integer_null(ImpactRuns::SavedBy))
                // The saver's name as it was, so the run still says who if the account goes.
                .col(string_len(ImpactRuns::SavedByName, 200))
                .col(big_integer(ImpactRuns::SavedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(ImpactRuns::Table, ImpactRuns::SavedBy)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_impact_runs_saved_at")
                .table(ImpactRuns::Table)
                .col(ImpactRuns::SavedAt)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ImpactRuns::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum ImpactRuns {
    Table,
    Id,
    PeriodFrom,
    PeriodTo,
    DefinitionsVersion,
    Figures,
    SavedBy,
    SavedByName,
    SavedAt,
}
