use super::*;

fn webinar() -> EventInput {
    EventInput {
        title: "When a co-op fits: a webinar for business advisors".into(),
        kind: "webinar".into(),
        audience: "advisors".into(),
        sessions: vec![
            SessionInput {
                date: "17/3/2026".into(),
                start: "12:30".into(),
                end: "13:30".into(),
            },
            SessionInput::default(),
        ],
        place: String::new(),
        online_link: "https://meet.example.org/coop".into(),
        capacity: "3".into(),
        description: "How to spot a business that could become a co-op.".into(),
        case_id: String::new(),
        open: true,
        signup_cutoff_hours: String::new(),
    }
}

#[test]
fn a_complete_webinar_passes_and_its_time_is_uk_time() {
    let event = NewEvent::try_from(&webinar()).unwrap();
    assert_eq!(event.kind, EventKind::Webinar);
    assert_eq!(event.capacity, 3);
    assert_eq!(event.sessions.len(), 1, "blank rows are ignored");
    // 17 March is GMT: 12:30 on the clock is 12:30 UTC.
    let s = event.sessions[0];
    assert_eq!(
        london::describe_session(s.starts_at, s.ends_at),
        "Tuesday 17 March 2026, 12:30 to 13:30"
    );
}

#[test]
fn each_problem_is_named_at_its_field() {
    let input = EventInput {
        open: true,
        ..Default::default()
    };
    let errors = NewEvent::try_from(&input).unwrap_err();
    for field in [
        "title",
        "kind",
        "audience",
        "session_date_1",
        "place",
        "capacity",
        "description",
    ] {
        assert!(errors.has(field), "{field}");
    }
    assert!(!errors.has("case_id"));
}

#[test]
fn bad_session_rows_are_named_by_their_row() {
    let mut input = webinar();
    input.kind = "course".into();
    input.sessions = vec![
        SessionInput {
            date: "2026-03-17".into(),
            start: "14:00".into(),
            end: "13:00".into(),
        },
        SessionInput {
            date: "17 March".into(),
            start: "9am".into(),
            end: "10:00".into(),
        },
    ];
    let errors = NewEvent::try_from(&input).unwrap_err();
    assert!(errors.has("session_end_1"));
    assert!(errors.has("session_date_2"));
    assert!(errors.has("session_start_2"));
}

#[test]
fn several_sessions_make_a_course_in_time_order() {
    let mut input = webinar();
    input.sessions = vec![
        SessionInput {
            date: "2026-04-14".into(),
            start: "18:00".into(),
            end: "20:00".into(),
        },
        SessionInput {
            date: "2026-04-07".into(),
            start: "18:00".into(),
            end: "20:00".into(),
        },
    ];
    assert!(NewEvent::try_from(&input).unwrap_err().has("kind"));
    input.kind = "course".into();
    let event = NewEvent::try_from(&input).unwrap();
    assert!(event.sessions[0].starts_at < event.sessions[1].starts_at);
    // April is summer time: 18:00 on the clock is 17:00 UTC.
    assert_eq!(
        london::to_local(event.sessions[0].starts_at)
            .format("%H:%M")
            .to_string(),
        "18:00"
    );
    assert_eq!(event.sessions[0].starts_at % 86_400, 17 * 3600);
}

#[test]
fn a_case_only_event_needs_its_case_and_links_must_be_links() {
    let mut input = webinar();
    input.open = false;
    assert!(NewEvent::try_from(&input).unwrap_err().has("case_id"));
    input.case_id = "#12".into();
    assert_eq!(
        NewEvent::try_from(&input).unwrap().case_id,
        Some(crate::domain::ids::CaseId(12))
    );
    input.online_link = "meet.example.org".into();
    assert!(NewEvent::try_from(&input).unwrap_err().has("online_link"));
    input.capacity = "0".into();
    assert!(NewEvent::try_from(&input).unwrap_err().has("capacity"));
}

#[test]
fn sign_up_closes_at_the_cut_off_and_a_wrong_cut_off_is_named() {
    let mut input = webinar();
    input.signup_cutoff_hours = "24".into();
    let event = NewEvent::try_from(&input).unwrap();
    assert_eq!(event.signup_cutoff_hours, 24);
    let start = event.sessions[0].starts_at;
    assert!(signup_open_at(start, 24, start - 24 * 3600 - 1));
    assert!(!signup_open_at(start, 24, start - 24 * 3600));
    assert!(signup_open_at(start, 0, start - 1));
    input.signup_cutoff_hours = "two days".into();
    let errors = NewEvent::try_from(&input).unwrap_err();
    assert!(errors.has("signup_cutoff_hours"));
    input.signup_cutoff_hours = "337".into();
    assert!(NewEvent::try_from(&input).is_err());
}

#[test]
fn dates_are_read_as_day_month_and_year() {
    let mut input = webinar();
    input.sessions[0].date = "31/2/2026".into();
    let errors = NewEvent::try_from(&input).unwrap_err();
    assert_eq!(
        errors.first("session_date_1"),
        Some("Enter the date as day, month and year, like 17 3 2027")
    );
    input.sessions[0].date = "2026-03-17".into();
    assert!(
        NewEvent::try_from(&input).is_ok(),
        "a stored date still reads"
    );
}
