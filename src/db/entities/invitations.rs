use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invitations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub case_id: i64,
    pub name: String,
    pub email: String,
    pub role: String,
    pub token_hash: String,
    pub status: String,
    pub expires_at: i64,
    pub invited_by: i64,
    pub sent_at: Option<i64>,
    pub send_error: Option<String>,
    pub accepted_user_id: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
