//! Model rules for a worker co-operative: the rep's answers, the context the rules templates
//! render from, and the legal check run over the clauses a render actually produced.
//!
//! Pure domain: no web, database or template-engine imports. The pipeline renders
//! `templates/documents/rules/<form>.hbs` with the context built here, reads the numbered
//! `@clause` lines back out of the markup, and hands them to [`check`] so the check judges
//! what the document says rather than what the answers hoped it would say.

mod amendments;
mod answers;
pub mod check;
mod consistency;
pub mod context;
mod coop_tests;
pub mod form;
mod form_questions;
mod markup;
mod meeting_checks;
pub mod options;

#[cfg(test)]
mod tests;

pub use check::{
    check, fee_band, FeeBand, Finding, LegalCheck, MatterCoverage, Severity, TestResult,
};
pub use context::build_context;
pub use form::{form_pages, FieldKind, FormField, FormPage};
pub use markup::legal_check_markup;
pub use options::{parse_answers, read_answers, LegalForm, RulesOptions};

/// The handlebars name of the rules template for a form, registered by its path under
/// `templates/documents/` without `.hbs`.
pub fn template_name(form: LegalForm) -> &'static str {
    match form {
        LegalForm::Society => "rules/society",
        LegalForm::Company => "rules/company",
        LegalForm::Consortium => "rules/consortium",
    }
}

/// Every template the rules are rendered from (the three forms and the partials they
/// include), by registered name; register each from `templates/documents/<name>.hbs`.
///
/// The long clause sets are split one part per file: besides being easier to edit, handlebars
/// works out a line and column for every element it compiles by counting from the start of
/// the file, so compiling one 20 KB file took longer than rendering the whole document.
pub const TEMPLATES: &[&str] = &[
    "rules/society",
    "rules/company",
    "rules/consortium",
    "rules/front",
    "rules/society_body",
    "rules/society_parts/name_objects_office",
    "rules/society_parts/members",
    "rules/society_parts/shares",
    "rules/society_parts/meetings",
    "rules/society_parts/board",
    "rules/society_parts/money",
    "rules/society_parts/closing",
    "rules/company_parts/company",
    "rules/company_parts/members",
    "rules/company_parts/meetings",
    "rules/company_parts/directors",
    "rules/company_parts/money_closing",
    "rules/union_recognition",
    "rules/union",
    "rules/signatures",
];
