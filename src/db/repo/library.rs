//! Published documents and who has read them.
//!
//! The `documents` table belongs to the documents feature (another branch). This reads it
//! through SeaQuery by column name, expecting at least
//! `documents(id, case_id, kind, version, draft, published, markup, pdf, created_at)` with
//! `published` a boolean and `pdf` bytes (or NULL), so this module needs no entity of it.

use sea_orm::sea_query::{Alias, Expr, ExprTrait, Order, Query};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait, QueryResult};

use crate::db::entities::document_reads::{self, Entity as Reads};

/// A published document version, without its contents.
#[derive(Debug, Clone)]
pub struct DocRow {
    pub id: i64,
    pub case_id: i64,
    pub kind: String,
    pub version: i64,
    pub created_at: i64,
    pub published: bool,
}

/// Integers may be INTEGER or BIGINT depending on the other branch's migration.
fn int(row: &QueryResult, col: &str) -> Result<i64, DbErr> {
    row.try_get::<i64>("", col)
        .or_else(|_| row.try_get::<i32>("", col).map(i64::from))
}

fn doc_row(row: &QueryResult) -> Result<DocRow, DbErr> {
    Ok(DocRow {
        id: int(row, "id")?,
        case_id: int(row, "case_id")?,
        kind: row.try_get("", "kind")?,
        version: int(row, "version")?,
        created_at: int(row, "created_at")?,
        published: row.try_get("", "published")?,
    })
}

const COLUMNS: [&str; 6] = [
    "id",
    "case_id",
    "kind",
    "version",
    "created_at",
    "published",
];

/// A case's published versions, by kind, newest version first.
pub async fn published_for_case(
    db: &impl ConnectionTrait,
    case_id: i64,
) -> Result<Vec<DocRow>, DbErr> {
    let stmt = Query::select()
        .columns(COLUMNS.map(Alias::new))
        .from(Alias::new("documents"))
        .and_where(Expr::col(Alias::new("case_id")).eq(case_id))
        .and_where(Expr::col(Alias::new("published")).eq(true))
        .order_by(Alias::new("kind"), Order::Asc)
        .order_by(Alias::new("version"), Order::Desc)
        .to_owned();
    db.query_all(&stmt).await?.iter().map(doc_row).collect()
}

/// One document of a case with its HTML markup and PDF bytes.
pub async fn find(
    db: &impl ConnectionTrait,
    case_id: i64,
    id: i64,
) -> Result<Option<(DocRow, String, Option<Vec<u8>>)>, DbErr> {
    let mut columns: Vec<Alias> = COLUMNS.map(Alias::new).into();
    columns.extend([Alias::new("markup"), Alias::new("pdf")]);
    let stmt = Query::select()
        .columns(columns)
        .from(Alias::new("documents"))
        .and_where(Expr::col(Alias::new("id")).eq(id))
        .and_where(Expr::col(Alias::new("case_id")).eq(case_id))
        .to_owned();
    let Some(row) = db.query_one(&stmt).await? else {
        return Ok(None);
    };
    Ok(Some((
        doc_row(&row)?,
        row.try_get("", "markup")?,
        row.try_get("", "pdf")?,
    )))
}

/// Publishes a document of a case to its workers; `false` if there is no such document.
pub async fn publish(db: &impl ConnectionTrait, case_id: i64, id: i64) -> Result<bool, DbErr> {
    let stmt = Query::update()
        .table(Alias::new("documents"))
        .value(Alias::new("published"), true)
        .and_where(Expr::col(Alias::new("id")).eq(id))
        .and_where(Expr::col(Alias::new("case_id")).eq(case_id))
        .to_owned();
    Ok(db.execute(&stmt).await?.rows_affected() == 1)
}

/// Records that a person read a document (once; later reads keep the first time).
pub async fn mark_read(
    db: &impl ConnectionTrait,
    case_id: i64,
    document_id: i64,
    user_id: i64,
    now: i64,
) -> Result<(), DbErr> {
    let row = document_reads::ActiveModel {
        document_id: Set(document_id),
        user_id: Set(user_id),
        case_id: Set(case_id),
        read_at: Set(now),
    };
    Reads::insert(row)
        .on_conflict_do_nothing()
        .exec(db)
        .await
        .map(|_| ())
}

/// Who read which document of a case: (document id, user id, name, when).
pub async fn reads_for_case(
    db: &impl ConnectionTrait,
    case_id: i64,
) -> Result<Vec<(i64, i64, String, i64)>, DbErr> {
    let stmt = Query::select()
        .column((Alias::new("document_reads"), Alias::new("document_id")))
        .column((Alias::new("document_reads"), Alias::new("user_id")))
        .column((Alias::new("users"), Alias::new("name")))
        .column((Alias::new("document_reads"), Alias::new("read_at")))
        .from(Alias::new("document_reads"))
        .inner_join(
            Alias::new("users"),
            Expr::col((Alias::new("users"), Alias::new("id")))
                .equals((Alias::new("document_reads"), Alias::new("user_id"))),
        )
        .and_where(Expr::col((Alias::new("document_reads"), Alias::new("case_id"))).eq(case_id))
        .order_by(
            (Alias::new("document_reads"), Alias::new("read_at")),
            Order::Asc,
        )
        .to_owned();
    db.query_all(&stmt)
        .await?
        .iter()
        .map(|r| {
            Ok((
                r.try_get("", "document_id")?,
                r.try_get("", "user_id")?,
                r.try_get("", "name")?,
                r.try_get("", "read_at")?,
            ))
        })
        .collect()
}
