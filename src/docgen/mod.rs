//! The document pipeline: template → markup → blocks → HTML preview or PDF.
//!
//! Owns everything between a filled-in document template and the bytes a person reads. The
//! markup contract is `docs/document-markup.md`. Only `pdf.rs` touches printpdf, and nothing
//! here knows about the web server or the database, so documents can be built and tested on
//! their own (and in `spawn_blocking`, since PDF layout is CPU work).

mod chart;
pub mod compare;
mod error;
pub mod escape;
mod figures;
mod flow;
mod fonts;
mod helpers;
mod html;
mod inline;
pub mod layout;
pub mod markup;
mod pdf;
pub mod templates;
mod wrap;

pub use chart::{Chart, ChartKind, ChartUnit, Series};
pub use error::DocgenError;
pub use flow::Role;
pub use fonts::Fonts;
pub use html::{escape as html_escape, render_html};
pub use markup::{clause_numbers, parse, Block, Clause, RichText, Span, Table};
pub use pdf::{render_pdf, render_pdf_counted};
pub use templates::DocTemplates;

/// What a document is, passed beside its markup: used for the PDF's metadata, its running
/// header ("co-op name · DRAFT · reference · version N") and the HTML preview's heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentMeta {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub coop_name: String,
    pub reference: String,
    pub version: u32,
    pub draft: bool,
}
