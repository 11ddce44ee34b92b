//! Members decide (issue 14): meetings, who is entitled to attend, resolutions, the votes
//! counted in the room, the online secret ballot and private calendar feeds.
//!
//! The secret ballot keeps who voted (`ballot_participation`) apart from what was chosen
//! (`ballot_box`): neither table holds a time, a session or an order, and the paper's key is
//! random. On SQLite `ballot_box` is a `WITHOUT ROWID` table, since an ordinary rowid grows
//! with each insert and so would record the order papers arrived in (sqlite.org,
//! "WITHOUT ROWID"); PostgreSQL tables have no such column. The primary key of
//! `ballot_participation` is what stops a member voting twice, even from two devices at once.

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
                .table(Meetings::Table)
                .col(big_pk_auto(Meetings::Id))
                .col(big_integer(Meetings::CaseId))
                // `workforce`, `steering`, `founding`, `general` or `agm`.
                .col(string_len(Meetings::Kind, 16))
                .col(string_len(Meetings::Title, 200))
                // The day and time where the meeting is held, as people say them
                // (`YYYY-MM-DD`, `HH:MM`): a meeting is at ten in the morning in London
                // whatever the season, not at an instant.
                .col(string_len(Meetings::MeetingDate, 10))
                .col(string_len(Meetings::StartTime, 5))
                .col(text(Meetings::Place))
                .col(text(Meetings::OnlineLink))
                .col(string_len(Meetings::Chair, 200))
                // When and how the notice went out: `hand`, `email` or `post`.
                .col(string_len_null(Meetings::NoticeSentOn, 10))
                .col(string_len_null(Meetings::NoticeMethod, 8))
                .col(integer_null(Meetings::NoticeRecipients))
                .col(big_integer_null(Meetings::NoticeDocumentId))
                // The online secret ballot, when there is one.
                .col(big_integer_null(Meetings::BallotOpensAt))
                .col(big_integer_null(Meetings::BallotClosesAt))
                .col(big_integer_null(Meetings::BallotClosedAt))
                .col(big_integer_null(Meetings::MinutesDocumentId))
                .col(big_integer_null(Meetings::MinutesConfirmedAt))
                .col(big_integer_null(Meetings::MinutesConfirmedBy))
                .col(big_integer(Meetings::CreatedBy))
                .col(big_integer(Meetings::CreatedAt))
                .col(big_integer(Meetings::Version).default(1))
                .foreign_key(
                    ForeignKey::create()
                        .from(Meetings::Table, Meetings::CaseId)
                        .to(Cases::Table, Cases::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_meetings_case_date")
                .table(Meetings::Table)
                .col(Meetings::CaseId)
                .col(Meetings::MeetingDate)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(MeetingAttendees::Table)
                .col(big_pk_auto(MeetingAttendees::Id))
                .col(big_integer(MeetingAttendees::MeetingId))
                // Empty for someone without an account (a founder named in the rules).
                .col(big_integer_null(MeetingAttendees::UserId))
                .col(string_len(MeetingAttendees::Name, 200))
                .col(boolean(MeetingAttendees::Entitled))
                // `not_recorded`, `present`, `proxy`, `apologies` or `absent`.
                .col(string_len(MeetingAttendees::Attendance, 16))
                // Why the list was changed by hand; empty when it came from the case.
                .col(text(MeetingAttendees::Reason))
                .col(big_integer_null(MeetingAttendees::ChangedBy))
                .col(big_integer(MeetingAttendees::ChangedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(MeetingAttendees::Table, MeetingAttendees::MeetingId)
                        .to(Meetings::Table, Meetings::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(MeetingAttendees::Table, MeetingAttendees::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("uq_meeting_attendees_user")
                .table(MeetingAttendees::Table)
                .col(MeetingAttendees::MeetingId)
                .col(MeetingAttendees::UserId)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Resolutions::Table)
                .col(big_pk_auto(Resolutions::Id))
                .col(big_integer(Resolutions::MeetingId))
                .col(big_integer(Resolutions::CaseId))
                .col(integer(Resolutions::Position))
                // `ordinary` or `special`.
                .col(string_len(Resolutions::Kind, 16))
                .col(text(Resolutions::Text))
                // `nothing`, `rules`, `business_plan`, `price` or `election`.
                .col(string_len(Resolutions::Approves, 16))
                // The exact version approved: its id, number and SHA-256.
                .col(big_integer_null(Resolutions::DocumentId))
                .col(integer_null(Resolutions::DocumentVersion))
                .col(string_len_null(Resolutions::DocumentHash, 64))
                .col(big_integer_null(Resolutions::PricePence))
                // A JSON list of candidates' names, for an election.
                .col(text(Resolutions::Candidates))
                .col(integer(Resolutions::Seats))
                // The count in the room, once the chair records it.
                .col(integer_null(Resolutions::RoomPresent))
                .col(integer_null(Resolutions::RoomProxies))
                .col(integer_null(Resolutions::RoomFor))
                .col(integer_null(Resolutions::RoomAgainst))
                .col(integer_null(Resolutions::RoomAbstain))
                // A JSON list of each candidate's votes, for an election counted in the room.
                .col(text_null(Resolutions::RoomTally))
                .col(big_integer_null(Resolutions::RoomRecordedAt))
                .col(big_integer(Resolutions::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Resolutions::Table, Resolutions::MeetingId)
                        .to(Meetings::Table, Meetings::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Resolutions::Table, Resolutions::CaseId)
                        .to(Cases::Table, Cases::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;

        // Who returned a ballot paper: no time, no paper, no order. The key refuses a second.
        m.create_table(
            Table::create()
                .table(BallotParticipation::Table)
                .col(big_integer(BallotParticipation::MeetingId))
                .col(big_integer(BallotParticipation::UserId))
                .primary_key(
                    Index::create()
                        .col(BallotParticipation::MeetingId)
                        .col(BallotParticipation::UserId),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(BallotParticipation::Table, BallotParticipation::MeetingId)
                        .to(Meetings::Table, Meetings::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(BallotParticipation::Table, BallotParticipation::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;

        // The papers: a random key, the receipt and the choices; nothing about the voter.
        let mut ballot_box = Table::create();
        ballot_box
            .table(BallotBox::Table)
            .col(string_len(BallotBox::BoxId, 32).primary_key())
            .col(big_integer(BallotBox::MeetingId))
            .col(string_len(BallotBox::Receipt, 19))
            .col(text(BallotBox::Paper))
            .foreign_key(
                ForeignKey::create()
                    .from(BallotBox::Table, BallotBox::MeetingId)
                    .to(Meetings::Table, Meetings::Id)
                    .on_delete(ForeignKeyAction::Cascade),
            );
        if m.get_database_backend() == sea_orm::DatabaseBackend::Sqlite {
            ballot_box.extra("WITHOUT ROWID");
        }
        m.create_table(ballot_box.to_owned()).await?;
        m.create_index(
            Index::create()
                .name("uq_ballot_box_receipt")
                .table(BallotBox::Table)
                .col(BallotBox::MeetingId)
                .col(BallotBox::Receipt)
                .unique()
                .to_owned(),
        )
        .await?;

        // One secret calendar address per person; only the SHA-256 of its token is kept.
        m.create_table(
            Table::create()
                .table(CalendarFeeds::Table)
                .col(big_pk_auto(CalendarFeeds::Id))
                .col(big_integer(CalendarFeeds::UserId))
                .col(string_len(CalendarFeeds::TokenHash, 64).unique_key())
                .col(big_integer(CalendarFeeds::CreatedAt))
                .col(big_integer_null(CalendarFeeds::RevokedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(CalendarFeeds::Table, CalendarFeeds::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            CalendarFeeds::Table.into_iden(),
            BallotBox::Table.into_iden(),
            BallotParticipation::Table.into_iden(),
            Resolutions::Table.into_iden(),
            MeetingAttendees::Table.into_iden(),
            Meetings::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Meetings {
    Table,
    Id,
    CaseId,
    Kind,
    Title,
    MeetingDate,
    StartTime,
    Place,
    OnlineLink,
    Chair,
    NoticeSentOn,
    NoticeMethod,
    NoticeRecipients,
    NoticeDocumentId,
    BallotOpensAt,
    BallotClosesAt,
    BallotClosedAt,
    MinutesDocumentId,
    MinutesConfirmedAt,
    MinutesConfirmedBy,
    CreatedBy,
    CreatedAt,
    Version,
}

#[derive(DeriveIden)]
enum MeetingAttendees {
    Table,
    Id,
    MeetingId,
    UserId,
    Name,
    Entitled,
    Attendance,
    Reason,
    ChangedBy,
    ChangedAt,
}

#[derive(DeriveIden)]
enum Resolutions {
    Table,
    Id,
    MeetingId,
    CaseId,
    Position,
    Kind,
    Text,
    Approves,
    DocumentId,
    DocumentVersion,
    DocumentHash,
    PricePence,
    Candidates,
    Seats,
    RoomPresent,
    RoomProxies,
    RoomFor,
    RoomAgainst,
    RoomAbstain,
    RoomTally,
    RoomRecordedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum BallotParticipation {
    Table,
    MeetingId,
    UserId,
}

#[derive(DeriveIden)]
enum BallotBox {
    Table,
    BoxId,
    MeetingId,
    Receipt,
    Paper,
}

#[derive(DeriveIden)]
enum CalendarFeeds {
    Table,
    Id,
    UserId,
    TokenHash,
    CreatedAt,
    RevokedAt,
}
