//! The workers' survey of a case: answering, closing, totals.
//!
//! Privacy: individual answers go only to centre staff and the case's reps (`answers` is
//! `None` for anyone else); workers see their own answers and the totals. Totals never name
//! anyone.

use sea_orm::DatabaseConnection;
use serde_json::json;

use super::auth::Actor;
use super::cases::{find_visible, Access};
use crate::clock::Clock;
use crate::db::begin_case_write;
use crate::db::entities::{cases, survey_responses};
use crate::db::repo;
use crate::domain::field_errors::FieldErrors;
use crate::domain::spreadsheet::to_csv;
use crate::domain::survey::{self, PledgeTotals, StoredAnswer, SurveyInput, SurveyTotals};
use crate::error::{AppError, AppResult};

pub struct SurveyPage {
    pub case: cases::Model,
    pub access: Access,
    pub closed: bool,
    /// The actor's own answers, if they gave some.
    pub mine: Option<survey_responses::Model>,
    /// `None` when withheld: a worker, and fewer answers than the threshold.
    pub totals: Option<SurveyTotals>,
    /// The threshold, for the sentence shown instead of the totals.
    pub min_answers: u32,
    /// Everyone's answers with their names: reps and the centre only.
    pub answers: Option<Vec<(survey_responses::Model, String)>>,
}

/// Whether this person answers the survey: the people of the workplace (workers and reps).
pub fn answers_survey(access: Access) -> bool {
    access != Access::Centre
}

/// The survey page for this person. `min_answers` is the configured threshold below which
/// workers do not see the totals.
pub async fn page(
    db: &DatabaseConnection,
    actor: &Actor,
    case_id: i64,
    min_answers: u32,
) -> AppResult<SurveyPage> {
    let (case, access) = find_visible(db, actor, case_id).await?;
    let all = repo::survey::for_case(db, case_id).await?;
    let totals = Some(totals_of(&all))
        .filter(|t| access != Access::Worker || survey::totals_shown_to_workers(t, min_answers));
    let mine = all
        .iter()
        .find(|(r, _)| r.user_id == actor.id)
        .map(|(r, _)| r.clone());
    let closed = repo::survey::closed_at(db, case_id).await?.is_some();
    let answers = (access != Access::Worker).then_some(all);
    Ok(SurveyPage {
        case,
        access,
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

/// Saves the actor's answers while the survey is open.
pub async fn save(
    db: &DatabaseConnection,
    clock: &Clock,
    actor: &Actor,
    case_id: i64,
    input: &SurveyInput,
) -> AppResult<Result<(), FieldErrors>> {
    let (_, access) = find_visible(db, actor, case_id).await?;
    if !answers_survey(access) {
        return Err(AppError::Forbidden(
            "the survey is for the people of the workplace",
        ));
    }
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
pub async fn set_closed(
    db: &DatabaseConnection,
    clock: &Clock,
    actor: &Actor,
    case_id: i64,
    close: bool,
) -> AppResult<()> {
    let (_, access) = find_visible(db, actor, case_id).await?;
    if access == Access::Worker {
        return Err(AppError::Forbidden("reps and the centre close the survey"));
    }
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
pub async fn export_csv(
    db: &DatabaseConnection,
    actor: &Actor,
    case_id: i64,
) -> AppResult<(cases::Model, String)> {
    // The threshold does not matter here: only reps and the centre get the answers.
    let page = page(db, actor, case_id, 0).await?;
    let Some(answers) = page.answers else {
        return Err(AppError::NotFound);
    };
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
    Ok((page.case, out))
}
