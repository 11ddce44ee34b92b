use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "learning_material_stages")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub material_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub pathway: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub stage_key: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
