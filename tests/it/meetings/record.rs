//! Running a meeting's record: changing it before and after notice, short notice with the
//! members' written consent, who came (with proxies as the rules allow) and the count in the
//! room, kept as typed when refused.

use coopkit::db::entities::{meeting_attendees, meetings};
use rocket::http::Status;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::{day, founding_meeting, parts, post, sent_today, Founding};
use crate::support::TestApp;

async fn entitled(app: &TestApp, f: &Founding) -> Vec<meeting_attendees::Model> {
    meeting_attendees::Entity::find()
        .filter(meeting_attendees::Column::MeetingId.eq(f.meeting))
        .filter(meeting_attendees::Column::Entitled.eq(true))
        .all(app.db())
        .await
        .expect("meetings test")
}

fn edit_fields(date: &str, place: &str, keep: bool) -> Vec<(&'static str, String)> {
    let (y, m, d) = parts(date);
    let mut fields = vec![
        ("date.day", d),
        ("date.month", m),
        ("date.year", y),
        ("time", "18:30".to_string()),
        ("place", place.to_string()),
    ];
    if keep {
        fields.push(("keep_date", "yes".into()));
    }
    fields
}

/// Ids used more than once on a page: a label or an error link would reach the wrong box.
fn duplicate_ids(page: &str) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    let mut twice = Vec::new();
    for piece in page.split(" id=\"").skip(1) {
        let id = piece.split('"').next().unwrap_or_default().to_string();
        if !seen.insert(id.clone()) {
            twice.push(id);
        }
    }
    twice
}

async fn history(app: &TestApp, case: i64) -> String {
    coopkit::db::repo::events::for_case(app.db(), case)
        .await
        .expect("meetings test")
        .into_iter()
        .map(|e| e.summary)
        .collect::<Vec<_>>()
        .join("\n")
}

#[rocket::async_test]
async fn a_meeting_changed_after_its_notice_needs_a_new_notice() {
    let app = TestApp::spawn().await;
    let f = founding_meeting(&app, 1).await;
    let base = format!("/cases/{}/meetings/{}", f.case, f.meeting);
    let (status, page) = app.page(&format!("{base}/edit")).await;
    assert_eq!(status, Status::Ok);
    assert!(page.contains("value=\"The canteen\""), "{page}");
    let r = post(
        &app,
        &format!("{base}/edit"),
        &edit_fields(&day(&app, 35), "Room 2", false),
    )
    .await;
    assert_eq!(r.status(), Status::SeeOther);
    let stored = meetings::Entity::find_by_id(f.meeting)
        .one(app.db())
        .await
        .expect("meetings test")
        .expect("the meeting");
    assert_eq!(
        (stored.meeting_date.as_str(), stored.place.as_str()),
        (day(&app, 35).as_str(), "Room 2")
    );

    assert_eq!(
        app.post_form(&format!("{base}/notice"), &[]).await.status(),
        Status::SeeOther
    );
    let r = post(
        &app,
        &format!("{base}/notice/sent"),
        &sent_today(&app, "hand"),
    )
    .await;
    assert_eq!(r.status(), Status::SeeOther);
    let (_, page) = app.page(&base).await;
    assert!(page.contains("Who the notice went to"), "{page}");
    assert!(page.contains("Recorded as given"), "{page}");

    let (_, form) = app.page(&format!("{base}/edit")).await;
    assert!(form.contains("The notice has gone out."), "{form}");
    let r = post(
        &app,
        &format!("{base}/edit"),
        &edit_fields(&day(&app, 35), "The hall", false),
    )
    .await;
    assert_eq!(r.status(), Status::SeeOther);
    let (_, page) = app.page(&base).await;
    assert!(
        !page.contains("Notice sent:"),
        "the old notice no longer counts: {page}"
    );
    assert!(page.contains("Make the notice"), "{page}");
    assert!(history(&app, f.case)
        .await
        .contains("a new notice is needed"));
}

#[rocket::async_test]
async fn short_notice_goes_out_only_with_the_consent_the_rules_ask_for() {
    let app = TestApp::spawn().await;
    let f = founding_meeting(&app, 2).await;
    let base = format!("/cases/{}/meetings/{}", f.case, f.meeting);
    // Five days away is too soon for 14 clear days however the notice goes.
    let r = post(
        &app,
        &format!("{base}/edit"),
        &edit_fields(&day(&app, 5), "The canteen", false),
    )
    .await;
    assert_eq!(r.status(), Status::UnprocessableEntity);
    let r = post(
        &app,
        &format!("{base}/edit"),
        &edit_fields(&day(&app, 5), "The canteen", true),
    )
    .await;
    assert_eq!(r.status(), Status::SeeOther);
    let (_, page) = app.page(&base).await;
    assert!(
        page.contains("only if members holding at least 90% of the votes agree to it in writing"),
        "{page}"
    );
    assert!(
        page.contains("3 of the 3 members entitled to vote must agree"),
        "{page}"
    );
    assert_eq!(
        app.post_form(&format!("{base}/notice"), &[]).await.status(),
        Status::SeeOther
    );
    let people = entitled(&app, &f).await;
    let some: Vec<(&str, String)> = vec![("agreed", people[0].id.to_string())];
    assert_eq!(
        post(&app, &format!("{base}/short-notice"), &some)
            .await
            .status(),
        Status::SeeOther
    );
    let r = post(
        &app,
        &format!("{base}/notice/sent"),
        &sent_today(&app, "hand"),
    )
    .await;
    assert_eq!(r.status(), Status::UnprocessableEntity);
    let body = r.into_string().await.unwrap_or_default();
    assert!(body.contains("So far 1 has agreed"), "{body}");
    let all: Vec<(&str, String)> = people
        .iter()
        .map(|p| ("agreed", p.id.to_string()))
        .collect();
    assert_eq!(
        post(&app, &format!("{base}/short-notice"), &all)
            .await
            .status(),
        Status::SeeOther
    );
    let r = post(
        &app,
        &format!("{base}/notice/sent"),
        &sent_today(&app, "hand"),
    )
    .await;
    assert_eq!(r.status(), Status::SeeOther);
    let events = history(&app, f.case).await;
    assert!(
        events.contains("at short notice, with the written consent of 3 of the 3"),
        "{events}"
    );
}

#[rocket::async_test]
async fn attendance_and_the_count_in_the_room_keep_what_was_typed_when_refused() {
    let app = TestApp::spawn().await;
    let f = founding_meeting(&app, 3).await;
    let base = format!("/cases/{}/meetings/{}", f.case, f.meeting);
    let people = entitled(&app, &f).await;
    assert_eq!(people.len(), 4);
    let (status, page) = app.page(&format!("{base}/attendance")).await;
    assert_eq!(status, Status::Ok);
    assert!(page.contains("Represented by a proxy"), "{page}");
    let mut marks: Vec<(String, String)> = people
        .iter()
        .map(|p| (format!("a{}", p.id), "present".to_string()))
        .collect();
    marks[3].1 = "proxy".into();
    let fields: Vec<(&str, String)> = marks.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    let r = post(&app, &format!("{base}/attendance"), &fields).await;
    assert_eq!(r.status(), Status::UnprocessableEntity);
    let body = r.into_string().await.unwrap_or_default();
    assert!(body.contains("Say who holds the proxy"), "{body}");
    let holder = format!("p{}", people[3].id);
    let mut fields = fields.clone();
    fields.push((holder.as_str(), people[0].name.clone()));
    let r = post(&app, &format!("{base}/attendance"), &fields).await;
    assert_eq!(r.status(), Status::SeeOther);

    let rows = coopkit::db::entities::resolutions::Entity::find()
        .filter(coopkit::db::entities::resolutions::Column::MeetingId.eq(f.meeting))
        .all(app.db())
        .await
        .expect("meetings test");
    let (rules, board) = (rows[0].id, rows[1].id);
    // The count starts from who came: 3 present and 1 by proxy. Each resolution has its own
    // count form, so its boxes have ids of their own and each label names its own box.
    let (_, page) = app.page(&base).await;
    for resolution in [rules, board] {
        let id = format!("r{resolution}-present");
        assert!(
            page.contains(&format!(
                "<label for=\"{id}\">Members present in person</label>"
            )),
            "{page}"
        );
        assert!(
            page.contains(&format!(
                "id=\"{id}\" name=\"present\" type=\"text\" value=\"3\""
            )),
            "{page}"
        );
    }
    assert_eq!(
        duplicate_ids(&page),
        Vec::<String>::new(),
        "ids on a page are unique"
    );
    // On a phone the list of members stacks each row, every value under its column's name.
    assert!(
        page.contains("<td data-label=\"Attendance\">Present</td>"),
        "{page}"
    );
    let r = post(
        &app,
        &format!("{base}/resolutions/{rules}/count"),
        &[
            ("present", "3".into()),
            ("proxies", "1".into()),
            ("votes_for", "4".into()),
            ("votes_against", "1".into()),
        ],
    )
    .await;
    assert_eq!(r.status(), Status::UnprocessableEntity);
    let body = r.into_string().await.unwrap_or_default();
    assert!(body.contains("only 4 members took part"), "{body}");
    let r = post(
        &app,
        &format!("{base}/resolutions/{board}/count"),
        &[
            ("present", "3".into()),
            ("proxies", "1".into()),
            ("candidate", "4".into()),
            ("candidate", "9".into()),
            ("candidate", "x".into()),
        ],
    )
    .await;
    assert_eq!(r.status(), Status::UnprocessableEntity);
    let body = r.into_string().await.unwrap_or_default();
    assert!(
        body.contains("value=\"9\""),
        "the election count comes back as typed: {body}"
    );
    assert!(
        body.contains("cannot have more votes than the 4 members"),
        "{body}"
    );
    assert!(history(&app, f.case)
        .await
        .contains("3 present, 1 by proxy"));
}
