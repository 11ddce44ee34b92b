//! The meeting page's view: everything shown, worked out from the services' answers.

use rocket::form::FromForm;
use serde::Serialize;

use super::{CountFields, EntitlementFields, ResolutionFields};
use crate::domain::calendar::long_date;
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::CaseId;
use crate::domain::meetings::counting::quorum_needed;
use crate::domain::meetings::notice::{check_sent, NoticeMethod, NoticePlan};
use crate::domain::meetings::uk_time::uk_text;
use crate::domain::meetings::{Approves, Attendance, ResolutionKind};
use crate::error::AppResult;
use crate::services::auth::Actor;
use crate::services::ballots::{self, BallotState};
use crate::services::meetings::{self as svc, Version};
use crate::services::Env;
use crate::web::case_header::CaseHeader;
use crate::web::meeting_admin::{from_attendance, record_view, RecordView};

/// `2027-03-14` as `Sunday 14 March 2027`.
pub fn long(iso: &str) -> String {
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(long_date)
        .unwrap_or_else(|_| iso.to_string())
}

#[derive(Serialize, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

impl Choice {
    pub fn list<'a>(items: impl Iterator<Item = (&'a str, &'a str)>, chosen: &str) -> Vec<Choice> {
        items
            .map(|(v, l)| Choice {
                value: v.into(),
                label: l.into(),
                selected: v == chosen,
            })
            .collect()
    }
}

/// A date as the rest of coopkit asks for it: day, month and year in three boxes.
#[derive(FromForm, Default, Serialize, Clone)]
pub struct DateParts {
    #[field(default = String::new())]
    pub day: String,
    #[field(default = String::new())]
    pub month: String,
    #[field(default = String::new())]
    pub year: String,
}

impl DateParts {
    /// A date as the three boxes show it.
    pub fn of(date: chrono::NaiveDate) -> Self {
        Self {
            day: date.format("%-d").to_string(),
            month: date.format("%-m").to_string(),
            year: date.format("%Y").to_string(),
        }
    }
}

/// The ballot's times as typed: it opens (empty for now) and closes, UK time.
#[derive(FromForm, Default, Serialize, Clone)]
pub struct BallotFields {
    pub opens: DateParts,
    #[field(default = String::new())]
    pub open_time: String,
    pub closes: DateParts,
    #[field(default = String::new())]
    pub close_time: String,
}

/// Forms shown again as typed, with their problems.
#[derive(Default)]
pub struct Forms {
    pub resolution: ResolutionFields,
    pub count: Option<(i64, CountFields)>,
    pub entitlement: Option<EntitlementFields>,
    pub ballot: Option<BallotFields>,
    pub notice: Option<(String, DateParts)>,
    pub errors: FieldErrors,
}

#[derive(Serialize)]
struct Person {
    id: i64,
    name: String,
    entitled: bool,
    attendance: &'static str,
    reason: String,
}

#[derive(Serialize)]
struct Candidate {
    index: usize,
    name: String,
    votes: String,
    result: &'static str,
    /// The count typed in the room for this candidate, kept when the form is refused.
    typed: String,
    error: Option<String>,
}

/// The HTML id of a box in one resolution's count form: `r12-present`, or `c12-0` for the
/// first candidate's votes (the error key `c0`). Each resolution has its own count form on the
/// page, so the ids carry the resolution to stay unique and keep each label on its own box.
pub fn count_field_id(resolution: i64, field: &str) -> String {
    match field.strip_prefix('c') {
        Some(index) if !index.is_empty() && index.bytes().all(|b| b.is_ascii_digit()) => {
            format!("c{resolution}-{index}")
        }
        _ => format!("r{resolution}-{field}"),
    }
}

#[derive(Serialize)]
struct ResolutionView {
    id: i64,
    number: i32,
    kind: &'static str,
    text: String,
    approves: String,
    document_link: Option<String>,
    candidates: Vec<Candidate>,
    seats: i32,
    is_election: bool,
    result: Option<(String, String)>,
    tie: Option<String>,
    counted: bool,
    count_form: CountFields,
    count_errors: std::collections::BTreeMap<String, String>,
    /// The start of this resolution's count-form ids (`r12-`): see `count_field_id`.
    field_prefix: String,
}

#[derive(Serialize)]
pub struct MeetingView {
    header: CaseHeader,
    id: i64,
    title: String,
    kind: &'static str,
    date: String,
    time: String,
    place: String,
    online_link: String,
    chair: String,
    terms_source: String,
    clear_days: u32,
    quorum: u32,
    entitled_count: u32,
    special_majority: String,
    proxies: String,
    follows_rules: bool,
    plan: Option<NoticePlan>,
    notice_made: bool,
    notice_sent: Option<String>,
    notice_late: Option<String>,
    methods: Vec<Choice>,
    notice_form: (String, DateParts),
    people: Vec<Person>,
    entitlement_form: EntitlementFields,
    resolutions: Vec<ResolutionView>,
    may_add_resolutions: bool,
    resolution_form: ResolutionFields,
    resolution_kinds: Vec<Choice>,
    approves: Vec<Choice>,
    versions: Vec<Choice>,
    works: bool,
    ballot: &'static str,
    ballot_when: String,
    ballot_form: BallotFields,
    turnout: u64,
    may_vote: bool,
    voted: bool,
    receipts: Vec<String>,
    minutes_made: bool,
    minutes_confirmed: bool,
    may_write_minutes: bool,
    field_errors: std::collections::BTreeMap<String, String>,
    /// Changing the meeting, who came, short notice and the delivery log.
    record: RecordView,
}

fn version_label(v: &Version) -> String {
    let what = if v.kind == "rules" {
        "Rules"
    } else {
        "Business plan"
    };
    format!(
        "{what}, version {}{}",
        v.version,
        if v.draft { " (draft)" } else { " (final)" }
    )
}

pub async fn meeting_view(
    env: &Env<'_>,
    actor: &Actor,
    id: CaseId,
    meeting: i64,
    forms: Forms,
) -> AppResult<(String, MeetingView)> {
    let need = crate::domain::access::Need::Follow;
    let mut m = svc::find(env, actor, id, meeting, need).await?;
    if ballots::close_if_due(env, &m).await? {
        m = svc::find(env, actor, id, meeting, need).await?;
    }
    let results = ballots::results(env, actor, &m).await?;
    let works = m.opened.role.works_on_case();
    let versions = if works {
        svc::approvable_versions(env, &m).await?
    } else {
        Vec::new()
    };
    let mt = &m.meeting;
    let field_errors = forms.errors.by_field();
    let notice_late = match (
        &mt.notice_sent_on,
        mt.notice_method.as_deref().and_then(NoticeMethod::parse),
        m.date(),
    ) {
        (Some(on), Some(method), Some(date)) if m.kind.follows_the_rules() => {
            chrono::NaiveDate::parse_from_str(on, "%Y-%m-%d")
                .ok()
                .and_then(|sent| check_sent(date, m.terms.notice_clear_days, method, sent).err())
        }
        _ => None,
    };
    let notice_sent = match (
        &mt.notice_sent_on,
        mt.notice_method.as_deref().and_then(NoticeMethod::parse),
    ) {
        (Some(on), Some(method)) => Some(format!(
            "{} on {} to {} members",
            method.label(),
            long(on),
            mt.notice_recipients.unwrap_or(0)
        )),
        _ => None,
    };
    let (ballot, ballot_when) = match results.state {
        BallotState::NotSetUp => ("none", String::new()),
        BallotState::NotYetOpen { opens_at } => ("waiting", uk_text(opens_at)),
        BallotState::Open { closes_at } => ("open", uk_text(closes_at)),
        BallotState::Closed { closed_at } => ("closed", uk_text(closed_at)),
    };
    let resolutions = m
        .resolutions
        .iter()
        .map(|r| {
            let names: Vec<String> = serde_json::from_str(&r.candidates).unwrap_or_default();
            let outcome = results.outcomes.get(&r.id);
            let election = outcome.and_then(|o| o.election.as_ref());
            let (count_form, count_errors) = match &forms.count {
                Some((rid, f)) if *rid == r.id => (f.clone(), field_errors.clone()),
                _ => (from_attendance(&m), Default::default()),
            };
            let candidates = names
                .iter()
                .enumerate()
                .map(|(index, name)| {
                    let counted =
                        election.and_then(|e| e.candidates.iter().find(|c| &c.name == name));
                    Candidate {
                        index,
                        name: name.clone(),
                        votes: counted.map(|c| c.votes.to_string()).unwrap_or_default(),
                        result: match counted {
                            Some(c) if c.elected => "Elected",
                            Some(c) if c.tied => "Tied",
                            Some(_) => "Not elected",
                            None => "",
                        },
                        typed: count_form.candidate.get(index).cloned().unwrap_or_default(),
                        error: count_errors.get(&format!("c{index}")).cloned(),
                    }
                })
                .collect();
            let result = match outcome {
                Some(o) => match (&o.vote, &o.election) {
                    (Some(v), _) => Some((v.headline.clone(), v.explanation.clone())),
                    (None, Some(e)) => Some((
                        format!(
                            "Elected: {}",
                            if e.elected.is_empty() {
                                "nobody".into()
                            } else {
                                e.elected.join(", ")
                            }
                        ),
                        format!("{} seats; {} members voted.", e.seats, e.ballots),
                    )),
                    _ => None,
                },
                None => None,
            };
            ResolutionView {
                id: r.id,
                number: r.position,
                kind: ResolutionKind::parse(&r.kind).map_or("", |k| k.label()),
                text: r.text.clone(),
                approves: crate::services::meeting_docs::approves_sentence(r),
                document_link: r
                    .document_id
                    .map(|d| format!("/cases/{}/documents/versions/{d}", r.case_id)),
                candidates,
                seats: r.seats,
                is_election: !names.is_empty(),
                result,
                tie: election.and_then(|e| e.tie.clone()),
                counted: r.room_recorded_at.is_some(),
                count_form,
                count_errors,
                field_prefix: count_field_id(r.id, ""),
            }
        })
        .collect();
    let attendance_label = |a: &str| Attendance::parse(a).map_or("", |x| x.label());
    let view = MeetingView {
        header: CaseHeader::of(&m.opened, "/meetings"),
        id: mt.id,
        title: mt.title.clone(),
        kind: m.kind.label(),
        date: long(&mt.meeting_date),
        time: mt.start_time.clone(),
        place: mt.place.clone(),
        online_link: mt.online_link.clone(),
        chair: mt.chair.clone(),
        terms_source: m.terms.source.sentence(),
        clear_days: m.terms.notice_clear_days,
        quorum: quorum_needed(m.entitled_count(), &m.terms),
        entitled_count: m.entitled_count(),
        special_majority: m.terms.special_majority.label(),
        proxies: m.terms.proxy_sentence(),
        follows_rules: m.kind.follows_the_rules(),
        plan: if mt.notice_sent_on.is_none() {
            m.notice_plan(env)
        } else {
            None
        },
        notice_made: mt.notice_document_id.is_some(),
        notice_sent,
        notice_late,
        methods: Choice::list(
            NoticeMethod::ALL.iter().map(|k| (k.as_str(), k.label())),
            forms.notice.as_ref().map_or("", |n| n.0.as_str()),
        ),
        notice_form: forms
            .notice
            .clone()
            .unwrap_or_else(|| (String::new(), DateParts::of(env.clock.today()))),
        people: m
            .attendees
            .iter()
            .map(|a| Person {
                id: a.id,
                name: a.name.clone(),
                entitled: a.entitled,
                attendance: attendance_label(&a.attendance),
                reason: a.reason.clone(),
            })
            .collect(),
        entitlement_form: forms.entitlement.unwrap_or_default(),
        resolutions,
        may_add_resolutions: works && mt.notice_sent_on.is_none() && mt.ballot_opens_at.is_none(),
        resolution_kinds: Choice::list(
            ResolutionKind::ALL.iter().map(|k| (k.as_str(), k.label())),
            &forms.resolution.kind,
        ),
        approves: Choice::list(
            Approves::ALL.iter().map(|k| (k.as_str(), k.label())),
            &forms.resolution.approves,
        ),
        versions: versions
            .iter()
            .map(|v| Choice {
                value: v.id.to_string(),
                label: version_label(v),
                selected: v.id.to_string() == forms.resolution.document_id,
            })
            .collect(),
        resolution_form: forms.resolution,
        works,
        ballot,
        ballot_when,
        ballot_form: forms.ballot.unwrap_or_default(),
        turnout: results.turnout,
        may_vote: ballot == "open" && m.entitled(actor) && !results.voted,
        voted: results.voted,
        receipts: results.receipts.clone(),
        minutes_made: mt.minutes_document_id.is_some(),
        minutes_confirmed: mt.minutes_confirmed_at.is_some(),
        may_write_minutes: works
            && mt.minutes_confirmed_at.is_none()
            && !matches!(
                results.state,
                BallotState::Open { .. } | BallotState::NotYetOpen { .. }
            ),
        field_errors,
        record: record_view(env, &m).await?,
    };
    Ok((format!("{}: {}", m.kind.label(), m.opened.case.name), view))
}
