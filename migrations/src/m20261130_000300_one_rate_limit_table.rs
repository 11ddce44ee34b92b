//! One table for every per-address (or per-email) limit. The enquiry form, the readiness
//! summary, the password-reset email and the event sign-up each kept a table of the same shape
//! with copied code; now each is a `counter` in `rate_limit_hits`. `subject` is who is counted:
//! a client address, or the hash of an email address (never the address itself).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Where the old rows go: (old table, column counted, counter name).
const MOVES: [(&str, &str, &str); 5] = [
    ("enquiry_attempts", "address", "enquiry"),
    ("summary_requests", "address", "readiness_summary"),
    ("reset_requests", "email_hash", "reset_email"),
    ("reset_requests", "address", "reset_address"),
    ("signup_attempts", "address", "event_sign_up"),
];

const OLD_TABLES: [&str; 4] = [
    "enquiry_attempts",
    "summary_requests",
    "reset_requests",
    "signup_attempts",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(RateLimitHits::Table)
                .col(big_pk_auto(RateLimitHits::Id))
                .col(string_len(RateLimitHits::Counter, 32))
                .col(string_len(RateLimitHits::Subject, 64))
                .col(big_integer(RateLimitHits::At))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_rate_limit_hits_counter_subject_at")
                .table(RateLimitHits::Table)
                .col(RateLimitHits::Counter)
                .col(RateLimitHits::Subject)
                .col(RateLimitHits::At)
                .to_owned(),
        )
        .await?;
        // Hits still inside their window keep counting after the upgrade.
        let db = m.get_connection();
        for (table, column, counter) in MOVES {
            db.execute_unprepared(&format!(
                "INSERT INTO rate_limit_hits (counter, subject, at) \
                 SELECT '{counter}', {column}, at FROM {table}"
            ))
            .await?;
        }
        for table in OLD_TABLES {
            db.execute_unprepared(&format!("DROP TABLE {table}"))
                .await?;
        }
        Ok(())
    }

    /// The old tables come back empty: every limit's window is a day or less, so the worst a
    /// rollback does is let one window's requests start counting afresh.
    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["enquiry_attempts", "summary_requests", "signup_attempts"] {
            m.create_table(
                Table::create()
                    .table(Alias::new(table))
                    .col(big_pk_auto(Alias::new("id")))
                    .col(string_len(Alias::new("address"), 64))
                    .col(big_integer(Alias::new("at")))
                    .to_owned(),
            )
            .await?;
        }
        m.create_table(
            Table::create()
                .table(Alias::new("reset_requests"))
                .col(big_pk_auto(Alias::new("id")))
                .col(string_len(Alias::new("email_hash"), 64))
                .col(string_len(Alias::new("address"), 64))
                .col(big_integer(Alias::new("at")))
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table(RateLimitHits::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum RateLimitHits {
    Table,
    Id,
    Counter,
    Subject,
    At,
}
