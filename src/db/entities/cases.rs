use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cases")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub reference: String,
    pub name: String,
    pub pathway: String,
    pub sector: String,
    pub employer: String,
    pub union_name: String,
    pub union_branch: String,
    pub worker_count: i32,
    pub trigger: String,
    pub description: String,
    pub status: String,
    pub current_stage: String,
    pub advisor_id: Option<i64>,
    pub created_by: i64,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
    /// When the current stage was sent for sign-off; `None` when nothing waits.
    pub awaiting_signoff_since: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
