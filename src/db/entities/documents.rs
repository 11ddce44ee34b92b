use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "documents")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub case_id: i64,
    pub kind: String,
    pub version: i32,
    pub draft: bool,
    pub coop_name: String,
    pub content_hash: String,
    #[sea_orm(column_type = "Text")]
    pub answers: String,
    #[sea_orm(column_type = "Text")]
    pub markup: String,
    #[sea_orm(column_type = "VarBinary(StringLen::None)")]
    pub pdf: Vec<u8>,
    pub page_count: i32,
    pub published: bool,
    pub created_by: i64,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
