//! Quorum and majorities (RULES.md S16–S17, C09–C10; DECISIONS.md §1 and §6).
//!
//! One member, one vote. Votes cast are the votes for and against: an abstention is not a
//! vote cast, so it neither helps nor hurts (OpenSlides #1335). There is no casting vote, so
//! a tie fails. An ordinary resolution needs more than half of the votes cast; a special one
//! needs at least the rules' special majority of them. The quorum is the greater of the
//! rules' minimum and their percentage of the members entitled to vote, counting members
//! present in person or by proxy.

use serde::Serialize;

use super::{MeetingTerms, ResolutionKind};
use crate::domain::field_errors::FieldErrors;
use crate::domain::rules::options::{Percent, Proxies};

/// The quorum of a meeting of `entitled` members.
pub fn quorum_needed(entitled: u32, terms: &MeetingTerms) -> u32 {
    let share = (u64::from(terms.quorum_pct) * u64::from(entitled)).div_ceil(100);
    terms
        .quorum_min
        .max(u32::try_from(share).unwrap_or(u32::MAX))
}

/// Whether `votes_for` out of `votes_for + votes_against` reaches the resolution's majority.
pub fn majority_met(
    kind: ResolutionKind,
    special: Percent,
    votes_for: u32,
    votes_against: u32,
) -> bool {
    let cast = u64::from(votes_for) + u64::from(votes_against);
    if cast == 0 {
        return false;
    }
    let yes = u64::from(votes_for);
    match kind {
        ResolutionKind::Ordinary => yes * 2 > cast,
        // Percent is in hundredths: yes / cast >= pct / 10 000.
        ResolutionKind::Special => yes * 10_000 >= u64::from(special.0) * cast,
    }
}

/// The majority a resolution needs, in words.
pub fn majority_phrase(kind: ResolutionKind, special: Percent) -> String {
    match kind {
        ResolutionKind::Ordinary => {
            "an ordinary resolution needs more than half of the votes cast".into()
        }
        ResolutionKind::Special => format!(
            "a special resolution needs at least {} of the votes cast",
            special.label()
        ),
    }
}

/// A count taken in the room, as the chair records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RoomCount {
    pub entitled: u32,
    /// Members present in person (or able to speak and be heard online, where allowed).
    pub present: u32,
    /// Members represented by a proxy.
    pub proxies: u32,
    pub votes_for: u32,
    pub votes_against: u32,
    pub abstentions: u32,
}

/// The result of a vote, with the numbers that decided it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VoteResult {
    pub carried: bool,
    pub quorate: bool,
    pub quorum_needed: u32,
    pub taking_part: u32,
    pub votes_for: u32,
    pub votes_against: u32,
    pub abstentions: u32,
    pub votes_cast: u32,
    /// "Carried", "Not carried" or "Not carried: the meeting was not quorate".
    pub headline: String,
    /// The sentence that explains it, for the results page and the minutes.
    pub explanation: String,
}

/// Checks the numbers a chair typed: each problem is a message beside its field.
pub fn check_room_count(count: &RoomCount, terms: &MeetingTerms) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    let taking_part = count.present.saturating_add(count.proxies);
    if taking_part > count.entitled {
        errors.add(
            "present",
            format!(
                "{taking_part} are counted present or by proxy, but only {} members are entitled to vote. Check the count, or the list of members entitled to attend.",
                count.entitled
            ),
        );
    }
    if count.proxies > 0 {
        match terms.proxies {
            Proxies::None => errors.add(
                "proxies",
                "The rules do not allow proxies, so this must be 0.",
            ),
            Proxies::Capped if count.proxies > count.present.saturating_mul(terms.proxy_cap) => {
                errors.add(
                    "proxies",
                    format!(
                        "Each member present may hold at most {} proxies under the rules, so {} present can hold at most {}.",
                        terms.proxy_cap,
                        count.present,
                        count.present.saturating_mul(terms.proxy_cap)
                    ),
                )
            }
            _ => {}
        }
    }
    let votes = count
        .votes_for
        .saturating_add(count.votes_against)
        .saturating_add(count.abstentions);
    if votes > taking_part {
        errors.add(
            "votes_for",
            format!(
                "{votes} votes and abstentions are recorded but only {taking_part} members took part (present or by proxy). One member has one vote."
            ),
        );
    }
    errors.into_result(())
}

/// The result of a vote. `taking_part` is everyone present or represented (in the room), or
/// everyone who returned a ballot (online).
pub fn decide(
    kind: ResolutionKind,
    terms: &MeetingTerms,
    entitled: u32,
    taking_part: u32,
    votes_for: u32,
    votes_against: u32,
    abstentions: u32,
) -> VoteResult {
    let quorum = quorum_needed(entitled, terms);
    let quorate = taking_part >= quorum;
    let votes_cast = votes_for + votes_against;
    let met = majority_met(kind, terms.special_majority, votes_for, votes_against);
    let carried = quorate && met;
    let headline = match (quorate, carried) {
        (false, _) => "Not carried: the meeting was not quorate",
        (true, true) => "Carried",
        (true, false) => "Not carried",
    }
    .to_string();
    let share = if votes_cast == 0 {
        "no votes were cast".to_string()
    } else {
        format!(
            "{} of the {votes_cast} votes cast were for",
            percent_text(votes_for, votes_cast)
        )
    };
    let tie = if votes_cast > 0 && votes_for == votes_against {
        " It was a tie, and a tie fails: there is no casting vote."
    } else {
        ""
    };
    let abstain = match abstentions {
        0 => String::new(),
        1 => " 1 abstention, which is not a vote cast.".to_string(),
        n => format!(" {n} abstentions, which are not votes cast."),
    };
    let explanation = format!(
        "{votes_for} for, {votes_against} against: {share}, and {}.{tie}{abstain} Quorum: {quorum} needed of {entitled} entitled, {taking_part} took part.",
        majority_phrase(kind, terms.special_majority)
    );
    VoteResult {
        carried,
        quorate,
        quorum_needed: quorum,
        taking_part,
        votes_for,
        votes_against,
        abstentions,
        votes_cast,
        headline,
        explanation,
    }
}

/// "80%", or "66.7%" when it is not whole.
fn percent_text(part: u32, whole: u32) -> String {
    let tenths = (u64::from(part) * 1000 + u64::from(whole) / 2) / u64::from(whole.max(1));
    if tenths % 10 == 0 {
        format!("{}%", tenths / 10)
    } else {
        format!("{}.{}%", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::meetings::TermsSource;

    fn terms() -> MeetingTerms {
        MeetingTerms::model_defaults()
    }

    fn count(entitled: u32, present: u32, proxies: u32, f: u32, a: u32, ab: u32) -> RoomCount {
        RoomCount {
            entitled,
            present,
            proxies,
            votes_for: f,
            votes_against: a,
            abstentions: ab,
        }
    }

    #[test]
    fn quorum_is_the_greater_of_the_minimum_and_the_share() {
        let t = terms();
        assert_eq!(quorum_needed(2, &t), 2);
        assert_eq!(quorum_needed(3, &t), 2);
        assert_eq!(quorum_needed(5, &t), 3);
        assert_eq!(quorum_needed(10, &t), 5);
        assert_eq!(quorum_needed(11, &t), 6);
        let mut low = terms();
        low.quorum_pct = 10;
        low.quorum_min = 4;
        assert_eq!(quorum_needed(20, &low), 4);
    }

    #[test]
    fn ordinary_needs_more_than_half_and_a_tie_fails() {
        let sp = Percent::whole(75);
        assert!(majority_met(ResolutionKind::Ordinary, sp, 3, 2));
        assert!(!majority_met(ResolutionKind::Ordinary, sp, 2, 2));
        assert!(!majority_met(ResolutionKind::Ordinary, sp, 0, 0));
        assert!(majority_met(ResolutionKind::Ordinary, sp, 1, 0));
    }

    #[test]
    fn special_needs_the_rules_majority_exactly() {
        let sp = Percent::whole(75);
        assert!(majority_met(ResolutionKind::Special, sp, 3, 1));
        assert!(!majority_met(ResolutionKind::Special, sp, 74, 26));
        assert!(majority_met(ResolutionKind::Special, sp, 75, 25));
        let two_thirds = Percent(6667);
        assert!(!majority_met(ResolutionKind::Special, two_thirds, 2, 1));
        assert!(majority_met(ResolutionKind::Special, Percent(6666), 2, 1));
    }

    #[test]
    fn abstentions_are_not_votes_cast() {
        // 3 for, 1 against, 6 abstain: 75% of votes cast, carried as special.
        let r = decide(ResolutionKind::Special, &terms(), 10, 10, 3, 1, 6);
        assert!(r.carried);
        assert_eq!(r.votes_cast, 4);
        assert!(
            r.explanation.contains("75% of the 4 votes cast"),
            "{}",
            r.explanation
        );
        assert!(r
            .explanation
            .contains("6 abstentions, which are not votes cast"));
    }

    #[test]
    fn an_inquorate_meeting_carries_nothing() {
        let r = decide(ResolutionKind::Ordinary, &terms(), 10, 4, 4, 0, 0);
        assert!(!r.quorate);
        assert!(!r.carried);
        assert_eq!(r.headline, "Not carried: the meeting was not quorate");
        assert!(r
            .explanation
            .contains("Quorum: 5 needed of 10 entitled, 4 took part"));
    }

    #[test]
    fn a_tie_is_explained() {
        let r = decide(ResolutionKind::Ordinary, &terms(), 4, 4, 2, 2, 0);
        assert!(!r.carried);
        assert!(r.explanation.contains("a tie fails"));
    }

    #[test]
    fn counts_are_checked_votes_present_entitled() {
        let t = terms();
        assert!(check_room_count(&count(10, 6, 2, 5, 2, 1), &t).is_ok());
        let e = check_room_count(&count(5, 5, 1, 1, 0, 0), &t).unwrap_err();
        assert!(e.has("present"));
        let e = check_room_count(&count(10, 4, 0, 3, 2, 0), &t).unwrap_err();
        assert!(e.has("votes_for"));
        assert!(!e.has("present"));
    }

    #[test]
    fn proxies_follow_the_rules() {
        let mut t = terms();
        t.proxies = Proxies::None;
        assert!(check_room_count(&count(10, 4, 1, 1, 0, 0), &t)
            .unwrap_err()
            .has("proxies"));
        t.proxies = Proxies::Capped;
        t.proxy_cap = 2;
        assert!(check_room_count(&count(10, 1, 3, 1, 0, 0), &t)
            .unwrap_err()
            .has("proxies"));
        assert!(check_room_count(&count(10, 2, 4, 1, 0, 0), &t).is_ok());
        t.proxies = Proxies::Open;
        assert!(check_room_count(&count(10, 1, 8, 1, 0, 0), &t).is_ok());
        assert_eq!(t.source, TermsSource::ModelDefaults);
    }

    #[test]
    fn percentages_read_well() {
        assert_eq!(percent_text(2, 3), "66.7%");
        assert_eq!(percent_text(4, 5), "80%");
        assert_eq!(percent_text(1, 1), "100%");
    }
}
