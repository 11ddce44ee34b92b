//! The co-operative tests (RULES.md §6): the registrar's bona fide criteria made checkable.
//! The same tests apply to the company form, where they are coopkit's own standard.
//!
//! Each test reads the rendered document: the clauses that provide it must say what the test
//! needs (`coop_text::providers`), and no sentence anywhere may say what breaks it,
//! typed text included. Option checks come on top, for what the answers alone decide.

use super::check::{Outcome, TestResult};
use super::consistency::ceil_pct;
use super::context::bonus_basis_phrase;
pub use super::coop_text::providers;
use super::coop_text::text_problem;
use super::document::RenderedRules;
use super::options::{BoardMode, LegalForm, Percent, ProfitUse, RulesOptions};

/// Interest above this on investment shares or member loans draws a warning. The FCA
/// publishes no figure; this is the centre staff's heuristic for "no more than needed".
pub const STAFF_INTEREST_CAP: Percent = Percent::whole(5);

/// Interest above this is plainly more than a co-op needs to pay to attract capital (co-op
/// lenders charge 3.5% to 8.5%, DOMAIN.md §4), so the rules cannot be filed with it.
pub const MAX_INTEREST: Percent = Percent::whole(10);

/// Every co-operative test, in order: code, name.
pub const TESTS: &[(&str, &str)] = &[
    ("T1", "Purpose: mutual benefit, not return on capital"),
    ("T2", "One member, one vote"),
    ("T3", "Open and voluntary membership"),
    ("T4", "Limited interest on capital"),
    ("T5", "Surplus shared by participation"),
    ("T6", "Enough founder members"),
    ("T7", "Members control the board"),
    ("T8", "Autonomy and independence"),
    ("T9", "Education and training"),
];

fn result(code: &'static str, outcome: Outcome, detail: impl Into<String>) -> TestResult {
    let name = TESTS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("", |(_, n)| n);
    TestResult {
        code,
        name,
        outcome,
        detail: detail.into(),
    }
}

/// Runs every test: a text problem fails it (T9 warns), else the option checks decide.
pub(super) fn run(o: &RulesOptions, doc: &RenderedRules) -> Vec<TestResult> {
    TESTS
        .iter()
        .map(|&(code, _)| {
            let text = if code == "T6" {
                founders_signed(o, doc)
            } else {
                text_problem(o, doc, code)
            };
            match (text, code) {
                (Some(detail), "T9") => result(code, Outcome::Warn, detail),
                (Some(detail), _) => result(code, Outcome::Fail, detail),
                (None, _) => options_result(o, code),
            }
        })
        .collect()
}

/// T6 on the text: every founder signs, and enough sign.
fn founders_signed(o: &RulesOptions, doc: &RenderedRules) -> Option<String> {
    let unsigned: Vec<&str> = o
        .founders
        .iter()
        .filter(|f| {
            !doc.signatures
                .iter()
                .any(|s| s == &f.name || s.starts_with(&format!("{} (", f.name)))
        })
        .map(|f| f.name.as_str())
        .collect();
    let signed = o.founders.len() - unsigned.len();
    let least = if o.form == LegalForm::Company { 2 } else { 3 };
    if !unsigned.is_empty() {
        Some(format!(
            "The rules break this test: there is no signature line for {}.",
            unsigned.join(", ")
        ))
    } else if signed < least && !all_societies(o) {
        Some(format!(
            "The rules break this test: only {signed} founder members sign; at least {least} must."
        ))
    } else {
        None
    }
}

fn all_societies(o: &RulesOptions) -> bool {
    o.form != LegalForm::Company
        && o.founders.len() >= 2
        && o.founders.iter().all(|f| f.is_registered_society)
}

fn options_result(o: &RulesOptions, code: &'static str) -> TestResult {
    let problem: Option<(Outcome, String)> = match code {
        "T1" => purpose(o),
        "T2" => (!o.entrench_omov).then(|| {
            (
                Outcome::Warn,
                "One member one vote holds, but it is not entrenched, so a special resolution could change it.".into(),
            )
        }),
        "T3" => open_voluntary(o),
        "T4" => limited_interest(o),
        "T6" => min_members(o),
        "T7" => member_control(o),
        _ => None,
    };
    match problem {
        Some((outcome, detail)) => result(code, outcome, detail),
        None => result(code, Outcome::Pass, passed(o, code)),
    }
}

fn passed(o: &RulesOptions, code: &str) -> String {
    match code {
        "T1" => "The objects clause states the business and the members' mutual benefit.".into(),
        "T2" => "Every member has one vote whatever their shares, hours or pay, and the rule needs every member to change it.".into(),
        "T3" => "Membership uses only objective conditions, is voluntary, never a condition of work, and a refusal can be appealed.".into(),
        "T4" => "Membership shares earn no interest; any interest on investment is capped.".into(),
        "T5" if o.uses(ProfitUse::MemberBonus) => format!("Any member bonus is shared {}, never by capital.", bonus_basis_phrase(o.bonus_basis)),
        "T5" => "No member bonus is paid out, and surplus is never shared by capital.".into(),
        "T6" => format!("{} founder members sign the application.", o.founders.len()),
        "T7" => "Outside directors are always a minority and can never form a quorum alone.".into(),
        "T8" => match &o.union {
            Some(u) => format!(
                "{} has no vote at general meetings, no veto on rule changes and cannot appoint a board majority.",
                u.union_name
            ),
            None => "No outside body has a vote, a veto or the right to appoint a board majority.".into(),
        },
        _ => "The rules adopt the co-operative principles and require training for new directors.".into(),
    }
}

fn purpose(o: &RulesOptions) -> Option<(Outcome, String)> {
    let only_interest = o.uses(ProfitUse::InvestmentInterest) && !o.uses(ProfitUse::MemberBonus);
    if o.objects.chars().count() < 20 {
        Some((
            Outcome::Fail,
            "The rules must state the business and that it is run for its members' mutual benefit."
                .into(),
        ))
    } else if only_interest {
        Some((
            Outcome::Fail,
            "Interest on investment is the only way members share in surplus: the main object must not be a return on capital.".into(),
        ))
    } else {
        None
    }
}

fn open_voluntary(o: &RulesOptions) -> Option<(Outcome, String)> {
    if o.form != LegalForm::Consortium && (o.member_min_age > 18 || o.min_hours_week > 16) {
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
    }
}

fn limited_interest(o: &RulesOptions) -> Option<(Outcome, String)> {
    let rates = [
        (o.investment_shares, o.share_interest_max_pct),
        (true, o.member_loan_interest_max_pct),
    ];
    let top = rates
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, p)| *p)
        .max()
        .unwrap_or(Percent(0));
    if o.form == LegalForm::Company {
        None
    } else if top > MAX_INTEREST {
        Some((
            Outcome::Fail,
            format!(
                "Interest of up to {} a year is more than a co-operative can justify as needed to attract capital; the most allowed is {}.",
                top.label(),
                MAX_INTEREST.label()
            ),
        ))
    } else if top > STAFF_INTEREST_CAP {
        Some((
            Outcome::Warn,
            format!(
                "Interest above {} on investment shares or member loans may be more than is needed to raise the capital.",
                STAFF_INTEREST_CAP.label()
            ),
        ))
    } else {
        None
    }
}

fn min_members(o: &RulesOptions) -> Option<(Outcome, String)> {
    let n = o.founders.len();
    let not_workers =
        o.form != LegalForm::Consortium && o.founders.iter().any(|f| !f.employee_or_prospective);
    match o.form {
        LegalForm::Company if n < 2 => Some((
            Outcome::Fail,
            format!("A co-operative company needs at least 2 founder members; there are {n}."),
        )),
        LegalForm::Company if n < 3 => Some((Outcome::Warn, "Two members can register a company, but at least 3 is advised.".into())),
        LegalForm::Society | LegalForm::Consortium if n < 3 && !all_societies(o) => Some((
            Outcome::Fail,
            format!("A society needs at least 3 founder members (or 2 registered societies); there are {n}."),
        )),
        _ if not_workers => Some((Outcome::Warn, "Some founders are not, and will not be, employees of the business.".into())),
        _ => None,
    }
}

fn member_control(o: &RulesOptions) -> Option<(Outcome, String)> {
    let outsiders = o.external_directors_max;
    let board = match o.board_mode {
        BoardMode::Elected => o.board_min,
        BoardMode::Collective => u32::try_from(o.founders.len()).unwrap_or(u32::MAX),
    };
    let quorum = o
        .board_quorum_min
        .max(ceil_pct(o.board_quorum_pct, board + outsiders));
    (outsiders * 2 >= board + outsiders || outsiders >= quorum).then(|| {
        (
            Outcome::Fail,
            format!("Up to {outsiders} outside directors against a board of {board} members could outvote the members or form a quorum alone."),
        )
    })
}
