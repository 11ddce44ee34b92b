//! What to do this week and what comes after: concrete, plain-English actions.
//!
//! This week's list is short on purpose. People who have just heard of a closure need a few
//! things they can do by Friday, not the whole journey; the journey is in `next_steps`.

use super::answers::{Accounts, Interest, OwnerWish, ReadinessAnswers, Situation, UnionAnswer};
use super::assess::Hold;
use super::clocks::{consultation_days, redundancies_counted};
use super::{advice, Clock, Pathway};

const CENTRE_MEETING: &str =
    "Book a first conversation with the Preston Co-operative Education Centre.";
/// Staff planning a bid are tempted to take the customer list with them; it can cost them
/// their job and their redundancy pay (ERA 1996 s.140), so it is said early.
const CUSTOMER_DATA: &str = "Do not copy the employer's customer lists or files while you work there: it can be gross misconduct and cost you your redundancy pay.";
const CENTRE_URGENT: &str =
    "Call the Preston Co-operative Education Centre and ask for an urgent first meeting.";

fn union_action(union: UnionAnswer, urgent: bool) -> String {
    match (union.is_involved(), urgent) {
        (true, true) => format!("Contact your {} rep or officer today and tell them the workers want to explore a buyout.", union.in_sentence()),
        (true, false) => format!("Tell your {} rep or branch what you are exploring; unions can back a co-op.", union.in_sentence()),
        (false, true) => "Find out who represents the staff (a union or elected representatives): the employer must consult them.".to_string(),
        (false, false) => "Think about joining a union: it strengthens your hand and many unions support co-ops.".to_string(),
    }
}

pub(super) fn this_week(
    answers: &ReadinessAnswers,
    hold: Option<Hold>,
    clocks: &[Clock],
) -> Vec<String> {
    let mut todo: Vec<String> = match hold {
        Some(Hold::TooFew) => vec!["Talk to people who might join you as founding members.".to_string()],
        Some(Hold::NoInterest) => no_interest(answers),
        Some(Hold::LossNoPlan) => vec![
            "List what would have to change for the business to make money: customers, prices, costs.".to_string(),
        ],
        Some(Hold::StaffGone) => liquidation(answers),
        None => {
            // Every situation chosen brings its own actions, the most pressing first; an
            // action two situations share is said once.
            let mut all: Vec<String> = Vec::new();
            for situation in &answers.situations {
                for action in situation_actions(answers, *situation, clocks) {
                    if !all.contains(&action) {
                        all.push(action);
                    }
                }
            }
            all
        }
    };
    let takeover = answers.any(Situation::is_takeover) && hold != Some(Hold::StaffGone);
    if takeover && answers.accounts.is_some_and(|a| a != Accounts::Seen) {
        todo.push("Ask the owner for the last 3 years of full accounts and the monthly management accounts. Small companies often file accounts at Companies House without a profit and loss account.".to_string());
    }
    if hold.is_none() && answers.interest == Interest::NotAsked {
        todo.push("Quietly ask colleagues you trust whether they would be interested.".to_string());
    }
    let urgent = answers.any(Situation::jobs_at_risk);
    todo.push(
        if urgent {
            CENTRE_URGENT
        } else {
            CENTRE_MEETING
        }
        .to_string(),
    );
    todo
}

fn situation_actions(
    answers: &ReadinessAnswers,
    situation: Situation,
    clocks: &[Clock],
) -> Vec<String> {
    match situation {
        Situation::Liquidation => liquidation(answers),
        Situation::ClosureAnnounced | Situation::RedundanciesProposed => {
            redundancies(answers, clocks)
        }
        Situation::Administration => administration(answers),
        Situation::OwnerRetiring | Situation::OwnerSelling => owner_exit(answers),
        Situation::Freelancers => freelancers(answers),
        Situation::NewIdea => new_idea(),
    }
}

fn redundancies(answers: &ReadinessAnswers, clocks: &[Clock]) -> Vec<String> {
    let mut todo = vec![
        union_action(answers.union, true),
        "Ask the employer in writing for the reasons, numbers and timetable of the redundancies; it must give these to the staff's representatives.".to_string(),
        "Ask for a worker buyout to be considered in consultation as an alternative to closure, and for that to be minuted.".to_string(),
    ];
    let has_collective_clock = consultation_days(redundancies_counted(answers)).is_some();
    if has_collective_clock && clocks.iter().all(|c| c.ends_on.is_none()) {
        todo.push(
            "Find out the exact date consultation started: the minimum period runs from it."
                .to_string(),
        );
    }
    if !has_collective_clock {
        todo.push("With fewer than 20 redundancies at one site there is no minimum consultation period, so ask for the timetable in writing now.".to_string());
    }
    todo.push("Ask whether the owner would sell the business, or its equipment and contracts, to the workers.".to_string());
    todo.push(CUSTOMER_DATA.to_string());
    todo
}

fn administration(answers: &ReadinessAnswers) -> Vec<String> {
    vec![
        "Write to the administrator today: say the workers want to make an offer, and ask for the sale timetable and information pack.".to_string(),
        union_action(answers.union, true),
        "Make a private list of who would join and what each could bring: skills, money, contacts. Money put in as member shares is not protected by the Financial Services Compensation Scheme and is repaid last if the co-op fails.".to_string(),
        CUSTOMER_DATA.to_string(),
    ]
}

fn liquidation(answers: &ReadinessAnswers) -> Vec<String> {
    let mut todo = vec![
        "Ask the liquidator in writing what is for sale (equipment, stock, contracts, the name) and the deadline for offers.".to_string(),
        "Make sure everyone claims what they are owed from the Redundancy Payments Service.".to_string(),
    ];
    if answers.staff_dismissed == Some(super::answers::YesNoUnsure::Yes) {
        todo.push(
            "Meet former colleagues to see who would start a new co-op together.".to_string(),
        );
    } else {
        todo.push(union_action(answers.union, true));
    }
    todo
}

fn owner_exit(answers: &ReadinessAnswers) -> Vec<String> {
    let mut todo = Vec::new();
    if answers.owner_wish != Some(OwnerWish::OpenToStaff) {
        todo.push(
            "Ask the owner for a private conversation about selling to the staff.".to_string(),
        );
    }
    todo.push(
        "Offer to sign a confidentiality agreement so the owner can share the figures.".to_string(),
    );
    todo.push("Ask whether all the owners agree to sell, and whether they would sell the company's shares or only its assets.".to_string());
    if answers.union.is_involved() {
        todo.push(union_action(answers.union, false));
    }
    todo
}

fn freelancers(answers: &ReadinessAnswers) -> Vec<String> {
    vec![
        "Get the group together and list what you would share: finding work, invoicing, equipment, workspace, sick pay.".to_string(),
        union_action(answers.union, false),
    ]
}

fn new_idea() -> Vec<String> {
    vec![
        "Write the idea down in a paragraph: what you would sell, to whom, and why they would pay."
            .to_string(),
        "Check that at least 3 people are committed to founding it.".to_string(),
        "Start a record of decisions and of the unpaid hours each founder puts in.".to_string(),
    ]
}

fn no_interest(answers: &ReadinessAnswers) -> Vec<String> {
    let mut todo = vec!["Ask colleagues what worries them about owning the business; the answers show what would need to change.".to_string()];
    if advice::suggests_eot(answers) {
        todo.push(
            "Suggest the owner asks an independent adviser about an employee ownership trust."
                .to_string(),
        );
    }
    todo
}

pub(super) fn next_steps(
    answers: &ReadinessAnswers,
    pathway: Option<Pathway>,
    hold: Option<Hold>,
) -> Vec<String> {
    let union_rep = if answers.union.is_involved() {
        ", including a union rep"
    } else {
        ""
    };
    match pathway {
        Some(Pathway::Buyout) => {
            let mut steps = vec![
                "Hold an information session for everyone about what a worker co-op is and how a buyout works.".to_string(),
                format!("Elect a steering group of at least 3 people{union_rep}."),
                "Check feasibility: 3 years of accounts, a first valuation, and a survey of who would join and invest.".to_string(),
                "If it stacks up: check the business with an accountant and solicitor, then agree price and structure with the seller.".to_string(),
                "Write a business plan and apply to co-operative lenders. Anyone putting in savings should know that member shares are repaid last and are not covered by the compensation scheme.".to_string(),
                "Register the co-op, then hold a members' vote on the price, the finance and the rules before completion.".to_string(),
            ];
            if answers.any(Situation::is_insolvent) {
                steps.push("In insolvency these steps are squeezed into weeks, so feasibility, the offer and finance run side by side.".to_string());
            }
            steps
        }
        Some(Pathway::Startup) => vec![
            "Agree the purpose and who the founders are; keep a decision register.".to_string(),
            "Test the idea with real customers: paid pilots or letters of intent.".to_string(),
            "Write a business plan with three years of forecasts.".to_string(),
            "Choose a legal form, register, and hold a founding meeting to adopt the rules."
                .to_string(),
        ],
        Some(Pathway::Freelancer) => vec![
            "Survey the freelancers you know: what services would they pay the co-op for?"
                .to_string(),
            "Choose a model (consortium, employing co-op or LLP) and write down why.".to_string(),
            "Check which charges are lawful in your trades: a co-op that finds work may take a cut of members' pay only for performers, models and some listed film and TV grades.".to_string(),
            "Agree the money and work rules: the co-op's charge, rate card, how work is shared out."
                .to_string(),
            "Check the sums: will the commission cover the running costs? Then register."
                .to_string(),
        ],
        None => hold_steps(hold),
    }
}

fn hold_steps(hold: Option<Hold>) -> Vec<String> {
    let mut steps = Vec::new();
    if hold.is_none() {
        // Only a community aim leaves no pathway without a hold.
        steps.push("Talk to the Education Centre about a community benefit society or a multi-stakeholder co-op.".to_string());
    }
    if hold == Some(Hold::StaffGone) {
        steps.push("If enough former staff want to work together, treat it as a new worker co-op start-up.".to_string());
    }
    if hold == Some(Hold::LossNoPlan) {
        steps.push(
            "Ask for a feasibility study once you have ideas for turning the business round."
                .to_string(),
        );
    }
    steps.push(
        "Come back to this check when things change: the Education Centre is ready to help when you are."
            .to_string(),
    );
    steps
}
