//! From answers to a finished document, without a server or a database: answers → checked
//! options or inputs → template → markup → blocks → HTML or PDF. The web service, the command
//! line and the benchmarks all call this, so a document is made the same way everywhere.

use std::path::Path;

use chrono::NaiveDate;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::document_checks;
use crate::docgen::{self, Block, DocTemplates, DocgenError, DocumentMeta, Fonts};
use crate::domain::field_errors::FieldErrors;
use crate::domain::{finance, rules};

/// Documents laid out at the same moment, server-wide: one fewer than the cores, at least
/// one. Laying out a PDF takes a core for tens of milliseconds; without a bound, a flood of
/// downloads took every core and a signed-in person's case list went from 2 ms to 129 ms.
/// With it, one core always serves pages; further documents wait their turn without holding
/// a thread.
static RENDER_SLOTS: std::sync::LazyLock<tokio::sync::Semaphore> =
    std::sync::LazyLock::new(|| tokio::sync::Semaphore::new(render_slots()));

pub fn render_slots() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().saturating_sub(1).max(1))
}

/// Runs document layout (PDF or HTML) on a blocking thread once a render slot is free. Every
/// document the server makes goes through here.
pub async fn run_limited<T, F>(work: F) -> crate::error::AppResult<T>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let _slot = RENDER_SLOTS
        .acquire()
        .await
        .map_err(|e| crate::error::AppError::Internal(format!("render slots closed: {e}")))?;
    Ok(tokio::task::spawn_blocking(work).await?)
}

/// The HTML view of a stored version's markup, made in a render slot like every other
/// document, so that a flood of document views cannot take the cores that serve pages.
pub async fn stored_html(meta: DocumentMeta, markup: String) -> crate::error::AppResult<String> {
    let html = run_limited(move || {
        docgen::parse(&markup).map(|blocks| docgen::render_html(&meta, &blocks))
    })
    .await??;
    Ok(html)
}

/// The fonts and compiled document templates, loaded once at start and shared.
#[derive(Debug)]
pub struct Engine {
    pub fonts: Fonts,
    pub templates: DocTemplates,
}

/// Templates the server needs; a start without one of them would fail later, in front of a
/// rep, so `Engine::load` refuses to start instead.
const REQUIRED: &[&str] = &[
    PLAN_TEMPLATE,
    "readiness",
    "meeting_notice",
    "meeting_minutes",
    super::impact::REPORT_TEMPLATE,
];

/// The business plan's template, by registered name.
pub const PLAN_TEMPLATE: &str = "business_plan";

impl Engine {
    /// Every document template, for the server.
    pub fn load(documents_dir: &Path) -> Result<Engine, DocgenError> {
        let (fonts, templates) = with_fonts(|| DocTemplates::load(documents_dir));
        let templates = templates?;
        let names = templates.names();
        for needed in rules::form_templates().chain(REQUIRED.iter().copied()) {
            if !names.iter().any(|n| n == needed) {
                return Err(DocgenError::TemplateLoad {
                    name: format!("{}/{needed}.hbs", documents_dir.display()),
                    message: "the file is missing".into(),
                });
            }
        }
        Ok(Engine {
            fonts: fonts?,
            templates,
        })
    }

    /// Only the template named `root` and the partials it includes, for `coopkit render`:
    /// compiling the others would be a large part of a one-off run's time.
    pub fn load_used_by(documents_dir: &Path, root: &str) -> Result<Engine, DocgenError> {
        let (fonts, templates) = with_fonts(|| DocTemplates::load_used_by(documents_dir, root));
        Ok(Engine {
            templates: templates?,
            fonts: fonts?,
        })
    }
}

/// Parses the fonts on a second thread while `load_templates` runs: each takes a few
/// milliseconds and neither needs the other.
fn with_fonts<T>(load_templates: impl FnOnce() -> T) -> (Result<Fonts, DocgenError>, T) {
    std::thread::scope(|scope| {
        let fonts = scope.spawn(Fonts::load);
        let templates = load_templates();
        let fonts = fonts
            .join()
            .unwrap_or(Err(DocgenError::Font("DejaVu (the parser stopped)")));
        (fonts, templates)
    })
}

/// The kinds of document a case can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Rules,
    BusinessPlan,
}

impl Kind {
    pub const ALL: [Kind; 2] = [Kind::Rules, Kind::BusinessPlan];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Rules => "rules",
            Kind::BusinessPlan => "business_plan",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Rules => "Rules",
            Kind::BusinessPlan => "Business plan",
        }
    }

    /// The word used in file names: `PCEC-2026-0001-business-plan-v2.pdf`.
    pub fn slug(self) -> &'static str {
        match self {
            Kind::Rules => "rules",
            Kind::BusinessPlan => "business-plan",
        }
    }
}

/// Facts about this rendering rather than the answers.
#[derive(Debug, Clone)]
pub struct Facts {
    pub reference: String,
    /// The co-op's name when the answers do not give one (the business plan has none).
    pub coop_name: String,
    pub author: String,
    pub version: u32,
    pub draft: bool,
    pub today: NaiveDate,
    /// When it is made (seconds since the Unix epoch, from the clock): the PDF's dates.
    pub made_at: i64,
}

/// Something that stops a document being made final, with the question that fixes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub field: Option<String>,
    /// The document whose answer fixes it, when that is the other one (a rules and plan
    /// mismatch may be fixed in either).
    pub fixed_in: Option<Kind>,
}

/// A document ready to show or print.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub kind: Kind,
    pub markup: String,
    pub blocks: Vec<Block>,
    pub meta: DocumentMeta,
    /// When it was made, for the PDF's dates.
    pub made_at: i64,
    /// Empty when the document may be made final.
    pub final_problems: Vec<Problem>,
}

#[derive(Debug, thiserror::Error)]
pub enum PrepareError {
    #[error("the answers need fixing")]
    Answers(FieldErrors),
    #[error(transparent)]
    Docgen(#[from] DocgenError),
}

impl From<FieldErrors> for PrepareError {
    fn from(errors: FieldErrors) -> Self {
        PrepareError::Answers(errors)
    }
}

/// The rules, with the legal check appended as the last section. Answers are only read, not
/// judged: out-of-range choices stay in the draft and the check reports them.
pub fn prepare_rules(
    engine: &Engine,
    answers: &Map<String, Value>,
    facts: &Facts,
) -> Result<Prepared, PrepareError> {
    prepare_rules_with_plan(engine, answers, facts, None)
}

/// The rules, checked also against the case's business plan answers when there are any
/// (a plan that cannot be read yet is not compared).
pub fn prepare_rules_with_plan(
    engine: &Engine,
    answers: &Map<String, Value>,
    facts: &Facts,
    plan_answers: Option<&Value>,
) -> Result<Prepared, PrepareError> {
    let options = rules::read_answers(answers)?;
    let plan = plan_answers
        .and_then(|a| finance::parse_inputs(a).ok())
        .map(|inputs| rules::PlanFigures::from_inputs(&inputs));
    let context = rules::build_context(
        &options,
        &rules::context::DocumentMeta {
            case_reference: facts.reference.clone(),
            prepared_on: facts.today,
            draft: facts.draft,
        },
    );
    let body = engine
        .templates
        .render(rules::template_name(options.form), &context)?;
    // The check reads the document the template really produced, every clause's words and
    // every typed value, so a dropped, emptied or rewritten clause shows.
    let check = rules::check_with_plan(
        &options,
        &document_checks::rendered_rules(&docgen::parse(&body)?),
        plan.as_ref(),
    );
    let markup = format!(
        "{}\n\n@pagebreak\n\n{}",
        body.trim_end(),
        rules::legal_check_markup(&check)
    );
    let title = format!("Rules of {}", options.name);
    Ok(Prepared {
        kind: Kind::Rules,
        blocks: docgen::parse(&markup)?,
        meta: meta(&title, &options.name, "Model rules", facts),
        made_at: facts.made_at,
        markup,
        final_problems: document_checks::rules_problems(&check),
    })
}

/// The business plan, checked also against the case's rules answers when there are any: it
/// gains a section on agreeing with the rules, and a blocking mismatch stops a final version.
pub fn prepare_plan_with_rules(
    engine: &Engine,
    answers: &Value,
    facts: &Facts,
    rules_answers: Option<&Map<String, Value>>,
) -> Result<Prepared, PrepareError> {
    let mut prepared = prepare_plan(engine, answers, facts)?;
    let options = rules_answers.and_then(|a| rules::read_answers(a).ok());
    let (Some(options), Ok(inputs)) = (options, finance::parse_inputs(answers)) else {
        return Ok(prepared);
    };
    let mismatches = rules::compare_with_plan(&options, &rules::PlanFigures::from_inputs(&inputs));
    prepared.markup = format!(
        "{}\n\n{}",
        prepared.markup.trim_end(),
        rules::plan_match_markup(&mismatches)
    );
    prepared.blocks = docgen::parse(&prepared.markup)?;
    prepared
        .final_problems
        .extend(document_checks::mismatch_problems(
            mismatches.iter(),
            Kind::BusinessPlan,
        ));
    Ok(prepared)
}

/// The business plan with its financial model.
pub fn prepare_plan(
    engine: &Engine,
    answers: &Value,
    facts: &Facts,
) -> Result<Prepared, PrepareError> {
    let inputs = finance::parse_inputs(answers)?;
    let model = finance::build_model(&inputs);
    let mut context = finance::build_context(&inputs, &model, &facts.coop_name, &facts.reference);
    context.draft = facts.draft;
    let markup = engine.templates.render(PLAN_TEMPLATE, &context)?;
    let final_problems = match model.can_be_final() {
        Ok(()) => Vec::new(),
        Err(reasons) => reasons
            .into_iter()
            .map(|message| Problem {
                message,
                field: None,
                fixed_in: None,
            })
            .collect(),
    };
    let title = format!("Business plan: {}", facts.coop_name);
    Ok(Prepared {
        kind: Kind::BusinessPlan,
        blocks: docgen::parse(&markup)?,
        meta: meta(&title, &facts.coop_name, "Business plan", facts),
        made_at: facts.made_at,
        markup,
        final_problems,
    })
}

fn meta(title: &str, coop_name: &str, subject: &str, facts: &Facts) -> DocumentMeta {
    DocumentMeta {
        title: title.to_string(),
        author: facts.author.clone(),
        subject: format!("{subject}, case {}", facts.reference),
        coop_name: coop_name.to_string(),
        reference: facts.reference.clone(),
        version: facts.version,
        draft: facts.draft,
    }
}

/// The PDF and its page count. CPU work: call it through `run_limited` from async code.
pub fn pdf(engine: &Engine, prepared: &Prepared) -> Result<(Vec<u8>, usize), DocgenError> {
    docgen::render_pdf_counted(
        &engine.fonts,
        &prepared.meta,
        &prepared.blocks,
        prepared.made_at,
    )
}

/// The accessible HTML preview (an `<article>` fragment).
pub fn html(prepared: &Prepared) -> String {
    docgen::render_html(&prepared.meta, &prepared.blocks)
}

/// SHA-256 of the markup, in hex: two versions with the same hash say the same thing.
pub fn content_hash(markup: &str) -> String {
    Sha256::digest(markup.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The start of a fingerprint that pages and documents show: 16 hex digits, the same length
/// everywhere, so a version page, a resolution and a notice can be compared at a glance (the
/// registration page shows all 64).
pub fn short_fingerprint(hash: &str) -> &str {
    &hash[..hash.len().min(16)]
}

/// Every message in `errors` as "field: message" lines, as the command line prints them.
pub fn error_lines(errors: &FieldErrors) -> Vec<String> {
    errors
        .iter()
        .map(|e| format!("{}: {}", e.field, e.message))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(test: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("render-{test}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_missing_template_stops_the_start_naming_the_file() {
        let dir = folder("missing");
        std::fs::write(dir.join("business_plan.hbs"), "# Plan").unwrap();
        let error = Engine::load(&dir).unwrap_err().to_string();
        assert!(error.contains("rules/society.hbs"), "{error}");
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn a_broken_template_stops_the_start_naming_the_file() {
        let dir = folder("broken");
        std::fs::write(dir.join("business_plan.hbs"), "{{#if x}}never closed").unwrap();
        let error = Engine::load(&dir).unwrap_err().to_string();
        assert!(error.contains("business_plan.hbs"), "{error}");
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn the_hash_is_sha256_in_hex() {
        assert_eq!(
            content_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
