//! Which rules questions suggest an answer the case already holds (see `domain::suggest`).
//! Every question whose hint states a usual figure suggests that figure too.

use super::form::FormField;
use crate::domain::suggest::Place::{Case, Stages};
use crate::domain::suggest::{first_known, usual_in_hint, Known, Source, Suggestion, Via};

/// The registration stage's answer as the rules' legal form.
const REGISTERS_AS: &[(&str, &str)] = &[("fca", "society"), ("companies_house", "company")];

/// Answers elsewhere in the case that answer a rules question, first found wins.
const SOURCES: &[(&str, &[Source<'static>])] = &[
    (
        "legal_form",
        &[Source::new(
            Stages,
            "registration_body",
            Via::Choice(REGISTERS_AS),
        )],
    ),
    (
        "name",
        &[
            Source::new(Stages, "group_name", Via::CoopName),
            Source::new(Case, "workplace", Via::CoopName),
        ],
    ),
    (
        "founders",
        &[
            Source::new(Stages, "committed_founders", Via::Founders),
            Source::new(Stages, "sg_members", Via::Founders),
        ],
    ),
    ("union_name", &[Source::new(Case, "union_name", Via::Same)]),
    (
        "workers_in_unit",
        &[
            Source::new(Stages, "transferring_staff", Via::Same),
            Source::new(Case, "headcount", Via::Same),
        ],
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

/// What to offer for the legal form, chosen before any other question.
pub fn legal_form_suggestion(known: &Known, options: &[(&str, &str)]) -> Option<Suggestion> {
    first_known(sources("legal_form"), known, options)
}
