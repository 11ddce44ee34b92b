//! How many cases stand at each (pathway, stage, status), kept by the database itself.
//!
//! The dashboard's chart needs these counts on every view. Counting 100,000 cases each time
//! costs milliseconds that grow with the number of cases; triggers on `cases` keep this small
//! table right instead, whichever code changes a case, so the chart reads a few dozen rows.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(CaseStageCounts::Table)
                .col(string_len(CaseStageCounts::Pathway, 16))
                .col(string_len(CaseStageCounts::Stage, 48))
                .col(string_len(CaseStageCounts::Status, 16))
                .col(big_integer(CaseStageCounts::N))
                .primary_key(
                    Index::create()
                        .col(CaseStageCounts::Pathway)
                        .col(CaseStageCounts::Stage)
                        .col(CaseStageCounts::Status),
                )
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        db.execute_unprepared(
            "INSERT INTO case_stage_counts (pathway, stage, status, n) \
             SELECT pathway, current_stage, status, COUNT(*) FROM cases \
             GROUP BY pathway, current_stage, status",
        )
        .await?;
        match m.get_database_backend() {
            sea_orm::DbBackend::Postgres => postgres_triggers(m).await,
            _ => sqlite_triggers(m).await,
        }
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        if m.get_database_backend() == sea_orm::DbBackend::Postgres {
            db.execute_unprepared("DROP TRIGGER IF EXISTS case_stage_counts_track ON cases")
                .await?;
            db.execute_unprepared("DROP FUNCTION IF EXISTS case_stage_counts_track()")
                .await?;
        } else {
            for name in ["insert", "update", "delete"] {
                db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS case_stage_counts_{name}"))
                    .await?;
            }
        }
        m.drop_table(Table::drop().table(CaseStageCounts::Table).to_owned())
            .await
    }
}

const ADD_NEW: &str = "INSERT INTO case_stage_counts (pathway, stage, status, n) \
     VALUES (NEW.pathway, NEW.current_stage, NEW.status, 1) \
     ON CONFLICT (pathway, stage, status) DO UPDATE SET n = case_stage_counts.n + 1;";
const REMOVE_OLD: &str = "UPDATE case_stage_counts SET n = n - 1 \
     WHERE pathway = OLD.pathway AND stage = OLD.current_stage AND status = OLD.status;";

async fn sqlite_triggers(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = m.get_connection();
    for (name, when, body) in [
        ("insert", "AFTER INSERT", ADD_NEW.to_string()),
        (
            "update",
            "AFTER UPDATE OF pathway, current_stage, status",
            format!("{REMOVE_OLD} {ADD_NEW}"),
        ),
        ("delete", "AFTER DELETE", REMOVE_OLD.to_string()),
    ] {
        db.execute_unprepared(&format!(
            "CREATE TRIGGER case_stage_counts_{name} {when} ON cases BEGIN {body} END"
        ))
        .await?;
    }
    Ok(())
}

async fn postgres_triggers(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = m.get_connection();
    db.execute_unprepared(&format!(
        "CREATE OR REPLACE FUNCTION case_stage_counts_track() RETURNS trigger AS $$ BEGIN \
         IF TG_OP IN ('UPDATE', 'DELETE') THEN {REMOVE_OLD} END IF; \
         IF TG_OP IN ('INSERT', 'UPDATE') THEN {ADD_NEW} END IF; \
         RETURN NULL; END; $$ LANGUAGE plpgsql"
    ))
    .await?;
    db.execute_unprepared(
        "CREATE TRIGGER case_stage_counts_track \
         AFTER INSERT OR DELETE OR UPDATE OF pathway, current_stage, status ON cases \
         FOR EACH ROW EXECUTE FUNCTION case_stage_counts_track()",
    )
    .await?;
    Ok(())
}

#[derive(DeriveIden)]
enum CaseStageCounts {
    Table,
    Pathway,
    Stage,
    Status,
    N,
}
