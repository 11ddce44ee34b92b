//! Page templates: the `*.html.hbs` files under `template_dir`, compiled once at start, and the
//! `Template` a handler returns.
//!
//! Rocket's template fairing (rocket_dyn_templates) did this before. It turned each page's data
//! into its own value type when the handler returned, and that into handlebars' JSON when the
//! response was made: two copies of every row, a fifth of the staff case list's instructions
//! (docs/performance.md). Here the data becomes JSON once and handlebars renders from that
//! value without copying it again. Templates are not reloaded while the server runs: restart it
//! after editing one.

use std::borrow::Cow;
use std::path::Path;

use handlebars::{Context, Handlebars};
use rocket::http::{ContentType, Status};
use rocket::response::{self, Responder};
use rocket::Request;
use serde::Serialize;

/// The compiled page templates, managed by Rocket.
pub struct PageTemplates(Handlebars<'static>);

/// What page template files end with; the name is the path below `template_dir` without it.
const EXTENSION: &str = ".html.hbs";

impl PageTemplates {
    /// Compiles every page template below `dir`. An error names the file and what is wrong
    /// with it: the server must not start with a page that cannot be shown.
    pub fn load(dir: &Path) -> Result<Self, String> {
        let mut registry = Handlebars::new();
        super::customize(&mut registry);
        let mut files = Vec::new();
        find_templates(dir, &mut files)
            .map_err(|e| format!("could not read the templates folder {}: {e}", dir.display()))?;
        for file in files {
            let relative = file.strip_prefix(dir).unwrap_or(&file).to_string_lossy();
            let name = relative
                .trim_end_matches(EXTENSION)
                .replace(std::path::MAIN_SEPARATOR, "/");
            registry
                .register_template_file(&name, &file)
                .map_err(|e| format!("the page template {} is not valid: {e}", file.display()))?;
        }
        Ok(Self(registry))
    }

    fn render(&self, name: &str, data: serde_json::Value) -> Result<String, String> {
        self.0
            .render_with_context(name, &Context::from(data))
            .map_err(|e| e.to_string())
    }
}

fn find_templates(dir: &Path, found: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            find_templates(&path, found)?;
        } else if path.to_string_lossy().ends_with(EXTENSION) {
            found.push(path);
        }
    }
    Ok(())
}

/// A page to show: a template's name and the data it is filled with.
pub struct Template {
    name: Cow<'static, str>,
    data: Result<serde_json::Value, serde_json::Error>,
}

impl Template {
    pub fn render(name: impl Into<Cow<'static, str>>, data: impl Serialize) -> Self {
        Self {
            name: name.into(),
            data: serde_json::to_value(data),
        }
    }
}

impl<'r> Responder<'r, 'static> for Template {
    fn respond_to(self, request: &'r Request<'_>) -> response::Result<'static> {
        let Some(templates) = request.rocket().state::<PageTemplates>() else {
            tracing::error!("page templates were not loaded at start");
            return Err(Status::InternalServerError);
        };
        let html = self
            .data
            .map_err(|e| e.to_string())
            .and_then(|data| templates.render(&self.name, data))
            .map_err(|e| {
                tracing::error!(template = %self.name, "a page could not be rendered: {e}");
                Status::InternalServerError
            })?;
        (ContentType::HTML, html).respond_to(request)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder_with(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("a temporary folder");
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
            std::fs::write(path, text).expect("written");
        }
        dir
    }

    #[test]
    fn pages_are_named_by_their_path_and_use_each_other_as_partials() {
        let dir = folder_with(&[
            ("partials/hello.html.hbs", "Hello {{name}}"),
            ("cases/list.html.hbs", "<p>{{> partials/hello}}!</p>"),
            ("documents/rules.hbs", "{{#if}} not a page, never compiled"),
        ]);
        let templates = PageTemplates::load(dir.path()).expect("loads");
        let html = templates
            .render("cases/list", serde_json::json!({ "name": "Ann <Lee>" }))
            .expect("renders");
        assert_eq!(html, "<p>Hello Ann &lt;Lee&gt;!</p>");
    }

    #[test]
    fn a_broken_page_template_is_named() {
        let dir = folder_with(&[("cases/list.html.hbs", "{{#each rows}} never closed")]);
        let error = PageTemplates::load(dir.path()).err().expect("refused");
        assert!(error.contains("cases/list.html.hbs"), "{error}");
    }
}
