//! How a form page lays out its questions so that follow-ups are seen before any save.
//!
//! A question whose `show_if` tests another question on the same page is a follow-up: it is
//! always put in the page, right after the question that calls for it, and the page reveals it
//! when the answer that calls for it is chosen (GOV.UK "conditional reveal"). Conditions on
//! questions of other pages are already answered, so they decide here whether the question
//! is in the page at all, as before.
//!
//! Saving is unchanged: `validate_page` checks a follow-up only when the submitted answer calls
//! for it, so a follow-up left on screen (no JavaScript, no CSS `:has`) never causes an error
//! while its condition is false. What was typed into such a follow-up is dropped on saving
//! (`apply_page` keeps only the answers that apply); it stays on screen if the save is refused
//! for another reason, as everything typed does.

use super::answers::Answers;
use super::definition::{Condition, Page, Question};
use super::visibility::{effective_value, value_passes};
use super::PathwayLibrary;

/// When a group of follow-ups applies, read from the controlling question's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RevealWhen {
    /// One of these option values is chosen (for ticked boxes: one of them is ticked).
    AnyOf(Vec<String>),
    /// The number typed is at least this.
    AtLeast(i64),
}

impl RevealWhen {
    fn of(condition: &Condition) -> RevealWhen {
        if let Some(floor) = condition.at_least {
            return RevealWhen::AtLeast(floor);
        }
        let values = match (&condition.equals, &condition.any_of) {
            (Some(one), _) => vec![one.clone()],
            (None, Some(list)) => list.clone(),
            // A condition with no test holds for any answer given.
            (None, None) => Vec::new(),
        };
        RevealWhen::AnyOf(values)
    }
}

/// A question in the page, with the follow-ups that hang from it.
#[derive(Debug)]
pub struct PlacedQuestion<'a> {
    pub question: &'a Question,
    /// Groups of follow-ups, each revealed by one answer (or set of answers), in the order
    /// the first of each is asked in the file.
    pub follow_ups: Vec<FollowUps<'a>>,
}

#[derive(Debug)]
pub struct FollowUps<'a> {
    pub when: RevealWhen,
    pub questions: Vec<PlacedQuestion<'a>>,
}

/// The page's questions as a tree: top-level questions in order, each with its follow-ups.
/// `known` is the case's answers (what other pages already say).
pub fn page_layout<'a>(
    lib: &PathwayLibrary,
    page: &'a Page,
    known: &Answers,
) -> Vec<PlacedQuestion<'a>> {
    place(lib, page, known, None)
}

/// The same-page condition a question hangs from: the first one, as the files never have
/// more than one (name_reuse's second condition is on another page).
fn controlling<'a>(page: &Page, question: &'a Question) -> Option<&'a Condition> {
    let conditions = question.show_if.as_ref()?.conditions();
    conditions
        .iter()
        .find(|c| c.question != question.key && asks(page, &c.question))
}

fn asks(page: &Page, key: &str) -> bool {
    page.questions.iter().any(|q| q.key == key)
}

/// Whether every condition on other pages' answers holds: if not, the question does not apply
/// to this case whatever is chosen here, and is left out of the page.
fn applies(lib: &PathwayLibrary, page: &Page, question: &Question, known: &Answers) -> bool {
    let Some(show_if) = &question.show_if else {
        return true;
    };
    let own = controlling(page, question).map(|c| c.question.as_str());
    show_if
        .conditions()
        .iter()
        .filter(|c| Some(c.question.as_str()) != own && !asks(page, &c.question))
        .all(|c| {
            let value = effective_value(lib, &c.question, known);
            value_passes(value, c.equals.as_deref(), c.any_of.as_deref(), c.at_least)
        })
}

/// The questions hanging from `parent` (top level for `None`). Each question has at most one
/// parent, so this walks a tree; a loop written into the files is never reached from the top.
fn place<'a>(
    lib: &PathwayLibrary,
    page: &'a Page,
    known: &Answers,
    parent: Option<&str>,
) -> Vec<PlacedQuestion<'a>> {
    page.questions
        .iter()
        .filter(|q| controlling(page, q).map(|c| c.question.as_str()) == parent)
        .filter(|q| applies(lib, page, q, known))
        .map(|q| PlacedQuestion {
            question: q,
            follow_ups: follow_ups(lib, page, known, q),
        })
        .collect()
}

fn follow_ups<'a>(
    lib: &PathwayLibrary,
    page: &'a Page,
    known: &Answers,
    question: &Question,
) -> Vec<FollowUps<'a>> {
    let mut groups: Vec<FollowUps<'a>> = Vec::new();
    for placed in place(lib, page, known, Some(&question.key)) {
        let when = controlling(page, placed.question)
            .map(RevealWhen::of)
            .unwrap_or(RevealWhen::AnyOf(Vec::new()));
        match groups.iter_mut().find(|g| g.when == when) {
            Some(group) => group.questions.push(placed),
            None => groups.push(FollowUps {
                when,
                questions: vec![placed],
            }),
        }
    }
    groups
}

/// Every question of the layout, parents before their follow-ups.
pub fn flatten<'a>(placed: &[PlacedQuestion<'a>]) -> Vec<&'a Question> {
    let mut out = Vec::new();
    for p in placed {
        out.push(p.question);
        for group in &p.follow_ups {
            out.extend(flatten(&group.questions));
        }
    }
    out
}
