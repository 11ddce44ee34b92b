//! The rules that turn checked answers into a recommendation.
//!
//! The order of the checks matters: reasons not to start a co-op now ("holds") are looked at
//! first, because recommending legal forms to a group that cannot use them would mislead.

use super::answers::{Aim, Interest, Profit, ReadinessAnswers, Situation, Timescale, YesNoUnsure};
use super::{actions, advice, clocks};
use super::{Pathway, Recommendation, Urgency};
use crate::domain::readiness::Clock;
use chrono::NaiveDate;

/// Members a co-operative society needs at the least (CCBS Act 2014 s.2(2)(b)).
pub(super) const MIN_SOCIETY_MEMBERS: u32 = 3;

/// Why a worker co-op is not the right step now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Hold {
    TooFew,
    StaffGone,
    NoInterest,
    LossNoPlan,
}

pub(super) fn hold(answers: &ReadinessAnswers) -> Option<Hold> {
    if answers.people < MIN_SOCIETY_MEMBERS {
        Some(Hold::TooFew)
    } else if answers.situation == Situation::Liquidation
        && answers.staff_dismissed == Some(YesNoUnsure::Yes)
    {
        Some(Hold::StaffGone)
    } else if answers.interest == Interest::NotInterested {
        Some(Hold::NoInterest)
    } else if answers.profit == Profit::No && answers.turnaround == Some(YesNoUnsure::No) {
        Some(Hold::LossNoPlan)
    } else {
        None
    }
}

/// The pathway the situation points to, before asking whether it is the right step now.
pub(super) fn natural_pathway(situation: Situation) -> Pathway {
    match situation {
        Situation::Freelancers => Pathway::Freelancer,
        Situation::NewIdea => Pathway::Startup,
        _ => Pathway::Buyout,
    }
}

/// Builds the whole recommendation. Pure: the same answers and day give the same result.
pub fn assess(answers: &ReadinessAnswers, today: NaiveDate) -> Recommendation {
    let hold = hold(answers);
    let community_first = answers.aim == Aim::Community;
    let pathway = (hold.is_none() && !community_first).then(|| natural_pathway(answers.situation));
    let clocks = clocks::running(answers, today);
    Recommendation {
        headline: headline(answers, hold, &clocks),
        urgency: urgency(answers, today),
        pathway,
        legal_forms: advice::legal_forms(answers, pathway),
        alternatives: advice::alternatives(answers, hold),
        warnings: advice::warnings(answers, hold),
        this_week: actions::this_week(answers, hold, &clocks),
        next_steps: actions::next_steps(answers, pathway, hold),
        help: advice::help(answers),
        clocks,
    }
}

fn urgency(answers: &ReadinessAnswers, today: NaiveDate) -> Urgency {
    let situation = answers.situation;
    if situation.is_insolvent() {
        return Urgency::Urgent;
    }
    if situation.jobs_at_risk() {
        // A consultation start date means the clock is already running.
        return match (answers.key_date(), answers.timescale) {
            (None, Timescale::WithinAYear | Timescale::Later) => Urgency::Soon,
            _ => Urgency::Urgent,
        };
    }
    let days_to_target = answers.key_date().map(|date| (date - today).num_days());
    let by_date = days_to_target.map(|days| match days {
        ..=92 => Urgency::Urgent,
        93..=365 => Urgency::Soon,
        _ => Urgency::NoRush,
    });
    let by_timescale = match answers.timescale {
        Timescale::AlreadyHappening | Timescale::Within3Months => Urgency::Urgent,
        Timescale::WithinAYear => Urgency::Soon,
        Timescale::Later | Timescale::NotSure => Urgency::NoRush,
    };
    let most_pressing = by_date.map_or(by_timescale, |d| most_urgent(d, by_timescale));
    // A start-up sets its own pace: its own deadline is never an emergency.
    if situation.is_owner_exit() || most_pressing != Urgency::Urgent {
        most_pressing
    } else {
        Urgency::Soon
    }
}

fn most_urgent(a: Urgency, b: Urgency) -> Urgency {
    let rank = |u| match u {
        Urgency::Urgent => 0,
        Urgency::Soon => 1,
        Urgency::NoRush => 2,
    };
    if rank(a) <= rank(b) {
        a
    } else {
        b
    }
}

fn headline(answers: &ReadinessAnswers, hold: Option<Hold>, clocks: &[Clock]) -> String {
    if let Some(hold) = hold {
        return match hold {
            Hold::TooFew => "Too few people for a co-op society yet, but there are ways to start.",
            Hold::StaffGone => {
                "Too late for a rescue: jobs do not transfer out of liquidation, but a new co-op is possible."
            }
            Hold::NoInterest if advice::suggests_eot(answers) => {
                "A co-op needs willing members: an employee ownership trust may suit this sale better."
            }
            Hold::NoInterest => "Not now: a co-op only works if people want to own and run it.",
            Hold::LossNoPlan => "Not yet: first find a way for the business to pay its way.",
        }
        .to_string();
    }
    if answers.aim == Aim::Community {
        return "A community benefit society may suit you better than a worker co-op.".to_string();
    }
    situation_headline(answers.situation, clocks)
}

fn situation_headline(situation: Situation, clocks: &[Clock]) -> String {
    match situation {
        Situation::ClosureAnnounced | Situation::RedundanciesProposed => {
            let dated = clocks.iter().find_map(|c| c.ends_on.zip(c.days_left));
            match dated {
                Some((_, days_left)) if days_left < 0 => {
                    "Act now: the minimum consultation period is over, so dismissals can follow soon."
                        .to_string()
                }
                Some((end, _)) => format!(
                    "Act now: no dismissal can take effect before {}; use the time to propose a buyout.",
                    end.format("%-d %B %Y")
                ),
                None => "Act now: put a worker buyout forward as the alternative to job losses."
                    .to_string(),
            }
        }
        Situation::Administration => {
            "Act fast: administrators sell quickly, so a worker bid has days, not months."
                .to_string()
        }
        Situation::Liquidation => {
            "Act fast: a co-op could buy the assets, but jobs do not transfer in liquidation."
                .to_string()
        }
        Situation::OwnerRetiring | Situation::OwnerSelling => {
            "A worker buyout looks worth exploring: start with a conversation with the owner."
                .to_string()
        }
        Situation::Freelancers => {
            "A freelancer co-op could work for you: start with the services you want to share."
                .to_string()
        }
        Situation::NewIdea => {
            "A new worker co-op could work for you: test the idea with customers first.".to_string()
        }
    }
}
