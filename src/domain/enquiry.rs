//! An enquiry through the public front door: who is asking, about what, and what the centre
//! did with it. Also the first draft of the case an accepted enquiry opens.

use serde::Serialize;

use super::case::{CaseInput, Pathway, Trigger};
use super::field_errors::FieldErrors;
use super::readiness::{Choice, ReadinessAnswers, Situation};
use super::user::{check_email, normalise_email};

/// Longest "your situation in your own words": about two pages, plenty for a first contact,
/// and it keeps a bot from filling the database with megabytes.
pub const MAX_SITUATION_CHARS: usize = 5000;

text_enum!(
    /// Who is asking, so staff know how to answer.
    EnquiryRole {
        UnionRep = "union_rep": "A union rep",
        Worker = "worker": "A worker",
        Advisor = "advisor": "A business advisor",
        Owner = "owner": "A business owner",
        Student = "student": "A student",
        Other = "other": "Someone else",
    }
);

text_enum!(
    /// Where an enquiry stands in the centre's inbox.
    EnquiryStatus {
        New = "new": "New",
        InProgress = "in_progress": "In progress",
        Accepted = "accepted": "Accepted",
        Declined = "declined": "Declined",
    }
);

impl EnquiryStatus {
    /// Accepted and declined enquiries are decided: nothing more can be done with them.
    pub fn is_open(self) -> bool {
        matches!(self, EnquiryStatus::New | EnquiryStatus::InProgress)
    }
}

/// What a person typed into the enquiry form, kept as text so it can be shown again.
#[derive(Debug, Clone, Default)]
pub struct EnquiryInput {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub organisation: String,
    pub role: String,
    pub situation: String,
    pub consent: bool,
}

/// An enquiry that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEnquiry {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub organisation: String,
    pub role: EnquiryRole,
    pub situation: String,
}

impl TryFrom<&EnquiryInput> for NewEnquiry {
    type Error = FieldErrors;

    fn try_from(input: &EnquiryInput) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = text(
            &mut errors,
            "name",
            &input.name,
            120,
            Some("Enter your name"),
        );
        let email = normalise_email(&input.email);
        if email.is_empty() {
            errors.add("email", "Enter your email address, so we can reply");
        } else if let Err(message) = check_email(&email) {
            errors.add("email", message);
        }
        let phone = text(&mut errors, "phone", &input.phone, 40, None);
        if !phone.is_empty() && !phone_looks_right(&phone) {
            errors.add(
                "phone",
                "Enter a phone number using digits, like 01772 123456, or leave it blank",
            );
        }
        let organisation = text(&mut errors, "organisation", &input.organisation, 160, None);
        let role = EnquiryRole::parse(input.role.trim());
        if role.is_none() {
            errors.add("role", "Choose who you are");
        }
        let situation = text(
            &mut errors,
            "situation",
            &input.situation,
            MAX_SITUATION_CHARS,
            Some("Tell us what is happening, in a few sentences"),
        );
        if !input.consent {
            errors.add(
                "consent",
                "Tick the box to say we may contact you: we cannot answer otherwise",
            );
        }
        match role {
            Some(role) if errors.is_empty() => Ok(NewEnquiry {
                name,
                email,
                phone,
                organisation,
                role,
                situation,
            }),
            _ => Err(errors),
        }
    }
}

/// Trimmed text within `max` characters; `empty` is the message when it is required.
fn text(
    errors: &mut FieldErrors,
    field: &str,
    raw: &str,
    max: usize,
    empty: Option<&str>,
) -> String {
    let value = raw.trim();
    let count = value.chars().count();
    if value.is_empty() {
        if let Some(message) = empty {
            errors.add(field, message);
        }
    } else if count > max {
        errors.add(
            field,
            format!(
                "Use {} characters or fewer: this has {}",
                thousands(max),
                thousands(count)
            ),
        );
    }
    value.to_string()
}

fn thousands(n: usize) -> String {
    crate::domain::money::group_thousands(n as u64)
}

fn phone_looks_right(phone: &str) -> bool {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    (7..=15).contains(&digits)
        && phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +()-.".contains(c))
}

/// The reference people quote, like `ENQ-2026-0042`: the year it arrived and its number.
pub fn format_enquiry_reference(year: i32, id: i64) -> String {
    format!("ENQ-{year}-{id:04}")
}

/// The case trigger closest to the situation chosen in the readiness check.
pub fn trigger_for(situation: Situation) -> Trigger {
    match situation {
        Situation::OwnerRetiring => Trigger::OwnerRetiring,
        Situation::OwnerSelling => Trigger::Sale,
        Situation::ClosureAnnounced | Situation::Liquidation => Trigger::Closure,
        Situation::RedundanciesProposed => Trigger::Redundancies,
        Situation::Administration => Trigger::Administration,
        Situation::Freelancers | Situation::NewIdea => Trigger::NewVenture,
    }
}

/// What an accepted enquiry knows about the case it opens.
pub struct CaseSource<'a> {
    pub name: &'a str,
    pub organisation: &'a str,
    pub situation: &'a str,
    pub answers: Option<&'a ReadinessAnswers>,
}

/// A first draft of the case form, for staff to check before accepting. Unknown facts say
/// so plainly rather than being left blank, as the case form requires them.
pub fn draft_case(source: &CaseSource<'_>) -> CaseInput {
    let answers = source.answers;
    let pathway = answers.map_or(
        Pathway::Buyout,
        |a| match super::readiness::intake_prefill(a)
            .get("pathway")
            .and_then(|v| v.as_str())
        {
            Some("startup") => Pathway::Startup,
            Some("freelancer") => Pathway::Freelancer,
            _ => Pathway::Buyout,
        },
    );
    let organisation = source.organisation.trim();
    let name = if organisation.is_empty() {
        format!("Enquiry from {}", source.name.trim())
    } else {
        organisation.to_string()
    };
    let union = answers
        .filter(|a| a.union.is_involved())
        .map_or("", |a| a.union.label());
    CaseInput {
        name: name.chars().take(120).collect(),
        pathway: pathway.as_str().to_string(),
        sector: answers.map_or("Not known yet".to_string(), |a| {
            a.sector.label().chars().take(80).collect()
        }),
        employer: if organisation.is_empty() {
            "Not known yet".to_string()
        } else {
            organisation.chars().take(120).collect()
        },
        union_name: union.to_string(),
        union_branch: String::new(),
        worker_count: answers.map_or("1".to_string(), |a| a.people.to_string()),
        trigger: answers
            .map_or(Trigger::NewVenture, |a| trigger_for(a.situation))
            .as_str()
            .to_string(),
        description: source.situation.chars().take(2000).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> EnquiryInput {
        EnquiryInput {
            name: "Rita Rep".into(),
            email: " Rita@Example.org ".into(),
            phone: "".into(),
            organisation: "Ribble Print".into(),
            role: "union_rep".into(),
            situation: "The owner announced a closure.".into(),
            consent: true,
        }
    }

    #[test]
    fn a_complete_enquiry_is_accepted_with_a_normalised_email() {
        let enquiry = NewEnquiry::try_from(&valid()).unwrap();
        assert_eq!(enquiry.email, "rita@example.org");
        assert_eq!(enquiry.role, EnquiryRole::UnionRep);
    }

    #[test]
    fn each_problem_is_named_by_its_field() {
        let input = EnquiryInput {
            consent: false,
            phone: "call me".into(),
            situation: "x".repeat(MAX_SITUATION_CHARS + 1),
            ..Default::default()
        };
        let errors = NewEnquiry::try_from(&input).unwrap_err();
        for field in ["name", "email", "phone", "role", "situation", "consent"] {
            assert!(errors.has(field), "{field} should have a message");
        }
        assert_eq!(
            errors.first("situation"),
            Some("Use 5,000 characters or fewer: this has 5,001")
        );
    }

    #[test]
    fn references_are_padded() {
        assert_eq!(format_enquiry_reference(2026, 42), "ENQ-2026-0042");
        assert_eq!(format_enquiry_reference(2027, 12345), "ENQ-2027-12345");
    }

    #[test]
    fn a_draft_case_without_answers_is_still_a_valid_case() {
        let source = CaseSource {
            name: "Rita",
            organisation: "",
            situation: "We want to start a bakery.",
            answers: None,
        };
        let draft = draft_case(&source);
        assert_eq!(draft.name, "Enquiry from Rita");
        assert!(crate::domain::case::NewCase::try_from(&draft).is_ok());
    }
}
