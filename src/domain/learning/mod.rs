//! The centre's learning library: pages written in the app or uploaded PDFs, each tagged with
//! the pathway stages it helps with, and what counts as a member having done the governance
//! session before their case's members decide.
//!
//! Checks here are pure: the service hands over what was typed and uploaded, and the list of
//! stages that exist, and gets back a material that is safe to store or the messages to show.

use serde::Serialize;

use super::field_errors::FieldErrors;
use super::pathways::definition::{GateKind, Pathway, Stage};

pub mod page_text;
#[cfg(test)]
mod tests;

text_enum!(
    /// How a material is kept.
    MaterialFormat {
        Page = "page": "A page written here",
        Pdf = "pdf": "An uploaded PDF",
    }
);

/// The largest PDF the library takes: enough for a well-illustrated guide, small enough to
/// keep in the database and send to a phone.
pub const MAX_PDF_BYTES: usize = 8 * 1024 * 1024;
/// The longest page written in the app, in characters.
pub const MAX_PAGE_CHARS: usize = 20_000;
const MAX_TITLE_CHARS: usize = 160;

/// A pathway stage a material or event helps with, as a form sends it: `pathway:stage`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct StageTag {
    pub pathway: String,
    pub stage: String,
}

impl StageTag {
    pub fn new(pathway: &str, stage: &str) -> Self {
        Self {
            pathway: pathway.into(),
            stage: stage.into(),
        }
    }

    /// The form value, `buyout:members_vote`.
    pub fn value(&self) -> String {
        format!("{}:{}", self.pathway, self.stage)
    }
}

/// Reads ticked `pathway:stage` values, keeping only stages that exist. A value naming no
/// stage cannot come from the form, so it is dropped rather than shown as a mistake.
pub fn stage_tags(ticked: &[String], pathways: &[Pathway]) -> Vec<StageTag> {
    let mut tags: Vec<StageTag> = ticked
        .iter()
        .filter_map(|v| v.split_once(':'))
        .filter(|(p, s)| {
            pathways
                .iter()
                .any(|pw| pw.key == *p && pw.stages.iter().any(|st| st.key == *s))
        })
        .map(|(p, s)| StageTag::new(p, s))
        .collect();
    tags.sort();
    tags.dedup();
    tags
}

/// What staff typed for a material, kept as text so the form can be shown again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MaterialInput {
    pub title: String,
    pub format: String,
    pub body: String,
    pub tags: Vec<StageTag>,
}

/// An uploaded file, as received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
    /// The file was longer than the server reads, so `bytes` is only its start.
    pub cut_short: bool,
}

/// A material that passed every check. `pdf` is `None` for a page, and for a PDF whose edit
/// keeps the file already stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMaterial {
    pub title: String,
    pub format: MaterialFormat,
    pub body: String,
    pub pdf: Option<(String, Vec<u8>)>,
    pub tags: Vec<StageTag>,
}

/// Checks a material. `has_stored_pdf`: an edit of a PDF may keep its file.
pub fn check_material(
    input: &MaterialInput,
    upload: Option<&Upload>,
    has_stored_pdf: bool,
) -> Result<NewMaterial, FieldErrors> {
    let mut errors = FieldErrors::new();
    let title = input.title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        errors.add("title", "Give the material a title");
    } else if title.chars().count() > MAX_TITLE_CHARS {
        errors.add("title", "Use 160 characters or fewer");
    }
    let format = MaterialFormat::parse(input.format.trim());
    let body = input.body.replace("\r\n", "\n").trim().to_string();
    let mut pdf = None;
    match format {
        None => errors.add("format", "Choose a page written here or an uploaded PDF"),
        Some(MaterialFormat::Page) => {
            if body.is_empty() {
                errors.add("body", "Write the page, or choose an uploaded PDF instead");
            } else if body.chars().count() > MAX_PAGE_CHARS {
                errors.add(
                    "body",
                    "Use 20,000 characters or fewer: split it into two pages",
                );
            }
        }
        Some(MaterialFormat::Pdf) => match upload.filter(|u| !u.bytes.is_empty()) {
            Some(file) => match check_pdf(file) {
                Ok(()) => pdf = Some((file_name(&file.name), file.bytes.clone())),
                Err(message) => errors.add("file", message),
            },
            None if has_stored_pdf => {}
            None => errors.add("file", "Choose the PDF file to upload"),
        },
    }
    if input.tags.is_empty() {
        errors.add(
            "tags",
            "Tick at least one stage this helps with, so it is offered at the right time",
        );
    }
    match format {
        Some(format) if errors.is_empty() => Ok(NewMaterial {
            title,
            format,
            body: if format == MaterialFormat::Page {
                body
            } else {
                String::new()
            },
            pdf,
            tags: input.tags.clone(),
        }),
        _ => Err(errors),
    }
}

/// A file is a PDF by its content, not its name: it starts with `%PDF-` and ends with the
/// `%%EOF` marker (a file cut short in upload has none).
pub fn check_pdf(file: &Upload) -> Result<(), &'static str> {
    if !file.bytes.starts_with(b"%PDF-") {
        return Err("The file is not a PDF: save it as PDF and choose that file");
    }
    if file.cut_short || file.bytes.len() > MAX_PDF_BYTES {
        return Err("The file is larger than 8 MB: make it smaller (for example, save it again with smaller pictures)");
    }
    let tail = &file.bytes[file.bytes.len().saturating_sub(1024)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err("The PDF is incomplete or damaged: save it again and choose the new file");
    }
    Ok(())
}

/// The file's own name without any folder, tidied for a download header: letters, digits,
/// spaces, dots, dashes and underscores only.
pub fn file_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let tidy: String = base
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '.' | '-' | '_'))
        .take(120)
        .collect();
    let tidy = tidy.trim().trim_start_matches('.').to_string();
    if tidy.is_empty() {
        "material.pdf".into()
    } else if tidy.to_ascii_lowercase().ends_with(".pdf") {
        tidy
    } else {
        format!("{tidy}.pdf")
    }
}

/// The stage where a case's members decide by a vote (a buyout's "Members' decision", a
/// start-up's founding meeting, a freelancers' co-op's member agreement): the first stage
/// whose gate is a vote.
pub fn decision_stage(pathway: &Pathway) -> Option<&Stage> {
    pathway
        .stages
        .iter()
        .find(|s| s.gate.as_ref().is_some_and(|g| g.kind == GateKind::Vote))
}

/// How a member did the governance session, if they did. The definition printed on the
/// page: they were marked present at an event tagged for the decision stage, or they marked
/// a material tagged for that stage as read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum GovernanceDone {
    Attended,
    Read,
}

pub fn governance_done(
    attended_tagged_event: bool,
    read_tagged_material: bool,
) -> Option<GovernanceDone> {
    if attended_tagged_event {
        Some(GovernanceDone::Attended)
    } else if read_tagged_material {
        Some(GovernanceDone::Read)
    } else {
        None
    }
}

/// The sentence the readiness panel shows: "3 of 5 members have done the governance session".
pub fn readiness_sentence(done: usize, members: usize) -> String {
    match (done, members) {
        (_, 0) => "Nobody has joined the case yet.".into(),
        (d, 1) => format!("{d} of 1 member has done the governance session."),
        (1, m) => format!("1 of {m} members has done the governance session."),
        (d, m) => format!("{d} of {m} members have done the governance session."),
    }
}
