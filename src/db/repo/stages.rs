//! The state of each stage of a case: status, checklist and sign-off.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    IntoActiveModel, QueryFilter,
};

use crate::db::entities::case_stages::{self, Entity as CaseStages};
use crate::domain::case::{stored, UnknownValue};
use crate::domain::stages::{Checklist, SignOff, StageRecord, StageStatus};

impl TryFrom<&case_stages::Model> for StageRecord {
    type Error = UnknownValue;

    fn try_from(row: &case_stages::Model) -> Result<Self, UnknownValue> {
        Ok(StageRecord {
            status: stored("case_stages.status", &row.status, StageStatus::parse)?,
            checklist: checklist(row)?,
            signed_off: row.signed_off_at.map(|at| SignOff {
                name: row.signed_off_name.clone(),
                at,
            }),
            signoff_note: row.signoff_note.clone(),
            returned_note: row.returned_note.clone(),
            version: row.version,
        })
    }
}

/// The stored checklist of a stage row.
pub fn checklist(row: &case_stages::Model) -> Result<Checklist, UnknownValue> {
    stored("case_stages.checklist", &row.checklist, |text| {
        serde_json::from_str(text).ok()
    })
}

/// The stage rows of a case; stages nobody has touched have none.
pub async fn for_case(
    db: &impl ConnectionTrait,
    case_id: i64,
) -> Result<Vec<case_stages::Model>, DbErr> {
    CaseStages::find()
        .filter(case_stages::Column::CaseId.eq(case_id))
        .all(db)
        .await
}

/// The row for a stage, created as "not started" the first time it is needed.
pub async fn find_or_create(
    db: &impl ConnectionTrait,
    case_id: i64,
    stage_key: &str,
    now: i64,
) -> Result<case_stages::Model, DbErr> {
    let found = CaseStages::find()
        .filter(case_stages::Column::CaseId.eq(case_id))
        .filter(case_stages::Column::StageKey.eq(stage_key))
        .one(db)
        .await?;
    if let Some(row) = found {
        return Ok(row);
    }
    case_stages::ActiveModel {
        case_id: Set(case_id),
        stage_key: Set(stage_key.to_string()),
        status: Set("not_started".into()),
        checklist: Set("{}".into()),
        signed_off_by: Set(None),
        signed_off_name: Set(String::new()),
        signed_off_at: Set(None),
        signoff_note: Set(String::new()),
        returned_note: Set(String::new()),
        version: Set(1),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// Writes a changed row if its version is still the one read; returns whether it did.
pub async fn save_if_version(
    db: &impl ConnectionTrait,
    row: case_stages::Model,
) -> Result<bool, DbErr> {
    let (id, read_version) = (row.id, row.version);
    let mut active = row.into_active_model();
    active = active.reset_all();
    active.id = sea_orm::ActiveValue::NotSet;
    active.version = Set(read_version + 1);
    let result = CaseStages::update_many()
        .set(active)
        .filter(case_stages::Column::Id.eq(id))
        .filter(case_stages::Column::Version.eq(read_version))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::stages::ChecklistMark;

    fn row(status: &str, checklist: &str) -> case_stages::Model {
        case_stages::Model {
            id: 1,
            case_id: 1,
            stage_key: "intake".into(),
            status: status.into(),
            checklist: checklist.into(),
            signed_off_by: Some(2),
            signed_off_name: "Sam".into(),
            signed_off_at: Some(1_700_000_000),
            signoff_note: String::new(),
            returned_note: String::new(),
            version: 3,
            updated_at: 0,
        }
    }

    #[test]
    fn a_stored_stage_is_read_as_typed_values() {
        let record =
            StageRecord::try_from(&row("completed", r#"{"ck_a":{"state":"done"}}"#)).unwrap();
        assert_eq!(record.status, StageStatus::Completed);
        assert_eq!(record.checklist.get("ck_a"), Some(&ChecklistMark::Done));
        assert_eq!(record.signed_off.map(|s| s.name), Some("Sam".to_string()));
        assert_eq!(record.version, 3);
    }

    /// A value written by a newer version, or by hand, stops the page with the column named
    /// instead of showing the stage as untouched.
    #[test]
    fn an_unknown_status_or_checklist_is_an_error_not_a_default() {
        let status = StageRecord::try_from(&row("approved", "{}")).unwrap_err();
        assert_eq!(status.column, "case_stages.status");
        // `cannot_start` is worked out, never stored.
        assert!(StageRecord::try_from(&row("cannot_start", "{}")).is_err());
        let checklist = StageRecord::try_from(&row("in_progress", "[1, 2]")).unwrap_err();
        assert_eq!(checklist.column, "case_stages.checklist");
    }
}
