//! Legal forms, other routes, warnings and contacts: the advice part of a recommendation.
//!
//! Figures that can change (fees, relief limits) carry the date they were last seen at
//! source, as DOMAIN.md asks, so a printed summary never passes them off as current.

use super::answers::{
    Accounts, Aim, Choice, Interest, OwnerWish, Profit, ReadinessAnswers, Situation, UnionAnswer,
};
use super::assess::Hold;
use super::{Alternative, FormOption, HelpContact, Pathway, Route};

/// Above this headcount an EOT is worth mentioning whatever the staff want: large firms
/// often use one, and a co-op of hundreds takes longer to organise. A rule of thumb.
const LARGE_FIRM: u32 = 250;

fn texts(items: &[&str]) -> Vec<String> {
    items.iter().map(|t| (*t).to_string()).collect()
}

fn form(key: &str, name: &str, why: &str, trade_offs: &[&str]) -> FormOption {
    FormOption {
        key: key.to_string(),
        name: name.to_string(),
        why: why.to_string(),
        trade_offs: texts(trade_offs),
    }
}

fn worker_society() -> FormOption {
    form(
        "society_worker",
        "Worker co-operative society",
        "The usual home for a worker co-op: the people who work in it are the members, one vote each.",
        &[
            "Needs at least 3 members and registration with the Financial Conduct Authority (FCA).",
            "Cheapest with a sponsoring body's model rules: an FCA fee of £40 if unchanged, more if you change them (FCA fees from 1 April 2024).",
            "Members can invest through shares without gaining extra votes.",
            "Rule changes need a members' vote and only take effect once the FCA registers them.",
            "Must send the FCA an annual return and accounts within 7 months of the year end.",
        ],
    )
}

fn coop_company() -> FormOption {
    form(
        "clg_worker",
        "Co-operative company limited by guarantee",
        "A company with co-op articles: only workers are members and each has one vote.",
        &[
            "Quick to set up online at Companies House and can start with one or two members. The fee online is £100 from 1 February 2026 (it was £50 before); check gov.uk.",
            "Has no shares, so members cannot invest that way: money comes from loans, grants or profits.",
            "Model articles exist with an asset lock, so the co-op cannot later be sold off for private gain.",
            "Files accounts and a confirmation statement at Companies House every year.",
        ],
    )
}

fn consortium_society() -> FormOption {
    form(
        "society_consortium",
        "Freelancer (consortium) co-operative society",
        "Members stay self-employed and share a co-op that finds work, invoices or provides services for them.",
        &[
            "Usually paid for by a yearly fee and a charge on the work it passes on.",
            "A co-op that finds work may take a cut of members' pay only for performers, models and some listed film and TV grades (Employment Agencies Act 1973 s.6). For other trades the client pays the charge.",
            "Acting as the members' agent, rather than taking on contracts itself, usually limits its risk.",
            "Needs at least 3 members and FCA registration; one member, one vote.",
            "It may hold and pass on members' pay only for entertainment and modelling work (Conduct of Employment Agencies Regulations 2003 regs 8 and 25).",
        ],
    )
}

fn umbrella_coop() -> FormOption {
    form(
        "umbrella_coop",
        "Employing (umbrella) co-op",
        "The co-op employs its members on PAYE and bills clients, so members get payslips, sick pay and holidays.",
        &[
            "More security for members, but the co-op takes on an employer's duties: payroll, pensions, insurance.",
            "Employer National Insurance is 15% of pay above the threshold (from 6 April 2025).",
            "From 6 April 2026 an agency using an umbrella company, or the client if there is no agency, is liable for PAYE the umbrella does not pay.",
            "Needs enough steady work to cover wages and running costs.",
            "Usually registered as a worker co-operative society.",
        ],
    )
}

fn llp() -> FormOption {
    form(
        "llp",
        "Limited liability partnership (LLP)",
        "A simple structure for a small group of self-employed people who share profits under a written agreement.",
        &[
            "Needs at least 2 members, 2 of them 'designated members' who handle the filings.",
            "Members are taxed as self-employed; it does not employ them. A client who controls how a member works can change that for tax (ITEPA 2003 ss.44-47).",
            "The law does not make it a co-op: one member, one vote has to be written into the agreement.",
            "Registered at Companies House; the members' agreement stays private.",
        ],
    )
}

pub(super) fn legal_forms(answers: &ReadinessAnswers, pathway: Option<Pathway>) -> Vec<FormOption> {
    match pathway {
        Some(Pathway::Buyout) => vec![worker_society(), coop_company()],
        Some(Pathway::Startup) => vec![worker_society(), coop_company(), llp()],
        Some(Pathway::Freelancer) => vec![consortium_society(), umbrella_coop(), llp()],
        // Too few for a society, but a company or an LLP can start with fewer people.
        None if answers.people == 2 && answers.interest != Interest::NotInterested => {
            vec![coop_company(), llp()]
        }
        None => Vec::new(),
    }
}

/// Whether an employee ownership trust deserves a mention: the owner is leaving and either
/// wants tax relief, the staff are not keen to run it, or the firm is large.
pub(super) fn suggests_eot(answers: &ReadinessAnswers) -> bool {
    answers.any(Situation::is_owner_exit)
        && (answers.owner_wish == Some(OwnerWish::TaxEfficientSale)
            || matches!(answers.interest, Interest::NotInterested | Interest::AFew)
            || answers.people >= LARGE_FIRM)
}

fn eot(answers: &ReadinessAnswers) -> Alternative {
    let reason = if answers.owner_wish == Some(OwnerWish::TaxEfficientSale) {
        "The owner wants a sale with tax relief."
    } else if answers.people >= LARGE_FIRM {
        "Large firms often pass to their staff through a trust."
    } else {
        "Few of the staff want to run the business themselves."
    };
    Alternative {
        route: Route::EmployeeOwnershipTrust,
        title: "Employee ownership trust (EOT)".to_string(),
        summary: format!(
            "{reason} A trust could own the business for all the staff without them running it."
        ),
        why: format!(
            "{reason} In an EOT a trust buys more than half of the company for the benefit of \
             all the staff. The owner usually pays no capital gains tax on that sale. Staff can \
             be paid tax-free bonuses of up to £3,600 a year each (as of 2024; National \
             Insurance is still due). The staff do not have to run it: managers carry on and \
             the trustees hold the shares."
        ),
        trade_offs: texts(&[
            "Since 30 October 2024 former owners and people connected with them must be fewer than half of the trustees.",
            "Trustees must be UK resident, and the price must not be above market value.",
            "The owner is usually paid over years out of future profits.",
            "A worker co-op does not get the bonus tax relief.",
            "Some firms combine a trust with a say for staff: check with an adviser.",
        ]),
    }
}

fn community_society(answers: &ReadinessAnswers) -> Alternative {
    let lead = if answers.aim == Aim::Community {
        "Your main aim is to serve the local community rather than the people who work there."
    } else {
        "You want to serve the community as well as the workers."
    };
    Alternative {
        route: Route::CommunityBenefitSociety,
        title: "Community benefit society".to_string(),
        summary: format!("{lead} A society run for the community's benefit may fit better."),
        why: format!(
            "{lead} A community benefit society is run for the benefit of the wider community, \
             not just its members, and can raise money from local people by selling community \
             shares. If the staff also want a real say, a multi-stakeholder co-op can give \
             workers and community members their own seats on the board. Check with the \
             Education Centre which suits you."
        ),
        trade_offs: Vec::new(),
    }
}

fn not_now(answers: &ReadinessAnswers, hold: Hold) -> Alternative {
    let (summary, why) = match hold {
        Hold::TooFew if answers.people <= 1 => (
            "On your own a co-op is not the right tool yet: find others who share the idea.",
            "A co-op is owned and run by its members together, and a co-operative society needs at least 3 of them. Talk to people who might join you. Come back when there are at least three of you.",
        ),
        Hold::TooFew => (
            "A co-operative society needs at least 3 members; with 2 you can start as a company or an LLP.",
            "A co-operative society needs at least 3 members (2 only if both are themselves societies). Two people can start as a co-op company or an LLP now and write one member, one vote into their articles or agreement, or find a third founder first.",
        ),
        Hold::StaffGone => (
            "There is no business left to rescue, but former staff could start a new co-op.",
            "Once a business is in liquidation and the staff have been dismissed, there is usually nothing left to take over as a going concern. Jobs do not transfer to a buyer. Former staff can still start a new co-op, for example by buying equipment, stock or customer contracts from the liquidator. That is a new start-up with its own plan.",
        ),
        Hold::NoInterest => (
            "A co-op only works if the people in it want to own and run it.",
            "A worker co-op asks its members to take decisions and share the risk. If the people involved are not interested, pushing ahead would fail. Talk with them about their worries; if interest grows, come back to this check.",
        ),
        Hold::LossNoPlan => (
            "Buying a loss-making business with no plan to change it would put savings and jobs at risk.",
            "The business loses money and there is no idea yet of how to change that. A co-op does not fix losses by itself: lenders and members will want to see how it would pay its way. Work out what would have to change first; a feasibility study can test it.",
        ),
    };
    Alternative {
        route: Route::NotNow,
        title: "Not now".to_string(),
        summary: summary.to_string(),
        why: why.to_string(),
        trade_offs: Vec::new(),
    }
}

pub(super) fn alternatives(answers: &ReadinessAnswers, hold: Option<Hold>) -> Vec<Alternative> {
    let mut routes = Vec::new();
    if suggests_eot(answers) {
        routes.push(eot(answers));
    }
    if matches!(answers.aim, Aim::Community | Aim::Both) {
        routes.push(community_society(answers));
    }
    if let Some(hold) = hold {
        routes.push(not_now(answers, hold));
    }
    routes
}

pub(super) fn warnings(answers: &ReadinessAnswers, hold: Option<Hold>) -> Vec<String> {
    let mut found = Vec::new();
    let takeover = answers.any(Situation::is_takeover);
    let accounts_unseen = answers.accounts.is_some_and(|a| a != Accounts::Seen);
    if takeover && matches!(answers.profit, Profit::No | Profit::DontKnow) && accounts_unseen {
        found.push("Feasibility warning: nobody has yet seen whether the business pays its way. Put in no savings or promises until a check of 3 years of accounts shows how a co-op would make it pay. Even then, member shares are not covered by the Financial Services Compensation Scheme and are repaid last if the co-op fails.".to_string());
    } else if answers.profit == Profit::No && hold.is_none() {
        found.push("The business loses money. A feasibility check must show how a co-op would turn that round before anyone invests: lenders will ask the same.".to_string());
    }
    if answers.owner_wish == Some(OwnerWish::OtherBuyer) {
        found.push("The owner wants to sell to someone else. A buyout needs a willing seller, though a serious offer from the staff sometimes changes minds.".to_string());
    }
    if answers.interest == Interest::AFew && hold.is_none() && answers.any(Situation::is_takeover) {
        found.push("Only a few people are keen. Co-operative ownership usually means more than half of the business is owned by a wide spread of the staff, so interest needs to grow.".to_string());
    }
    found
}

pub(super) fn help(answers: &ReadinessAnswers) -> Vec<HelpContact> {
    let contact = |name: &str, what: &str, how: &str| HelpContact {
        name: name.to_string(),
        what: what.to_string(),
        how: how.to_string(),
    };
    let mut contacts = vec![contact(
        "Preston Co-operative Education Centre",
        "A first conversation about your situation, co-op education for workers, and support at every step. A union co-op itself.",
        "prestoncoopeducationcentre.org",
    )];
    if answers.union.is_involved() {
        contacts.push(contact(
            &match answers.union {
                UnionAnswer::Other => "Your union".to_string(),
                named => format!("{} (your union)", named.label()),
            },
            "Your rights in consultation and transfers, and backing for a worker bid.",
            "Your workplace rep, branch or regional officer",
        ));
    } else if answers.any(Situation::is_takeover) || answers.any(|s| s == Situation::Freelancers) {
        contacts.push(contact(
            "A trade union",
            "Unions have legal rights to be consulted on redundancies and transfers, and many support co-ops.",
            "tuc.org.uk can help you find the right union for your work",
        ));
    }
    contacts.push(contact(
        "Co-operatives UK",
        "The national body for co-ops: guides, model rules and specialist business advice.",
        "uk.coop",
    ));
    if answers.any(Situation::jobs_at_risk) {
        contacts.push(contact(
            "Acas",
            "Free, impartial advice on redundancy and consultation rights.",
            "acas.org.uk",
        ));
    }
    if answers.any(Situation::is_insolvent) {
        contacts.push(contact(
            "Redundancy Payments Service",
            "Pays redundancy pay and some unpaid wages, holiday and notice pay when an employer is insolvent.",
            "gov.uk/your-rights-if-your-employer-is-insolvent",
        ));
    }
    contacts
}
