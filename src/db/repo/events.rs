use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};

use sea_orm::sea_query::Expr;

use crate::db::entities::case_events::{self, Entity as Events};
use crate::db::entities::cases::{self, Entity as Cases};

/// Appends one entry to a case's history. Call it in the same transaction as the change it
/// describes, so the log can never disagree with the data.
///
/// Every change to a case writes an event, so this is also where the case's "last change"
/// (`updated_at`) moves: the list, the dashboard and the quiet-case flags read it, and when
/// each kind of change had to remember to touch it, documents, members, the survey and the
/// rules and plan answers forgot. The version is left alone: nobody's open form of the case
/// goes stale because a note was added.
pub async fn record(
    db: &impl ConnectionTrait,
    case_id: i64,
    actor_id: Option<i64>,
    kind: &str,
    summary: &str,
    data: &serde_json::Value,
    now: i64,
) -> Result<(), DbErr> {
    case_events::ActiveModel {
        case_id: Set(case_id),
        actor_id: Set(actor_id),
        kind: Set(kind.to_string()),
        summary: Set(summary.to_string()),
        data: Set(data.to_string()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    // Never backwards: an event dated earlier (a back-filled one) leaves a later change be.
    Cases::update_many()
        .col_expr(cases::Column::UpdatedAt, Expr::value(now))
        .filter(cases::Column::Id.eq(case_id))
        .filter(cases::Column::UpdatedAt.lt(now))
        .exec(db)
        .await
        .map(|_| ())
}

/// A case's history, oldest first.
pub async fn for_case(
    db: &impl ConnectionTrait,
    case_id: i64,
) -> Result<Vec<case_events::Model>, DbErr> {
    Events::find()
        .filter(case_events::Column::CaseId.eq(case_id))
        .order_by_asc(case_events::Column::Id)
        .all(db)
        .await
}
