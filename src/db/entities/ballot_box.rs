use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ballot_box")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub box_id: String,
    pub meeting_id: i64,
    pub receipt: String,
    #[sea_orm(column_type = "Text")]
    pub paper: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
