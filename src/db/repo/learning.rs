//! The learning library: materials, the stages they (and events) help with, and who has
//! marked which material as read.

use sea_orm::{
    sea_query::{Expr, ExprTrait},
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::db::entities::{
    case_members,
    event_stages::{self, Entity as EventStages},
    learning_material_reads::{self, Entity as Reads},
    learning_material_stages::{self, Entity as MaterialStages},
    learning_materials::{self, Column, Entity as Materials},
};
use crate::domain::learning::{NewMaterial, StageTag};

/// Every material, newest first, without their PDF bytes; retired ones only if asked.
pub async fn all(
    db: &impl ConnectionTrait,
    with_retired: bool,
) -> Result<Vec<learning_materials::Model>, DbErr> {
    let mut query = Materials::find()
        .order_by_asc(Column::Title)
        .order_by_asc(Column::Id);
    if !with_retired {
        query = query.filter(Column::RetiredAt.is_null());
    }
    let mut rows = query.all(db).await?;
    for row in &mut rows {
        row.pdf = None;
    }
    Ok(rows)
}

pub async fn find(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<learning_materials::Model>, DbErr> {
    Materials::find_by_id(id).one(db).await
}

pub async fn insert(
    db: &impl ConnectionTrait,
    material: &NewMaterial,
    by: i64,
    now: i64,
) -> Result<i64, DbErr> {
    let (pdf_name, pdf) = match &material.pdf {
        Some((name, bytes)) => (name.clone(), Some(bytes.clone())),
        None => (String::new(), None),
    };
    let saved = learning_materials::ActiveModel {
        title: Set(material.title.clone()),
        format: Set(material.format.as_str().into()),
        body: Set(material.body.clone()),
        pdf: Set(pdf),
        pdf_name: Set(pdf_name),
        created_by: Set(Some(by)),
        created_at: Set(now),
        updated_at: Set(now),
        retired_at: Set(None),
        version: Set(1),
        ..Default::default()
    }
    .insert(db)
    .await?;
    set_material_tags(db, saved.id, &material.tags).await?;
    Ok(saved.id)
}

/// Saves an edit made from `version`; false when someone else saved first. A PDF edit with
/// no new file keeps the stored one; a page keeps no file.
pub async fn update(
    db: &impl ConnectionTrait,
    id: i64,
    version: i64,
    material: &NewMaterial,
    now: i64,
) -> Result<bool, DbErr> {
    let mut update = Materials::update_many()
        .col_expr(Column::Title, Expr::value(material.title.clone()))
        .col_expr(Column::Format, Expr::value(material.format.as_str()))
        .col_expr(Column::Body, Expr::value(material.body.clone()))
        .col_expr(Column::Version, Expr::value(version + 1))
        .col_expr(Column::UpdatedAt, Expr::value(now));
    match &material.pdf {
        Some((name, bytes)) => {
            update = update
                .col_expr(Column::Pdf, Expr::value(bytes.clone()))
                .col_expr(Column::PdfName, Expr::value(name.clone()));
        }
        None if material.format == crate::domain::learning::MaterialFormat::Page => {
            update = update
                .col_expr(Column::Pdf, Expr::value(Option::<Vec<u8>>::None))
                .col_expr(Column::PdfName, Expr::value(""));
        }
        None => {}
    }
    let done = update
        .filter(Column::Id.eq(id))
        .filter(Column::Version.eq(version))
        .exec(db)
        .await?;
    if done.rows_affected == 0 {
        return Ok(false);
    }
    set_material_tags(db, id, &material.tags).await?;
    Ok(true)
}

/// Retires a material (`Some(now)`) or brings it back (`None`).
pub async fn set_retired(
    db: &impl ConnectionTrait,
    id: i64,
    retired_at: Option<i64>,
    now: i64,
) -> Result<bool, DbErr> {
    let done = Materials::update_many()
        .col_expr(Column::RetiredAt, Expr::value(retired_at))
        .col_expr(Column::Version, Expr::col(Column::Version).add(1))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

async fn set_material_tags(
    db: &impl ConnectionTrait,
    id: i64,
    tags: &[StageTag],
) -> Result<(), DbErr> {
    MaterialStages::delete_many()
        .filter(learning_material_stages::Column::MaterialId.eq(id))
        .exec(db)
        .await?;
    for tag in tags {
        learning_material_stages::ActiveModel {
            material_id: Set(id),
            pathway: Set(tag.pathway.clone()),
            stage_key: Set(tag.stage.clone()),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Every (material, stage) tag.
pub async fn material_tags(
    db: &impl ConnectionTrait,
) -> Result<Vec<learning_material_stages::Model>, DbErr> {
    MaterialStages::find().all(db).await
}

/// The materials tagged for one stage.
pub async fn materials_for_stage(
    db: &impl ConnectionTrait,
    tag: &StageTag,
) -> Result<Vec<i64>, DbErr> {
    MaterialStages::find()
        .select_only()
        .column(learning_material_stages::Column::MaterialId)
        .filter(learning_material_stages::Column::Pathway.eq(tag.pathway.clone()))
        .filter(learning_material_stages::Column::StageKey.eq(tag.stage.clone()))
        .into_tuple()
        .all(db)
        .await
}

pub async fn mark_read(
    db: &impl ConnectionTrait,
    material_id: i64,
    user_id: i64,
    now: i64,
) -> Result<(), DbErr> {
    let already = Reads::find_by_id((material_id, user_id)).one(db).await?;
    if already.is_none() {
        learning_material_reads::ActiveModel {
            material_id: Set(material_id),
            user_id: Set(user_id),
            read_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// The reads of these people.
pub async fn reads_of(
    db: &impl ConnectionTrait,
    user_ids: &[i64],
) -> Result<Vec<learning_material_reads::Model>, DbErr> {
    Reads::find()
        .filter(learning_material_reads::Column::UserId.is_in(user_ids.to_vec()))
        .order_by_asc(learning_material_reads::Column::ReadAt)
        .all(db)
        .await
}

/// Whether the person belongs to any case (members of cases may read the library).
pub async fn is_on_a_case(db: &impl ConnectionTrait, user_id: i64) -> Result<bool, DbErr> {
    Ok(case_members::Entity::find()
        .filter(case_members::Column::UserId.eq(user_id))
        .one(db)
        .await?
        .is_some())
}

/// The stages an event helps with.
pub async fn event_tags(db: &impl ConnectionTrait, event_id: i64) -> Result<Vec<StageTag>, DbErr> {
    Ok(EventStages::find()
        .filter(event_stages::Column::EventId.eq(event_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| StageTag::new(&r.pathway, &r.stage_key))
        .collect())
}

pub async fn set_event_tags(
    db: &impl ConnectionTrait,
    event_id: i64,
    tags: &[StageTag],
) -> Result<(), DbErr> {
    EventStages::delete_many()
        .filter(event_stages::Column::EventId.eq(event_id))
        .exec(db)
        .await?;
    for tag in tags {
        event_stages::ActiveModel {
            event_id: Set(event_id),
            pathway: Set(tag.pathway.clone()),
            stage_key: Set(tag.stage.clone()),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// The events tagged for one stage.
pub async fn events_for_stage(
    db: &impl ConnectionTrait,
    tag: &StageTag,
) -> Result<Vec<i64>, DbErr> {
    EventStages::find()
        .select_only()
        .column(event_stages::Column::EventId)
        .filter(event_stages::Column::Pathway.eq(tag.pathway.clone()))
        .filter(event_stages::Column::StageKey.eq(tag.stage.clone()))
        .into_tuple()
        .all(db)
        .await
}
