//! Members' meetings (issue 14): `meetings`, `meeting_attendees` and `resolutions`. The
//! older `case_meetings` table (a date a rep tells workers about) is `repo::meetings`.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder,
};

use crate::db::entities::meeting_attendees::{self, Entity as Attendees};
use crate::db::entities::meetings::{self, Entity as Meetings};
use crate::db::entities::resolutions::{self, Entity as Resolutions};

pub struct NewMeeting<'a> {
    pub case_id: i64,
    pub kind: &'a str,
    pub title: &'a str,
    pub meeting_date: &'a str,
    pub start_time: &'a str,
    pub place: &'a str,
    pub online_link: &'a str,
    pub chair: &'a str,
    pub created_by: i64,
    pub now: i64,
}

pub async fn insert(
    db: &impl ConnectionTrait,
    m: NewMeeting<'_>,
) -> Result<meetings::Model, DbErr> {
    meetings::ActiveModel {
        case_id: Set(m.case_id),
        kind: Set(m.kind.into()),
        title: Set(m.title.into()),
        meeting_date: Set(m.meeting_date.into()),
        start_time: Set(m.start_time.into()),
        place: Set(m.place.into()),
        online_link: Set(m.online_link.into()),
        chair: Set(m.chair.into()),
        created_by: Set(m.created_by),
        created_at: Set(m.now),
        version: Set(1),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// A meeting of this case; `None` for a meeting of another case, exactly as a missing one.
pub async fn find(
    db: &impl ConnectionTrait,
    case_id: i64,
    meeting_id: i64,
) -> Result<Option<meetings::Model>, DbErr> {
    Meetings::find_by_id(meeting_id)
        .filter(meetings::Column::CaseId.eq(case_id))
        .one(db)
        .await
}

/// A case's meetings, soonest first.
pub async fn for_case(
    db: &impl ConnectionTrait,
    case_id: i64,
) -> Result<Vec<meetings::Model>, DbErr> {
    for_cases(db, vec![case_id]).await
}

pub async fn for_cases(
    db: &impl ConnectionTrait,
    case_ids: Vec<i64>,
) -> Result<Vec<meetings::Model>, DbErr> {
    Meetings::find()
        .filter(meetings::Column::CaseId.is_in(case_ids))
        .order_by_asc(meetings::Column::MeetingDate)
        .order_by_asc(meetings::Column::StartTime)
        .order_by_asc(meetings::Column::Id)
        .all(db)
        .await
}

/// Saves a changed meeting row, bumping its version.
pub async fn save(db: &impl ConnectionTrait, m: meetings::Model) -> Result<meetings::Model, DbErr> {
    let version = m.version + 1;
    let active: meetings::ActiveModel = m.into();
    let mut active = active.reset_all();
    active.version = Set(version);
    active.update(db).await
}

pub struct NewAttendee<'a> {
    pub meeting_id: i64,
    pub user_id: Option<i64>,
    pub name: &'a str,
    pub entitled: bool,
    pub reason: &'a str,
    pub changed_by: Option<i64>,
    pub now: i64,
}

pub async fn insert_attendee(db: &impl ConnectionTrait, a: NewAttendee<'_>) -> Result<(), DbErr> {
    meeting_attendees::ActiveModel {
        meeting_id: Set(a.meeting_id),
        user_id: Set(a.user_id),
        name: Set(a.name.into()),
        entitled: Set(a.entitled),
        attendance: Set("not_recorded".into()),
        reason: Set(a.reason.into()),
        changed_by: Set(a.changed_by),
        changed_at: Set(a.now),
        proxy_holder: Set(String::new()),
        short_notice_consent_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// Everyone listed for a meeting, by name.
pub async fn attendees(
    db: &impl ConnectionTrait,
    meeting_id: i64,
) -> Result<Vec<meeting_attendees::Model>, DbErr> {
    Attendees::find()
        .filter(meeting_attendees::Column::MeetingId.eq(meeting_id))
        .order_by_asc(meeting_attendees::Column::Name)
        .order_by_asc(meeting_attendees::Column::Id)
        .all(db)
        .await
}

pub async fn set_entitled(
    db: &impl ConnectionTrait,
    meeting_id: i64,
    attendee_id: i64,
    entitled: bool,
    reason: &str,
    by: i64,
    now: i64,
) -> Result<bool, DbErr> {
    let r = Attendees::update_many()
        .col_expr(meeting_attendees::Column::Entitled, Expr::value(entitled))
        .col_expr(meeting_attendees::Column::Reason, Expr::value(reason))
        .col_expr(meeting_attendees::Column::ChangedBy, Expr::value(by))
        .col_expr(meeting_attendees::Column::ChangedAt, Expr::value(now))
        .filter(meeting_attendees::Column::MeetingId.eq(meeting_id))
        .filter(meeting_attendees::Column::Id.eq(attendee_id))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

pub struct NewResolution<'a> {
    pub meeting_id: i64,
    pub case_id: i64,
    pub kind: &'a str,
    pub text: &'a str,
    pub approves: &'a str,
    pub document: Option<(i64, i32, String)>,
    pub price_pence: Option<i64>,
    pub candidates_json: String,
    pub seats: i32,
    pub now: i64,
}

pub async fn insert_resolution(
    db: &impl ConnectionTrait,
    r: NewResolution<'_>,
) -> Result<resolutions::Model, DbErr> {
    let position = Resolutions::find()
        .filter(resolutions::Column::MeetingId.eq(r.meeting_id))
        .count(db)
        .await?;
    resolutions::ActiveModel {
        meeting_id: Set(r.meeting_id),
        case_id: Set(r.case_id),
        position: Set(i32::try_from(position).unwrap_or(i32::MAX - 1) + 1),
        kind: Set(r.kind.into()),
        text: Set(r.text.into()),
        approves: Set(r.approves.into()),
        document_id: Set(r.document.as_ref().map(|d| d.0)),
        document_version: Set(r.document.as_ref().map(|d| d.1)),
        document_hash: Set(r.document.map(|d| d.2)),
        price_pence: Set(r.price_pence),
        candidates: Set(r.candidates_json),
        seats: Set(r.seats),
        created_at: Set(r.now),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// A meeting's resolutions in the order they were put.
pub async fn resolutions(
    db: &impl ConnectionTrait,
    meeting_id: i64,
) -> Result<Vec<resolutions::Model>, DbErr> {
    Resolutions::find()
        .filter(resolutions::Column::MeetingId.eq(meeting_id))
        .order_by_asc(resolutions::Column::Position)
        .order_by_asc(resolutions::Column::Id)
        .all(db)
        .await
}

/// Every resolution of a case, for the gates that take one as evidence.
pub async fn resolutions_of_case(
    db: &impl ConnectionTrait,
    case_id: i64,
) -> Result<Vec<resolutions::Model>, DbErr> {
    Resolutions::find()
        .filter(resolutions::Column::CaseId.eq(case_id))
        .order_by_asc(resolutions::Column::Id)
        .all(db)
        .await
}

/// The count taken in the room for one resolution.
pub struct RoomCount {
    pub present: i32,
    pub proxies: i32,
    pub votes_for: i32,
    pub votes_against: i32,
    pub abstentions: i32,
    pub tally_json: Option<String>,
}

pub async fn record_room_count(
    db: &impl ConnectionTrait,
    meeting_id: i64,
    resolution_id: i64,
    c: RoomCount,
    now: i64,
) -> Result<bool, DbErr> {
    let r = Resolutions::update_many()
        .col_expr(resolutions::Column::RoomPresent, Expr::value(c.present))
        .col_expr(resolutions::Column::RoomProxies, Expr::value(c.proxies))
        .col_expr(resolutions::Column::RoomFor, Expr::value(c.votes_for))
        .col_expr(
            resolutions::Column::RoomAgainst,
            Expr::value(c.votes_against),
        )
        .col_expr(resolutions::Column::RoomAbstain, Expr::value(c.abstentions))
        .col_expr(resolutions::Column::RoomTally, Expr::value(c.tally_json))
        .col_expr(resolutions::Column::RoomRecordedAt, Expr::value(now))
        .filter(resolutions::Column::MeetingId.eq(meeting_id))
        .filter(resolutions::Column::Id.eq(resolution_id))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Deletes a resolution of a meeting (before its notice goes out).
pub async fn delete_resolution(
    db: &impl ConnectionTrait,
    meeting_id: i64,
    resolution_id: i64,
) -> Result<bool, DbErr> {
    let r = Resolutions::delete_many()
        .filter(resolutions::Column::MeetingId.eq(meeting_id))
        .filter(resolutions::Column::Id.eq(resolution_id))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}
