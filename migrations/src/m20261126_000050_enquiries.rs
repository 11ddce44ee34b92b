//! Enquiries from the public front door, staff notes on them, the record of submissions used
//! for rate limiting, and the intake answers a case was opened with.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Enquiries::Table)
                .col(big_pk_auto(Enquiries::Id))
                .col(string_len(Enquiries::Name, 120))
                .col(string_len(Enquiries::Email, 254))
                .col(string_len(Enquiries::Phone, 40).default(""))
                .col(string_len(Enquiries::Organisation, 160).default(""))
                .col(string_len(Enquiries::Role, 24))
                .col(text(Enquiries::Situation))
                // The readiness check's answers exactly as typed (JSON), when the enquiry
                // came from the check; re-checked whenever they are used.
                .col(text_null(Enquiries::Readiness))
                .col(string_len(Enquiries::Status, 16).default("new"))
                .col(text(Enquiries::DeclineReason).default(""))
                .col(big_integer_null(Enquiries::CaseId))
                .col(big_integer_null(Enquiries::InvitationId))
                .col(big_integer(Enquiries::Version).default(1))
                .col(big_integer(Enquiries::CreatedAt))
                .col(big_integer(Enquiries::UpdatedAt))
                // When it was accepted or declined: the retention period runs from here.
                .col(big_integer_null(Enquiries::DecidedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Enquiries::Table, Enquiries::CaseId)
                        .to(Cases::Table, Cases::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Enquiries::Table, Enquiries::InvitationId)
                        .to(OneTimeTokens::Table, OneTimeTokens::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        for (name, cols) in [
            (
                "idx_enquiries_status",
                vec![Enquiries::Status, Enquiries::CreatedAt],
            ),
            ("idx_enquiries_created", vec![Enquiries::CreatedAt]),
            ("idx_enquiries_invitation", vec![Enquiries::InvitationId]),
        ] {
            let mut index = Index::create()
                .name(name)
                .table(Enquiries::Table)
                .to_owned();
            for col in cols {
                index.col(col);
            }
            m.create_index(index).await?;
        }

        m.create_table(
            Table::create()
                .table(EnquiryNotes::Table)
                .col(big_pk_auto(EnquiryNotes::Id))
                .col(big_integer(EnquiryNotes::EnquiryId))
                .col(big_integer_null(EnquiryNotes::AuthorId))
                .col(text(EnquiryNotes::Body))
                .col(big_integer(EnquiryNotes::CreatedAt))
                // Notes hold personal data too: they go with their enquiry.
                .foreign_key(
                    ForeignKey::create()
                        .from(EnquiryNotes::Table, EnquiryNotes::EnquiryId)
                        .to(Enquiries::Table, Enquiries::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(EnquiryNotes::Table, EnquiryNotes::AuthorId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_enquiry_notes_enquiry")
                .table(EnquiryNotes::Table)
                .col(EnquiryNotes::EnquiryId)
                .col(EnquiryNotes::Id)
                .to_owned(),
        )
        .await?;

        // Submissions per address, in the database so the limit holds across instances.
        m.create_table(
            Table::create()
                .table(EnquiryAttempts::Table)
                .col(big_pk_auto(EnquiryAttempts::Id))
                .col(string_len(EnquiryAttempts::Address, 64))
                .col(big_integer(EnquiryAttempts::At))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_enquiry_attempts_address")
                .table(EnquiryAttempts::Table)
                .col(EnquiryAttempts::Address)
                .col(EnquiryAttempts::At)
                .to_owned(),
        )
        .await?;

        // The intake answers a case was opened with (from an enquiry's readiness check), by
        // intake question key, for the pathway's intake pages to start from.
        m.create_table(
            Table::create()
                .table(CasePrefill::Table)
                .col(big_integer(CasePrefill::CaseId).primary_key())
                .col(string_len(CasePrefill::Source, 32))
                .col(text(CasePrefill::Answers))
                .col(big_integer(CasePrefill::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(CasePrefill::Table, CasePrefill::CaseId)
                        .to(Cases::Table, Cases::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            CasePrefill::Table.into_iden(),
            EnquiryAttempts::Table.into_iden(),
            EnquiryNotes::Table.into_iden(),
            Enquiries::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Enquiries {
    Table,
    Id,
    Name,
    Email,
    Phone,
    Organisation,
    Role,
    Situation,
    Readiness,
    Status,
    DeclineReason,
    CaseId,
    InvitationId,
    Version,
    CreatedAt,
    UpdatedAt,
    DecidedAt,
}

#[derive(DeriveIden)]
enum EnquiryNotes {
    Table,
    Id,
    EnquiryId,
    AuthorId,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum EnquiryAttempts {
    Table,
    Id,
    Address,
    At,
}

#[derive(DeriveIden)]
enum CasePrefill {
    Table,
    CaseId,
    Source,
    Answers,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Cases {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum OneTimeTokens {
    Table,
    Id,
}
