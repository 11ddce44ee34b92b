//! A meeting's record beyond the meeting itself: each notice delivery, proxies held, and
//! members' written consent to short notice.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};

use crate::db::entities::meeting_attendees::{self, Entity as Attendees};
use crate::db::entities::notice_deliveries::{self, Entity as Deliveries};

pub struct NewDelivery<'a> {
    pub meeting_id: i64,
    pub attendee_id: Option<i64>,
    pub name: &'a str,
    pub address: &'a str,
    pub method: &'a str,
    pub sent_at: i64,
    /// `sent` or `failed`.
    pub status: &'a str,
    pub detail: &'a str,
}

pub async fn insert_delivery(db: &impl ConnectionTrait, d: NewDelivery<'_>) -> Result<(), DbErr> {
    notice_deliveries::ActiveModel {
        meeting_id: Set(d.meeting_id),
        attendee_id: Set(d.attendee_id),
        name: Set(d.name.into()),
        address: Set(d.address.into()),
        method: Set(d.method.into()),
        sent_at: Set(d.sent_at),
        status: Set(d.status.into()),
        detail: Set(d.detail.into()),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// Every delivery of a meeting's notices, latest sending first, then by name.
pub async fn deliveries(
    db: &impl ConnectionTrait,
    meeting_id: i64,
) -> Result<Vec<notice_deliveries::Model>, DbErr> {
    Deliveries::find()
        .filter(notice_deliveries::Column::MeetingId.eq(meeting_id))
        .order_by_desc(notice_deliveries::Column::SentAt)
        .order_by_asc(notice_deliveries::Column::Name)
        .order_by_asc(notice_deliveries::Column::Id)
        .all(db)
        .await
}

/// Records who came and, for a member represented by proxy, who holds the proxy.
pub async fn set_attendance(
    db: &impl ConnectionTrait,
    (meeting_id, attendee_id): (i64, i64),
    (attendance, proxy_holder): (&str, &str),
    by: i64,
    now: i64,
) -> Result<bool, DbErr> {
    let r = Attendees::update_many()
        .col_expr(
            meeting_attendees::Column::Attendance,
            Expr::value(attendance),
        )
        .col_expr(
            meeting_attendees::Column::ProxyHolder,
            Expr::value(proxy_holder),
        )
        .col_expr(meeting_attendees::Column::ChangedBy, Expr::value(by))
        .col_expr(meeting_attendees::Column::ChangedAt, Expr::value(now))
        .filter(meeting_attendees::Column::MeetingId.eq(meeting_id))
        .filter(meeting_attendees::Column::Id.eq(attendee_id))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Sets or clears a member's recorded consent to short notice.
pub async fn set_short_notice_consent(
    db: &impl ConnectionTrait,
    meeting_id: i64,
    attendee_id: i64,
    at: Option<i64>,
) -> Result<bool, DbErr> {
    let r = Attendees::update_many()
        .col_expr(
            meeting_attendees::Column::ShortNoticeConsentAt,
            Expr::value(at),
        )
        .filter(meeting_attendees::Column::MeetingId.eq(meeting_id))
        .filter(meeting_attendees::Column::Id.eq(attendee_id))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}
