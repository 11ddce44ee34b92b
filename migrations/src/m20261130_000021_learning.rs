//! The centre's learning materials, the pathway stages each helps with, and who has read
//! which: a member's learning record is their attendance plus these reads.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(LearningMaterials::Table)
                .col(big_pk_auto(LearningMaterials::Id))
                .col(string_len(LearningMaterials::Title, 160))
                // `page` (written in the app, small safe markup) or `pdf` (uploaded).
                .col(string_len(LearningMaterials::Format, 8))
                .col(text(LearningMaterials::Body).default(""))
                .col(blob_null(LearningMaterials::Pdf))
                .col(big_integer_null(LearningMaterials::CreatedBy))
                .col(big_integer(LearningMaterials::CreatedAt))
                .col(big_integer(LearningMaterials::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(LearningMaterials::Table, LearningMaterials::CreatedBy)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(LearningMaterialStages::Table)
                .col(big_integer(LearningMaterialStages::MaterialId))
                .col(string_len(LearningMaterialStages::Pathway, 16))
                .col(string_len(LearningMaterialStages::StageKey, 64))
                .primary_key(
                    Index::create()
                        .col(LearningMaterialStages::MaterialId)
                        .col(LearningMaterialStages::Pathway)
                        .col(LearningMaterialStages::StageKey),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(
                            LearningMaterialStages::Table,
                            LearningMaterialStages::MaterialId,
                        )
                        .to(LearningMaterials::Table, LearningMaterials::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_learning_material_stages_stage")
                .table(LearningMaterialStages::Table)
                .col(LearningMaterialStages::Pathway)
                .col(LearningMaterialStages::StageKey)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(LearningMaterialReads::Table)
                .col(big_integer(LearningMaterialReads::MaterialId))
                .col(big_integer(LearningMaterialReads::UserId))
                .col(big_integer(LearningMaterialReads::ReadAt))
                .primary_key(
                    Index::create()
                        .col(LearningMaterialReads::MaterialId)
                        .col(LearningMaterialReads::UserId),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(
                            LearningMaterialReads::Table,
                            LearningMaterialReads::MaterialId,
                        )
                        .to(LearningMaterials::Table, LearningMaterials::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(LearningMaterialReads::Table, LearningMaterialReads::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            LearningMaterialReads::Table.into_iden(),
            LearningMaterialStages::Table.into_iden(),
            LearningMaterials::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum LearningMaterials {
    Table,
    Id,
    Title,
    Format,
    Body,
    Pdf,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum LearningMaterialStages {
    Table,
    MaterialId,
    Pathway,
    StageKey,
}

#[derive(DeriveIden)]
enum LearningMaterialReads {
    Table,
    MaterialId,
    UserId,
    ReadAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
