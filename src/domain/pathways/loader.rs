//! Reads the pathway files and checks every cross-reference before coopkit starts.
//!
//! A mistake in a data file must stop the start with a message a member of staff can act
//! on, naming the file and the line, rather than surface later as a broken form in front of
//! a worker. So everything that can be checked without a case is checked here: keys,
//! references between questions and pages, regexes, option lists and gate criteria.

use super::definition::{
    Condition, GateKind, Note, PagesFile, Pathway, Question, QuestionType, ShowIf,
};
use super::glossary::load_glossary;
use super::holidays::load_holidays;
use super::PathwayLibrary;
use crate::domain::calendar::BankHolidays;
use crate::domain::deadlines::RULE_IDS;
use crate::domain::meetings::Approves;
use regex::Regex;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The pathway files coopkit looks for; only the buyout must exist.
pub const PATHWAY_FILES: [(&str, bool); 3] =
    [("buyout", true), ("startup", false), ("freelancer", false)];

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{file}: cannot be read ({source})")]
    Read {
        file: String,
        source: std::io::Error,
    },
    #[error("{file} line {line}: {message}")]
    Invalid {
        file: String,
        line: usize,
        message: String,
    },
}

/// One file's name and text, to turn byte offsets into line numbers in messages.
pub(super) struct Source {
    name: String,
    text: String,
}

impl Source {
    pub(super) fn read(path: PathBuf) -> Result<Self, LoadError> {
        let name = path.display().to_string();
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok(Self { name, text }),
            Err(source) => Err(LoadError::Read { file: name, source }),
        }
    }

    pub(super) fn line_at(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    /// The line where `needle` first appears after `from`, else the line of `from`: used to
    /// point at the exact setting inside a table rather than at the table's first line.
    fn line_of(&self, from: usize, needle: &str) -> usize {
        let start = from.min(self.text.len());
        let window_end = self.text.len().min(start + 6000);
        let found = self
            .text
            .get(start..window_end)
            .and_then(|w| w.find(needle))
            .map_or(start, |at| start + at);
        self.line_at(found)
    }

    pub(super) fn error(&self, line: usize, message: impl Into<String>) -> LoadError {
        LoadError::Invalid {
            file: self.name.clone(),
            line,
            message: message.into(),
        }
    }

    pub(super) fn parse<T: for<'de> Deserialize<'de>>(&self) -> Result<T, LoadError> {
        toml::from_str(&self.text).map_err(|e| {
            let line = e.span().map_or(1, |s| self.line_at(s.start));
            self.error(line, e.message().trim().to_string())
        })
    }
}

/// Reads `pages.toml` (and any `pages_*.toml`), the pathway files that exist,
/// `bank_holidays.toml` and `glossary.toml` from `dir`, and checks them all.
pub fn load_pathways(dir: &Path) -> Result<PathwayLibrary, LoadError> {
    let mut lib = PathwayLibrary {
        pathways: Vec::new(),
        pages: Vec::new(),
        page_index: HashMap::new(),
        question_index: HashMap::new(),
        patterns: HashMap::new(),
        holidays: BankHolidays::default(),
        glossary: Default::default(),
    };
    // Every page must be indexed before any reference between pages can be checked, and
    // pages may refer to pages in another pages file.
    let mut page_sources = Vec::new();
    for path in pages_files(dir)? {
        let src = Source::read(path)?;
        let file: PagesFile = src.parse()?;
        let first = lib.pages.len();
        lib.pages.extend(file.pages);
        index_pages(&mut lib, first, &src)?;
        page_sources.push((first, src));
    }
    for (i, (first, src)) in page_sources.iter().enumerate() {
        let end = page_sources
            .get(i + 1)
            .map_or(lib.pages.len(), |(next, _)| *next);
        check_pages(&lib, *first..end, src)?;
    }
    for (key, required) in PATHWAY_FILES {
        let path = dir.join(format!("{key}.toml"));
        if !required && !path.exists() {
            continue;
        }
        let src = Source::read(path)?;
        let pathway: Pathway = src.parse()?;
        check_pathway(&lib, &pathway, key, &src)?;
        lib.pathways.push(pathway);
    }
    lib.holidays = load_holidays(Source::read(dir.join("bank_holidays.toml"))?)?;
    lib.glossary = load_glossary(Source::read(dir.join("glossary.toml"))?)?;
    Ok(lib)
}

/// `pages.toml` (required) and then any `pages_*.toml`, in name order, so pathways written
/// by different people can keep their own pages in their own file.
fn pages_files(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let unreadable = |source| LoadError::Read {
        file: dir.display().to_string(),
        source,
    };
    let mut extra: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(unreadable)?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            name.starts_with("pages_") && name.ends_with(".toml")
        })
        .collect();
    extra.sort();
    let mut files = vec![dir.join("pages.toml")];
    files.extend(extra);
    Ok(files)
}

fn index_pages(lib: &mut PathwayLibrary, first: usize, src: &Source) -> Result<(), LoadError> {
    for (pi, page) in lib.pages.iter().enumerate().skip(first) {
        if lib.page_index.insert(page.key.clone(), pi).is_some() {
            let line = src.line_at(page.offset);
            return Err(src.error(line, format!("page \"{}\" is defined twice", page.key)));
        }
        for (qi, q) in page.questions.iter().enumerate() {
            if let Some((other, _)) = lib.question_index.insert(q.key.clone(), (pi, qi)) {
                let first = &lib.pages[other].key;
                let msg = format!(
                    "question \"{}\" is already asked on page \"{first}\"",
                    q.key
                );
                return Err(src.error(src.line_at(q.offset), msg));
            }
            if let Some(pattern) = &q.pattern {
                let regex = Regex::new(pattern).map_err(|e| {
                    let msg = format!("question \"{}\": pattern does not compile: {e}", q.key);
                    src.error(src.line_of(q.offset, "pattern"), msg)
                })?;
                lib.patterns.insert(q.key.clone(), regex);
            }
        }
    }
    Ok(())
}

fn check_pages(
    lib: &PathwayLibrary,
    range: std::ops::Range<usize>,
    src: &Source,
) -> Result<(), LoadError> {
    for page in &lib.pages[range] {
        if let Some(show_if) = &page.show_if {
            let line = src.line_of(page.offset, "show_if");
            check_show_if(lib, show_if, &format!("page \"{}\"", page.key), None)
                .map_err(|m| src.error(line, m))?;
        }
        for q in &page.questions {
            check_question(lib, q, src)?;
        }
    }
    Ok(())
}

fn check_question(lib: &PathwayLibrary, q: &Question, src: &Source) -> Result<(), LoadError> {
    let at = |setting: &str| src.line_of(q.offset, setting);
    let fail = |setting: &str, msg: String| Err(src.error(at(setting), msg));
    let who = format!("question \"{}\"", q.key);
    let choice = matches!(q.kind, QuestionType::Choice | QuestionType::MultiChoice);
    if choice && q.options.is_empty() {
        return fail("type", format!("{who} is a choice but has no options"));
    }
    if !choice && !q.options.is_empty() {
        return fail("options", format!("{who} has options but is not a choice"));
    }
    let mut seen = HashSet::new();
    if let Some(dup) = q.options.iter().find(|o| !seen.insert(o.value.as_str())) {
        return fail(
            "options",
            format!("{who} lists option \"{}\" twice", dup.value),
        );
    }
    if q.pattern.is_some() && q.kind != QuestionType::Text {
        return fail(
            "pattern",
            format!("{who}: only text questions can have a pattern"),
        );
    }
    if let (Some(min), Some(max)) = (q.min, q.max) {
        if min > max {
            return fail(
                "min",
                format!("{who}: min ({min}) is more than max ({max})"),
            );
        }
    }
    let refs = [
        ("not_more_than", &q.not_more_than, QuestionType::Number),
        (
            "at_least_question",
            &q.at_least_question,
            QuestionType::Number,
        ),
        ("not_before", &q.not_before, QuestionType::Date),
    ];
    for (setting, target, kind) in refs {
        let Some(target) = target else { continue };
        match lib.question(target) {
            None => return fail(setting, format!("{who}: {setting} names \"{target}\", which is not a question")),
            Some(t) if t.kind != q.kind || !comparable(q.kind, kind) => {
                return fail(setting, format!("{who}: {setting} compares with \"{target}\", but both must be {kind:?} questions"))
            }
            Some(_) => {}
        }
    }
    if let Some(show_if) = &q.show_if {
        check_show_if(lib, show_if, &who, Some(&q.key)).map_err(|m| src.error(at("show_if"), m))?;
    }
    if q.sources.iter().any(|s| s.trim().is_empty()) {
        return fail("sources", format!("{who}: a source is empty"));
    }
    if let Some(suggest) = q.suggest.as_ref().filter(|s| !s.is_known()) {
        return fail("suggest", format!("{who}: suggest names \"{}\"; it must start with stages., rules., plan., survey. or case.", suggest.path()));
    }
    Ok(())
}

/// Whole-number comparisons work for money too, since both are stored as integers.
fn comparable(actual: QuestionType, wanted: QuestionType) -> bool {
    actual == wanted || (wanted == QuestionType::Number && actual == QuestionType::Money)
}

fn check_show_if(
    lib: &PathwayLibrary,
    show_if: &ShowIf,
    who: &str,
    own: Option<&str>,
) -> Result<(), String> {
    for c in show_if.conditions() {
        if Some(c.question.as_str()) == own {
            return Err(format!(
                "{who}: show_if cannot depend on the question itself"
            ));
        }
        let Some(target) = lib.question(&c.question) else {
            return Err(format!(
                "{who}: show_if names \"{}\", which is not a question in pages.toml",
                c.question
            ));
        };
        check_condition_test(c, who)?;
        if let Some(values) =
            c.equals.iter().chain(c.any_of.iter().flatten()).find(|v| {
                !target.options.is_empty() && !target.options.iter().any(|o| &o.value == *v)
            })
        {
            return Err(format!(
                "{who}: show_if tests \"{}\" for \"{values}\", which is not one of its options",
                c.question
            ));
        }
    }
    Ok(())
}

fn check_condition_test(c: &Condition, who: &str) -> Result<(), String> {
    let tests = [c.equals.is_some(), c.any_of.is_some(), c.at_least.is_some()];
    if tests.iter().filter(|t| **t).count() != 1 {
        return Err(format!(
            "{who}: a show_if on \"{}\" needs exactly one of equals, any_of or at_least",
            c.question
        ));
    }
    Ok(())
}

fn check_pathway(
    lib: &PathwayLibrary,
    pathway: &Pathway,
    file_key: &str,
    src: &Source,
) -> Result<(), LoadError> {
    if pathway.key != file_key {
        let msg = format!(
            "the key is \"{}\" but the file is for \"{file_key}\"",
            pathway.key
        );
        return Err(src.error(src.line_of(0, "key"), msg));
    }
    if pathway.stages.is_empty() {
        return Err(src.error(1, "the pathway has no [[stages]]"));
    }
    let mut stage_keys = HashSet::new();
    for stage in &pathway.stages {
        let who = format!("stage \"{}\"", stage.key);
        if !stage_keys.insert(stage.key.as_str()) {
            return Err(src.error(src.line_at(stage.offset), format!("{who} is defined twice")));
        }
        for page in &stage.pages {
            if lib.page(page).is_none() {
                let line = src.line_of(stage.offset, &format!("\"{page}\""));
                return Err(src.error(
                    line,
                    format!("{who} lists page \"{page}\", which is not in pages.toml"),
                ));
            }
        }
        for id in &stage.deadlines {
            if !RULE_IDS.contains(&id.as_str()) {
                let line = src.line_of(stage.offset, &format!("\"{id}\""));
                return Err(src.error(
                    line,
                    format!("{who} lists deadline \"{id}\", which is not a deadline rule"),
                ));
            }
        }
        let mut items = HashSet::new();
        for item in &stage.checklist {
            if !item.key.starts_with("ck_") || !items.insert(item.key.as_str()) {
                let msg = format!(
                    "{who}: checklist key \"{}\" must start with ck_ and be used once",
                    item.key
                );
                return Err(src.error(src.line_at(item.offset), msg));
            }
        }
        if stage.guidance.is_empty() {
            return Err(src.error(
                src.line_at(stage.offset),
                format!("{who} has no [[stages.guidance]]"),
            ));
        }
        for note in stage.guidance.iter().chain(&stage.warnings) {
            check_note(lib, note, &who).map_err(|m| src.error(src.line_at(note.offset), m))?;
        }
        check_gate(lib, stage, src)?;
    }
    Ok(())
}

/// A guidance block or warning: some text, sources that say something, and a condition on
/// questions that exist (a misspelt key would silently hide the text from every case).
fn check_note(lib: &PathwayLibrary, note: &Note, who: &str) -> Result<(), String> {
    if note.paragraphs().is_empty() {
        return Err(format!("{who}: a guidance block or warning has no text"));
    }
    if note.sources.iter().any(|s| s.trim().is_empty()) {
        return Err(format!("{who}: a source is empty"));
    }
    match &note.show_if {
        Some(show_if) => check_show_if(lib, show_if, who, None),
        None => Ok(()),
    }
}

fn check_gate(
    lib: &PathwayLibrary,
    stage: &super::definition::Stage,
    src: &Source,
) -> Result<(), LoadError> {
    let Some(gate) = &stage.gate else {
        return Ok(());
    };
    // A misspelt kind would match no resolution, and the gate would then wait for evidence
    // that can never come.
    for wanted in &gate.resolution_approves {
        let line = src.line_of(stage.offset, "resolution_approves");
        if gate.kind != GateKind::Vote {
            let msg = format!(
                "stage \"{}\": resolution_approves is only for a gate of kind \"vote\"",
                stage.key
            );
            return Err(src.error(line, msg));
        }
        if Approves::parse(wanted).is_none() {
            let known: Vec<&str> = Approves::ALL.iter().map(|a| a.as_str()).collect();
            let msg = format!(
                "stage \"{}\": resolution_approves names \"{wanted}\", which is not one of {}",
                stage.key,
                known.join(", ")
            );
            return Err(src.error(line, msg));
        }
    }
    for c in &gate.criteria {
        let line = src.line_at(c.offset);
        let on_stage = lib
            .page_of_question(&c.question)
            .is_some_and(|p| stage.pages.contains(&p.key));
        if !on_stage {
            let msg = format!("stage \"{}\": the gate tests \"{}\", which is not a question on this stage's pages", stage.key, c.question);
            return Err(src.error(line, msg));
        }
        let tests = [
            c.equals.is_some(),
            c.any_of.is_some(),
            c.not_empty.is_some(),
            c.at_least.is_some(),
        ];
        if tests.iter().filter(|t| **t).count() != 1 {
            let msg = format!("stage \"{}\": a gate criterion needs exactly one of equals, any_of, not_empty or at_least", stage.key);
            return Err(src.error(line, msg));
        }
    }
    Ok(())
}
