//! Downloads of the public readiness summary PDF per address, for its rate limit: the PDF
//! needs no account, so without a limit anyone could keep the server busy making them.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(SummaryRequests::Table)
                .col(big_pk_auto(SummaryRequests::Id))
                .col(string_len(SummaryRequests::Address, 64))
                .col(big_integer(SummaryRequests::At))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_summary_requests_address")
                .table(SummaryRequests::Table)
                .col(SummaryRequests::Address)
                .col(SummaryRequests::At)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(SummaryRequests::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum SummaryRequests {
    Table,
    Id,
    Address,
    At,
}
