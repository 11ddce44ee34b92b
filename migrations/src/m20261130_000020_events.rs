//! The centre's events: who may come (people with no account, by email), the sessions, the
//! sign-ups with their waiting list, attendance and feedback.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(on_delete)
        .to_owned()
}

async fn index(
    m: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
    cols: Vec<Alias>,
    unique: bool,
) -> Result<(), DbErr> {
    let mut index = Index::create().name(name).table(table).to_owned();
    for col in cols {
        index.col(col);
    }
    if unique {
        index.unique();
    }
    m.create_index(index).await
}

fn cols(names: &[&str]) -> Vec<Alias> {
    names.iter().map(|n| Alias::new(*n)).collect()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, SetNull};
        // People who sign up, with or without an account: one row per email address, so a
        // person attending three events is one person supported.
        m.create_table(
            Table::create()
                .table(EventPeople::Table)
                .col(big_pk_auto(EventPeople::Id))
                .col(string_len(EventPeople::Name, 120))
                .col(string_len_uniq(EventPeople::Email, 254))
                .col(string_len(EventPeople::Organisation, 160).default(""))
                .col(string_len(EventPeople::Role, 24))
                .col(big_integer_null(EventPeople::UserId))
                .col(big_integer(EventPeople::CreatedAt))
                .col(big_integer(EventPeople::UpdatedAt))
                .foreign_key(&mut fk(
                    (EventPeople::Table, EventPeople::UserId),
                    (Users::Table, Users::Id),
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Events::Table)
                .col(big_pk_auto(Events::Id))
                .col(string_len(Events::Title, 120))
                .col(string_len(Events::Kind, 24))
                .col(string_len(Events::Audience, 24))
                .col(string_len(Events::Place, 200).default(""))
                .col(string_len(Events::OnlineLink, 500).default(""))
                .col(integer(Events::Capacity))
                .col(text(Events::Description))
                .col(big_integer_null(Events::CaseId))
                // Open events have a public page; the others are for their case's members.
                .col(boolean(Events::IsOpen))
                .col(string_len(Events::Status, 16).default("published"))
                // iCalendar SEQUENCE: bumped on every change, so calendars update the entry.
                .col(integer(Events::Sequence).default(0))
                .col(big_integer(Events::Version).default(1))
                .col(big_integer_null(Events::CreatedBy))
                .col(big_integer(Events::CreatedAt))
                .col(big_integer(Events::UpdatedAt))
                .foreign_key(&mut fk(
                    (Events::Table, Events::CaseId),
                    (Cases::Table, Cases::Id),
                    SetNull,
                ))
                .foreign_key(&mut fk(
                    (Events::Table, Events::CreatedBy),
                    (Users::Table, Users::Id),
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_events_case",
            Events::Table,
            cols(&["case_id"]),
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(EventSessions::Table)
                .col(big_pk_auto(EventSessions::Id))
                .col(big_integer(EventSessions::EventId))
                .col(big_integer(EventSessions::StartsAt))
                .col(big_integer(EventSessions::EndsAt))
                .foreign_key(&mut fk(
                    (EventSessions::Table, EventSessions::EventId),
                    (Events::Table, Events::Id),
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_event_sessions_event",
            EventSessions::Table,
            cols(&["event_id", "starts_at"]),
            false,
        )
        .await?;
        index(
            m,
            "idx_event_sessions_starts",
            EventSessions::Table,
            cols(&["starts_at"]),
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(EventRegistrations::Table)
                .col(big_pk_auto(EventRegistrations::Id))
                .col(big_integer(EventRegistrations::EventId))
                .col(big_integer(EventRegistrations::PersonId))
                .col(string_len(EventRegistrations::State, 16))
                .col(integer(EventRegistrations::Seats).default(1))
                .col(big_integer(EventRegistrations::QueuedAt))
                // The person's id while the sign-up is active (booked or waiting), NULL once
                // cancelled: the unique index below then allows one active sign-up per person
                // and event on both backends (NULLs never clash), without partial indexes.
                .col(big_integer_null(EventRegistrations::ActivePerson))
                // SHA-256 of the token in the person's links (cancel, feedback).
                .col(string_len_uniq(EventRegistrations::LinkTokenHash, 64))
                .col(text(EventRegistrations::AccessNeeds).default(""))
                .col(string_len(EventRegistrations::Source, 16))
                .col(big_integer_null(EventRegistrations::EnquiryId))
                .col(big_integer(EventRegistrations::Version).default(1))
                .col(big_integer(EventRegistrations::CreatedAt))
                .col(big_integer(EventRegistrations::UpdatedAt))
                .foreign_key(&mut fk(
                    (EventRegistrations::Table, EventRegistrations::EventId),
                    (Events::Table, Events::Id),
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    (EventRegistrations::Table, EventRegistrations::PersonId),
                    (EventPeople::Table, EventPeople::Id),
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    (EventRegistrations::Table, EventRegistrations::EnquiryId),
                    (Enquiries::Table, Enquiries::Id),
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_event_registrations_active",
            EventRegistrations::Table,
            cols(&["event_id", "active_person"]),
            true,
        )
        .await?;
        index(
            m,
            "idx_event_registrations_queue",
            EventRegistrations::Table,
            cols(&["event_id", "state", "queued_at", "id"]),
            false,
        )
        .await?;
        index(
            m,
            "idx_event_registrations_person",
            EventRegistrations::Table,
            cols(&["person_id"]),
            false,
        )
        .await?;
        index(
            m,
            "idx_event_registrations_enquiry",
            EventRegistrations::Table,
            cols(&["enquiry_id"]),
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(EventAttendance::Table)
                .col(big_pk_auto(EventAttendance::Id))
                .col(big_integer(EventAttendance::RegistrationId))
                .col(big_integer(EventAttendance::SessionId))
                .col(boolean(EventAttendance::Present))
                .col(big_integer_null(EventAttendance::RecordedBy))
                .col(big_integer(EventAttendance::RecordedAt))
                .foreign_key(&mut fk(
                    (EventAttendance::Table, EventAttendance::RegistrationId),
                    (EventRegistrations::Table, EventRegistrations::Id),
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    (EventAttendance::Table, EventAttendance::SessionId),
                    (EventSessions::Table, EventSessions::Id),
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    (EventAttendance::Table, EventAttendance::RecordedBy),
                    (Users::Table, Users::Id),
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_event_attendance_once",
            EventAttendance::Table,
            cols(&["registration_id", "session_id"]),
            true,
        )
        .await?;
        index(
            m,
            "idx_event_attendance_session",
            EventAttendance::Table,
            cols(&["session_id"]),
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(EventFeedback::Table)
                .col(big_pk_auto(EventFeedback::Id))
                .col(big_integer(EventFeedback::EventId))
                .col(big_integer_null(EventFeedback::RegistrationId))
                .col(small_integer(EventFeedback::Useful))
                .col(string_len(EventFeedback::WhatNext, 24))
                .col(text(EventFeedback::Comments).default(""))
                .col(boolean(EventFeedback::MayQuote).default(false))
                .col(big_integer(EventFeedback::CreatedAt))
                .foreign_key(&mut fk(
                    (EventFeedback::Table, EventFeedback::EventId),
                    (Events::Table, Events::Id),
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    (EventFeedback::Table, EventFeedback::RegistrationId),
                    (EventRegistrations::Table, EventRegistrations::Id),
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;
        // One form per sign-up (NULLs, from anonymised sign-ups, never clash).
        index(
            m,
            "idx_event_feedback_registration",
            EventFeedback::Table,
            cols(&["registration_id"]),
            true,
        )
        .await?;
        index(
            m,
            "idx_event_feedback_event",
            EventFeedback::Table,
            cols(&["event_id", "created_at"]),
            false,
        )
        .await?;

        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            EventFeedback::Table.into_iden(),
            EventAttendance::Table.into_iden(),
            EventRegistrations::Table.into_iden(),
            EventSessions::Table.into_iden(),
            Events::Table.into_iden(),
            EventPeople::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum EventPeople {
    Table,
    Id,
    Name,
    Email,
    Organisation,
    Role,
    UserId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
    Title,
    Kind,
    Audience,
    Place,
    OnlineLink,
    Capacity,
    Description,
    CaseId,
    IsOpen,
    Status,
    Sequence,
    Version,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum EventSessions {
    Table,
    Id,
    EventId,
    StartsAt,
    EndsAt,
}

#[derive(DeriveIden)]
enum EventRegistrations {
    Table,
    Id,
    EventId,
    PersonId,
    State,
    Seats,
    QueuedAt,
    ActivePerson,
    LinkTokenHash,
    AccessNeeds,
    Source,
    EnquiryId,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum EventAttendance {
    Table,
    Id,
    RegistrationId,
    SessionId,
    Present,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden)]
enum EventFeedback {
    Table,
    Id,
    EventId,
    RegistrationId,
    Useful,
    WhatNext,
    Comments,
    MayQuote,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Cases {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Enquiries {
    Table,
    Id,
}
