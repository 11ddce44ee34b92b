//! Document versions and the answers they are made from.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    FromQueryResult, QueryFilter, QueryOrder, QuerySelect,
};

use crate::db::entities::document_answers::{self, Entity as Answers};
use crate::db::entities::documents::{self, Column, Entity as Documents};

/// A version as lists show it: everything but the markup and the PDF bytes, which can be
/// hundreds of kilobytes each.
#[derive(Debug, Clone, FromQueryResult)]
pub struct DocumentRow {
    pub id: i64,
    pub kind: String,
    pub version: i32,
    pub draft: bool,
    pub content_hash: String,
    pub page_count: i32,
    pub published: bool,
    pub created_by: i64,
    pub created_at: i64,
}

/// What a new version is made of.
pub struct NewDocument<'a> {
    pub case_id: i64,
    pub kind: &'a str,
    pub version: i32,
    pub draft: bool,
    pub coop_name: String,
    pub content_hash: String,
    pub answers: String,
    pub markup: String,
    pub pdf: Vec<u8>,
    pub page_count: i32,
    pub created_by: i64,
    pub created_at: i64,
}

pub async fn answers(
    db: &impl ConnectionTrait,
    case_id: i64,
    kind: &str,
) -> Result<Option<document_answers::Model>, DbErr> {
    Answers::find_by_id((case_id, kind.to_string()))
        .one(db)
        .await
}

/// Saves a kind's answers if nobody else saved them since `expected_version` was read
/// (0 when there were none yet). Returns false when someone did: the caller shows the form
/// again rather than silently overwriting their work.
pub async fn save_answers(
    db: &impl ConnectionTrait,
    case_id: i64,
    kind: &str,
    json: &str,
    expected_version: i64,
    by: i64,
    now: i64,
) -> Result<bool, DbErr> {
    if expected_version == 0 {
        if answers(db, case_id, kind).await?.is_some() {
            return Ok(false);
        }
        document_answers::ActiveModel {
            case_id: Set(case_id),
            kind: Set(kind.to_string()),
            answers: Set(json.to_string()),
            version: Set(1),
            updated_by: Set(by),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
        return Ok(true);
    }
    let result = Answers::update_many()
        .col_expr(document_answers::Column::Answers, Expr::value(json))
        .col_expr(
            document_answers::Column::Version,
            Expr::value(expected_version + 1),
        )
        .col_expr(document_answers::Column::UpdatedBy, Expr::value(by))
        .col_expr(document_answers::Column::UpdatedAt, Expr::value(now))
        .filter(document_answers::Column::CaseId.eq(case_id))
        .filter(document_answers::Column::Kind.eq(kind))
        .filter(document_answers::Column::Version.eq(expected_version))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// The number the next version of this kind will get.
pub async fn next_version(
    db: &impl ConnectionTrait,
    case_id: i64,
    kind: &str,
) -> Result<i32, DbErr> {
    let last = Documents::find()
        .select_only()
        .column(Column::Version)
        .filter(Column::CaseId.eq(case_id))
        .filter(Column::Kind.eq(kind))
        .order_by_desc(Column::Version)
        .into_tuple::<i32>()
        .one(db)
        .await?;
    Ok(last.unwrap_or(0) + 1)
}

pub async fn insert(
    db: &impl ConnectionTrait,
    doc: NewDocument<'_>,
) -> Result<documents::Model, DbErr> {
    documents::ActiveModel {
        case_id: Set(doc.case_id),
        kind: Set(doc.kind.to_string()),
        version: Set(doc.version),
        draft: Set(doc.draft),
        coop_name: Set(doc.coop_name),
        content_hash: Set(doc.content_hash),
        answers: Set(doc.answers),
        markup: Set(doc.markup),
        pdf: Set(doc.pdf),
        page_count: Set(doc.page_count),
        published: Set(false),
        created_by: Set(doc.created_by),
        created_at: Set(doc.created_at),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// A case's documents, newest version of each kind first.
pub async fn list(db: &impl ConnectionTrait, case_id: i64) -> Result<Vec<DocumentRow>, DbErr> {
    Documents::find()
        .select_only()
        .columns([
            Column::Id,
            Column::Kind,
            Column::Version,
            Column::Draft,
            Column::ContentHash,
            Column::PageCount,
            Column::Published,
            Column::CreatedBy,
            Column::CreatedAt,
        ])
        .filter(Column::CaseId.eq(case_id))
        .order_by_asc(Column::Kind)
        .order_by_desc(Column::Version)
        .into_model::<DocumentRow>()
        .all(db)
        .await
}

/// One version of a case's document, with its markup and PDF.
pub async fn find(
    db: &impl ConnectionTrait,
    case_id: i64,
    id: i64,
) -> Result<Option<documents::Model>, DbErr> {
    Documents::find_by_id(id)
        .filter(Column::CaseId.eq(case_id))
        .one(db)
        .await
}
