//! Counts kept for the events and the impact report: sign-ups per address (for the
//! per-address limit, as enquiries have) and readiness checks completed per UK day, which
//! the report needs and which is kept as a number only.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Sign-ups per address, for the per-address limit (as enquiries have).
        m.create_table(
            Table::create()
                .table(SignupAttempts::Table)
                .col(big_pk_auto(SignupAttempts::Id))
                .col(string_len(SignupAttempts::Address, 64))
                .col(big_integer(SignupAttempts::At))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_signup_attempts_address")
                .table(SignupAttempts::Table)
                .col(SignupAttempts::Address)
                .col(SignupAttempts::At)
                .to_owned(),
        )
        .await?;

        // Readiness checks completed per UK day: the count, never the answers.
        m.create_table(
            Table::create()
                .table(ReadinessCheckCounts::Table)
                .col(string_len(ReadinessCheckCounts::Day, 10).primary_key())
                .col(big_integer(ReadinessCheckCounts::Completed).default(0))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ReadinessCheckCounts::Table.into_iden(),
            SignupAttempts::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum SignupAttempts {
    Table,
    Id,
    Address,
    At,
}

#[derive(DeriveIden)]
enum ReadinessCheckCounts {
    Table,
    Day,
    Completed,
}
