use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "impact_runs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub period_from: String,
    pub period_to: String,
    pub definitions_version: String,
    #[sea_orm(column_type = "Text")]
    pub figures: String,
    pub saved_by: Option<i64>,
    pub saved_by_name: String,
    pub saved_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
