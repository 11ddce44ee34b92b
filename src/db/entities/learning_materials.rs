use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "learning_materials")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub title: String,
    pub format: String,
    pub body: String,
    pub pdf: Option<Vec<u8>>,
    pub created_by: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    pub retired_at: Option<i64>,
    pub pdf_name: String,
    pub version: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
