//! A case: one workplace (or group of freelancers) on its way to becoming a co-operative.

use serde::Serialize;

use super::field_errors::FieldErrors;

mod record;
pub use record::{stored, Case, UnknownValue};

text_enum!(
    /// The route a case takes; each has its own stages.
    Pathway {
        Buyout = "buyout": "Worker buyout",
        Startup = "startup": "Worker co-op start-up",
        Freelancer = "freelancer": "Freelancer co-op",
    }
);

text_enum!(
    /// What set the case going. Closures, administration and redundancies start legal clocks.
    Trigger {
        OwnerRetiring = "owner_retiring": "The owner is retiring",
        Sale = "sale": "The business is for sale",
        Closure = "closure": "The business is closing",
        Administration = "administration": "The business is in administration",
        Redundancies = "redundancies": "Redundancies are proposed",
        NewVenture = "new_venture": "A new venture",
    }
);

text_enum!(
    /// Where a case stands overall, apart from its stage.
    CaseStatus {
        Active = "active": "Active",
        OnHold = "on_hold": "On hold",
        Completed = "completed": "Completed",
        Withdrawn = "withdrawn": "Withdrawn",
    }
);

/// What a person typed into the "open a case" form, as text so nothing is lost when a value
/// is wrong.
#[derive(Debug, Clone, Default)]
pub struct CaseInput {
    pub name: String,
    pub pathway: String,
    pub sector: String,
    pub employer: String,
    pub union_name: String,
    pub union_branch: String,
    pub worker_count: String,
    pub trigger: String,
    pub description: String,
}

/// A case that passed every check and can be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCase {
    pub name: String,
    pub pathway: Pathway,
    pub sector: String,
    pub employer: String,
    pub union_name: String,
    pub union_branch: String,
    pub worker_count: i32,
    pub trigger: Trigger,
    pub description: String,
}

/// The most people a case can involve; far above any workplace the centre expects, low enough
/// to catch a slipped finger.
pub const MAX_WORKERS: i32 = 100_000;

impl TryFrom<&CaseInput> for NewCase {
    type Error = FieldErrors;

    fn try_from(input: &CaseInput) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = required_text(
            &mut errors,
            "name",
            &input.name,
            120,
            "Enter the name of the workplace or group",
        );
        // The name prints in the running header of every document the case makes, so it may
        // hold only characters the documents can draw (never an empty box).
        if !errors.has("name") {
            if let Some(problem) = crate::domain::printable::text_problem(&name, 120) {
                errors.add("name", problem);
            }
        }
        let pathway = Pathway::parse(&input.pathway);
        if pathway.is_none() {
            errors.add("pathway", "Choose the route this case will take");
        }
        let sector = required_text(
            &mut errors,
            "sector",
            &input.sector,
            80,
            "Enter the sector, for example printing, care or film and TV",
        );
        let employer = optional_text(&mut errors, "employer", &input.employer, 120);
        if pathway == Some(Pathway::Buyout) && employer.is_empty() {
            errors.add(
                "employer",
                "Enter the employer's name: a buyout always has a current employer",
            );
        }
        let union_name = optional_text(&mut errors, "union_name", &input.union_name, 80);
        let union_branch = optional_text(&mut errors, "union_branch", &input.union_branch, 120);
        let worker_count = parse_worker_count(&mut errors, &input.worker_count);
        let trigger = Trigger::parse(&input.trigger);
        if trigger.is_none() {
            errors.add("trigger", "Choose what started this case");
        }
        let description = optional_text(&mut errors, "description", &input.description, 2000);
        match (pathway, trigger, worker_count) {
            (Some(pathway), Some(trigger), Some(worker_count)) if errors.is_empty() => {
                Ok(NewCase {
                    name,
                    pathway,
                    sector,
                    employer,
                    union_name,
                    union_branch,
                    worker_count,
                    trigger,
                    description,
                })
            }
            _ => Err(errors),
        }
    }
}

fn required_text(
    errors: &mut FieldErrors,
    field: &str,
    raw: &str,
    max: usize,
    empty_message: &str,
) -> String {
    let text = raw.trim();
    if text.is_empty() {
        errors.add(field, empty_message);
    } else if text.chars().count() > max {
        errors.add(field, format!("Use {max} characters or fewer"));
    }
    text.to_string()
}

fn optional_text(errors: &mut FieldErrors, field: &str, raw: &str, max: usize) -> String {
    let text = raw.trim();
    if text.chars().count() > max {
        errors.add(field, format!("Use {max} characters or fewer"));
    }
    text.to_string()
}

fn parse_worker_count(errors: &mut FieldErrors, raw: &str) -> Option<i32> {
    let text = raw.trim();
    if text.is_empty() {
        errors.add(
            "worker_count",
            "Enter how many people work there or are involved",
        );
        return None;
    }
    match text.replace(',', "").parse::<i32>() {
        Ok(n) if (1..=MAX_WORKERS).contains(&n) => Some(n),
        Ok(_) => {
            errors.add(
                "worker_count",
                format!("Enter a number between 1 and {MAX_WORKERS}"),
            );
            None
        }
        Err(_) => {
            errors.add(
                "worker_count",
                "Enter the number of people as a whole number, like 25",
            );
            None
        }
    }
}

/// The readable reference of a case, like `PCEC-2026-0001`.
pub fn format_reference(prefix: &str, year: i32, number: i32) -> String {
    format!("{prefix}-{year}-{number:04}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid_input() -> CaseInput {
        CaseInput {
            name: "Ribble Print Works".into(),
            pathway: "buyout".into(),
            sector: "Printing".into(),
            employer: "Ribble Print Ltd".into(),
            union_name: "Unite".into(),
            union_branch: "Preston General".into(),
            worker_count: "24".into(),
            trigger: "owner_retiring".into(),
            description: "Owner retiring next spring.".into(),
        }
    }

    #[test]
    fn a_complete_form_becomes_a_case() {
        let case = NewCase::try_from(&valid_input()).expect("valid");
        assert_eq!(case.pathway, Pathway::Buyout);
        assert_eq!(case.worker_count, 24);
    }

    #[test]
    fn each_problem_is_named_by_its_field() {
        let input = CaseInput {
            name: " ".into(),
            pathway: "merger".into(),
            worker_count: "lots".into(),
            employer: String::new(),
            ..valid_input()
        };
        let errors = NewCase::try_from(&input).expect_err("invalid");
        for field in ["name", "pathway", "worker_count"] {
            assert!(errors.has(field), "{field} should have a message");
        }
    }

    #[test]
    fn a_buyout_needs_an_employer_but_a_start_up_does_not() {
        let mut input = CaseInput {
            employer: String::new(),
            ..valid_input()
        };
        assert!(NewCase::try_from(&input)
            .expect_err("no employer")
            .has("employer"));
        input.pathway = "startup".into();
        input.trigger = "new_venture".into();
        assert!(NewCase::try_from(&input).is_ok());
    }

    #[test]
    fn worker_counts_must_be_sensible() {
        for bad in ["0", "-3", "100001", "2.5"] {
            let input = CaseInput {
                worker_count: bad.into(),
                ..valid_input()
            };
            assert!(
                NewCase::try_from(&input).is_err(),
                "{bad} should be refused"
            );
        }
        let input = CaseInput {
            worker_count: "1,200".into(),
            ..valid_input()
        };
        assert_eq!(NewCase::try_from(&input).map(|c| c.worker_count), Ok(1200));
    }

    #[test]
    fn a_name_the_documents_cannot_print_is_refused_by_naming_the_characters() {
        let input = CaseInput {
            name: "李明 Printers".into(),
            ..valid_input()
        };
        let errors = NewCase::try_from(&input).expect_err("refused");
        let message = errors.first("name").expect("a message by the name");
        assert!(
            message.contains('李') && message.contains('明'),
            "{message}"
        );
        let polish = CaseInput {
            name: "Drukarnia Łódź Spółdzielnia".into(),
            ..valid_input()
        };
        assert!(NewCase::try_from(&polish).is_ok());
    }

    #[test]
    fn references_are_zero_padded() {
        assert_eq!(format_reference("PCEC", 2026, 7), "PCEC-2026-0007");
    }
}
