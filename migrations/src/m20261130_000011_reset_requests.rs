//! Requests for a password-reset email, for their rate limit: per email address (so nobody's
//! inbox can be flooded) and per client address. The email is kept only as a hash, and rows
//! are recorded whether or not an account has that email, so the limit itself reveals nothing.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ResetRequests::Table)
                .col(big_pk_auto(ResetRequests::Id))
                .col(string_len(ResetRequests::EmailHash, 64))
                .col(string_len(ResetRequests::Address, 64))
                .col(big_integer(ResetRequests::At))
                .to_owned(),
        )
        .await?;
        for (name, column) in [
            ("idx_reset_requests_email", ResetRequests::EmailHash),
            ("idx_reset_requests_address", ResetRequests::Address),
        ] {
            m.create_index(
                Index::create()
                    .name(name)
                    .table(ResetRequests::Table)
                    .col(column)
                    .col(ResetRequests::At)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ResetRequests::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum ResetRequests {
    Table,
    Id,
    EmailHash,
    Address,
    At,
}
