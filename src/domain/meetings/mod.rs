//! Members decide: meetings, notice, quorum, majorities, elections and secret ballots
//! (issue 14; DECISIONS.md "Members decide"; PATHWAYS.md D15; RULES.md S15–S17, C08–C10).
//!
//! The numbers that govern a meeting (clear days of notice, quorum, the special majority,
//! proxies) belong to each co-op's own rules, so they arrive here as [`MeetingTerms`], read
//! from the rules version the case adopted or, before that, its latest draft; the defaults
//! are the Co-operatives UK model's and are only used, and said to be used, when the case has
//! no rules at all yet. Pure: no web, database or template imports.

use serde::Serialize;

use crate::domain::rules::options::{Percent, Proxies, RulesOptions};

pub mod ballot;
pub mod counting;
pub mod election;
pub mod ical;
pub mod notice;
pub mod uk_time;

text_enum!(
    /// What sort of meeting it is. Only general meetings of the co-op (and the founding
    /// meeting that makes it) are governed by its rules' notice and quorum clauses.
    MeetingKind {
        Workforce = "workforce": "Workforce meeting",
        Steering = "steering": "Steering group meeting",
        Founding = "founding": "Founding meeting",
        General = "general": "General meeting",
        Agm = "agm": "Annual general meeting",
    }
);

impl MeetingKind {
    /// Whether the rules' notice, quorum and majority clauses govern this meeting. A
    /// workforce or steering group meeting is informal: it decides nothing for a co-op yet.
    pub fn follows_the_rules(self) -> bool {
        matches!(self, Self::Founding | Self::General | Self::Agm)
    }
}

text_enum!(
    /// How a resolution passes (RULES.md S17, C10).
    ResolutionKind {
        Ordinary = "ordinary": "Ordinary resolution (more than half of the votes cast)",
        Special = "special": "Special resolution (the rules' special majority)",
    }
);

text_enum!(
    /// What a resolution approves, beyond its words.
    Approves {
        Nothing = "nothing": "Nothing else: the words of the resolution",
        Rules = "rules": "A version of the rules",
        BusinessPlan = "business_plan": "A version of the business plan",
        Price = "price": "A purchase price",
        Election = "election": "An election of directors",
    }
);

text_enum!(
    /// How a member's presence is recorded in the room.
    Attendance {
        NotRecorded = "not_recorded": "Not recorded yet",
        Present = "present": "Present",
        Proxy = "proxy": "Represented by a proxy",
        Apologies = "apologies": "Sent apologies",
        Absent = "absent": "Absent",
    }
);

text_enum!(
    /// One choice on a resolution.
    Choice {
        For = "for": "For",
        Against = "against": "Against",
        Abstain = "abstain": "Abstain",
    }
);

/// Where the meeting terms were read from, said plainly on every page that uses them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum TermsSource {
    /// The final (adopted) version of the rules.
    Adopted { version: i32 },
    /// The latest draft: the rules are not final yet.
    Draft { version: i32 },
    /// The answers typed so far, before any version was made.
    Answers,
    /// No rules at all yet: the Co-operatives UK model's numbers.
    ModelDefaults,
}

impl TermsSource {
    pub fn sentence(&self) -> String {
        match self {
            Self::Adopted { version } => {
                format!("These numbers come from your rules, version {version}, the final version.")
            }
            Self::Draft { version } => format!(
                "These numbers come from draft {version} of your rules: they are not final yet, so check them again once the rules are final."
            ),
            Self::Answers => "These numbers come from the rules answers saved so far: no version of the rules has been made yet.".to_string(),
            Self::ModelDefaults => "Your case has no rules yet, so these are the Co-operatives UK model's numbers: 14 clear days' notice, a quorum of 2 or half the members, and 75% for a special resolution.".to_string(),
        }
    }
}

/// The numbers the rules set for a general meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeetingTerms {
    pub notice_clear_days: u32,
    /// The share of members who must agree in writing to a meeting at shorter notice.
    pub short_notice_pct: u32,
    pub quorum_pct: u32,
    pub quorum_min: u32,
    pub special_majority: Percent,
    pub proxies: Proxies,
    pub proxy_cap: u32,
    pub source: TermsSource,
}

impl MeetingTerms {
    pub fn from_rules(o: &RulesOptions, source: TermsSource) -> Self {
        Self {
            notice_clear_days: o.gm_notice_clear_days,
            short_notice_pct: o.short_notice_pct,
            quorum_pct: o.gm_quorum_pct,
            quorum_min: o.gm_quorum_min,
            special_majority: o.special_majority_pct,
            proxies: o.proxies,
            proxy_cap: o.proxy_cap,
            source,
        }
    }

    /// The Co-operatives UK model's numbers, for a case with no rules yet.
    pub fn model_defaults() -> Self {
        let o = RulesOptions::defaults(crate::domain::rules::options::LegalForm::Society);
        Self::from_rules(&o, TermsSource::ModelDefaults)
    }

    /// How many members entitled to vote must agree in writing to short notice: the rules'
    /// share of the votes, and each member has one vote. `None` when the rules set no share
    /// (0%): then short notice is not possible.
    pub fn short_notice_needed(&self, entitled: u32) -> Option<u32> {
        if self.short_notice_pct == 0 {
            return None;
        }
        let share = (u64::from(self.short_notice_pct) * u64::from(entitled)).div_ceil(100);
        Some(u32::try_from(share).unwrap_or(u32::MAX).max(1))
    }

    /// The short-notice rule in plain words, with the number it means for this meeting.
    pub fn short_notice_rule(&self, entitled: u32) -> String {
        match self.short_notice_needed(entitled) {
            None => "Your rules do not allow a meeting at shorter notice: move the meeting so every member gets the full notice.".into(),
            Some(needed) => format!(
                "Your rules allow a meeting at shorter notice only if members holding at least {}% of the votes agree to it in writing before the meeting. Each member has one vote, so {needed} of the {entitled} members entitled to vote must agree. Coming to the meeting is not agreeing.",
                self.short_notice_pct
            ),
        }
    }

    /// The sentence on proxies, for the notice and the attendance page.
    pub fn proxy_sentence(&self) -> String {
        match self.proxies {
            Proxies::None => "The rules do not allow proxies: members vote in person.".into(),
            Proxies::Capped => format!(
                "A member who cannot come may appoint another member as proxy; one member may hold at most {} proxies.",
                self.proxy_cap
            ),
            Proxies::Open => "A member who cannot come may appoint a proxy to vote for them.".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_meetings_under_the_rules_follow_them() {
        assert!(MeetingKind::Founding.follows_the_rules());
        assert!(MeetingKind::Agm.follows_the_rules());
        assert!(!MeetingKind::Workforce.follows_the_rules());
        assert_eq!(MeetingKind::parse("agm"), Some(MeetingKind::Agm));
        assert_eq!(MeetingKind::parse("party"), None);
    }

    #[test]
    fn defaults_are_the_model_and_say_so() {
        let t = MeetingTerms::model_defaults();
        assert_eq!(t.notice_clear_days, 14);
        assert_eq!(t.special_majority, Percent::whole(75));
        assert!(t.source.sentence().contains("no rules yet"));
        assert!(TermsSource::Draft { version: 3 }
            .sentence()
            .contains("draft 3"));
        assert!(t.proxy_sentence().contains("at most 5"));
    }

    #[test]
    fn short_notice_needs_the_rules_share_of_members_rounded_up() {
        let mut t = MeetingTerms::model_defaults();
        assert_eq!(t.short_notice_pct, 90);
        assert_eq!(
            t.short_notice_needed(6),
            Some(6),
            "90% of 6 is 5.4: 6 are needed"
        );
        assert_eq!(t.short_notice_needed(10), Some(9));
        assert!(t.short_notice_rule(10).contains("9 of the 10 members"));
        t.short_notice_pct = 0;
        assert_eq!(t.short_notice_needed(10), None);
        assert!(t.short_notice_rule(10).contains("do not allow"));
    }
}
