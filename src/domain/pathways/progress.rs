//! How far a case has got through a stage: what is still unanswered and which gate
//! criteria hold.
//!
//! The task list and the gate page both need this, and staff sign a gate off on the strength
//! of it, so it reads only answers that are in effect (hidden questions' answers are
//! ignored, as everywhere else).

use super::answers::Answers;
use super::definition::Criterion;
use super::visibility::{
    effective_value, is_answered, is_page_visible, value_passes, visible_questions,
};
use super::PathwayLibrary;
use serde::Serialize;

/// A required question that applies to the case and has no answer yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingAnswer {
    pub page: String,
    pub question: String,
    pub label: String,
}

/// One gate criterion and whether it holds now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CriterionResult {
    pub question: String,
    pub message: String,
    pub met: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StageProgress {
    /// Required questions still to answer, page by page in order.
    pub missing: Vec<MissingAnswer>,
    /// Keys of the stage's pages that apply to this case, in order.
    pub visible_pages: Vec<String>,
    /// The gate's criteria; empty when the stage has no gate.
    pub criteria: Vec<CriterionResult>,
}

impl StageProgress {
    /// Every required question that applies is answered.
    pub fn answers_complete(&self) -> bool {
        self.missing.is_empty()
    }

    /// Every gate criterion holds (true for a stage without criteria).
    pub fn criteria_met(&self) -> bool {
        self.criteria.iter().all(|c| c.met)
    }
}

/// The progress of one stage of a pathway, or `None` if there is no such stage.
pub fn stage_progress(
    lib: &PathwayLibrary,
    pathway: &str,
    stage: &str,
    answers: &Answers,
) -> Option<StageProgress> {
    let stage = lib.stage(pathway, stage)?;
    let mut missing = Vec::new();
    let mut visible_pages = Vec::new();
    for page in lib.stage_pages(pathway, &stage.key) {
        if !is_page_visible(lib, page, answers) {
            continue;
        }
        visible_pages.push(page.key.clone());
        for q in visible_questions(lib, page, answers) {
            if q.required && !is_answered(answers.get(&q.key)) {
                missing.push(MissingAnswer {
                    page: page.key.clone(),
                    question: q.key.clone(),
                    label: q.label.clone(),
                });
            }
        }
    }
    let criteria = stage
        .gate
        .iter()
        .flat_map(|g| g.criteria.iter())
        .map(|c| CriterionResult {
            question: c.question.clone(),
            message: c.message.clone(),
            met: criterion_met(lib, c, answers),
        })
        .collect();
    Some(StageProgress {
        missing,
        visible_pages,
        criteria,
    })
}

fn criterion_met(lib: &PathwayLibrary, c: &Criterion, answers: &Answers) -> bool {
    let value = effective_value(lib, &c.question, answers);
    if c.not_empty == Some(true) {
        return is_answered(value);
    }
    is_answered(value) && value_passes(value, c.equals.as_deref(), c.any_of.as_deref(), c.at_least)
}
