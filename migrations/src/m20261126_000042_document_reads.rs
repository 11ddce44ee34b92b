//! Who has read which published document version.
//!
//! `document_id` refers to the `documents` table of the documents feature; there is no
//! foreign key to it here because that table is created by a migration on another branch
//! (its number may sort either side of this one). `case_id` is kept beside it so reads are
//! found and checked by case without a join.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261126_000001_accounts::Users;
use crate::m20261126_000002_cases::Cases;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(DocumentReads::Table)
                .col(big_integer(DocumentReads::DocumentId))
                .col(big_integer(DocumentReads::UserId))
                .col(big_integer(DocumentReads::CaseId))
                .col(big_integer(DocumentReads::ReadAt))
                .primary_key(
                    Index::create()
                        .col(DocumentReads::DocumentId)
                        .col(DocumentReads::UserId),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(DocumentReads::Table, DocumentReads::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(DocumentReads::Table, DocumentReads::CaseId)
                        .to(Cases::Table, Cases::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_document_reads_case")
                .table(DocumentReads::Table)
                .col(DocumentReads::CaseId)
                .col(DocumentReads::DocumentId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(DocumentReads::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum DocumentReads {
    Table,
    DocumentId,
    UserId,
    CaseId,
    ReadAt,
}
