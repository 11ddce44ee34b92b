//! What the learning library needs beyond the tables of `m20261130_000021_learning`: a
//! material can be retired (kept for the records of those who read it, no longer offered),
//! an uploaded PDF keeps its file name, edits are checked against a version, and events are
//! tagged with the pathway stages they help with, as materials are.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        for column in [
            ColumnDef::new(LearningMaterials::RetiredAt)
                .big_integer()
                .null()
                .to_owned(),
            string_len(LearningMaterials::PdfName, 160)
                .default("")
                .to_owned(),
            big_integer(LearningMaterials::Version)
                .default(1)
                .to_owned(),
        ] {
            let mut column = column;
            m.alter_table(
                Table::alter()
                    .table(LearningMaterials::Table)
                    .add_column(&mut column)
                    .to_owned(),
            )
            .await?;
        }
        m.create_table(
            Table::create()
                .table(EventStages::Table)
                .col(big_integer(EventStages::EventId))
                .col(string_len(EventStages::Pathway, 16))
                .col(string_len(EventStages::StageKey, 64))
                .primary_key(
                    Index::create()
                        .col(EventStages::EventId)
                        .col(EventStages::Pathway)
                        .col(EventStages::StageKey),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(EventStages::Table, EventStages::EventId)
                        .to(Events::Table, Events::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_event_stages_stage")
                .table(EventStages::Table)
                .col(EventStages::Pathway)
                .col(EventStages::StageKey)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(EventStages::Table).to_owned())
            .await?;
        for column in [
            LearningMaterials::RetiredAt,
            LearningMaterials::PdfName,
            LearningMaterials::Version,
        ] {
            m.alter_table(
                Table::alter()
                    .table(LearningMaterials::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum LearningMaterials {
    Table,
    RetiredAt,
    PdfName,
    Version,
}

#[derive(DeriveIden)]
enum EventStages {
    Table,
    EventId,
    Pathway,
    StageKey,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
}
