use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meetings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub case_id: i64,
    pub kind: String,
    pub title: String,
    pub meeting_date: String,
    pub start_time: String,
    #[sea_orm(column_type = "Text")]
    pub place: String,
    #[sea_orm(column_type = "Text")]
    pub online_link: String,
    pub chair: String,
    pub notice_sent_on: Option<String>,
    pub notice_method: Option<String>,
    pub notice_recipients: Option<i32>,
    pub notice_document_id: Option<i64>,
    pub ballot_opens_at: Option<i64>,
    pub ballot_closes_at: Option<i64>,
    pub ballot_closed_at: Option<i64>,
    pub minutes_document_id: Option<i64>,
    pub minutes_confirmed_at: Option<i64>,
    pub minutes_confirmed_by: Option<i64>,
    pub created_by: i64,
    pub created_at: i64,
    pub version: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
