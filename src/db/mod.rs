//! The database: connecting, migrating, and the repositories that read and write tables.
//!
//! The URL picks the backend at run time (`sqlite://…` or `postgres://…`); both drivers are
//! compiled in. Only `db` and `services` may touch a `DatabaseConnection`.

pub mod entities;
pub mod repo;
mod write;

pub use write::{begin_case_write, begin_write, is_contention};

use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

/// Why the database could not be made ready. Each variant says what to do about it, because
/// it is printed to the person starting the server.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("could not create the data folder {path}: {source}")]
    DataFolder {
        path: String,
        source: std::io::Error,
    },
    #[error("could not connect to the database at {url}: {source}. Check COOPKIT_DATABASE_URL and that the database server is running")]
    Connect { url: String, source: DbErr },
    #[error("the database migrations failed: {0}. The database was left as it was before the failing migration")]
    Migrate(DbErr),
}

/// Largest part of a SQLite file read through a memory map (256 MiB); pages come from the
/// operating system's cache, shared by every connection.
const SQLITE_MMAP_BYTES: u64 = 256 * 1024 * 1024;
/// Each SQLite connection's own page cache: negative means KiB (8 MiB), SQLite's convention.
const SQLITE_CACHE_KIB: i64 = -8000;

/// Connects to the database, creating a SQLite file (and its folder) when it does not exist.
pub async fn connect(url: &str) -> Result<DatabaseConnection, StartupError> {
    if let Some(path) = sqlite_file_path(url) {
        if let Some(folder) = std::path::Path::new(&path)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
        {
            std::fs::create_dir_all(folder).map_err(|source| StartupError::DataFolder {
                path: folder.display().to_string(),
                source,
            })?;
        }
    }
    let mut options = ConnectOptions::new(url.to_string());
    options
        .max_connections(8)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        // WAL lets pages be read while a form is saved; FULL makes every commit reach the
        // disk, because a worker's answers must survive a crash (DESIGN.md).
        .map_sqlx_sqlite_opts(|opts| {
            opts.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .busy_timeout(Duration::from_secs(5))
                .foreign_keys(true)
                .create_if_missing(true)
                // Reads through a memory map skip a system call per page, and a larger page
                // cache keeps the case list's index and rows at hand: at 100,000 cases the
                // list served a third more requests a second (docs/performance.md).
                .pragma("mmap_size", SQLITE_MMAP_BYTES.to_string())
                .pragma("cache_size", SQLITE_CACHE_KIB.to_string())
                // The planner needs the tables' statistics: without them it read the dashboard's
                // "tasks due" from 80,000 open cases instead of ten open tasks (400 million
                // instructions a request, docs/performance.md). As SQLite advises for
                // long-lived connections, each one analyses what needs it when it opens: a
                // table never analysed, or grown or shrunk tenfold since, which is rare, so
                // the whole table is read (a row limit of a few hundred made estimates so
                // rough that the dashboard's plan stayed wrong). The pool opens connections
                // afresh as it grows and shrinks.
                .pragma("optimize", "0x10002")
        });
    Database::connect(options)
        .await
        .map_err(|source| StartupError::Connect {
            url: redact(url),
            source,
        })
}

/// Brings the schema up to date. A failure is returned, never ignored: the server must not
/// start on a half-migrated database.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), StartupError> {
    Migrator::up(db, None).await.map_err(StartupError::Migrate)
}

pub async fn connect_and_migrate(url: &str) -> Result<DatabaseConnection, StartupError> {
    let db = connect(url).await?;
    migrate(&db).await?;
    Ok(db)
}

/// Whether the database answers a trivial query, for the health check.
pub async fn ping(db: &DatabaseConnection) -> bool {
    db.ping().await.is_ok()
}

/// The file behind a `sqlite:` URL, or `None` for other backends and in-memory databases.
pub fn sqlite_file_path(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then(|| path.to_string())
}

/// A URL fit for logs: any password is replaced.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_file_of_a_sqlite_url() {
        assert_eq!(
            sqlite_file_path("sqlite://data/coopkit.db?mode=rwc").as_deref(),
            Some("data/coopkit.db")
        );
        assert_eq!(sqlite_file_path("sqlite::memory:"), None);
        assert_eq!(sqlite_file_path("postgres://x@y/z"), None);
    }

    #[tokio::test]
    async fn sqlite_connections_are_durable_and_read_through_a_map() {
        use sea_orm::{ConnectionTrait, Statement};
        let folder = tempfile::tempdir().expect("a temporary folder");
        let url = format!("sqlite://{}/c.db?mode=rwc", folder.path().display());
        let db = connect(&url).await.expect("connects");
        let pragma = |name: &str| {
            let sql = format!("PRAGMA {name}");
            let db = &db;
            async move {
                let row = db
                    .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
                    .await
                    .expect("pragma runs")
                    .expect("a row");
                row.try_get_by_index::<String>(0)
                    .or_else(|_| row.try_get_by_index::<i64>(0).map(|n| n.to_string()))
                    .expect("a value")
            }
        };
        assert_eq!(pragma("journal_mode").await, "wal");
        assert_eq!(pragma("synchronous").await, "2", "FULL");
        assert_eq!(pragma("foreign_keys").await, "1");
        assert_eq!(pragma("mmap_size").await, SQLITE_MMAP_BYTES.to_string());
        assert_eq!(pragma("cache_size").await, SQLITE_CACHE_KIB.to_string());
    }

    #[tokio::test]
    async fn a_sqlite_database_gets_the_planners_statistics_when_opened() {
        use sea_orm::{ConnectionTrait, Statement};
        let folder = tempfile::tempdir().expect("a temporary folder");
        let url = format!("sqlite://{}/c.db?mode=rwc", folder.path().display());
        let db = connect(&url).await.expect("connects");
        let run = |sql: &str| Statement::from_string(sea_orm::DbBackend::Sqlite, sql.to_string());
        db.execute_raw(run("CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT)"))
            .await
            .expect("table");
        db.execute_raw(run("CREATE INDEX t_k ON t (k)"))
            .await
            .expect("index");
        db.execute_raw(run(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) \
             INSERT INTO t (k) SELECT 'k' || (i % 7) FROM n",
        ))
        .await
        .expect("rows");
        db.close().await.expect("closes");

        // As a server started on a database filled by someone else (`coopkit demo`, a restore).
        let db = connect(&url).await.expect("connects again");
        let stats = db
            .query_one_raw(run("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 't'"))
            .await
            .expect("sqlite_stat1 exists")
            .expect("a row")
            .try_get_by_index::<i64>(0)
            .expect("a count");
        assert!(stats > 0, "the table was analysed when the database opened");
    }

    #[test]
    fn hides_passwords_in_urls() {
        assert_eq!(
            redact("postgres://app:secret@db:5432/coopkit"),
            "postgres://app:***@db:5432/coopkit"
        );
        assert_eq!(
            redact("postgres://postgres@127.0.0.1/coopkit"),
            "postgres://postgres@127.0.0.1/coopkit"
        );
    }
}
