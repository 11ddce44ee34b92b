//! Open tasks in due order, for the dashboard's "overdue and due soon" and the case list's
//! "deadline due" filter, as a partial index of the open tasks only.
//!
//! `idx_tasks_open_due (done_at, due_on)` served SQLite, which ends every index with the rowid
//! and so read `ORDER BY due_on, id` straight from it. PostgreSQL does not: at 100,000 demo
//! cases it read all 17,543 open tasks due by the date through that index and sorted them to
//! return nine (17–19 ms a dashboard). `(due_on, id) WHERE done_at IS NULL` is in the query's
//! own order on both backends, so each reads the first rows and stops; it holds only open
//! tasks, so it stays small as done ones pile up. Both backends use a partial index when the
//! query's WHERE says `done_at IS NULL`, which both task queries do.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        // The same SQL on both backends; sea-query has no partial index builder.
        db.execute_unprepared(
            "CREATE INDEX idx_tasks_open_by_due ON tasks (due_on, id) WHERE done_at IS NULL",
        )
        .await?;
        db.execute_unprepared("DROP INDEX idx_tasks_open_due")
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        db.execute_unprepared("CREATE INDEX idx_tasks_open_due ON tasks (done_at, due_on)")
            .await?;
        db.execute_unprepared("DROP INDEX idx_tasks_open_by_due")
            .await?;
        Ok(())
    }
}
