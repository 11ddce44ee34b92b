//! A case's answers to the pathway questions and the state of each of its stages.
//!
//! Answers are one row per question (not one JSON blob per case) so two people editing
//! different pages never collide, and each answer carries its own `version` for optimistic
//! locking. A stage has a row only once somebody has touched it; until then its status is
//! worked out from the stage before it.

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
                .table(CaseAnswers::Table)
                .col(big_pk_auto(CaseAnswers::Id))
                .col(big_integer(CaseAnswers::CaseId))
                .col(string_len(CaseAnswers::QuestionKey, 64))
                // JSON text; "null" once an answer has been cleared, so its version survives.
                .col(text(CaseAnswers::Value))
                .col(big_integer(CaseAnswers::Version).default(1))
                .col(big_integer_null(CaseAnswers::UpdatedBy))
                .col(big_integer(CaseAnswers::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(CaseAnswers::Table, CaseAnswers::CaseId)
                        .to(Cases::Table, Cases::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(CaseAnswers::Table, CaseAnswers::UpdatedBy)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_case_answers_case_key")
                .table(CaseAnswers::Table)
                .col(CaseAnswers::CaseId)
                .col(CaseAnswers::QuestionKey)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(CaseStages::Table)
                .col(big_pk_auto(CaseStages::Id))
                .col(big_integer(CaseStages::CaseId))
                .col(string_len(CaseStages::StageKey, 48))
                .col(string_len(CaseStages::Status, 24))
                // JSON: checklist key to {"state": "done"} or {"state": "na", "reason": "…"}.
                .col(text(CaseStages::Checklist))
                .col(big_integer_null(CaseStages::SignedOffBy))
                .col(string_len(CaseStages::SignedOffName, 120).default(""))
                .col(big_integer_null(CaseStages::SignedOffAt))
                .col(text(CaseStages::SignoffNote))
                .col(text(CaseStages::ReturnedNote))
                .col(big_integer(CaseStages::Version).default(1))
                .col(big_integer(CaseStages::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(CaseStages::Table, CaseStages::CaseId)
                        .to(Cases::Table, Cases::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(CaseStages::Table, CaseStages::SignedOffBy)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_case_stages_case_key")
                .table(CaseStages::Table)
                .col(CaseStages::CaseId)
                .col(CaseStages::StageKey)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(CaseStages::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(CaseAnswers::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum CaseAnswers {
    Table,
    Id,
    CaseId,
    QuestionKey,
    Value,
    Version,
    UpdatedBy,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CaseStages {
    Table,
    Id,
    CaseId,
    StageKey,
    Status,
    Checklist,
    SignedOffBy,
    SignedOffName,
    SignedOffAt,
    SignoffNote,
    ReturnedNote,
    Version,
    UpdatedAt,
}
