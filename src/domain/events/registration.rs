//! Signing up for an event: what a person types, where their sign-up stands, and who gets a
//! place that frees up.
//!
//! The rules that keep an event from being overbooked live here, pure, so every interleaving
//! can be tested without a database; the service runs them inside one write transaction
//! (SQLite's write lock, a row lock on the event on PostgreSQL), so a check and the insert or
//! promotion it leads to can never be split by another sign-up.

use serde::Serialize;

use super::text;
use crate::domain::enquiry::EnquiryRole;
use crate::domain::field_errors::FieldErrors;
use crate::domain::user::{check_email, normalise_email};

text_enum!(
    /// Where one sign-up stands.
    RegistrationState {
        Registered = "registered": "Booked",
        Waitlisted = "waitlisted": "On the waiting list",
        Cancelled = "cancelled": "Cancelled",
    }
);

impl RegistrationState {
    /// Whether the sign-up holds its seats: only a booked one does.
    pub fn holds_seats(self) -> bool {
        self == RegistrationState::Registered
    }

    /// Booked and waiting sign-ups are active: a person has at most one active sign-up per
    /// event (a unique index enforces it), and a cancelled one may sign up again.
    pub fn is_active(self) -> bool {
        self != RegistrationState::Cancelled
    }

    /// Whether a sign-up may move from this state to `to`. Cancelled is final: signing up
    /// again makes a new sign-up, at the back of the queue.
    pub fn may_become(self, to: RegistrationState) -> bool {
        use RegistrationState::*;
        matches!(
            (self, to),
            (Waitlisted, Registered) | (Waitlisted, Cancelled) | (Registered, Cancelled)
        )
    }
}

/// What a person typed into an event's sign-up form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SignUpInput {
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub role: String,
    /// What would help them take part (step-free access, captions…): asked as needs, never
    /// as conditions, seen only by the organisers.
    pub access_needs: String,
    /// They will bring a support worker, who needs a seat too.
    pub support_worker: bool,
}

/// A sign-up that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSignUp {
    pub name: String,
    /// Lower-case: one person is one address, however it was typed.
    pub email: String,
    pub organisation: String,
    pub role: EnquiryRole,
    pub access_needs: String,
    /// Seats this sign-up needs: 1, or 2 with a support worker.
    pub seats: u32,
}

impl TryFrom<&SignUpInput> for NewSignUp {
    type Error = FieldErrors;

    fn try_from(input: &SignUpInput) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = text(&mut errors, "name", &input.name, 120);
        if name.is_empty() {
            errors.add("name", "Enter your name");
        }
        let email = normalise_email(&input.email);
        if email.is_empty() {
            errors.add(
                "email",
                "Enter your email address: we send your place and the link to cancel there",
            );
        } else if let Err(message) = check_email(&email) {
            errors.add("email", message);
        }
        let organisation = text(&mut errors, "organisation", &input.organisation, 160);
        let role = EnquiryRole::parse(input.role.trim());
        if role.is_none() {
            errors.add("role", "Choose what describes you best");
        }
        let access_needs = text(&mut errors, "access_needs", &input.access_needs, 1000);
        match role {
            Some(role) if errors.is_empty() => Ok(NewSignUp {
                name,
                email,
                organisation,
                role,
                access_needs,
                seats: if input.support_worker { 2 } else { 1 },
            }),
            _ => Err(errors),
        }
    }
}

/// One sign-up of an event, as the queue rules need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub id: i64,
    pub state: RegistrationState,
    pub seats: u32,
    /// When the person joined the queue (UTC seconds); ties go to the lower id.
    pub queued_at: i64,
}

/// Seats held by booked sign-ups.
pub fn seats_held(entries: &[Entry]) -> u32 {
    entries
        .iter()
        .filter(|e| e.state.holds_seats())
        .map(|e| e.seats)
        .sum()
}

/// Where a new sign-up goes: booked when its seats fit, else the waiting list. Nobody is
/// booked over the capacity, however many sign up at once.
pub fn place_new(capacity: u32, entries: &[Entry], seats: u32) -> RegistrationState {
    if seats_held(entries) + seats <= capacity {
        RegistrationState::Registered
    } else {
        RegistrationState::Waitlisted
    }
}

/// The waiting sign-ups in queue order: first come, first served, by (queued_at, id).
pub fn waiting_in_order(entries: &[Entry]) -> Vec<Entry> {
    let mut waiting: Vec<Entry> = entries
        .iter()
        .filter(|e| e.state == RegistrationState::Waitlisted)
        .copied()
        .collect();
    waiting.sort_by_key(|e| (e.queued_at, e.id));
    waiting
}

/// The waiting sign-ups that get the free seats, in queue order. A sign-up that needs more
/// seats than are free keeps its place in the queue and the next one is considered, so one
/// person with a support worker never stalls the queue for everyone behind them; promotion
/// never books more seats than the capacity.
pub fn to_promote(capacity: u32, entries: &[Entry]) -> Vec<i64> {
    let mut free = capacity.saturating_sub(seats_held(entries));
    let mut promoted = Vec::new();
    for entry in waiting_in_order(entries) {
        if free == 0 {
            break;
        }
        if entry.seats <= free {
            free -= entry.seats;
            promoted.push(entry.id);
        }
    }
    promoted
}

/// A waiting person's place in the queue, from 1; `None` if they are not waiting.
pub fn queue_position(entries: &[Entry], id: i64) -> Option<usize> {
    waiting_in_order(entries)
        .iter()
        .position(|e| e.id == id)
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::RegistrationState::*;
    use super::*;

    fn entry(id: i64, state: RegistrationState, seats: u32, queued_at: i64) -> Entry {
        Entry {
            id,
            state,
            seats,
            queued_at,
        }
    }

    #[test]
    fn only_booked_sign_ups_hold_seats_and_cancelled_is_final() {
        assert!(Registered.holds_seats());
        assert!(!Waitlisted.holds_seats());
        assert!(Waitlisted.may_become(Registered));
        assert!(Registered.may_become(Cancelled));
        assert!(!Cancelled.may_become(Registered));
        assert!(!Registered.may_become(Waitlisted));
        assert!(!Cancelled.is_active());
    }

    #[test]
    fn the_fourth_person_for_three_places_waits() {
        let mut entries = Vec::new();
        for id in 1..=4 {
            let state = place_new(3, &entries, 1);
            entries.push(entry(id, state, 1, 100 + id));
        }
        let states: Vec<_> = entries.iter().map(|e| e.state).collect();
        assert_eq!(states, [Registered, Registered, Registered, Waitlisted]);
        assert_eq!(queue_position(&entries, 4), Some(1));
        assert_eq!(to_promote(3, &entries), Vec::<i64>::new());
    }

    #[test]
    fn a_freed_place_goes_to_the_first_in_the_queue_by_time_then_id() {
        let entries = [
            entry(1, Registered, 1, 10),
            entry(2, Cancelled, 1, 11),
            entry(5, Waitlisted, 1, 20),
            entry(4, Waitlisted, 1, 20),
            entry(3, Waitlisted, 1, 30),
        ];
        // Capacity 2, one seat held: the earliest queued, with the lower id on a tie.
        assert_eq!(to_promote(2, &entries), [4]);
        assert_eq!(to_promote(4, &entries), [4, 5, 3]);
        assert_eq!(queue_position(&entries, 3), Some(3));
    }

    #[test]
    fn a_sign_up_needing_more_seats_than_are_free_is_skipped_not_a_stall() {
        let entries = [
            entry(1, Registered, 1, 10),
            entry(2, Waitlisted, 2, 20),
            entry(3, Waitlisted, 1, 30),
        ];
        assert_eq!(to_promote(2, &entries), [3]);
        assert_eq!(to_promote(3, &entries), [2]);
    }

    #[test]
    fn promotion_never_books_over_capacity_whatever_the_order() {
        // Every order of sign-ups and cancellations of six people for three places: after
        // each step and its promotion, the seats held stay within the capacity.
        for seed in 0..64u32 {
            let mut entries: Vec<Entry> = Vec::new();
            for id in 1..=6i64 {
                let seats = 1 + (seed >> (id % 5)) % 2;
                let state = place_new(3, &entries, seats);
                entries.push(entry(id, state, seats, id));
                if (seed >> id) & 1 == 1 {
                    let victim = (id * 7 + i64::from(seed)) % id;
                    if let Some(e) = entries.get_mut(victim as usize) {
                        e.state = Cancelled;
                    }
                }
                for promoted in to_promote(3, &entries) {
                    entries.iter_mut().find(|e| e.id == promoted).unwrap().state = Registered;
                }
                assert!(seats_held(&entries) <= 3, "seed {seed}");
            }
        }
    }

    #[test]
    fn a_sign_up_needs_a_name_an_address_and_a_role() {
        let errors = NewSignUp::try_from(&SignUpInput::default()).unwrap_err();
        for field in ["name", "email", "role"] {
            assert!(errors.has(field), "{field}");
        }
        let ok = NewSignUp::try_from(&SignUpInput {
            name: " Ann Lee ".into(),
            email: "Ann@Example.org".into(),
            role: "advisor".into(),
            support_worker: true,
            ..Default::default()
        })
        .unwrap();
        assert_eq!(ok.email, "ann@example.org");
        assert_eq!(ok.name, "Ann Lee");
        assert_eq!(ok.seats, 2);
    }
}
