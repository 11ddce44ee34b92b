//! The centre's learning library: staff write pages or upload PDFs, tag them with the
//! pathway stages they help with, change and retire them; the centre and the people of its
//! cases read them and mark them as read (which fills their learning record).

use super::auth::Actor;
use super::Env;
use crate::db::entities::learning_materials;
use crate::db::{begin_write, repo};
use crate::domain::access::{may_read_learning, require_centre};
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::MaterialId;
use crate::domain::learning::page_text::{self, TextBlock};
use crate::domain::learning::{check_material, MaterialFormat, MaterialInput, StageTag, Upload};
use crate::error::{AppError, AppResult};

/// A material without its PDF bytes, with its stages.
pub struct Material {
    pub row: learning_materials::Model,
    pub format: MaterialFormat,
    pub tags: Vec<StageTag>,
    pub read_by_me: bool,
}

impl Material {
    pub fn is_retired(&self) -> bool {
        self.row.retired_at.is_some()
    }
}

/// Whether this person may read the library at all.
async fn check_reader(env: &Env<'_>, actor: &Actor) -> AppResult<()> {
    let on_a_case = actor.is_centre() || repo::learning::is_on_a_case(env.db(), actor.id).await?;
    Ok(may_read_learning(actor.role, on_a_case)?)
}

fn format_of(row: &learning_materials::Model) -> AppResult<MaterialFormat> {
    MaterialFormat::parse(&row.format)
        .ok_or_else(|| AppError::Internal(format!("unknown material format {:?}", row.format)))
}

async fn with_tags(
    env: &Env<'_>,
    actor: &Actor,
    rows: Vec<learning_materials::Model>,
) -> AppResult<Vec<Material>> {
    let tags = repo::learning::material_tags(env.db()).await?;
    let reads = repo::learning::reads_of(env.db(), &[actor.id]).await?;
    rows.into_iter()
        .map(|mut row| {
            row.pdf = None;
            Ok(Material {
                format: format_of(&row)?,
                tags: tags
                    .iter()
                    .filter(|t| t.material_id == row.id)
                    .map(|t| StageTag::new(&t.pathway, &t.stage_key))
                    .collect(),
                read_by_me: reads.iter().any(|r| r.material_id == row.id),
                row,
            })
        })
        .collect()
}

/// The library: current materials for everyone, retired ones too for the centre.
pub async fn list(env: &Env<'_>, actor: &Actor) -> AppResult<Vec<Material>> {
    check_reader(env, actor).await?;
    let rows = repo::learning::all(env.db(), actor.is_centre()).await?;
    with_tags(env, actor, rows).await
}

/// One material; a retired one is the centre's to see.
async fn find(
    env: &Env<'_>,
    actor: &Actor,
    id: MaterialId,
) -> AppResult<learning_materials::Model> {
    check_reader(env, actor).await?;
    repo::learning::find(env.db(), id.get())
        .await?
        .filter(|m| m.retired_at.is_none() || actor.is_centre())
        .ok_or(AppError::NotFound)
}

/// A material to read: a page's blocks, or a PDF's name and size.
pub struct Reading {
    pub material: Material,
    pub blocks: Vec<TextBlock>,
    pub pdf_bytes: usize,
}

pub async fn read(env: &Env<'_>, actor: &Actor, id: MaterialId) -> AppResult<Reading> {
    let row = find(env, actor, id).await?;
    let blocks = page_text::parse(&row.body);
    let pdf_bytes = row.pdf.as_ref().map_or(0, Vec::len);
    let material = with_tags(env, actor, vec![row])
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    Ok(Reading {
        material,
        blocks,
        pdf_bytes,
    })
}

/// A PDF material's file name and bytes.
pub async fn pdf(env: &Env<'_>, actor: &Actor, id: MaterialId) -> AppResult<(String, Vec<u8>)> {
    let row = find(env, actor, id).await?;
    match row.pdf {
        Some(bytes) if row.format == MaterialFormat::Pdf.as_str() => Ok((row.pdf_name, bytes)),
        _ => Err(AppError::NotFound),
    }
}

/// Marks a material as read by this person; marking it again changes nothing.
pub async fn mark_read(env: &Env<'_>, actor: &Actor, id: MaterialId) -> AppResult<()> {
    find(env, actor, id).await?;
    let txn = begin_write(env.db()).await?;
    repo::learning::mark_read(&txn, id.get(), actor.id, env.clock.now()).await?;
    txn.commit().await?;
    Ok(())
}

/// A material for staff to change, with its PDF's presence.
pub async fn for_edit(env: &Env<'_>, actor: &Actor, id: MaterialId) -> AppResult<Reading> {
    require_centre(actor.role)?;
    read(env, actor, id).await
}

pub async fn create(
    env: &Env<'_>,
    actor: &Actor,
    input: &MaterialInput,
    upload: Option<&Upload>,
) -> AppResult<Result<MaterialId, FieldErrors>> {
    require_centre(actor.role)?;
    let material = match check_material(input, upload, false) {
        Ok(m) => m,
        Err(errors) => return Ok(Err(errors)),
    };
    let txn = begin_write(env.db()).await?;
    let id = repo::learning::insert(&txn, &material, actor.id, env.clock.now()).await?;
    txn.commit().await?;
    tracing::info!(material_id = id, "learning material added");
    Ok(Ok(MaterialId(id)))
}

/// Saves a change made from `version`; a PDF needs no new file unless it is changing.
pub async fn update(
    env: &Env<'_>,
    actor: &Actor,
    id: MaterialId,
    version: i64,
    input: &MaterialInput,
    upload: Option<&Upload>,
) -> AppResult<Result<(), FieldErrors>> {
    require_centre(actor.role)?;
    let stored = find(env, actor, id).await?;
    let has_pdf = stored.format == MaterialFormat::Pdf.as_str() && stored.pdf.is_some();
    let material = match check_material(input, upload, has_pdf) {
        Ok(m) => m,
        Err(errors) => return Ok(Err(errors)),
    };
    let txn = begin_write(env.db()).await?;
    if !repo::learning::update(&txn, id.get(), version, &material, env.clock.now()).await? {
        return Err(AppError::Conflict(
            "the material was changed by someone else".into(),
        ));
    }
    txn.commit().await?;
    Ok(Ok(()))
}

/// Retires a material (no longer offered; kept in the records of those who read it), or
/// brings a retired one back.
pub async fn set_retired(
    env: &Env<'_>,
    actor: &Actor,
    id: MaterialId,
    retire: bool,
) -> AppResult<()> {
    require_centre(actor.role)?;
    find(env, actor, id).await?;
    let now = env.clock.now();
    let txn = begin_write(env.db()).await?;
    repo::learning::set_retired(&txn, id.get(), retire.then_some(now), now).await?;
    txn.commit().await?;
    Ok(())
}
