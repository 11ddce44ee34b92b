//! Starting a transaction that will write.
//!
//! On SQLite a plain `BEGIN` is deferred: the transaction reads under a shared snapshot and
//! asks for the write lock only at its first write. If another connection committed since
//! that snapshot, SQLite cannot upgrade it and answers `database is locked` at once, without
//! waiting for the busy timeout, so two people saving at the same instant got an error page.
//! `BEGIN IMMEDIATE` takes the write lock first: the second transaction waits (up to the busy
//! timeout) and then reads what the first one wrote, so it sees the conflict, not an error.
//!
//! PostgreSQL keeps its default (READ COMMITTED): writers there never block readers, and the
//! conflict rules rest on the version columns (`UPDATE … WHERE version = ?`), which hold under
//! any interleaving.

use sea_orm::{
    ConnectionTrait, DbBackend, DbErr, SqlErr, SqliteTransactionMode, Statement,
    TransactionOptions, TransactionTrait,
};

/// Begins a transaction that reads and then writes: on SQLite it holds the write lock from
/// its first statement. Every write transaction in `services` starts here.
pub async fn begin_write<C>(db: &C) -> Result<C::Transaction, DbErr>
where
    C: TransactionTrait + ConnectionTrait,
{
    let options = match db.get_database_backend() {
        DbBackend::Sqlite => TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        },
        _ => TransactionOptions::default(),
    };
    db.begin_with_options(options).await
}

/// Whether a database error means only that someone else wrote the same thing at the same
/// moment: a unique index refused a second insert, PostgreSQL chose this transaction as a
/// deadlock's victim or could not serialise it, or SQLite stayed locked past the busy
/// timeout. Nothing was saved, and the person should be told so and try again: a conflict,
/// not a fault.
pub fn is_contention(err: &DbErr) -> bool {
    if matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) {
        return true;
    }
    let text = err.to_string();
    // SQLSTATE 40001 (serialization_failure) and 40P01 (deadlock_detected) on PostgreSQL;
    // SQLITE_BUSY (5) and SQLITE_LOCKED (6) on SQLite.
    text.contains("40001")
        || text.contains("40P01")
        || text.contains("deadlock detected")
        || text.contains("could not serialize access")
        || text.contains("database is locked")
        || text.contains("database table is locked")
}

/// Begins a write transaction on one case's data. On PostgreSQL it also locks the case's row
/// first, so the transactions that write one case run one after another, as SQLite's write
/// lock makes them: each reads what the one before it committed, and the version it read is
/// the version its conditional update checks. Without the lock, a READ COMMITTED transaction
/// that read version 1, and re-read the row after another save committed version 2, would
/// write over that save without a conflict.
pub async fn begin_case_write<C>(db: &C, case_id: i64) -> Result<C::Transaction, DbErr>
where
    C: TransactionTrait + ConnectionTrait,
{
    let txn = begin_write(db).await?;
    if db.get_database_backend() == DbBackend::Postgres {
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT id FROM cases WHERE id = $1 FOR UPDATE",
            [case_id.into()],
        ))
        .await?;
    }
    Ok(txn)
}
