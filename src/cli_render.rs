//! `coopkit render rules|business-plan`: the document pipeline from an answers file, with no
//! server and no database. Invalid answers stop it with the same messages the web form shows,
//! one per line as `field: message`, and a non-zero exit code.

use std::path::Path;

use serde_json::Value;

use crate::cli::{RenderArgs, RenderDocument};
use crate::config::{self, AppConfig};
use crate::domain::rules;
use crate::services::render::{self, Engine, Facts, Prepared};

pub fn render(document: RenderDocument) -> Result<(), String> {
    let started = std::time::Instant::now();
    let (args, is_rules) = match &document {
        RenderDocument::Rules(args) => (args, true),
        RenderDocument::BusinessPlan(args) => (args, false),
    };
    let answers = read_json(&args.answers)?;
    let facts = Facts {
        reference: args.reference.clone(),
        coop_name: args.name.clone(),
        author: "coopkit".into(),
        version: 1,
        draft: !args.final_version,
        today: chrono::Utc::now().date_naive(),
        made_at: chrono::Utc::now().timestamp(),
    };
    let prepared = if is_rules {
        let object = answers
            .as_object()
            .ok_or("the answers file must hold one JSON object")?;
        // The file is judged as strictly as the web form judges a page.
        let options =
            rules::parse_answers(object).map_err(|e| render::error_lines(&e).join("\n"))?;
        let engine = load_engine(rules::template_name(options.form))?;
        render::prepare_rules(&engine, object, &facts).map(|prepared| (engine, prepared))
    } else {
        let engine = load_engine(render::PLAN_TEMPLATE)?;
        render::prepare_plan(&engine, &answers, &facts).map(|prepared| (engine, prepared))
    };
    let (engine, prepared) = prepared.map_err(|e| match e {
        render::PrepareError::Answers(errors) => render::error_lines(&errors).join("\n"),
        render::PrepareError::Docgen(e) => format!("could not make the document: {e}"),
    })?;
    write(&engine, &prepared, args)?;
    eprintln!(
        "coopkit: wrote {} in {} ms",
        args.out.display(),
        started.elapsed().as_millis()
    );
    Ok(())
}

/// The fonts and only the templates this document is made from.
fn load_engine(template: &str) -> Result<Engine, String> {
    let dir = AppConfig::from_figment(&config::figment())
        .map(|c| c.documents_dir())
        .unwrap_or_else(|_| Path::new("templates").join("documents"));
    Engine::load_used_by(&dir, template).map_err(|e| format!("a document template is broken: {e}"))
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("could not read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{} is not valid JSON: {e}", path.display()))
}

fn write(engine: &Engine, prepared: &Prepared, args: &RenderArgs) -> Result<(), String> {
    if args.final_version && !prepared.final_problems.is_empty() {
        let reasons: Vec<String> = prepared
            .final_problems
            .iter()
            .map(|p| match &p.field {
                Some(field) => format!("{field}: {}", p.message),
                None => p.message.clone(),
            })
            .collect();
        return Err(format!(
            "this cannot be made final yet:\n{}",
            reasons.join("\n")
        ));
    }
    let (pdf, _) =
        render::pdf(engine, prepared).map_err(|e| format!("could not make the PDF: {e}"))?;
    std::fs::write(&args.out, pdf)
        .map_err(|e| format!("could not write {}: {e}", args.out.display()))?;
    if let Some(html) = &args.html {
        std::fs::write(html, page(prepared))
            .map_err(|e| format!("could not write {}: {e}", html.display()))?;
    }
    Ok(())
}

/// A standalone HTML page around the preview article, so it opens in a browser (and
/// LibreOffice) on its own.
fn page(prepared: &Prepared) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en-GB\">\n<head><meta charset=\"utf-8\"><title>{}</title></head>\n<body>\n{}</body>\n</html>\n",
        crate::docgen::html_escape(&prepared.meta.title),
        render::html(prepared)
    )
}
