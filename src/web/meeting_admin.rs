//! Running a meeting's record: changing its details, recording who came (on a phone, in the
//! room), members' consent to short notice, and taking a resolution off the agenda. Thin:
//! each handler parses the form, calls one service and chooses a page.

use crate::web::templates::Template;
use rocket::form::Form;
use rocket::request::FlashMessage;
use rocket::{get, post, routes, Data, Route};
use serde::Serialize;

use super::case_header::CaseHeader;
use super::form_body;
use super::meetings::meetings_view_forms::DateParts;
use super::meetings::{CountFields, ScheduleForm};
use super::page::{PageContext, PageOrRedirect};
use crate::domain::access::Need;
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::CaseId;
use crate::domain::meetings::notice::{NoticeMethod, NoticePlan};
use crate::domain::meetings::Attendance;
use crate::domain::rules::options::Proxies;
use crate::error::AppResult;
use crate::services::auth::Actor;
use crate::services::meeting_docs;
use crate::services::meetings::{self as svc, AttendanceMark, Meeting};
use crate::services::Env;

pub fn routes() -> Vec<Route> {
    routes![
        edit_page,
        edit,
        attendance_page,
        attendance,
        short_notice,
        remove_resolution
    ]
}

#[derive(Serialize)]
struct EditView {
    header: CaseHeader,
    id: i64,
    kind: &'static str,
    form: ScheduleForm,
    notice_sent: bool,
    field_errors: std::collections::BTreeMap<String, String>,
    too_soon: Option<NoticePlan>,
}

fn edit_view(
    m: &Meeting,
    form: ScheduleForm,
    errors: &FieldErrors,
    too_soon: Option<NoticePlan>,
) -> EditView {
    EditView {
        header: CaseHeader::of(&m.opened, "/meetings"),
        id: m.meeting.id,
        kind: m.kind.label(),
        form,
        notice_sent: m.meeting.notice_sent_on.is_some(),
        field_errors: errors.by_field(),
        too_soon,
    }
}

#[get("/cases/<id>/meetings/<meeting>/edit")]
async fn edit_page(env: Env<'_>, actor: &Actor, id: CaseId, meeting: i64) -> AppResult<Template> {
    let m = svc::find(&env, actor, id, meeting, Need::Work).await?;
    let form = ScheduleForm {
        kind: m.kind.as_str().into(),
        title: m.meeting.title.clone(),
        date: m.date().map(DateParts::of).unwrap_or_default(),
        time: m.meeting.start_time.clone(),
        place: m.meeting.place.clone(),
        online_link: m.meeting.online_link.clone(),
        chair: m.meeting.chair.clone(),
        keep_date: String::new(),
    };
    let view = edit_view(&m, form, &FieldErrors::new(), None);
    Ok(PageContext::for_actor(actor, None).render("meetings/edit", "Change the meeting", view))
}

#[post("/cases/<id>/meetings/<meeting>/edit", data = "<form>")]
async fn edit(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    meeting: i64,
    form: Form<ScheduleForm>,
) -> AppResult<PageOrRedirect> {
    match svc::update(&env, actor, id, meeting, &form.to_input()).await? {
        Ok(changed) => Ok(PageOrRedirect::success(
            format!("/cases/{id}/meetings/{meeting}"),
            if changed.new_notice_needed {
                "The meeting is changed. The notice already sent gives the old details, so members need a new notice: make it and send it again. The clear days count from the new notice."
            } else {
                "The meeting is changed."
            },
        )),
        Err(problem) => {
            let m = svc::find(&env, actor, id, meeting, Need::Work).await?;
            let view = edit_view(&m, form.into_inner(), &problem.errors, problem.too_soon);
            Ok(PageOrRedirect::invalid(
                PageContext::for_actor(actor, None).render_with_errors(
                    "meetings/edit",
                    "Change the meeting",
                    &problem.errors,
                    view,
                ),
            ))
        }
    }
}

#[derive(Serialize)]
struct AttendeeRow {
    id: i64,
    name: String,
    entitled: bool,
    options: Vec<(String, String, bool)>,
    proxy_field: String,
    proxy_holder: String,
    error: Option<String>,
    proxy_error: Option<String>,
}

#[derive(Serialize)]
struct AttendanceView {
    header: CaseHeader,
    id: i64,
    title: String,
    proxies_allowed: bool,
    proxy_sentence: String,
    people: Vec<AttendeeRow>,
    field_errors: std::collections::BTreeMap<String, String>,
}

fn attendance_view(m: &Meeting, posted: &[AttendanceMark], errors: &FieldErrors) -> AttendanceView {
    let proxies_allowed = m.terms.proxies != Proxies::None;
    let people = m
        .attendees
        .iter()
        .map(|a| {
            let mark = posted.iter().find(|p| p.attendee_id == a.id);
            let chosen = mark.map_or(a.attendance.as_str(), |p| p.attendance.as_str());
            let options = Attendance::ALL
                .iter()
                .filter(|x| **x != Attendance::NotRecorded)
                .filter(|x| proxies_allowed || **x != Attendance::Proxy)
                .map(|x| {
                    (
                        x.as_str().to_string(),
                        x.label().to_string(),
                        x.as_str() == chosen,
                    )
                })
                .collect();
            AttendeeRow {
                id: a.id,
                name: a.name.clone(),
                entitled: a.entitled,
                options,
                proxy_field: format!("p{}", a.id),
                proxy_holder: mark.map_or(a.proxy_holder.clone(), |p| p.proxy_holder.clone()),
                error: errors.first(&format!("a{}", a.id)).map(String::from),
                proxy_error: errors.first(&format!("p{}", a.id)).map(String::from),
            }
        })
        .collect();
    AttendanceView {
        header: CaseHeader::of(&m.opened, "/meetings"),
        id: m.meeting.id,
        title: m.meeting.title.clone(),
        proxies_allowed,
        proxy_sentence: m.terms.proxy_sentence(),
        people,
        field_errors: errors.by_field(),
    }
}

#[get("/cases/<id>/meetings/<meeting>/attendance")]
async fn attendance_page(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    meeting: i64,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let m = svc::find(&env, actor, id, meeting, Need::Work).await?;
    let view = attendance_view(&m, &[], &FieldErrors::new());
    Ok(PageContext::for_actor(actor, flash).render("meetings/attendance", "Who came", view))
}

#[post("/cases/<id>/meetings/<meeting>/attendance", data = "<data>")]
async fn attendance(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    meeting: i64,
    data: Data<'_>,
) -> AppResult<PageOrRedirect> {
    let posted = form_body::checked(form_body::read(data).await?)?;
    let marks: Vec<AttendanceMark> = posted
        .iter()
        .filter_map(|(k, v)| {
            let attendee_id = k.strip_prefix('a')?.parse().ok()?;
            Some(AttendanceMark {
                attendee_id,
                attendance: v.clone(),
                proxy_holder: form_body::value(&posted, &format!("p{attendee_id}")).to_string(),
            })
        })
        .collect();
    match svc::record_attendance(&env, actor, id, meeting, &marks).await? {
        Ok(()) => Ok(PageOrRedirect::success(
            format!("/cases/{id}/meetings/{meeting}#resolutions"),
            "Attendance is recorded. The count for each resolution starts from it.",
        )),
        Err(errors) => {
            let m = svc::find(&env, actor, id, meeting, Need::Work).await?;
            let view = attendance_view(&m, &marks, &errors);
            Ok(PageOrRedirect::invalid(
                PageContext::for_actor(actor, None).render_with_errors(
                    "meetings/attendance",
                    "Who came",
                    &errors,
                    view,
                ),
            ))
        }
    }
}

#[post("/cases/<id>/meetings/<meeting>/short-notice", data = "<data>")]
async fn short_notice(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    meeting: i64,
    data: Data<'_>,
) -> AppResult<PageOrRedirect> {
    let posted = form_body::checked(form_body::read(data).await?)?;
    let agreed: Vec<i64> = form_body::values(&posted, "agreed")
        .into_iter()
        .filter_map(|v| v.parse().ok())
        .collect();
    let count = meeting_docs::set_short_notice_consents(&env, actor, id, meeting, &agreed).await?;
    Ok(PageOrRedirect::success(
        format!("/cases/{id}/meetings/{meeting}#notice"),
        &format!("Recorded: {count} members have agreed in writing to short notice."),
    ))
}

#[post("/cases/<id>/meetings/<meeting>/resolutions/<resolution>/remove")]
async fn remove_resolution(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    meeting: i64,
    resolution: i64,
) -> AppResult<PageOrRedirect> {
    svc::remove_resolution(&env, actor, id, meeting, resolution).await?;
    Ok(PageOrRedirect::success(
        format!("/cases/{id}/meetings/{meeting}#resolutions"),
        "The resolution is taken off the agenda. If the notice was made, make it again before sending it.",
    ))
}

/// The count form starts from the attendance recorded: members present, and by proxy.
pub(super) fn from_attendance(m: &Meeting) -> CountFields {
    let n = |what: &str| {
        m.attendees
            .iter()
            .filter(|a| a.entitled && a.attendance == what)
            .count()
    };
    let (present, proxies) = (n("present"), n("proxy"));
    if present + proxies == 0 {
        return CountFields::default();
    }
    CountFields {
        present: present.to_string(),
        proxies: proxies.to_string(),
        ..CountFields::default()
    }
}

#[derive(Serialize)]
struct ConsentRow {
    id: i64,
    name: String,
    agreed: bool,
}

#[derive(Serialize)]
struct ShortNoticeView {
    rule: String,
    agreed: u32,
    people: Vec<ConsentRow>,
    may_record: bool,
}

#[derive(Serialize)]
struct DeliveryRow {
    name: String,
    how: &'static str,
    when: String,
    address: String,
    failed: bool,
    detail: String,
}

/// The parts of the meeting page about running its record.
#[derive(Serialize, Default)]
pub struct RecordView {
    may_change: bool,
    short_notice: Option<ShortNoticeView>,
    deliveries: Vec<DeliveryRow>,
}

pub(super) async fn record_view(env: &Env<'_>, m: &Meeting) -> AppResult<RecordView> {
    let works = m.opened.role.works_on_case();
    if !works {
        return Ok(RecordView::default());
    }
    let mt = &m.meeting;
    let held = mt.ballot_opens_at.is_some()
        || m.resolutions.iter().any(|r| r.room_recorded_at.is_some())
        || mt.minutes_document_id.is_some();
    let entitled: Vec<_> = m.attendees.iter().filter(|a| a.entitled).collect();
    let agreed = entitled
        .iter()
        .filter(|a| a.short_notice_consent_at.is_some())
        .count();
    let too_soon =
        mt.notice_sent_on.is_none() && m.notice_plan(env).is_some_and(|p| p.warning.is_some());
    let short_notice =
        (m.kind.follows_the_rules() && (too_soon || agreed > 0)).then(|| ShortNoticeView {
            rule: m.terms.short_notice_rule(m.entitled_count()),
            agreed: u32::try_from(agreed).unwrap_or(u32::MAX),
            people: entitled
                .iter()
                .map(|a| ConsentRow {
                    id: a.id,
                    name: a.name.clone(),
                    agreed: a.short_notice_consent_at.is_some(),
                })
                .collect(),
            may_record: mt.notice_sent_on.is_none()
                && m.terms.short_notice_needed(m.entitled_count()).is_some(),
        });
    let deliveries = meeting_docs::deliveries(env, m)
        .await?
        .into_iter()
        .map(|d| DeliveryRow {
            how: NoticeMethod::parse(&d.method).map_or("", |x| x.label()),
            when: crate::domain::meetings::uk_time::uk_text(d.sent_at),
            failed: d.status == "failed",
            name: d.name,
            address: d.address,
            detail: d.detail,
        })
        .collect();
    Ok(RecordView {
        may_change: !held && svc::may_meet(&m.opened),
        short_notice,
        deliveries,
    })
}
