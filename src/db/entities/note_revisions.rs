use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "note_revisions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub note_id: i64,
    pub body: String,
    pub visibility: String,
    pub edited_by: i64,
    pub edited_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
