//! Generated documents (model rules, business plans) and the answers each kind is made from.
//!
//! Every generation is a new row in `documents`: a version is never overwritten, so what was
//! sent to a lender or a registrar can always be shown again exactly (its markup and PDF are
//! kept, not re-rendered from answers that may have changed). The PDF lives in the database so
//! several coopkit instances behind one proxy all serve the same bytes.

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
                .table(Documents::Table)
                .col(big_pk_auto(Documents::Id))
                .col(big_integer(Documents::CaseId))
                .col(string_len(Documents::Kind, 24))
                .col(integer(Documents::Version))
                .col(boolean(Documents::Draft))
                .col(string_len(Documents::CoopName, 200))
                .col(string_len(Documents::ContentHash, 64))
                .col(text(Documents::Answers))
                .col(text(Documents::Markup))
                .col(binary(Documents::Pdf))
                .col(integer(Documents::PageCount))
                .col(boolean(Documents::Published).default(false))
                .col(big_integer(Documents::CreatedBy))
                .col(big_integer(Documents::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Documents::Table, Documents::CaseId)
                        .to(Cases::Table, Cases::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Documents::Table, Documents::CreatedBy)
                        .to(Users::Table, Users::Id),
                )
                .to_owned(),
        )
        .await?;
        // One number per case and kind: two people generating at once cannot both get v3.
        m.create_index(
            Index::create()
                .name("idx_documents_case_kind_version")
                .table(Documents::Table)
                .col(Documents::CaseId)
                .col(Documents::Kind)
                .col(Documents::Version)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(DocumentAnswers::Table)
                .col(big_integer(DocumentAnswers::CaseId))
                .col(string_len(DocumentAnswers::Kind, 24))
                .col(text(DocumentAnswers::Answers))
                .col(big_integer(DocumentAnswers::Version).default(1))
                .col(big_integer(DocumentAnswers::UpdatedBy))
                .col(big_integer(DocumentAnswers::UpdatedAt))
                .primary_key(
                    Index::create()
                        .col(DocumentAnswers::CaseId)
                        .col(DocumentAnswers::Kind),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(DocumentAnswers::Table, DocumentAnswers::CaseId)
                        .to(Cases::Table, Cases::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(DocumentAnswers::Table, DocumentAnswers::UpdatedBy)
                        .to(Users::Table, Users::Id),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(DocumentAnswers::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Documents::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Documents {
    Table,
    Id,
    CaseId,
    Kind,
    Version,
    Draft,
    CoopName,
    ContentHash,
    Answers,
    Markup,
    Pdf,
    PageCount,
    Published,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum DocumentAnswers {
    Table,
    CaseId,
    Kind,
    Answers,
    Version,
    UpdatedBy,
    UpdatedAt,
}
