//! Electing directors: each member votes for up to as many candidates as there are seats
//! (a block or approval vote); the candidates with the most votes fill the seats
//! (DECISIONS.md §4). A tie for the last seat is never broken here: the rules say how (by lot
//! or a new vote), so the tie is shown and flagged for the meeting to resolve.

use serde::Serialize;

/// One candidate's count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CandidateCount {
    pub name: String,
    pub votes: u32,
    pub elected: bool,
    /// Tied for the last seat(s): neither elected nor out until the tie is resolved.
    pub tied: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ElectionResult {
    pub seats: u32,
    /// Most votes first; equal counts keep the order the candidates were listed in.
    pub candidates: Vec<CandidateCount>,
    pub elected: Vec<String>,
    /// Set when a tie leaves seats unfilled, in plain English.
    pub tie: Option<String>,
    pub ballots: u32,
}

/// Whether one member's picks are a valid vote: known candidates, each once, at most `seats`.
pub fn check_picks(candidates: usize, seats: u32, picks: &[usize]) -> Result<(), String> {
    if picks.iter().any(|&p| p >= candidates) {
        return Err("Choose from the candidates listed".into());
    }
    let mut sorted = picks.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    if sorted.len() != picks.len() {
        return Err("Vote for each candidate at most once".into());
    }
    if picks.len() > seats as usize {
        return Err(format!(
            "Vote for at most {seats} {}: there {} {seats} {}",
            if seats == 1 {
                "candidate"
            } else {
                "candidates"
            },
            if seats == 1 { "is" } else { "are" },
            if seats == 1 { "seat" } else { "seats" },
        ));
    }
    Ok(())
}

/// Counts `votes[i]` (the votes each candidate received) for `seats` seats.
pub fn result(names: &[String], seats: u32, votes: &[u32], ballots: u32) -> ElectionResult {
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(votes.get(i).copied().unwrap_or(0)));
    let seats_n = seats as usize;
    // The count that wins the last seat; a candidate needs at least one vote to be elected.
    let boundary = order.get(seats_n.saturating_sub(1)).map(|&i| votes[i]);
    let next = order.get(seats_n).map(|&i| votes[i]);
    let tie_at = match (boundary, next) {
        (Some(b), Some(n)) if seats_n > 0 && b == n && b > 0 => Some(b),
        _ => None,
    };
    let mut candidates = Vec::new();
    let mut elected = Vec::new();
    let mut tied_names = Vec::new();
    for &i in &order {
        let v = votes.get(i).copied().unwrap_or(0);
        let is_tied = tie_at == Some(v);
        let is_elected =
            !is_tied && v > 0 && elected.len() < seats_n && tie_at.is_none_or(|t| v > t);
        if is_elected {
            elected.push(names[i].clone());
        }
        if is_tied {
            tied_names.push(names[i].clone());
        }
        candidates.push(CandidateCount {
            name: names[i].clone(),
            votes: v,
            elected: is_elected,
            tied: is_tied,
        });
    }
    let tie = tie_at.map(|t| {
        let open = seats_n - elected.len();
        format!(
            "{} tied with {t} {} each for the last {}. Resolve it as the rules say (by lot or a new vote) and record how in the minutes.",
            join_names(&tied_names),
            if t == 1 { "vote" } else { "votes" },
            if open == 1 { "seat".to_string() } else { format!("{open} seats") },
        )
    });
    ElectionResult {
        seats,
        candidates,
        elected,
        tie,
        ballots,
    }
}

/// Counts ballots directly: each ballot is the list of candidates picked.
pub fn count<'a>(
    names: &[String],
    seats: u32,
    ballots: impl IntoIterator<Item = &'a [usize]>,
) -> ElectionResult {
    let mut votes = vec![0u32; names.len()];
    let mut papers = 0;
    for picks in ballots {
        papers += 1;
        for &p in picks {
            if let Some(v) = votes.get_mut(p) {
                *v += 1;
            }
        }
    }
    result(names, seats, &votes, papers)
}

fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: &[&str]) -> Vec<String> {
        n.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_highest_fill_the_seats() {
        let n = names(&["Asha", "Ben", "Cara", "Dev"]);
        let ballots: Vec<Vec<usize>> = vec![vec![0, 1], vec![0, 2], vec![0, 1], vec![3]];
        let r = count(&n, 2, ballots.iter().map(Vec::as_slice));
        assert_eq!(r.elected, names(&["Asha", "Ben"]));
        assert!(r.tie.is_none());
        assert_eq!(r.ballots, 4);
        assert_eq!(r.candidates[0].votes, 3);
    }

    #[test]
    fn a_tie_for_the_last_seat_is_flagged_not_broken() {
        let n = names(&["Asha", "Ben", "Cara"]);
        let r = result(&n, 2, &[5, 3, 3], 6);
        assert_eq!(r.elected, names(&["Asha"]));
        assert!(r.candidates.iter().filter(|c| c.tied).count() == 2);
        let tie = r.tie.unwrap();
        assert!(
            tie.starts_with("Ben and Cara tied with 3 votes each for the last seat"),
            "{tie}"
        );
    }

    #[test]
    fn a_tie_above_the_last_seat_elects_both() {
        let n = names(&["Asha", "Ben", "Cara"]);
        let r = result(&n, 2, &[4, 4, 1], 5);
        assert_eq!(r.elected, names(&["Asha", "Ben"]));
        assert!(r.tie.is_none());
    }

    #[test]
    fn a_candidate_without_votes_is_not_elected() {
        let n = names(&["Asha", "Ben"]);
        let r = result(&n, 2, &[3, 0], 3);
        assert_eq!(r.elected, names(&["Asha"]));
        assert!(r.tie.is_none());
    }

    #[test]
    fn picks_are_checked() {
        assert!(check_picks(3, 2, &[0, 2]).is_ok());
        assert!(check_picks(3, 2, &[]).is_ok());
        assert_eq!(
            check_picks(3, 2, &[0, 1, 2]).unwrap_err(),
            "Vote for at most 2 candidates: there are 2 seats"
        );
        assert!(check_picks(3, 2, &[1, 1]).is_err());
        assert!(check_picks(3, 2, &[5]).is_err());
    }
}
