//! Multi-row inserts for filling a database with demonstration data quickly (`coopkit demo`).
//! Rows go in as a few large statements per transaction instead of one statement each.

use sea_orm::{
    sea_query::{Expr, ExprTrait, OnConflict, Query, SimpleExpr},
    ConnectionTrait, DbErr,
};

/// SQLite accepts at most 32,766 bound values in one statement; stay well under it.
const MAX_VALUES: usize = 20_000;

/// Inserts `rows` (each as many values as `columns`) into `table`, in as few statements as the
/// backend allows.
pub async fn insert_rows(
    db: &impl ConnectionTrait,
    table: &str,
    columns: &[&str],
    rows: Vec<Vec<SimpleExpr>>,
) -> Result<(), DbErr> {
    let per_statement = (MAX_VALUES / columns.len()).max(1);
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let mut stmt = Query::insert();
        stmt.into_table(table.to_string())
            .columns(columns.iter().map(|c| c.to_string()));
        for row in rows.by_ref().take(per_statement) {
            stmt.values_panic(row);
        }
        db.execute(&stmt).await?;
    }
    Ok(())
}

/// Reserves `count` case numbers of `year` at once; returns the first.
pub async fn reserve_reference_numbers(
    db: &impl ConnectionTrait,
    year: i32,
    count: i32,
) -> Result<i32, DbErr> {
    let stmt = Query::insert()
        .into_table("reference_counters")
        .columns(["year", "last_number"])
        .values_panic([year.into(), count.into()])
        .on_conflict(
            OnConflict::column("year")
                .value(
                    "last_number",
                    Expr::col(("reference_counters", "last_number")).add(count),
                )
                .to_owned(),
        )
        .returning_col("last_number")
        .to_owned();
    let row = db
        .query_one(&stmt)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("reference counter".into()))?;
    Ok(row.try_get::<i32>("", "last_number")? - count + 1)
}

/// The ids of cases by reference, for rows that refer to cases just inserted.
pub async fn case_ids(
    db: &impl ConnectionTrait,
    references: Vec<String>,
) -> Result<Vec<(String, i64)>, DbErr> {
    let stmt = Query::select()
        .columns(["reference", "id"])
        .from("cases")
        .and_where(Expr::col("reference").is_in(references))
        .to_owned();
    let rows = db.query_all(&stmt).await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get::<String>("", "reference")?,
                r.try_get::<i64>("", "id")?,
            ))
        })
        .collect()
}

/// The ids of the `count` newest rows of a table, oldest first: the rows a bulk insert just
/// made, for the demonstration filler (the only writer while it runs).
pub async fn newest_ids(
    db: &impl ConnectionTrait,
    table: &str,
    count: u64,
) -> Result<Vec<i64>, DbErr> {
    let stmt = Query::select()
        .column("id")
        .from(table.to_string())
        .order_by("id", sea_orm::Order::Desc)
        .limit(count)
        .to_owned();
    let mut ids: Vec<i64> = db
        .query_all(&stmt)
        .await?
        .iter()
        .map(|row| row.try_get::<i64>("", "id"))
        .collect::<Result<_, _>>()?;
    ids.reverse();
    Ok(ids)
}
