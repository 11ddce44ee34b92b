//! The registry of document templates (`templates/documents/**/*.hbs`).
//!
//! Separate from the web pages' registry on purpose: document templates write markup, not
//! HTML, so escaping is off (`no_escape`; otherwise "&" would reach the PDF as "&amp;") and
//! each renderer escapes for its own output. Strict mode turns a missing key into an error
//! instead of a silently blank clause in a legal document.

use std::path::{Path, PathBuf};

use handlebars::{
    handlebars_helper, Context, Handlebars, Helper, HelperResult, Output, RenderContext,
    RenderErrorReason,
};
use serde::Serialize;
use serde_json::Value;

use super::error::DocgenError;
use crate::domain::money::{format_accounts, format_pounds, format_pounds_whole};

/// Compiled document templates, named by their path under the folder without `.hbs`
/// (`rules/model.hbs` is `rules/model`). Build once at start; rendering takes `&self`.
#[derive(Debug)]
pub struct DocTemplates {
    registry: Handlebars<'static>,
}

handlebars_helper!(pounds: |pence: i64| format_pounds(pence));
handlebars_helper!(pounds_whole: |pence: i64| format_pounds_whole(pence));
handlebars_helper!(accounts: |pence: i64| format_accounts(pence));

/// `{{table rows}}`: a list of rows, each a list of cells, as markup table lines
/// (`| a | b |`), one per row. Written in Rust because a nested `{{#each}}` per cell made
/// the business plan's tables most of its template time.
fn table(
    helper: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    let rows = helper
        .param(0)
        .and_then(|p| p.value().as_array())
        .ok_or_else(|| {
            RenderErrorReason::ParamTypeMismatchForName("table", "0".into(), "list of rows".into())
        })?;
    let mut text = String::new();
    for (n, row) in rows.iter().enumerate() {
        if n > 0 {
            text.push('\n');
        }
        text.push('|');
        for cell in row.as_array().map_or(&[][..], Vec::as_slice) {
            text.push(' ');
            match cell {
                Value::String(s) => text.push_str(s),
                Value::Null => {}
                other => text.push_str(&other.to_string()),
            }
            text.push_str(" |");
        }
    }
    out.write(&text)?;
    Ok(())
}

impl DocTemplates {
    /// Loads and compiles every `*.hbs` under `dir`, in sub-folders too.
    pub fn load(dir: &Path) -> Result<DocTemplates, DocgenError> {
        let mut templates = DocTemplates::empty();
        let mut calls = Vec::new();
        templates.load_folder(dir, dir, &mut calls)?;
        // A partial that is called but missing would otherwise fail only when a document
        // using it is made, in front of a rep.
        for (path, partial) in calls {
            if !templates.registry.has_template(&partial) {
                return Err(DocgenError::TemplateLoad {
                    name: path.display().to_string(),
                    message: format!("it includes {partial}, and there is no {partial}.hbs"),
                });
            }
        }
        Ok(templates)
    }

    /// Loads and compiles the template named `root` and every partial it includes, directly
    /// or through other partials, and nothing else.
    pub fn load_used_by(dir: &Path, root: &str) -> Result<DocTemplates, DocgenError> {
        let mut templates = DocTemplates::empty();
        let mut waiting = vec![root.to_string()];
        while let Some(name) = waiting.pop() {
            if templates.registry.has_template(&name) {
                continue;
            }
            let path = dir.join(format!("{name}.hbs"));
            let source = std::fs::read_to_string(&path).map_err(|e| DocgenError::TemplateLoad {
                name: path.display().to_string(),
                message: e.to_string(),
            })?;
            waiting.extend(partials_in(&source));
            templates.register(&path, &name, source)?;
        }
        Ok(templates)
    }

    fn empty() -> DocTemplates {
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        registry.register_escape_fn(handlebars::no_escape);
        // Money helpers so templates format pence the same way as the rest of coopkit:
        // {{pounds x}} → £1,234.56, {{pounds_whole x}} → £1,235, {{accounts x}} → (1,235).
        registry.register_helper("pounds", Box::new(pounds));
        registry.register_helper("pounds_whole", Box::new(pounds_whole));
        registry.register_helper("accounts", Box::new(accounts));
        registry.register_helper("table", Box::new(table));
        DocTemplates { registry }
    }

    fn register(&mut self, path: &Path, name: &str, source: String) -> Result<(), DocgenError> {
        self.registry
            .register_template_string(name, source)
            .map_err(|e| DocgenError::TemplateLoad {
                name: path.display().to_string(),
                message: e.to_string(),
            })
    }

    /// Compiles every template under `dir`, noting each file's partial calls in `calls`.
    fn load_folder(
        &mut self,
        root: &Path,
        dir: &Path,
        calls: &mut Vec<(PathBuf, String)>,
    ) -> Result<(), DocgenError> {
        let failed = |name: &Path, e: &dyn std::fmt::Display| DocgenError::TemplateLoad {
            name: name.display().to_string(),
            message: e.to_string(),
        };
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| failed(dir, &e))?
            .collect::<Result<_, _>>()
            .map_err(|e| failed(dir, &e))?;
        entries.sort_by_key(std::fs::DirEntry::path);
        for entry in entries {
            let path = entry.path();
            if path.is_dir() {
                self.load_folder(root, &path, calls)?;
            } else if path.extension().is_some_and(|e| e == "hbs") {
                let name =
                    template_name(root, &path).ok_or_else(|| failed(&path, &"odd file name"))?;
                let source = std::fs::read_to_string(&path).map_err(|e| failed(&path, &e))?;
                calls.extend(partials_in(&source).map(|partial| (path.clone(), partial)));
                self.register(&path, &name, source)?;
            }
        }
        Ok(())
    }

    /// Renders the named template with `data` into markup.
    pub fn render(&self, name: &str, data: &impl Serialize) -> Result<String, DocgenError> {
        Ok(self.registry.render(name, data)?)
    }

    /// The names of all loaded templates, sorted.
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.registry.get_templates().keys().cloned().collect();
        names.sort();
        names
    }
}

/// The names in `{{> name}}` partial calls, as written.
fn partials_in(source: &str) -> impl Iterator<Item = String> + '_ {
    source.split("{{>").skip(1).filter_map(|call| {
        let name = call
            .trim_start()
            .split(|c: char| c.is_whitespace() || c == '}');
        name.into_iter()
            .next()
            .filter(|n| !n.is_empty())
            .map(str::to_string)
    })
}

/// `root/rules/model.hbs` → `rules/model`, with `/` separators on every platform.
fn template_name(root: &Path, path: &Path) -> Option<String> {
    let relative = path.strip_prefix(root).ok()?.with_extension("");
    let parts: Option<Vec<&str>> = relative
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect();
    Some(parts?.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(test: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("docgen-{test}-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("rules")).unwrap();
        std::fs::write(
            dir.join("rules/model.hbs"),
            "@clause S01.name Name\nThe name is {{name}}. Share: {{pounds share}}.",
        )
        .unwrap();
        std::fs::write(dir.join("plan.hbs"), "# Plan for {{name}}").unwrap();
        std::fs::write(dir.join("notes.txt"), "not a template").unwrap();
        dir
    }

    #[test]
    fn templates_are_named_by_relative_path_and_not_escaped() {
        let dir = folder("names");
        let templates = DocTemplates::load(&dir).unwrap();
        assert_eq!(templates.names(), vec!["plan", "rules/model"]);
        let data = serde_json::json!({ "name": "Tom & Jerry <Co-op>", "share": 100 });
        let text = templates.render("rules/model", &data).unwrap();
        assert_eq!(
            text,
            "@clause S01.name Name\nThe name is Tom & Jerry <Co-op>. Share: £1.00."
        );
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn loading_for_one_template_takes_it_and_its_partials_only() {
        let dir = folder("used-by");
        std::fs::write(dir.join("rules/front.hbs"), "# {{name}}").unwrap();
        std::fs::write(
            dir.join("rules/full.hbs"),
            "{{> rules/front}}\n{{>rules/model }}",
        )
        .unwrap();
        let templates = DocTemplates::load_used_by(&dir, "rules/full").unwrap();
        assert_eq!(
            templates.names(),
            vec!["rules/front", "rules/full", "rules/model"]
        );
        let missing = DocTemplates::load_used_by(&dir, "rules/absent").unwrap_err();
        assert!(
            missing.to_string().contains("rules/absent.hbs"),
            "{missing}"
        );
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn a_missing_partial_stops_the_load_naming_both_files() {
        let dir = folder("missing-partial");
        std::fs::write(dir.join("rules/full.hbs"), "{{> rules/absent}}").unwrap();
        let error = DocTemplates::load(&dir).unwrap_err().to_string();
        assert!(error.contains("full.hbs"), "{error}");
        assert!(error.contains("rules/absent.hbs"), "{error}");
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn a_missing_key_is_an_error() {
        let dir = folder("strict");
        let templates = DocTemplates::load(&dir).unwrap();
        let result = templates.render("plan", &serde_json::json!({}));
        assert!(matches!(result, Err(DocgenError::TemplateRender(_))));
        std::fs::remove_dir_all(dir).ok();
    }
}
