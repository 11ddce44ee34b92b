//! The `case_meetings` table: meetings and votes a rep tells the workers about.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};

use crate::db::entities::case_meetings::{self, Entity as Meetings};

pub async fn insert(
    db: &impl ConnectionTrait,
    case_id: i64,
    on_date: &str,
    purpose: &str,
    created_by: i64,
    now: i64,
) -> Result<case_meetings::Model, DbErr> {
    case_meetings::ActiveModel {
        case_id: Set(case_id),
        on_date: Set(on_date.to_string()),
        purpose: Set(purpose.to_string()),
        created_by: Set(created_by),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// The first meeting on or after `today` (`YYYY-MM-DD` sorts as text in date order).
pub async fn next(
    db: &impl ConnectionTrait,
    case_id: i64,
    today: &str,
) -> Result<Option<case_meetings::Model>, DbErr> {
    Meetings::find()
        .filter(case_meetings::Column::CaseId.eq(case_id))
        .filter(case_meetings::Column::OnDate.gte(today))
        .order_by_asc(case_meetings::Column::OnDate)
        .order_by_asc(case_meetings::Column::Id)
        .one(db)
        .await
}
