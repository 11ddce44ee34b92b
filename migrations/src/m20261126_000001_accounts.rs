//! Accounts, sessions, one-time links and the record of failed sign-ins.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Users::Table)
                .col(big_pk_auto(Users::Id))
                .col(string_len_uniq(Users::Email, 254))
                .col(string_len(Users::Name, 120))
                .col(string_len(Users::Role, 16))
                .col(text(Users::PasswordHash))
                .col(boolean(Users::Disabled).default(false))
                .col(big_integer(Users::CreatedAt))
                .col(big_integer(Users::UpdatedAt))
                .to_owned(),
        )
        .await?;

        // Only a hash of each session token is stored, so a copy of the database cannot be
        // used to sign in as anyone.
        m.create_table(
            Table::create()
                .table(Sessions::Table)
                .col(big_pk_auto(Sessions::Id))
                .col(string_len_uniq(Sessions::TokenHash, 64))
                .col(big_integer(Sessions::UserId))
                .col(big_integer(Sessions::CreatedAt))
                .col(big_integer(Sessions::LastSeenAt))
                .col(big_integer(Sessions::ExpiresAt))
                .col(big_integer_null(Sessions::RevokedAt))
                .col(string_len(Sessions::UserAgent, 200).default(""))
                .foreign_key(
                    ForeignKey::create()
                        .from(Sessions::Table, Sessions::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_sessions_user")
                .table(Sessions::Table)
                .col(Sessions::UserId)
                .to_owned(),
        )
        .await?;

        // One-time links: the first admin's set-up link, password resets, invitations.
        m.create_table(
            Table::create()
                .table(OneTimeTokens::Table)
                .col(big_pk_auto(OneTimeTokens::Id))
                .col(string_len_uniq(OneTimeTokens::TokenHash, 64))
                .col(string_len(OneTimeTokens::Purpose, 32))
                .col(big_integer_null(OneTimeTokens::UserId))
                .col(big_integer(OneTimeTokens::CreatedAt))
                .col(big_integer(OneTimeTokens::ExpiresAt))
                .col(big_integer_null(OneTimeTokens::UsedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(OneTimeTokens::Table, OneTimeTokens::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;

        // Failed sign-ins are kept in the database, not in memory, so that throttling holds
        // across several coopkit instances sharing one PostgreSQL.
        m.create_table(
            Table::create()
                .table(LoginFailures::Table)
                .col(big_pk_auto(LoginFailures::Id))
                .col(string_len(LoginFailures::Email, 254))
                .col(string_len(LoginFailures::Address, 64))
                .col(big_integer(LoginFailures::At))
                .to_owned(),
        )
        .await?;
        for (name, col) in [
            ("idx_login_failures_email", LoginFailures::Email),
            ("idx_login_failures_address", LoginFailures::Address),
        ] {
            m.create_index(
                Index::create()
                    .name(name)
                    .table(LoginFailures::Table)
                    .col(col)
                    .col(LoginFailures::At)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            LoginFailures::Table.into_iden(),
            OneTimeTokens::Table.into_iden(),
            Sessions::Table.into_iden(),
            Users::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
pub(crate) enum Users {
    Table,
    Id,
    Email,
    Name,
    Role,
    PasswordHash,
    Disabled,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    TokenHash,
    UserId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
    RevokedAt,
    UserAgent,
}

#[derive(DeriveIden)]
enum OneTimeTokens {
    Table,
    Id,
    TokenHash,
    Purpose,
    UserId,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum LoginFailures {
    Table,
    Id,
    Email,
    Address,
    At,
}
