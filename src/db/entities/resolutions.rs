use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "resolutions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub meeting_id: i64,
    pub case_id: i64,
    pub position: i32,
    pub kind: String,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    pub approves: String,
    pub document_id: Option<i64>,
    pub document_version: Option<i32>,
    pub document_hash: Option<String>,
    pub price_pence: Option<i64>,
    #[sea_orm(column_type = "Text")]
    pub candidates: String,
    pub seats: i32,
    pub room_present: Option<i32>,
    pub room_proxies: Option<i32>,
    pub room_for: Option<i32>,
    pub room_against: Option<i32>,
    pub room_abstain: Option<i32>,
    #[sea_orm(column_type = "Text", nullable)]
    pub room_tally: Option<String>,
    pub room_recorded_at: Option<i64>,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
