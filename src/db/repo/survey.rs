//! The survey tables: `survey_responses` and `survey_status`.

use sea_orm::{
    sea_query::OnConflict, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};

use crate::db::entities::survey_responses::{self, Entity as Responses};
use crate::db::entities::survey_status::{self, Entity as Status};
use crate::db::entities::users::{self, Entity as Users};
use crate::domain::survey::SurveyAnswers;

pub async fn find(
    db: &impl ConnectionTrait,
    case_id: i64,
    user_id: i64,
) -> Result<Option<survey_responses::Model>, DbErr> {
    Responses::find_by_id((case_id, user_id)).one(db).await
}

/// Every answer of a case with the name of who gave it, oldest first.
pub async fn for_case(
    db: &impl ConnectionTrait,
    case_id: i64,
) -> Result<Vec<(survey_responses::Model, String)>, DbErr> {
    let rows = Responses::find()
        .filter(survey_responses::Column::CaseId.eq(case_id))
        .order_by_asc(survey_responses::Column::CreatedAt)
        .all(db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.user_id).collect();
    let people = Users::find()
        .filter(users::Column::Id.is_in(ids))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let name = people
                .iter()
                .find(|u| u.id == r.user_id)
                .map_or_else(String::new, |u| u.name.clone());
            (r, name)
        })
        .collect())
}

/// Saves a worker's answers, replacing earlier ones.
pub async fn save(
    db: &impl ConnectionTrait,
    case_id: i64,
    user_id: i64,
    a: &SurveyAnswers,
    now: i64,
) -> Result<(), DbErr> {
    let row = survey_responses::ActiveModel {
        case_id: Set(case_id),
        user_id: Set(user_id),
        would_join: Set(a.would_join.clone()),
        worries: Set(serde_json::to_string(&a.worries).unwrap_or_else(|_| "[]".into())),
        worries_other: Set(a.worries_other.clone()),
        capital_band: Set(a.capital_band.clone()),
        capital_pence: Set(a.capital_pence),
        capital_term: Set(a.capital_term.clone()),
        hours_per_week: Set(a.hours_per_week),
        skills: Set(serde_json::to_string(&a.skills).unwrap_or_else(|_| "[]".into())),
        created_at: Set(now),
        updated_at: Set(now),
    };
    use survey_responses::Column as C;
    Responses::insert(row)
        .on_conflict(
            OnConflict::columns([C::CaseId, C::UserId])
                .update_columns([
                    C::WouldJoin,
                    C::Worries,
                    C::WorriesOther,
                    C::CapitalBand,
                    C::CapitalPence,
                    C::CapitalTerm,
                    C::HoursPerWeek,
                    C::Skills,
                    C::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec(db)
        .await
        .map(|_| ())
}

/// When the survey was closed, if it is.
pub async fn closed_at(db: &impl ConnectionTrait, case_id: i64) -> Result<Option<i64>, DbErr> {
    Ok(Status::find_by_id(case_id)
        .one(db)
        .await?
        .and_then(|s| s.closed_at))
}

/// Closes (`Some(actor)`) or reopens (`None`) a case's survey.
pub async fn set_closed(
    db: &impl ConnectionTrait,
    case_id: i64,
    closed_by: Option<i64>,
    now: i64,
) -> Result<(), DbErr> {
    let row = survey_status::ActiveModel {
        case_id: Set(case_id),
        closed_at: Set(closed_by.map(|_| now)),
        closed_by: Set(closed_by),
    };
    Status::insert(row)
        .on_conflict(
            OnConflict::column(survey_status::Column::CaseId)
                .update_columns([
                    survey_status::Column::ClosedAt,
                    survey_status::Column::ClosedBy,
                ])
                .to_owned(),
        )
        .exec(db)
        .await
        .map(|_| ())
}

/// Decodes a stored JSON list of keys.
pub fn keys(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}
