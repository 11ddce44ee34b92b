//! Rules and business plan must agree: a lender reads both, and a plan that borrows more than
//! the rules allow, or counts on shares the rules do not let members hold, cannot be carried
//! out as written. Each mismatch names the answer that fixes it, in whichever document.

use serde::Serialize;

use super::check::Severity;
use super::options::{BorrowingMode, LegalForm, Percent, RulesOptions};
use crate::domain::finance::inputs::{PlanInputs, SourceKind};
use crate::domain::finance::loans::loan_principal;
use crate::domain::money::format_pounds;

/// Which document's answer fixes a mismatch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fix {
    Rules,
    Plan,
}

/// One disagreement between the rules and the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mismatch {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    /// The document and question that fix it.
    pub fix: Fix,
    pub field: &'static str,
}

fn mismatch(
    severity: Severity,
    code: &'static str,
    fix: Fix,
    field: &'static str,
    message: String,
) -> Mismatch {
    Mismatch {
        severity,
        code,
        message,
        fix,
        field,
    }
}

/// What the plan's answers say that the rules must agree with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanFigures {
    pub legal_form: String,
    /// Everything the plan borrows: loans, the lent part of blended funds, the seller's
    /// deferred payment and members' loans.
    pub total_borrowing: i64,
    pub members_pledged: u32,
    pub pledge_each: i64,
    /// The highest rate on any loan from members, in hundredths of a percent.
    pub member_loan_rate: Option<u32>,
    pub community_shares: bool,
    /// Staff in the first forecast year.
    pub headcount: u32,
}

impl PlanFigures {
    pub fn from_inputs(p: &PlanInputs) -> Self {
        let total_borrowing = p
            .sources
            .iter()
            .filter(|s| s.kind.is_repayable())
            .map(loan_principal)
            .sum();
        let member_loan_rate = p
            .sources
            .iter()
            .filter(|s| s.kind == SourceKind::MemberLoans)
            .map(|s| s.loan.as_ref().map_or(0, |l| l.rate_bp))
            .max()
            .map(|bp| u32::try_from(bp.max(0)).unwrap_or(u32::MAX));
        PlanFigures {
            legal_form: p.legal_form.clone(),
            total_borrowing,
            members_pledged: p.members_pledged,
            pledge_each: p.pledge_each,
            member_loan_rate,
            community_shares: p
                .sources
                .iter()
                .any(|s| s.kind == SourceKind::CommunityShares && s.amount > 0),
            headcount: p.forecast.headcount_y1,
        }
    }
}

/// The plan's `legal_form` answer for each form of rules.
fn plan_form(form: LegalForm) -> &'static str {
    match form {
        LegalForm::Society => "society_worker",
        LegalForm::Consortium => "society_consortium",
        LegalForm::Company => "clg_worker",
    }
}

/// Every mismatch between these rules and this plan, blocking ones first.
pub fn compare(o: &RulesOptions, p: &PlanFigures) -> Vec<Mismatch> {
    use Severity::Error;
    let mut out = Vec::new();
    if p.legal_form != plan_form(o.form) {
        out.push(mismatch(
            Error,
            "P1",
            Fix::Plan,
            "legal_form",
            format!(
                "The plan says the co-op's legal form is \"{}\", but the rules are written for {}.",
                p.legal_form,
                form_words(o.form)
            ),
        ));
    }
    borrowing(o, p, &mut out);
    shares(o, p, &mut out);
    let founders = u32::try_from(o.founders.len()).unwrap_or(u32::MAX);
    if p.members_pledged < founders {
        out.push(mismatch(Error, "P4", Fix::Plan, "members_pledged", format!(
            "The rules name {founders} founder members, who all join and pay in, but the plan counts on only {} members.",
            p.members_pledged)));
    }
    if o.form != LegalForm::Consortium && p.members_pledged > p.headcount && p.headcount > 0 {
        out.push(mismatch(Error, "P4", Fix::Plan, "members_pledged", format!(
            "Only employees can be members under the rules, but the plan counts on {} members with {} staff in year 1.",
            p.members_pledged, p.headcount)));
    }
    if let Some(rate) = p.member_loan_rate {
        if o.form != LegalForm::Company && Percent(rate) > o.member_loan_interest_max_pct {
            out.push(mismatch(
                Error,
                "P5",
                Fix::Rules,
                "member_loan_interest_max_pct",
                format!(
                    "The plan pays {} a year on members' loans, but the rules allow at most {}.",
                    Percent(rate).label(),
                    o.member_loan_interest_max_pct.label()
                ),
            ));
        }
    }
    if p.community_shares && !o.investment_shares {
        let (fix, field) = if o.form == LegalForm::Company {
            (Fix::Plan, "sources")
        } else {
            (Fix::Rules, "investment_shares")
        };
        out.push(mismatch(Error, "P5", fix, field,
            "The plan raises community shares, but the rules offer no investment shares for them to be issued as.".into()));
    }
    out.sort_by_key(|m| m.severity != Error);
    out
}

fn form_words(form: LegalForm) -> &'static str {
    match form {
        LegalForm::Society => "a worker co-operative society",
        LegalForm::Consortium => "a freelancers' consortium society",
        LegalForm::Company => "a worker co-operative company limited by guarantee",
    }
}

fn borrowing(o: &RulesOptions, p: &PlanFigures, out: &mut Vec<Mismatch>) {
    if o.form == LegalForm::Company || p.total_borrowing <= o.borrowing_cap_pence {
        return;
    }
    let (total, cap) = (
        format_pounds(p.total_borrowing),
        format_pounds(o.borrowing_cap_pence),
    );
    let (severity, message) = if o.borrowing_mode == BorrowingMode::GmAboveCap {
        (Severity::Warn, format!(
            "The plan borrows {total}, more than the {cap} the board may borrow alone: a general meeting must approve the rest by ordinary resolution before the loans are drawn."))
    } else {
        (Severity::Error, format!(
            "The plan borrows {total}, but the rules let the co-op owe at most {cap}: raise the borrowing maximum or borrow less."))
    };
    out.push(mismatch(
        severity,
        "P2",
        Fix::Rules,
        "borrowing_cap_pence",
        message,
    ));
}

fn shares(o: &RulesOptions, p: &PlanFigures, out: &mut Vec<Mismatch>) {
    if p.members_pledged == 0 || p.pledge_each == 0 {
        return;
    }
    let pledge = format_pounds(p.pledge_each);
    if o.form == LegalForm::Company {
        out.push(mismatch(Severity::Error, "P3", Fix::Plan, "pledge_each", format!(
            "A company limited by guarantee has no shares, but the plan counts on members buying {pledge} of shares each: plan members' money as loans instead.")));
        return;
    }
    let share = format_pounds(o.member_share_pence);
    let membership_most = o.member_share_pence.saturating_mul(i64::from(o.max_shares));
    if p.pledge_each < o.member_share_pence {
        out.push(mismatch(Severity::Error, "P3", Fix::Plan, "pledge_each", format!(
            "Each member must buy a membership share of {share}, but the plan counts on only {pledge} from each.")));
    } else if p.pledge_each > o.max_holding_pence {
        out.push(mismatch(Severity::Error, "P3", Fix::Rules, "max_holding_pence", format!(
            "The plan counts on {pledge} from each member, but the rules let a member hold at most {} in shares.",
            format_pounds(o.max_holding_pence))));
    } else if p.pledge_each > membership_most && !o.investment_shares {
        out.push(mismatch(Severity::Error, "P3", Fix::Rules, "investment_shares", format!(
            "The plan counts on {pledge} of shares from each member, but the rules let a member hold only {} in membership shares and offer no investment shares.",
            format_pounds(membership_most))));
    }
}
