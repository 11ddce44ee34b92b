//! Model rules for a worker co-operative: the rep's answers, the context the rules templates
//! render from, and the legal check run over the clauses a render actually produced.
//!
//! Pure domain: no web, database or template-engine imports. The pipeline renders
//! `templates/documents/rules/<form>.hbs` with the context built here, reads the numbered
//! clauses' text and the signatures back out of the markup, and hands them to [`check`] so the
//! check judges what the document says rather than what the answers hoped it would say.

mod amendments;
mod answers;
pub mod check;
mod consistency;
pub mod context;
mod coop_tests;
mod coop_text;
pub mod document;
pub mod form;
mod form_questions;
mod markup;
pub mod matters;
mod meeting_checks;
pub mod options;
pub mod plan_match;
mod share_checks;
pub mod substance;
pub mod suggested;

#[cfg(test)]
mod tests;

pub use check::{
    check, check_with_plan, fee_band, FeeBand, Finding, LegalCheck, MatterCoverage, Severity,
    TestResult,
};
pub use context::build_context;
pub use coop_tests::{providers as test_providers, MAX_INTEREST, TESTS};
pub use document::{RenderedClause, RenderedRules};
pub use form::{form_pages, FieldKind, FormField, FormPage, REVEALS_REST_OF_PAGE};
pub use markup::{legal_check_markup, plan_match_markup};
pub use options::{answer_problems, parse_answers, read_answers, LegalForm, RulesOptions};
pub use plan_match::{compare as compare_with_plan, Fix, Mismatch, PlanFigures};

/// The handlebars name of the rules template for a form, registered by its path under
/// `templates/documents/` without `.hbs`.
pub fn template_name(form: LegalForm) -> &'static str {
    match form {
        LegalForm::Society => "rules/society",
        LegalForm::Company => "rules/company",
        LegalForm::Consortium => "rules/consortium",
    }
}

/// The three forms' templates. The partials they include are found by the template loader,
/// which refuses to start when one is missing.
pub fn form_templates() -> impl Iterator<Item = &'static str> {
    [
        LegalForm::Society,
        LegalForm::Company,
        LegalForm::Consortium,
    ]
    .into_iter()
    .map(template_name)
}
