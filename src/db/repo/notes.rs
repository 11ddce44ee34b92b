//! Notes on a case and the history of their edits.

use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr,
    EntityTrait, QueryFilter, QueryOrder,
};

use crate::db::entities::{
    note_revisions::{self, Entity as Revisions},
    notes::{self, Entity as Notes},
};

pub async fn insert(
    db: &impl ConnectionTrait,
    case_id: i64,
    body: &str,
    visibility: &str,
    author_id: i64,
    now: i64,
) -> Result<notes::Model, DbErr> {
    notes::ActiveModel {
        case_id: Set(case_id),
        body: Set(body.to_string()),
        visibility: Set(visibility.to_string()),
        author_id: Set(author_id),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// A case's notes, newest first; `shared_only` for reps.
pub async fn for_case(
    db: &impl ConnectionTrait,
    case_id: i64,
    shared_only: bool,
) -> Result<Vec<notes::Model>, DbErr> {
    let mut query = Notes::find().filter(notes::Column::CaseId.eq(case_id));
    if shared_only {
        query = query.filter(notes::Column::Visibility.eq("shared"));
    }
    query.order_by_desc(notes::Column::Id).all(db).await
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<notes::Model>, DbErr> {
    Notes::find_by_id(id).one(db).await
}

/// Replaces a note's text, keeping the old text as a revision, if nobody changed the note
/// since `old.version` was read. Returns whether it was saved.
pub async fn edit(
    db: &impl ConnectionTrait,
    old: &notes::Model,
    body: &str,
    visibility: &str,
    editor_id: i64,
    now: i64,
) -> Result<bool, DbErr> {
    let result = Notes::update_many()
        .col_expr(notes::Column::Body, Expr::value(body))
        .col_expr(notes::Column::Visibility, Expr::value(visibility))
        .col_expr(notes::Column::UpdatedAt, Expr::value(now))
        .col_expr(notes::Column::Version, Expr::value(old.version + 1))
        .filter(notes::Column::Id.eq(old.id))
        .filter(notes::Column::Version.eq(old.version))
        .exec(db)
        .await?;
    if result.rows_affected != 1 {
        return Ok(false);
    }
    note_revisions::ActiveModel {
        note_id: Set(old.id),
        body: Set(old.body.clone()),
        visibility: Set(old.visibility.clone()),
        edited_by: Set(editor_id),
        edited_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(true)
}

/// The earlier texts of a note, newest first.
pub async fn revisions(
    db: &impl ConnectionTrait,
    note_id: i64,
) -> Result<Vec<note_revisions::Model>, DbErr> {
    Revisions::find()
        .filter(note_revisions::Column::NoteId.eq(note_id))
        .order_by_desc(note_revisions::Column::Id)
        .all(db)
        .await
}
