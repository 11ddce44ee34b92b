use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub title: String,
    pub kind: String,
    pub audience: String,
    pub place: String,
    pub online_link: String,
    pub capacity: i32,
    pub description: String,
    pub case_id: Option<i64>,
    pub is_open: bool,
    pub status: String,
    pub sequence: i32,
    pub version: i64,
    pub created_by: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    /// Sign-up closes this many hours before the first session starts.
    pub signup_cutoff_hours: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
