//! The registry of document templates (`templates/documents/**/*.hbs`).
//!
//! Separate from the web pages' registry on purpose: document templates write markup, not
//! HTML, so every `{{value}}` is escaped for the markup (`escape::escape`: an answer can never
//! start a clause, a heading or a table cell) rather than for HTML (otherwise "&" would reach
//! the PDF as "&amp;"); each renderer escapes for its own output. Triple braces skip the
//! escaping, so they are refused everywhere but on an `@chart` line, whose JSON is made by
//! code. Strict mode turns a missing key into an error instead of a silently blank clause in
//! a legal document.

use std::path::{Path, PathBuf};

use handlebars::{Handlebars, Template};
use serde::Serialize;

use super::error::DocgenError;
use super::escape::escape;
use super::helpers;

/// Compiled document templates, named by their path under the folder without `.hbs`
/// (`rules/model.hbs` is `rules/model`). Build once at start; rendering takes `&self`.
#[derive(Debug)]
pub struct DocTemplates {
    registry: Handlebars<'static>,
}

impl DocTemplates {
    /// Loads and compiles every `*.hbs` under `dir`, in sub-folders too.
    pub fn load(dir: &Path) -> Result<DocTemplates, DocgenError> {
        let mut sources = Vec::new();
        find_sources(dir, dir, &mut sources)?;
        let templates = DocTemplates::compile(&sources)?;
        // A partial that is called but missing would otherwise fail only when a document
        // using it is made, in front of a rep.
        for source in &sources {
            for partial in partials_in(&source.text) {
                if !templates.registry.has_template(&partial) {
                    return Err(DocgenError::TemplateLoad {
                        name: source.path.display().to_string(),
                        message: format!("it includes {partial}, and there is no {partial}.hbs"),
                    });
                }
            }
        }
        Ok(templates)
    }

    /// Loads and compiles the template named `root` and every partial it includes, directly
    /// or through other partials, and nothing else.
    pub fn load_used_by(dir: &Path, root: &str) -> Result<DocTemplates, DocgenError> {
        let mut sources: Vec<Source> = Vec::new();
        let mut waiting = vec![root.to_string()];
        while let Some(name) = waiting.pop() {
            if sources.iter().any(|s| s.name == name) {
                continue;
            }
            let source = Source::read(dir.join(format!("{name}.hbs")), name)?;
            waiting.extend(partials_in(&source.text));
            sources.push(source);
        }
        DocTemplates::compile(&sources)
    }

    fn compile(sources: &[Source]) -> Result<DocTemplates, DocgenError> {
        let mut templates = DocTemplates::empty();
        for source in sources {
            unescaped_outside_charts(source)?;
            let template = Template::compile_with_name(&source.text, source.name.clone())
                .map_err(|e| load_error(&source.path, &e))?;
            templates.registry.register_template(&source.name, template);
        }
        Ok(templates)
    }

    fn empty() -> DocTemplates {
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        registry.register_escape_fn(escape);
        helpers::register(&mut registry);
        DocTemplates { registry }
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

/// `{{{value}}}` writes a value unescaped, so an answer in it could forge a clause. Only an
/// `@chart` line may use it: its JSON is made by code and is one line whatever it holds.
fn unescaped_outside_charts(source: &Source) -> Result<(), DocgenError> {
    for (n, line) in source.text.lines().enumerate() {
        if line.contains("{{{") && !line.trim_start().starts_with("@chart ") {
            return Err(DocgenError::TemplateLoad {
                name: source.path.display().to_string(),
                message: format!(
                    "line {}: {{{{{{ }}}}}} is only allowed on an @chart line; use {{{{ }}}} so the value is escaped",
                    n + 1
                ),
            });
        }
    }
    Ok(())
}

/// A template file's text, and the name it is registered under.
struct Source {
    name: String,
    path: PathBuf,
    text: String,
}

impl Source {
    fn read(path: PathBuf, name: String) -> Result<Source, DocgenError> {
        let text = std::fs::read_to_string(&path).map_err(|e| load_error(&path, &e))?;
        Ok(Source { name, path, text })
    }
}

fn load_error(path: &Path, e: &dyn std::fmt::Display) -> DocgenError {
    DocgenError::TemplateLoad {
        name: path.display().to_string(),
        message: e.to_string(),
    }
}

/// Every `*.hbs` under `dir`, in sub-folders too, in file-name order.
fn find_sources(root: &Path, dir: &Path, sources: &mut Vec<Source>) -> Result<(), DocgenError> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| load_error(dir, &e))?
        .collect::<Result<_, _>>()
        .map_err(|e| load_error(dir, &e))?;
    entries.sort_by_key(std::fs::DirEntry::path);
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            find_sources(root, &path, sources)?;
        } else if path.extension().is_some_and(|e| e == "hbs") {
            let name =
                template_name(root, &path).ok_or_else(|| load_error(&path, &"odd file name"))?;
            sources.push(Source::read(path, name)?);
        }
    }
    Ok(())
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
    fn values_are_escaped_and_triple_braces_only_write_charts() {
        let dir = folder("escaped");
        std::fs::write(
            dir.join("forge.hbs"),
            "@clause S01.name Name\n+ {{name}}\n\n{{table rows}}\n\n@chart {{{chart}}}",
        )
        .unwrap();
        let templates = DocTemplates::load(&dir).unwrap();
        let data = serde_json::json!({
            "name": "x\n@clause S02.forged Forged\n| a |",
            "rows": [["Who", "£"], ["a | b\n# c", "**(1,234)**"]],
            "chart": "{\"kind\":\"bar\",\"title\":\"T\",\"labels\":[\"Y1\"],\"series\":[{\"name\":\"S\",\"values\":[1]}]}",
        });
        let markup = templates.render("forge", &data).unwrap();
        let blocks = crate::docgen::parse(&markup).unwrap();
        assert_eq!(crate::docgen::clause_numbers(&blocks).len(), 1, "{markup}");
        let crate::docgen::Block::Clause(clause) = &blocks[0] else {
            panic!("{blocks:?}")
        };
        let crate::docgen::Block::Table(table) = &clause.body[1] else {
            panic!("{blocks:?}")
        };
        assert_eq!(table.rows[0][0][0].text, "a | b # c");
        assert!(table.rows[0][1][0].bold, "a whole-cell total stays bold");
        std::fs::write(dir.join("raw.hbs"), "+ {{{name}}}").unwrap();
        let refused = DocTemplates::load(&dir).unwrap_err().to_string();
        assert!(
            refused.contains("only allowed on an @chart line"),
            "{refused}"
        );
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
