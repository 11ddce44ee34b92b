//! The short form attendees fill in after an event: how useful it was, what they will do
//! next, and anything else they want to say.

use serde::Serialize;

use super::text;
use crate::domain::field_errors::FieldErrors;

text_enum!(
    /// What an attendee means to do next: the answer funders ask about most.
    WhatNext {
        TalkToUs = "talk_to_us": "Talk to the centre about a co-op for my workplace",
        LearnMore = "learn_more": "Come to another session to learn more",
        PassItOn = "pass_it_on": "Tell the people I work with or advise about co-ops",
        NothingYet = "nothing_yet": "Nothing for now",
    }
);

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedbackInput {
    /// 1 (not useful) to 5 (very useful), as posted.
    pub useful: String,
    pub what_next: String,
    pub comments: String,
    /// Whether the centre may quote the comments (without the name) in its reports.
    pub may_quote: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFeedback {
    pub useful: u8,
    pub what_next: WhatNext,
    pub comments: String,
    pub may_quote: bool,
}

impl TryFrom<&FeedbackInput> for NewFeedback {
    type Error = FieldErrors;

    fn try_from(input: &FeedbackInput) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let useful = match input.useful.trim().parse::<u8>() {
            Ok(n) if (1..=5).contains(&n) => Some(n),
            _ => {
                errors.add("useful", "Choose how useful it was, from 1 to 5");
                None
            }
        };
        let what_next = WhatNext::parse(input.what_next.trim());
        if what_next.is_none() {
            errors.add("what_next", "Choose what you will do next");
        }
        let comments = text(&mut errors, "comments", &input.comments, 2000);
        match (useful, what_next) {
            (Some(useful), Some(what_next)) if errors.is_empty() => Ok(NewFeedback {
                useful,
                what_next,
                comments,
                may_quote: input.may_quote && !input.comments.trim().is_empty(),
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usefulness_is_one_to_five_and_next_step_is_required() {
        for bad in ["", "0", "6", "three"] {
            let input = FeedbackInput {
                useful: bad.into(),
                what_next: "learn_more".into(),
                ..Default::default()
            };
            assert!(
                NewFeedback::try_from(&input).unwrap_err().has("useful"),
                "{bad}"
            );
        }
        let errors = NewFeedback::try_from(&FeedbackInput {
            useful: "4".into(),
            ..Default::default()
        })
        .unwrap_err();
        assert!(errors.has("what_next"));
        let ok = NewFeedback::try_from(&FeedbackInput {
            useful: "5".into(),
            what_next: "talk_to_us".into(),
            comments: String::new(),
            may_quote: true,
        })
        .unwrap();
        assert_eq!(ok.useful, 5);
        assert!(!ok.may_quote, "nothing to quote without a comment");
    }
}
