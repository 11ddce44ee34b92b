//! Which business-plan questions suggest an answer the case already holds (see
//! `domain::suggest`). Every question whose hint states a usual figure suggests that too.

use super::form::FormField;
use crate::domain::suggest::Place::{Case, Rules, Stages, Survey};
use crate::domain::suggest::{first_known, usual_in_hint, Known, Source, Suggestion, Via};

/// The rules' legal form as the plan's.
const PLAN_FORMS: &[(&str, &str)] = &[
    ("society", "society_worker"),
    ("company", "clg_worker"),
    ("consortium", "society_consortium"),
];

/// Where the members' money comes from: the survey once anyone has pledged in it.
const SURVEY_FIRST: &[(&str, &str)] = &[("survey", "survey")];

/// Answers elsewhere in the case that answer a plan question, first found wins.
const SOURCES: &[(&str, &[Source<'static>])] = &[
    (
        "legal_form",
        &[Source::new(Rules, "legal_form", Via::Choice(PLAN_FORMS))],
    ),
    (
        "members_money_from",
        &[Source::new(Survey, "source", Via::Choice(SURVEY_FIRST))],
    ),
    (
        "members_pledged",
        &[Source::new(Survey, "members_pledged", Via::Same)],
    ),
    (
        "pledge_each",
        &[Source::new(Survey, "mean_pence", Via::Pounds)],
    ),
    (
        "forecast.headcount_y1",
        &[
            Source::new(Stages, "transferring_staff", Via::Same),
            Source::new(Case, "headcount", Via::Same),
        ],
    ),
    (
        "price",
        &[Source::new(Stages, "owner_expectation", Via::Pounds)],
    ),
    (
        "purchase_type",
        &[Source::new(Stages, "purchase_type", Via::Same)],
    ),
];

fn sources(key: &str) -> &'static [Source<'static>] {
    SOURCES
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(&[], |(_, s)| *s)
}

/// What to offer for a question the rep has not answered yet.
pub fn suggestion(field: &FormField, known: &Known) -> Option<Suggestion> {
    first_known(sources(field.key), known, &field.options).or_else(|| usual_in_hint(field.hint))
}
