//! Members decide, continued (issue 14): what a meeting's record still lacked.
//!
//! - `meeting_attendees.proxy_holder`: who holds a member's proxy, where the rules allow
//!   proxies (a name, as the chair writes it; empty for none).
//! - `meeting_attendees.short_notice_consent_at`: when a member's written consent to short
//!   notice was recorded (empty for none). The rules say what share of members must consent.
//! - `notice_deliveries`: one row per member each time a notice goes out, saying to whom,
//!   where, how, when and whether it was delivered, so a failed email shows and the member
//!   can be given it by hand or post (DECISIONS.md §6: emails vanish).
//!
//! One column per statement: SQLite alters one column at a time.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(MeetingAttendees::Table)
                .add_column(string_len(MeetingAttendees::ProxyHolder, 200).default(""))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(MeetingAttendees::Table)
                .add_column(big_integer_null(MeetingAttendees::ShortNoticeConsentAt))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(NoticeDeliveries::Table)
                .col(big_pk_auto(NoticeDeliveries::Id))
                .col(big_integer(NoticeDeliveries::MeetingId))
                .col(big_integer_null(NoticeDeliveries::AttendeeId))
                .col(string_len(NoticeDeliveries::Name, 200))
                // The email address, or empty for a notice handed over or posted.
                .col(string_len(NoticeDeliveries::Address, 320))
                // `email`, `hand` or `post`.
                .col(string_len(NoticeDeliveries::Method, 8))
                .col(big_integer(NoticeDeliveries::SentAt))
                // `sent` (accepted by the mail server, or handed over/posted) or `failed`.
                .col(string_len(NoticeDeliveries::Status, 16))
                .col(text(NoticeDeliveries::Detail))
                .foreign_key(
                    ForeignKey::create()
                        .from(NoticeDeliveries::Table, NoticeDeliveries::MeetingId)
                        .to(Meetings::Table, Meetings::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_notice_deliveries_meeting")
                .table(NoticeDeliveries::Table)
                .col(NoticeDeliveries::MeetingId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(NoticeDeliveries::Table).to_owned())
            .await?;
        for column in [
            MeetingAttendees::ShortNoticeConsentAt,
            MeetingAttendees::ProxyHolder,
        ] {
            m.alter_table(
                Table::alter()
                    .table(MeetingAttendees::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Meetings {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum MeetingAttendees {
    Table,
    ProxyHolder,
    ShortNoticeConsentAt,
}

#[derive(DeriveIden)]
enum NoticeDeliveries {
    Table,
    Id,
    MeetingId,
    AttendeeId,
    Name,
    Address,
    Method,
    SentAt,
    Status,
    Detail,
}
