//! The one error type of the document pipeline.
//!
//! Markup errors carry the 1-based line number of the generated markup, because the person
//! who has to fix them is a template author reading that markup, not an end user.

/// Everything that can go wrong between a template and a finished document.
#[derive(Debug, thiserror::Error)]
pub enum DocgenError {
    /// The markup a template produced breaks the contract in `docs/document-markup.md`.
    #[error("document markup, line {line}: {message}")]
    Markup { line: usize, message: String },
    /// A document template could not be read or compiled at start-up.
    #[error("document template {name}: {message}")]
    TemplateLoad { name: String, message: String },
    /// A template failed while rendering, usually a missing key under strict mode.
    #[error("rendering document template: {0}")]
    TemplateRender(#[from] handlebars::RenderError),
    /// The embedded fonts could not be parsed (a broken build, never user input).
    #[error("embedded font {0} could not be parsed")]
    Font(&'static str),
    /// The PDF writer reported a problem it could not work around.
    #[error("writing the PDF: {0}")]
    Pdf(String),
}

impl DocgenError {
    pub(crate) fn markup(line: usize, message: impl Into<String>) -> Self {
        DocgenError::Markup {
            line,
            message: message.into(),
        }
    }
}
