//! The workers' survey of a case: answering, closing, totals.
//!
//! Privacy: individual answers go only to centre staff and the case's reps (`answers` is
//! `None` for anyone else); workers see their own answers and the totals. Totals never name
//! anyone.

use sea_orm::DatabaseConnection;
use serde_json::json;

use super::auth::Actor;
use super::cases::{self, OpenCase};
use super::Env;
use crate::db::begin_case_write;
use crate::db::entities::survey_responses;
use crate::db::repo;
use crate::domain::access::{self, Need};
use crate::domain::case::Case;
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::CaseId;
use crate::domain::spreadsheet::to_csv;
use crate::domain::survey::{self, PledgeTotals, StoredAnswer, SurveyInput, SurveyTotals};
use crate::error::{AppError, AppResult};

/// One person's answers, as stored, with the lists decoded.
#[derive(Debug, Clone)]
pub struct Response {
    /// Who gave them.
    pub name: String,
    pub would_join: String,
    pub worries: Vec<String>,
    pub worries_other: String,
    pub capital_band: String,
    pub capital_pence: i64,
    pub capital_term: String,
    pub hours_per_week: i32,
    pub skills: Vec<String>,
}

impl Response {
    fn of((row, name): &(survey_responses::Model, String)) -> Response {
        Response {
            name: name.clone(),
            would_join: row.would_join.clone(),
            worries: repo::survey::keys(&row.worries),
            worries_other: row.worries_other.clone(),
            capital_band: row.capital_band.clone(),
            capital_pence: row.capital_pence,
            capital_term: row.capital_term.clone(),
            hours_per_week: row.hours_per_week,
            skills: repo::survey::keys(&row.skills),
        }
    }
}

/// The survey of a case as one person may see it.
pub struct Survey {
    pub opened: OpenCase,
    pub closed: bool,
    /// The actor's own answers, if they gave some.
    pub mine: Option<Response>,
    /// `None` when withheld: a worker, and fewer answers than the threshold.
    pub totals: Option<SurveyTotals>,
    /// The threshold, for the sentence shown instead of the totals.
    pub min_answers: u32,
    /// Everyone's answers with their names: reps and the centre only.
    pub answers: Option<Vec<Response>>,
    /// The business plan takes its members' money from these totals (the rep's choice).
    pub plan_uses_survey: bool,
}

/// The survey for this person. Workers see the totals only once `survey_min_answers_for_totals`
/// people have answered, so that nobody's answer can be worked out from them.
pub async fn survey(env: &Env<'_>, actor: &Actor, id: CaseId) -> AppResult<Survey> {
    let opened = cases::open(env, actor, id, Need::Follow).await?;
    let min_answers = env.config.survey_min_answers_for_totals;
    let all = repo::survey::for_case(env.db(), id.get()).await?;
    let sees_answers = access::sees_survey_answers(opened.role);
    let totals = Some(totals_of(&all))
        .filter(|t| sees_answers || survey::totals_shown_to_workers(t, min_answers));
    let mine = all
        .iter()
        .find(|(r, _)| r.user_id == actor.id)
        .map(Response::of);
    let closed = repo::survey::closed_at(env.db(), id.get()).await?.is_some();
    let answers = sees_answers.then(|| all.iter().map(Response::of).collect());
    let (plan, _) =
        super::documents::answers(env.db(), id.get(), super::render::Kind::BusinessPlan).await?;
    let plan_uses_survey = crate::domain::finance::member_money::from_survey(&plan);
    Ok(Survey {
        plan_uses_survey,
        opened,
        closed,
        mine,
        totals,
        min_answers,
        answers,
    })
}

fn totals_of(all: &[(survey_responses::Model, String)]) -> SurveyTotals {
    let stored: Vec<StoredAnswer<'_>> = all
        .iter()
        .map(|(r, _)| StoredAnswer {
            would_join: &r.would_join,
            capital_pence: r.capital_pence,
            skills: repo::survey::keys(&r.skills),
        })
        .collect();
    survey::totals(&stored)
}

/// Capital pledged in a case's survey, as the member-capital input of the business plan.
///
/// For the documents feature: call it after checking the actor may see the case (it does no
/// authorization itself, and returns totals only, never who pledged what). Bands count at
/// their stated amounts (see `domain::survey::CAPITAL_BANDS`); only people who would join
/// (yes or maybe) and pledged more than nothing count.
pub async fn pledge_totals(db: &DatabaseConnection, case_id: i64) -> AppResult<PledgeTotals> {
    let all = repo::survey::for_case(db, case_id).await?;
    Ok(totals_of(&all).pledges)
}

/// A case's survey totals (counts and pledges, never who answered what), for suggesting
/// answers elsewhere in the case. No authorization: call it after opening the case.
pub(crate) async fn case_totals(db: &DatabaseConnection, case_id: i64) -> AppResult<SurveyTotals> {
    let all = repo::survey::for_case(db, case_id).await?;
    Ok(totals_of(&all))
}

/// Saves the actor's answers while the survey is open.
pub async fn save(
    env: &Env<'_>,
    actor: &Actor,
    id: CaseId,
    input: &SurveyInput,
) -> AppResult<Result<(), FieldErrors>> {
    cases::open(env, actor, id, Need::TakePart).await?;
    let (db, clock, case_id) = (env.db(), env.clock, id.get());
    let answers = match survey::check(input) {
        Ok(a) => a,
        Err(errors) => return Ok(Err(errors)),
    };
    let now = clock.now();
    let txn = begin_case_write(db, case_id).await?;
    if repo::survey::closed_at(&txn, case_id).await?.is_some() {
        return Err(AppError::Conflict("the survey is closed".into()));
    }
    let first = repo::survey::find(&txn, case_id, actor.id).await?.is_none();
    repo::survey::save(&txn, case_id, actor.id, &answers, now).await?;
    // The event says that someone answered, never what: the timeline is seen more widely.
    let summary = if first {
        "answered the workers' survey"
    } else {
        "changed their survey answers"
    };
    repo::events::record(
        &txn,
        case_id,
        Some(actor.id),
        "survey_answered",
        &format!("{} {summary}", actor.name),
        &json!({}),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(()))
}

/// Closes or reopens the survey (reps of the case and the centre).
pub async fn set_closed(env: &Env<'_>, actor: &Actor, id: CaseId, close: bool) -> AppResult<()> {
    cases::open(env, actor, id, Need::Work).await?;
    let (db, clock, case_id) = (env.db(), env.clock, id.get());
    let now = clock.now();
    let txn = begin_case_write(db, case_id).await?;
    repo::survey::set_closed(&txn, case_id, close.then_some(actor.id), now).await?;
    let (kind, what) = if close {
        ("survey_closed", "closed")
    } else {
        ("survey_reopened", "reopened")
    };
    repo::events::record(
        &txn,
        case_id,
        Some(actor.id),
        kind,
        &format!("{} {what} the workers' survey", actor.name),
        &json!({}),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Everyone's answers as CSV, for reps and the centre.
pub async fn export_csv(env: &Env<'_>, actor: &Actor, id: CaseId) -> AppResult<(Case, String)> {
    let opened = cases::open(env, actor, id, Need::Follow).await?;
    if !access::sees_survey_answers(opened.role) {
        return Err(AppError::NotFound);
    }
    let answers = repo::survey::for_case(env.db(), id.get()).await?;
    let rows = answers.into_iter().map(|(r, name)| {
        [
            name,
            r.would_join,
            r.capital_pence.to_string(),
            r.capital_band,
            r.capital_term,
            r.hours_per_week.to_string(),
            repo::survey::keys(&r.skills).join(" "),
            repo::survey::keys(&r.worries).join(" "),
            r.worries_other,
        ]
    });
    let out = to_csv(
        [
            "name",
            "would_join",
            "capital_pence",
            "capital_band",
            "capital_term",
            "hours_per_week",
            "skills",
            "worries",
            "worries_other",
        ],
        rows,
    );
    Ok((opened.case, out))
}
