//! The workers' survey: one row of answers per worker and case, and whether the rep has
//! closed the survey.

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
                .table(SurveyResponses::Table)
                .col(big_integer(SurveyResponses::CaseId))
                .col(big_integer(SurveyResponses::UserId))
                // `yes`, `maybe` or `no`.
                .col(string_len(SurveyResponses::WouldJoin, 8))
                // A JSON list of worry keys; the keys are fixed by the domain.
                .col(text(SurveyResponses::Worries))
                .col(text(SurveyResponses::WorriesOther))
                // A band key (`none`, `up_to_100`, …) or `exact`.
                .col(string_len(SurveyResponses::CapitalBand, 16))
                // What the band counts as in pence (its stated midpoint, or the exact amount).
                .col(big_integer(SurveyResponses::CapitalPence))
                // `lump_sum`, `payroll_6`, `payroll_12` or `payroll_24`.
                .col(string_len(SurveyResponses::CapitalTerm, 16))
                .col(integer(SurveyResponses::HoursPerWeek))
                .col(text(SurveyResponses::Skills))
                .col(big_integer(SurveyResponses::CreatedAt))
                .col(big_integer(SurveyResponses::UpdatedAt))
                .primary_key(
                    Index::create()
                        .col(SurveyResponses::CaseId)
                        .col(SurveyResponses::UserId),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(SurveyResponses::Table, SurveyResponses::CaseId)
                        .to(Cases::Table, Cases::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(SurveyResponses::Table, SurveyResponses::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;

        // A row exists only once the survey has been closed (or closed and reopened).
        m.create_table(
            Table::create()
                .table(SurveyStatus::Table)
                .col(big_integer(SurveyStatus::CaseId).primary_key())
                .col(big_integer_null(SurveyStatus::ClosedAt))
                .col(big_integer_null(SurveyStatus::ClosedBy))
                .foreign_key(
                    ForeignKey::create()
                        .from(SurveyStatus::Table, SurveyStatus::CaseId)
                        .to(Cases::Table, Cases::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(SurveyStatus::Table, SurveyStatus::ClosedBy)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(SurveyStatus::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(SurveyResponses::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum SurveyResponses {
    Table,
    CaseId,
    UserId,
    WouldJoin,
    Worries,
    WorriesOther,
    CapitalBand,
    CapitalPence,
    CapitalTerm,
    HoursPerWeek,
    Skills,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum SurveyStatus {
    Table,
    CaseId,
    ClosedAt,
    ClosedBy,
}
