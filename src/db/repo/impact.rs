//! The impact report's saved runs and readiness-check counts, and `load`: everything the
//! report counts from, read whole, for `services::impact_reference`, which counts the figures
//! in memory as the reference the SQL counts (`impact_counts`) are tested against. The report
//! itself never calls `load`: it reads every row, which took a minute at 100,000 cases.

use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::db::entities::{
    case_answers, case_events, case_stages, cases, documents, enquiries, event_attendance,
    event_feedback, event_people, event_registrations, event_sessions, events, impact_runs,
    readiness_check_counts,
};

pub struct Rows {
    pub events: Vec<events::Model>,
    pub sessions: Vec<event_sessions::Model>,
    pub registrations: Vec<event_registrations::Model>,
    pub people: Vec<event_people::Model>,
    pub attendance: Vec<event_attendance::Model>,
    pub feedback: Vec<event_feedback::Model>,
    pub readiness_checks: Vec<readiness_check_counts::Model>,
    pub enquiries: Vec<enquiries::Model>,
    pub cases: Vec<cases::Model>,
    pub stages: Vec<case_stages::Model>,
    /// `stage_started` and `status_changed` events: when stages began and cases ended.
    pub case_events: Vec<case_events::Model>,
    /// The answers that evidence outcomes (registration and trading dates).
    pub outcome_answers: Vec<case_answers::Model>,
    /// Final business plan versions: (case, version, answers JSON, made at).
    pub final_plans: Vec<(i64, i32, String, i64)>,
}

/// The question keys whose answers are outcome dates.
pub const OUTCOME_KEYS: &[&str] = &["registered", "trading_start"];

pub async fn load(db: &impl ConnectionTrait) -> Result<Rows, DbErr> {
    Ok(Rows {
        events: events::Entity::find().all(db).await?,
        sessions: event_sessions::Entity::find().all(db).await?,
        registrations: event_registrations::Entity::find().all(db).await?,
        people: event_people::Entity::find().all(db).await?,
        attendance: event_attendance::Entity::find()
            .filter(event_attendance::Column::Present.eq(true))
            .all(db)
            .await?,
        feedback: event_feedback::Entity::find().all(db).await?,
        readiness_checks: readiness_check_counts::Entity::find().all(db).await?,
        enquiries: enquiries::Entity::find().all(db).await?,
        cases: cases::Entity::find().all(db).await?,
        stages: case_stages::Entity::find()
            .filter(case_stages::Column::SignedOffAt.is_not_null())
            .all(db)
            .await?,
        case_events: case_events::Entity::find()
            .filter(case_events::Column::Kind.is_in(["stage_started", "status_changed"]))
            .all(db)
            .await?,
        outcome_answers: case_answers::Entity::find()
            .filter(case_answers::Column::QuestionKey.is_in(OUTCOME_KEYS.to_vec()))
            .all(db)
            .await?,
        final_plans: documents::Entity::find()
            .select_only()
            .columns([
                documents::Column::CaseId,
                documents::Column::Version,
                documents::Column::Answers,
                documents::Column::CreatedAt,
            ])
            .filter(documents::Column::Kind.eq(PLAN_KIND))
            .filter(documents::Column::Draft.eq(false))
            .into_tuple()
            .all(db)
            .await?,
    })
}

/// The kind of document whose final versions record money raised.
pub const PLAN_KIND: &str = "business_plan";

/// Adds one to the day's count of completed readiness checks.
pub async fn add_readiness_check(db: &impl ConnectionTrait, day: &str) -> Result<(), DbErr> {
    let stmt = Query::insert()
        .into_table(readiness_check_counts::Entity)
        .columns([
            readiness_check_counts::Column::Day,
            readiness_check_counts::Column::Completed,
        ])
        .values_panic([day.into(), 1i64.into()])
        .on_conflict(
            OnConflict::column(readiness_check_counts::Column::Day)
                .value(
                    readiness_check_counts::Column::Completed,
                    Expr::col((
                        readiness_check_counts::Entity,
                        readiness_check_counts::Column::Completed,
                    ))
                    .add(1),
                )
                .to_owned(),
        )
        .to_owned();
    db.execute(&stmt).await.map(|_| ())
}

/// Stores a saved run of the report; returns its id.
pub async fn save_run(
    db: &impl ConnectionTrait,
    run: impact_runs::ActiveModel,
) -> Result<i64, DbErr> {
    Ok(impact_runs::Entity::insert(run)
        .exec(db)
        .await?
        .last_insert_id)
}

/// The saved runs, newest first, without their figures.
pub async fn runs(
    db: &impl ConnectionTrait,
    limit: u64,
) -> Result<Vec<(i64, String, String, String, i64)>, DbErr> {
    impact_runs::Entity::find()
        .select_only()
        .columns([
            impact_runs::Column::Id,
            impact_runs::Column::PeriodFrom,
            impact_runs::Column::PeriodTo,
            impact_runs::Column::SavedByName,
            impact_runs::Column::SavedAt,
        ])
        .order_by_desc(impact_runs::Column::SavedAt)
        .order_by_desc(impact_runs::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await
}

pub async fn run(db: &impl ConnectionTrait, id: i64) -> Result<Option<impact_runs::Model>, DbErr> {
    impact_runs::Entity::find_by_id(id).one(db).await
}
