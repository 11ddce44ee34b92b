//! One invitation mechanism (issue 16): the rep links made when the centre accepted an
//! enquiry move from `one_time_tokens` into `invitations`, where every other case invitation
//! lives, so one join flow (`/join/<token>`) reads them all.
//!
//! Both tables store the same hex SHA-256 of the raw token, so a moved link keeps working:
//! its hash, expiry and whether it was used come across unchanged. The enquiry names the
//! person and the case; the case's creator (the staff member who accepted it) becomes the
//! inviter. `enquiries.invitation_id` is then cleared and no longer written; the column stays
//! because dropping a column with a foreign key needs a table rebuild on SQLite.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The purpose the old code gave rep links in `one_time_tokens`.
const REP_INVITATION: &str = "rep_invitation";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let status = Expr::case(
            Expr::col((OneTimeTokens::Table, OneTimeTokens::UsedAt)).is_null(),
            "pending",
        )
        .finally("accepted");
        let updated_at = Func::coalesce([
            Expr::col((OneTimeTokens::Table, OneTimeTokens::UsedAt)),
            Expr::col((OneTimeTokens::Table, OneTimeTokens::CreatedAt)),
        ]);
        let moved = Query::select()
            .expr(Expr::col((Enquiries::Table, Enquiries::CaseId)))
            .expr(Expr::col((Enquiries::Table, Enquiries::Name)))
            .expr(Func::lower(Expr::col((Enquiries::Table, Enquiries::Email))))
            .expr(Expr::val("rep"))
            .expr(Expr::col((OneTimeTokens::Table, OneTimeTokens::TokenHash)))
            .expr(status)
            .expr(Expr::col((OneTimeTokens::Table, OneTimeTokens::ExpiresAt)))
            .expr(Expr::col((Cases::Table, Cases::CreatedBy)))
            .expr(Expr::col((OneTimeTokens::Table, OneTimeTokens::CreatedAt)))
            .expr(updated_at)
            .from(OneTimeTokens::Table)
            .inner_join(
                Enquiries::Table,
                Expr::col((Enquiries::Table, Enquiries::InvitationId))
                    .equals((OneTimeTokens::Table, OneTimeTokens::Id)),
            )
            .inner_join(
                Cases::Table,
                Expr::col((Cases::Table, Cases::Id)).equals((Enquiries::Table, Enquiries::CaseId)),
            )
            .and_where(Expr::col((OneTimeTokens::Table, OneTimeTokens::Purpose)).eq(REP_INVITATION))
            .to_owned();
        let insert = Query::insert()
            .into_table(Invitations::Table)
            .columns([
                Invitations::CaseId,
                Invitations::Name,
                Invitations::Email,
                Invitations::Role,
                Invitations::TokenHash,
                Invitations::Status,
                Invitations::ExpiresAt,
                Invitations::InvitedBy,
                Invitations::CreatedAt,
                Invitations::UpdatedAt,
            ])
            .select_from(moved)
            .map_err(|e| DbErr::Migration(e.to_string()))?
            .to_owned();
        m.exec_stmt(insert).await?;

        let rep_tokens = Query::select()
            .column(OneTimeTokens::Id)
            .from(OneTimeTokens::Table)
            .and_where(Expr::col(OneTimeTokens::Purpose).eq(REP_INVITATION))
            .to_owned();
        m.exec_stmt(
            Query::update()
                .table(Enquiries::Table)
                .value(Enquiries::InvitationId, Option::<i64>::None)
                .and_where(Expr::col(Enquiries::InvitationId).in_subquery(rep_tokens))
                .to_owned(),
        )
        .await?;
        m.exec_stmt(
            Query::delete()
                .from_table(OneTimeTokens::Table)
                .and_where(Expr::col(OneTimeTokens::Purpose).eq(REP_INVITATION))
                .to_owned(),
        )
        .await
    }

    /// The links stay in `invitations`: the code of this release onwards reads them there, and
    /// nothing records which rows came from `one_time_tokens`.
    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}

#[derive(DeriveIden)]
enum OneTimeTokens {
    Table,
    Id,
    TokenHash,
    Purpose,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum Enquiries {
    Table,
    Name,
    Email,
    CaseId,
    InvitationId,
}

#[derive(DeriveIden)]
enum Cases {
    Table,
    Id,
    CreatedBy,
}

#[derive(DeriveIden)]
enum Invitations {
    Table,
    CaseId,
    Name,
    Email,
    Role,
    TokenHash,
    Status,
    ExpiresAt,
    InvitedBy,
    CreatedAt,
    UpdatedAt,
}
