//! Issue 15's story end to end, as the people in it do it: staff publish a webinar for
//! business advisors with 3 places; four people sign up with no account and the fourth waits;
//! one cancels by the link in their confirmation email (caught by a local SMTP server) and
//! the waiting person gets the place and an email saying so; after the webinar staff mark the
//! register; two attendees give feedback by their links; staff turn one attendee into an
//! enquiry and accept it into a case, whose final business plan records money raised; and the
//! quarter's impact report shows all of it on the page, in the CSV and in the PDF.

use chrono::Datelike;
use coopkit::domain::events::london;
use coopkit::domain::impact::Period;
use coopkit::domain::user::Role;
use rocket::http::Status;

use crate::answers_are_data::pdftotext;
use crate::events::{post, publish_webinar, sign_up};
use crate::impact::{figure_on_page, plan_with_money_received};
use crate::smtp_sink::{Received, SmtpSink};
use crate::support::TestApp;

const STAFF: &str = "sam@example.org";

/// The message's text with quoted-printable soft breaks and `=3D` undone.
fn unfolded(mail: &Received) -> String {
    mail.data.replace("=\n", "").replace("=3D", "=")
}

/// The one email to `to` whose text holds `words`.
fn mail_to(sink: &SmtpSink, to: &str, words: &str) -> String {
    let found: Vec<String> = sink
        .received()
        .iter()
        .filter(|m| m.to == [to])
        .map(unfolded)
        .filter(|text| text.contains(words))
        .collect();
    assert_eq!(found.len(), 1, "one email to {to} saying {words:?}");
    found[0].clone()
}

/// The path of the booking link in an email, as the person would open it.
fn booking_link(mail: &str) -> String {
    let start = mail
        .find("/events/booking/")
        .expect("a booking link in the email");
    let token: String = mail[start + "/events/booking/".len()..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    assert!(!token.is_empty(), "the link has a token");
    format!("/events/booking/{token}")
}

/// The text of an attribute's value that follows `marker`, e.g. `value="`.
fn after(text: &str, marker: &str) -> Option<String> {
    let start = text.find(marker)? + marker.len();
    text[start..].split('"').next().map(str::to_string)
}

/// The register's tick box for a person (labelled "Name (Organisation)"): its value.
fn tick_box(register: &str, name: &str) -> Option<String> {
    register
        .split("<li class=\"checkbox\">")
        .skip(1)
        .find(|li| li.contains(&format!(">{name} (")))
        .and_then(|li| after(li, "value=\""))
}

/// The "Make an enquiry" button's sign-up in a person's row of the register.
fn enquiry_button(register: &str, name: &str) -> Option<String> {
    register
        .split("<tr>")
        .find(|row| row.contains(&format!("data-label=\"Name\">{name}<br>")))
        .and_then(|row| after(row, "name=\"registration\" value=\""))
}

/// Each figure the story makes: section, label, as the page shows it, as the CSV gives it.
const FIGURES: [(&str, &str, &str, &str); 25] = [
    ("Outreach and learning", "Events held", "1", "1"),
    ("Outreach and learning", "Events: Webinar", "1", "1"),
    (
        "Outreach and learning",
        "Events for Business advisors",
        "1",
        "1",
    ),
    ("Outreach and learning", "Sessions held", "1", "1"),
    ("Outreach and learning", "Places offered", "3", "3"),
    ("Outreach and learning", "Places booked", "3", "3"),
    ("Outreach and learning", "People supported", "3", "3"),
    ("Outreach and learning", "New people", "3", "3"),
    ("Outreach and learning", "Attendances", "3", "3"),
    ("Outreach and learning", "Learning hours", "3.0", "3.0"),
    (
        "Outreach and learning",
        "Advisors' organisations reached",
        "2",
        "2",
    ),
    ("Outreach and learning", "Feedback forms", "2", "2"),
    (
        "Outreach and learning",
        "Average usefulness (out of 5)",
        "4.5",
        "4.5",
    ),
    (
        "Outreach and learning",
        "Want to talk about a co-op",
        "1",
        "1",
    ),
    ("The front door", "Enquiries received", "1", "1"),
    ("The front door", "From an event", "1", "1"),
    ("The front door", "Enquirer: A business advisor", "1", "1"),
    ("The front door", "Enquiries accepted", "1", "1"),
    ("Cases", "Cases opened", "1", "1"),
    ("Cases", "Cases opened after an event", "1", "1"),
    ("Cases", "Pathway: Worker buyout", "1", "1"),
    ("Cases", "Cases active", "1", "1"),
    ("Outcomes", "Member capital pledged", "£48,000", "48000.00"),
    ("Outcomes", "Member capital raised", "£48,000", "48000.00"),
    (
        "Outcomes",
        "Finance raised: Co-operative Loan Fund",
        "£85,000",
        "85000.00",
    ),
];

/// The report's summary, on the page and in the PDF, after the period's dates.
const SUMMARY: [&str; 6] = [
    "the centre held 1 event (1 session) with 3 attendances by 3 people, 3 of them for the first time.",
    "2 people gave feedback, rating the events 4.5 out of 5 for usefulness on average; 1 wants to talk to the centre about a co-op.",
    "1 enquiry came in, 1 of them from events; 1 accepted and 0 declined.",
    "1 case was opened (1 after an event), 1 case was active, and 0 stage gates were passed.",
    "No co-op was registered in this period.",
    "Members pledged £48,000 of their own capital and paid in £48,000; £85,000 of other finance was raised.",
];

#[rocket::async_test]
async fn a_webinar_for_advisors_from_sign_up_to_the_quarters_impact_report() {
    let sink = SmtpSink::start().await;
    let app = TestApp::spawn_with(&[
        ("smtp_host", "127.0.0.1".into()),
        ("smtp_port", sink.port.to_string()),
        ("smtp_from", "coopkit <noreply@example.org>".into()),
    ])
    .await;
    let staff = app.signed_in_as(Role::Staff, STAFF).await;
    let event = publish_webinar(&app).await;
    let session = coopkit::db::repo::outreach::sessions_of(app.db(), event)
        .await
        .expect("sessions")[0]
        .clone();
    app.sign_out().await;

    // Four advisors sign up with no account; the fourth is offered the waiting list.
    let (_, list) = app.page("/events").await;
    assert!(list.contains("When a co-op fits: for business advisors"));
    assert!(list.contains("3 places left"), "{list}");
    let ann = sign_up(&app, event, "Ann", "Lancs Business Hub").await;
    let bob = sign_up(&app, event, "Bob", "Preston Enterprise").await;
    let cat = sign_up(&app, event, "Cat", "Lancs Business Hub").await;
    let (_, page) = app.page(&format!("/events/{event}")).await;
    assert!(page.contains("This event is full"), "{page}");
    assert!(page.contains("Join the waiting list"));
    let dan = sign_up(&app, event, "Dan", "Ribble Accountants").await;
    let (_, page) = app.page(&dan).await;
    assert!(
        page.contains("You are number 1 on the waiting list"),
        "{page}"
    );

    // Each email carries the person's own link, the one their sign-up led to.
    for (who, link, words) in [
        ("ann", &ann, "You have a place"),
        ("bob", &bob, "You have a place"),
        ("cat", &cat, "You have a place"),
        ("dan", &dan, "you are on the waiting list"),
    ] {
        let mail = mail_to(&sink, &format!("{who}@example.org"), words);
        assert_eq!(&booking_link(&mail), link, "{who}'s email has their link");
    }

    // Bob cancels by the link in his email; Dan, first waiting, gets the place and an email.
    let bobs_link = booking_link(&mail_to(&sink, "bob@example.org", "You have a place"));
    let (_, page) = app.page(&bobs_link).await;
    assert!(page.contains("Cancel my place"), "{page}");
    let (status, _, _) = post(&app, &format!("{bobs_link}/cancel"), &[]).await;
    assert_eq!(status, Status::SeeOther);
    let (_, page) = app.page(&bobs_link).await;
    assert!(page.contains("Your booking is cancelled"), "{page}");
    let (status, _, _) = post(&app, &format!("{bobs_link}/cancel"), &[]).await;
    assert_eq!(
        status,
        Status::Conflict,
        "a cancelled booking stays cancelled"
    );
    let mail = mail_to(&sink, "dan@example.org", "A place has come up");
    assert!(mail.contains("it is yours"), "{mail}");
    let dans_link = booking_link(&mail_to(
        &sink,
        "dan@example.org",
        "you are on the waiting list",
    ));
    let (_, page) = app.page(&dans_link).await;
    assert!(page.contains("You have a place"), "{page}");
    assert_eq!(
        sink.received().len(),
        5,
        "four confirmations and Dan's place"
    );

    // The webinar happens. Afterwards staff mark the register: Ann, Cat and Dan came.
    app.clock
        .advance(session.ends_at + 60 * 60 - app.clock.now());
    app.sign_in(STAFF).await;
    let register_path = format!("/staff/events/{event}");
    let (_, register) = app.page(&register_path).await;
    assert!(
        register.contains("3 booked of 3 places · 0 waiting"),
        "{register}"
    );
    assert_eq!(
        tick_box(&register, "Bob"),
        None,
        "Bob is not on the register"
    );
    let session_id = after(&register, "name=\"session\" value=\"").expect("the session");
    let mut fields = vec![("session", session_id.clone())];
    for name in ["Ann", "Cat", "Dan"] {
        let tick = tick_box(&register, name).unwrap_or_else(|| panic!("{name} on the register"));
        fields.push(("present", tick));
    }
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, _, _) = post(&app, &format!("/staff/events/{event}/attendance"), &fields).await;
    assert_eq!(status, Status::SeeOther);
    let (_, register) = app.page(&register_path).await;
    assert_eq!(register.matches(" · attended").count(), 3, "{register}");
    app.sign_out().await;

    // Two attendees give feedback by their links; Cat forgets a question first.
    let anns_link = booking_link(&mail_to(&sink, "ann@example.org", "You have a place"));
    let (_, page) = app.page(&anns_link).await;
    assert!(page.contains("Tell us how it went"), "{page}");
    let feedback = [
        ("useful", "5"),
        ("what_next", "talk_to_us"),
        ("comments", "Clear"),
    ];
    let (status, _, body) = post(&app, &format!("{anns_link}/feedback"), &feedback).await;
    assert_eq!(status, Status::SeeOther, "{body}");
    let cats_link = booking_link(&mail_to(&sink, "cat@example.org", "You have a place"));
    app.page(&cats_link).await;
    let path = format!("{cats_link}/feedback");
    let (status, _, page) = post(&app, &path, &[("what_next", "learn_more")]).await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(page.contains("Choose how useful it was, from 1 to 5"));
    let (status, _, _) = post(&app, &path, &[("useful", "4"), ("what_next", "learn_more")]).await;
    assert_eq!(status, Status::SeeOther);
    let (_, page) = app.page(&cats_link).await;
    assert!(page.contains("we have your feedback"), "{page}");
    let (_, page) = app.page(&bobs_link).await;
    assert!(!page.contains("Tell us how it went"), "Bob did not come");

    // Ann becomes an enquiry in one step from the register, and the enquiry a case.
    app.sign_in(STAFF).await;
    let (_, register) = app.page(&register_path).await;
    assert!(register.contains("Useful: 5 of 5"), "{register}");
    let ann_row = enquiry_button(&register, "Ann").expect("Make an enquiry for Ann");
    let (status, enquiry, _) = post(
        &app,
        &format!("/staff/events/{event}/enquiry"),
        &[("registration", &ann_row)],
    )
    .await;
    assert_eq!(status, Status::SeeOther);
    let (_, page) = app.page(&enquiry).await;
    assert!(page.contains("Came to"), "{page}");
    let accept = [
        ("version", "1"),
        ("name", "Lancs Print Workers"),
        ("pathway", "buyout"),
        ("trigger", "owner_retiring"),
    ];
    let (status, _, page) = post(&app, &format!("{enquiry}/accept"), &accept).await;
    assert_eq!(status, Status::Ok, "{page}");
    let case: i64 = after(&page, "<dd><a href=\"/cases/")
        .and_then(|id| id.parse().ok())
        .expect("a link to the new case");

    // The case's outcome so far: a final business plan with members' money and a loan in.
    let saved = coopkit::db::repo::documents::save_answers(
        app.db(),
        case,
        "business_plan",
        &plan_with_money_received(),
        0,
        staff,
        app.clock.now(),
    )
    .await
    .expect("save");
    assert!(saved);
    let (status, _, body) = app.make_document(case, "business_plan", true).await;
    assert_eq!(status, Status::SeeOther, "{body}");

    // The quarter's impact report: the page (this quarter is the default), CSV and PDF.
    let day = london::to_local(session.starts_at).date();
    let quarter =
        Period::quarter(day.year(), (day.month() - 1) / 3 + 1).expect("the event's quarter");
    let (status, page) = app.page("/reports/impact").await;
    assert_eq!(status, Status::Ok);
    assert!(
        page.contains(&quarter.describe()),
        "this quarter by default"
    );
    for (_, label, value, _) in FIGURES {
        assert_eq!(figure_on_page(&page, label), value, "{label} on the page");
    }
    for line in SUMMARY {
        assert!(page.contains(line), "{line} in the summary");
    }
    let period = format!("from={}&to={}", quarter.from, quarter.to);
    let csv = app
        .get(&format!("/reports/impact.csv?{period}"))
        .await
        .into_string()
        .await
        .expect("the CSV");
    for (section, label, _, value) in FIGURES {
        let row = format!("\r\n{section},{label},{value},");
        assert!(csv.contains(&row), "{row:?} in\n{csv}");
    }
    let response = app.get(&format!("/reports/impact.pdf?{period}")).await;
    assert_eq!(response.status(), Status::Ok);
    let pdf = response.into_bytes().await.expect("the PDF");
    assert!(pdf.starts_with(b"%PDF-"));
    if let Some(text) = pdftotext(&pdf) {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for line in SUMMARY {
            assert!(text.contains(line), "{line} in the PDF:\n{text}");
        }
    }
}

/// Staff reach the events and the impact report from the pages they start from: the menu
/// on every page, and the dashboard.
#[rocket::async_test]
async fn staff_find_events_and_the_impact_report_from_the_menu_and_the_dashboard() {
    let app = TestApp::spawn().await;
    app.signed_in_as(Role::Staff, STAFF).await;
    let (_, dashboard) = app.page("/dashboard").await;
    assert!(dashboard.contains("<a href=\"/staff/events\">Events</a>"));
    assert!(dashboard.contains("href=\"/reports/impact\""));
    let (_, cases) = app.page("/cases").await;
    assert!(cases.contains("<a href=\"/staff/events\">Events</a>"));
    app.sign_out().await;
    app.signed_in_as(Role::Rep, "rep@example.org").await;
    let (_, cases) = app.page("/cases").await;
    assert!(
        !cases.contains("href=\"/staff/events\""),
        "reps do not run the centre's events"
    );
}
