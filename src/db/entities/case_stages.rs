use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_stages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub case_id: i64,
    pub stage_key: String,
    pub status: String,
    /// JSON: checklist key to `{"state": "done"}` or `{"state": "na", "reason": "…"}`.
    pub checklist: String,
    pub signed_off_by: Option<i64>,
    pub signed_off_name: String,
    pub signed_off_at: Option<i64>,
    pub signoff_note: String,
    pub returned_note: String,
    pub version: i64,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
