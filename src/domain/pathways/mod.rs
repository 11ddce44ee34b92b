//! The three co-op pathways as data: stages, form pages, questions, checklists and gates.
//!
//! The content lives in `templates/pathways/*.toml` so centre staff can correct guidance and
//! questions without a programmer (format: docs/pathways-format.md). This module owns reading
//! and checking those files ([`loader`]), judging a case's answers against them ([`answers`],
//! [`visibility`], [`progress`]), laying out a page's follow-up questions ([`reveal`]) and
//! showing answers back to people ([`render`]). It is pure domain: it must not import rocket,
//! sea_orm or handlebars.

pub mod answers;
pub mod definition;
pub mod glossary;
mod holidays;
pub mod loader;
pub mod progress;
pub mod render;
pub mod reveal;
pub mod visibility;

mod parse;

#[cfg(test)]
mod tests;

use crate::domain::calendar::BankHolidays;
use definition::{Page, Pathway, Question, Stage};
use regex::Regex;
use std::collections::HashMap;

pub use answers::{apply_page, validate_page, Answers, PageRejected, PersonRow, SubmittedValue};
pub use loader::{load_pathways, LoadError};
pub use parse::day_month_year;
pub use progress::{stage_progress, CriterionResult, MissingAnswer, StageProgress};
pub use render::{display_answer, form_value};
pub use visibility::{
    effective_answers, is_page_visible, is_visible, show_if_holds, visible_questions,
};

/// Everything read from the pathway files, checked and indexed. Built once at start-up by
/// [`load_pathways`] and shared read-only.
#[derive(Debug, Clone)]
pub struct PathwayLibrary {
    pathways: Vec<Pathway>,
    pages: Vec<Page>,
    page_index: HashMap<String, usize>,
    /// Question key to (page index, question index): question keys are unique across pages
    /// because a case's answers are one map.
    question_index: HashMap<String, (usize, usize)>,
    patterns: HashMap<String, Regex>,
    holidays: BankHolidays,
    glossary: glossary::Glossary,
}

impl PathwayLibrary {
    /// The pathways that were found, buyout first.
    pub fn pathways(&self) -> &[Pathway] {
        &self.pathways
    }

    pub fn pathway(&self, key: &str) -> Option<&Pathway> {
        self.pathways.iter().find(|p| p.key == key)
    }

    pub fn stage(&self, pathway: &str, stage: &str) -> Option<&Stage> {
        self.pathway(pathway)?
            .stages
            .iter()
            .find(|s| s.key == stage)
    }

    /// What people call a stage ("Explore the idea"), not its key (`explore`); the key with
    /// spaces when the pathway has no such stage.
    pub fn stage_title(&self, pathway: &str, stage: &str) -> String {
        self.stage(pathway, stage)
            .map_or_else(|| stage.replace('_', " "), |s| s.title.clone())
    }

    /// The stage after `stage` in its pathway, if any.
    pub fn next_stage(&self, pathway: &str, stage: &str) -> Option<&Stage> {
        let stages = &self.pathway(pathway)?.stages;
        let at = stages.iter().position(|s| s.key == stage)?;
        stages.get(at + 1)
    }

    /// A stage's pages in the order they are filled in (all of them, shown or not; see
    /// [`is_page_visible`]).
    pub fn stage_pages(&self, pathway: &str, stage: &str) -> Vec<&Page> {
        self.stage(pathway, stage)
            .map(|s| s.pages.iter().filter_map(|k| self.page(k)).collect())
            .unwrap_or_default()
    }

    pub fn pages(&self) -> &[Page] {
        &self.pages
    }

    pub fn page(&self, key: &str) -> Option<&Page> {
        self.page_index.get(key).map(|&i| &self.pages[i])
    }

    pub fn question(&self, key: &str) -> Option<&Question> {
        let &(page, question) = self.question_index.get(key)?;
        Some(&self.pages[page].questions[question])
    }

    /// The page a question is asked on.
    pub fn page_of_question(&self, key: &str) -> Option<&Page> {
        let &(page, _) = self.question_index.get(key)?;
        Some(&self.pages[page])
    }

    /// The compiled `pattern` of a text question.
    pub fn pattern(&self, question_key: &str) -> Option<&Regex> {
        self.patterns.get(question_key)
    }

    pub fn holidays(&self) -> &BankHolidays {
        &self.holidays
    }

    pub fn glossary(&self) -> &glossary::Glossary {
        &self.glossary
    }
}
