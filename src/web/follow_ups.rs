//! Follow-up questions shown in the page before any save (GOV.UK "conditional reveal").
//!
//! A follow-up sits right after the option that calls for it, inside a `.reveal-group` that
//! holds that option (or run of neighbouring options) and the `.conditional` block. CSS hides
//! the block while none of the group's options is chosen (`:has`); `static/reveal.js`, which
//! is optional, does the same and also handles follow-ups of a number ("20 or more") or of a
//! drop-down, which CSS cannot judge. Without either, every follow-up shows, with a note saying
//! when to answer it where its place alone does not say so; saving ignores a follow-up whose
//! condition is false (see `domain::pathways::reveal`).

use super::questions::{OptionGroup, OptionView, QuestionView, RevealView};

/// When a block of follow-ups is revealed.
pub enum When {
    /// One of these option values is chosen.
    AnyOf(Vec<String>),
    /// The number typed is at least this.
    AtLeast(i64),
}

/// Puts each block of follow-ups into the controlling question's view: among its options
/// when the options that reveal it are neighbours no other block uses, else after the field.
pub fn attach(view: &mut QuestionView, blocks: Vec<(When, Vec<QuestionView>)>) {
    let mut owner: Vec<Option<usize>> = vec![None; view.options.len()];
    let mut inline: Vec<Option<RevealView>> = Vec::new();
    for (when, questions) in blocks {
        let Some(first) = questions.first() else {
            continue;
        };
        let id = format!("conditional-{}", first.key);
        let mut reveal = RevealView {
            id: id.clone(),
            name: view.key.clone(),
            values: None,
            at_least: None,
            note: None,
            questions,
        };
        match when {
            When::AnyOf(values) => {
                reveal.values = Some(values.join(" "));
                let run = run_of(&view.options, &values, &owner);
                if let (Some(run), true) = (run, is_option_list(view)) {
                    for i in run {
                        owner[i] = Some(inline.len());
                        view.options[i].controls = Some(id.clone());
                    }
                    inline.push(Some(reveal));
                    continue;
                }
                reveal.note = Some(chosen_note(view, &values, reveal.questions.len()));
                mark_controls(view, &values, &id);
            }
            When::AtLeast(floor) => {
                reveal.at_least = Some(floor.to_string());
                reveal.note = Some(format!(
                    "Answer {} only if the number above is {floor} or more.",
                    these(reveal.questions.len())
                ));
            }
        }
        view.after.push(reveal);
    }
    view.option_groups = groups(&view.options, &owner, inline);
    let after: Vec<&str> = view.after.iter().map(|r| r.id.as_str()).collect();
    view.controls = (!after.is_empty() && !is_option_list(view)).then(|| after.join(" "));
}

fn is_option_list(view: &QuestionView) -> bool {
    matches!(view.widget, "radios" | "checkboxes")
}

/// The options' positions, when they are neighbours and none already reveals a block.
fn run_of(
    options: &[OptionView],
    values: &[String],
    owner: &[Option<usize>],
) -> Option<std::ops::Range<usize>> {
    let at: Vec<usize> = options
        .iter()
        .enumerate()
        .filter(|(_, o)| values.contains(&o.value))
        .map(|(i, _)| i)
        .collect();
    let (&start, &last) = (at.first()?, at.last()?);
    let neighbours = last - start + 1 == at.len();
    (neighbours && at.iter().all(|&i| owner[i].is_none())).then_some(start..last + 1)
}

/// The controlling input tells assistive technology which block it shows (a drop-down or a
/// box whose options do not sit together).
fn mark_controls(view: &mut QuestionView, values: &[String], id: &str) {
    for option in view.options.iter_mut() {
        if values.contains(&option.value) && option.controls.is_none() {
            option.controls = Some(id.to_string());
        }
    }
}

fn these(count: usize) -> &'static str {
    if count == 1 {
        "this question"
    } else {
        "these questions"
    }
}

fn chosen_note(view: &QuestionView, values: &[String], count: usize) -> String {
    let labels: Vec<String> = view
        .options
        .iter()
        .filter(|o| values.contains(&o.value))
        .map(|o| format!("\u{201c}{}\u{201d}", o.label))
        .collect();
    format!(
        "Answer {} only if you chose {} above.",
        these(count),
        labels.join(" or ")
    )
}

/// Options in runs: each run that reveals a block holds it; other options stand alone.
fn groups(
    options: &[OptionView],
    owner: &[Option<usize>],
    mut inline: Vec<Option<RevealView>>,
) -> Vec<OptionGroup> {
    let mut out: Vec<OptionGroup> = Vec::new();
    let mut i = 0;
    while i < options.len() {
        let Some(block) = owner[i] else {
            out.push(OptionGroup {
                options: vec![options[i].clone()],
                reveal: None,
            });
            i += 1;
            continue;
        };
        let end = (i..options.len())
            .find(|&j| owner[j] != Some(block))
            .unwrap_or(options.len());
        out.push(OptionGroup {
            options: options[i..end].to_vec(),
            reveal: inline.get_mut(block).and_then(Option::take),
        });
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn option(value: &str) -> OptionView {
        OptionView {
            id: value.into(),
            name: "q".into(),
            value: value.into(),
            label: value.to_uppercase(),
            checked: false,
            controls: None,
        }
    }

    fn radios(values: &[&str]) -> QuestionView {
        QuestionView {
            key: "q".into(),
            widget: "radios",
            options: values.iter().map(|v| option(v)).collect(),
            ..Default::default()
        }
    }

    fn follow_up(key: &str) -> Vec<QuestionView> {
        vec![QuestionView {
            key: key.into(),
            ..Default::default()
        }]
    }

    #[test]
    fn neighbouring_options_hold_their_follow_ups_and_others_go_after_with_a_note() {
        let mut view = radios(&["a", "b", "c", "d"]);
        let any = |v: &[&str]| When::AnyOf(v.iter().map(|s| s.to_string()).collect());
        attach(
            &mut view,
            vec![
                (any(&["b", "c"]), follow_up("x")),
                (any(&["a", "d"]), follow_up("y")),
            ],
        );
        let shape: Vec<(Vec<&str>, Option<&str>)> = view
            .option_groups
            .iter()
            .map(|g| {
                (
                    g.options.iter().map(|o| o.value.as_str()).collect(),
                    g.reveal.as_ref().map(|r| r.id.as_str()),
                )
            })
            .collect();
        assert_eq!(
            shape,
            [
                (vec!["a"], None),
                (vec!["b", "c"], Some("conditional-x")),
                (vec!["d"], None)
            ]
        );
        assert_eq!(view.after.len(), 1);
        assert_eq!(
            view.after[0].note.as_deref(),
            Some("Answer this question only if you chose \u{201c}A\u{201d} or \u{201c}D\u{201d} above.")
        );
        assert_eq!(view.options[0].controls.as_deref(), Some("conditional-y"));
        assert_eq!(view.options[1].controls.as_deref(), Some("conditional-x"));
    }
}
