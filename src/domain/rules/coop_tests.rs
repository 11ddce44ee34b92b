//! The co-operative tests (RULES.md §6): the registrar's bona fide criteria made checkable.
//! The same tests apply to the company form, where they are coopkit's own standard.

use super::check::{has_clause, Outcome, TestResult};
use super::consistency::ceil_pct;
use super::options::{BoardMode, LegalForm, Percent, ProfitUse, RulesOptions};

type Clauses<'a> = &'a [(String, u32, String)];

/// Interest above this on investment shares or member loans draws a warning. The FCA
/// publishes no figure; this is the centre staff's heuristic for "no more than needed".
pub const STAFF_INTEREST_CAP: Percent = Percent::whole(5);

fn result(
    code: &'static str,
    name: &'static str,
    outcome: Outcome,
    detail: impl Into<String>,
) -> TestResult {
    TestResult {
        code,
        name,
        outcome,
        detail: detail.into(),
    }
}

fn pass_or(
    code: &'static str,
    name: &'static str,
    problem: Option<(Outcome, String)>,
    ok: &str,
) -> TestResult {
    match problem {
        Some((outcome, detail)) => result(code, name, outcome, detail),
        None => result(code, name, Outcome::Pass, ok),
    }
}

pub(super) fn run(o: &RulesOptions, clauses: Clauses<'_>) -> Vec<TestResult> {
    vec![
        purpose(o, clauses),
        omov(o),
        open_voluntary(o, clauses),
        limited_interest(o),
        participation(o),
        min_members(o),
        member_control(o),
        autonomy(o),
        education(o, clauses),
    ]
}

fn purpose(o: &RulesOptions, clauses: Clauses<'_>) -> TestResult {
    let objects_code = match o.form {
        LegalForm::Society => "S04",
        LegalForm::Consortium => "F04",
        LegalForm::Company => "C02",
    };
    let member_uses = [ProfitUse::MemberBonus, ProfitUse::InvestmentInterest];
    let only_interest = o.uses(ProfitUse::InvestmentInterest)
        && !o.uses(ProfitUse::MemberBonus)
        && member_uses.iter().filter(|u| o.uses(**u)).count() == 1;
    let problem = if !has_clause(clauses, objects_code) || o.objects.chars().count() < 20 {
        Some((
            Outcome::Fail,
            "The rules must state the business and that it is run for its members' mutual benefit."
                .into(),
        ))
    } else if only_interest {
        Some((Outcome::Fail, "Interest on investment is the only way members share in surplus: the main object must not be a return on capital.".into()))
    } else {
        None
    };
    pass_or(
        "T1",
        "Purpose: mutual benefit, not return on capital",
        problem,
        "The objects clause states the business and the members' mutual benefit.",
    )
}

fn omov(o: &RulesOptions) -> TestResult {
    let problem = (!o.entrench_omov).then(|| (Outcome::Warn,
        "One member one vote holds, but it is not entrenched, so a special resolution could change it.".to_string()));
    pass_or("T2", "One member, one vote", problem, "Every member has one vote whatever their shares, hours or pay, and the rule needs every member to change it.")
}

fn open_voluntary(o: &RulesOptions, clauses: Clauses<'_>) -> TestResult {
    let membership_code = match o.form {
        LegalForm::Society => "S07",
        LegalForm::Consortium => "F07",
        LegalForm::Company => "C05",
    };
    let problem = if !has_clause(clauses, membership_code) {
        Some((Outcome::Fail, "The rules have no membership clause with objective criteria and an appeal against refusal.".into()))
    } else if o.form != LegalForm::Consortium && (o.member_min_age > 18 || o.min_hours_week > 16) {
        Some((
            Outcome::Fail,
            "The age or hours condition shuts out people the law expects to be able to join."
                .into(),
        ))
    } else if o.form != LegalForm::Company && o.member_share_pence > 100_000 {
        Some((
            Outcome::Warn,
            "A membership share over £1,000 with no instalments may keep lower-paid workers out."
                .into(),
        ))
    } else {
        None
    };
    pass_or("T3", "Open and voluntary membership", problem, "Membership uses only objective conditions, is voluntary, never a condition of work, and a refusal can be appealed.")
}

fn limited_interest(o: &RulesOptions) -> TestResult {
    let high = |p: Percent| p > STAFF_INTEREST_CAP;
    let problem = (high(o.share_interest_max_pct) && o.investment_shares || high(o.member_loan_interest_max_pct)).then(|| (Outcome::Warn,
        format!("Interest above {} on investment shares or member loans may be more than is needed to raise the capital.", STAFF_INTEREST_CAP.label())));
    pass_or(
        "T4",
        "Limited interest on capital",
        problem,
        "Membership shares earn no interest; any interest on investment is capped.",
    )
}

fn participation(o: &RulesOptions) -> TestResult {
    let detail = if o.uses(ProfitUse::MemberBonus) {
        format!(
            "Any member bonus is shared {}, never by capital.",
            super::context::bonus_basis_phrase(o.bonus_basis)
        )
    } else {
        "No member bonus is paid out, so surplus cannot go by capital.".to_string()
    };
    result(
        "T5",
        "Surplus shared by participation",
        Outcome::Pass,
        detail,
    )
}

fn min_members(o: &RulesOptions) -> TestResult {
    let n = o.founders.len();
    let all_societies = n >= 2 && o.founders.iter().all(|f| f.is_registered_society);
    let not_workers =
        o.form != LegalForm::Consortium && o.founders.iter().any(|f| !f.employee_or_prospective);
    let problem = match o.form {
        LegalForm::Company if n < 2 => Some((Outcome::Fail, format!("A co-operative company needs at least 2 founder members; there are {n}."))),
        LegalForm::Company if n < 3 => Some((Outcome::Warn, "Two members can register a company, but at least 3 is advised.".to_string())),
        LegalForm::Society | LegalForm::Consortium if n < 3 && !all_societies => {
            Some((Outcome::Fail, format!("A society needs at least 3 founder members (or 2 registered societies); there are {n}.")))
        }
        _ if not_workers => Some((Outcome::Warn, "Some founders are not, and will not be, employees of the business.".to_string())),
        _ => None,
    };
    pass_or(
        "T6",
        "Enough founder members",
        problem,
        &format!("{n} founder members sign the application."),
    )
}

fn member_control(o: &RulesOptions) -> TestResult {
    let outsiders = o.external_directors_max;
    let board = match o.board_mode {
        BoardMode::Elected => o.board_min,
        BoardMode::Collective => u32::try_from(o.founders.len()).unwrap_or(u32::MAX),
    };
    let quorum = o
        .board_quorum_min
        .max(ceil_pct(o.board_quorum_pct, board + outsiders));
    let problem = (outsiders * 2 >= board + outsiders || outsiders >= quorum).then(|| (Outcome::Fail, format!(
        "Up to {outsiders} outside directors against a board of {board} members could outvote the members or form a quorum alone.")));
    pass_or(
        "T7",
        "Members control the board",
        problem,
        "Outside directors are always a minority and can never form a quorum alone.",
    )
}

fn autonomy(o: &RulesOptions) -> TestResult {
    let detail = match &o.union {
        Some(u) => format!("{} has no vote at general meetings, no veto on rule changes and cannot appoint a board majority.", u.union_name),
        None => "No outside body has a vote, a veto or the right to appoint a board majority.".to_string(),
    };
    result("T8", "Autonomy and independence", Outcome::Pass, detail)
}

fn education(o: &RulesOptions, clauses: Clauses<'_>) -> TestResult {
    let code = if o.form == LegalForm::Company {
        "C02"
    } else {
        "S06"
    };
    let board = ["S18", "F18", "C11"].iter().any(|c| has_clause(clauses, c));
    let problem = (!has_clause(clauses, code) || !board).then(|| (Outcome::Warn,
        "The rules should adopt the co-operative principles, with a duty to educate members and train new directors.".to_string()));
    pass_or(
        "T9",
        "Education and training",
        problem,
        "The rules adopt the co-operative principles and require training for new directors.",
    )
}
