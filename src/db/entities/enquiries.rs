use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "enquiries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub organisation: String,
    pub role: String,
    pub situation: String,
    pub readiness: Option<String>,
    pub status: String,
    pub decline_reason: String,
    pub case_id: Option<i64>,
    /// No longer written: since migration m20261130_000010 the enquirer's rep link is an
    /// ordinary row of `invitations` (of the case in `case_id`).
    pub invitation_id: Option<i64>,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub decided_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
