use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting_attendees")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub meeting_id: i64,
    pub user_id: Option<i64>,
    pub name: String,
    pub entitled: bool,
    pub attendance: String,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    pub changed_by: Option<i64>,
    pub changed_at: i64,
    pub proxy_holder: String,
    pub short_notice_consent_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
