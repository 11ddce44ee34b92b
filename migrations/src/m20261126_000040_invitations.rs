//! Invitations to join a case (single-use links, stored hashed) and the meetings a rep tells
//! the workers about.

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
                .table(Invitations::Table)
                .col(big_pk_auto(Invitations::Id))
                .col(big_integer(Invitations::CaseId))
                .col(string_len(Invitations::Name, 120))
                .col(string_len(Invitations::Email, 254))
                // `worker` or `rep`: the centre invites reps the same way (issue 8).
                .col(string_len(Invitations::Role, 16).default("worker"))
                .col(string_len_uniq(Invitations::TokenHash, 64))
                // `pending`, `accepted` or `withdrawn`; expiry is read from `expires_at`.
                .col(string_len(Invitations::Status, 16).default("pending"))
                .col(big_integer(Invitations::ExpiresAt))
                .col(big_integer(Invitations::InvitedBy))
                .col(big_integer_null(Invitations::SentAt))
                .col(text_null(Invitations::SendError))
                .col(big_integer_null(Invitations::AcceptedUserId))
                .col(big_integer(Invitations::CreatedAt))
                .col(big_integer(Invitations::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Invitations::Table, Invitations::CaseId)
                        .to(Cases::Table, Cases::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Invitations::Table, Invitations::InvitedBy)
                        .to(Users::Table, Users::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Invitations::Table, Invitations::AcceptedUserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_invitations_case_email")
                .table(Invitations::Table)
                .col(Invitations::CaseId)
                .col(Invitations::Email)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(CaseMeetings::Table)
                .col(big_pk_auto(CaseMeetings::Id))
                .col(big_integer(CaseMeetings::CaseId))
                // A calendar date, `YYYY-MM-DD`: a meeting is on a day, not at an instant.
                .col(string_len(CaseMeetings::OnDate, 10))
                .col(string_len(CaseMeetings::Purpose, 200))
                .col(big_integer(CaseMeetings::CreatedBy))
                .col(big_integer(CaseMeetings::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(CaseMeetings::Table, CaseMeetings::CaseId)
                        .to(Cases::Table, Cases::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(CaseMeetings::Table, CaseMeetings::CreatedBy)
                        .to(Users::Table, Users::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_case_meetings_case_date")
                .table(CaseMeetings::Table)
                .col(CaseMeetings::CaseId)
                .col(CaseMeetings::OnDate)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(CaseMeetings::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Invitations::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Invitations {
    Table,
    Id,
    CaseId,
    Name,
    Email,
    Role,
    TokenHash,
    Status,
    ExpiresAt,
    InvitedBy,
    SentAt,
    SendError,
    AcceptedUserId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CaseMeetings {
    Table,
    Id,
    CaseId,
    OnDate,
    Purpose,
    CreatedBy,
    CreatedAt,
}
