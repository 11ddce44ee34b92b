//! The template context for `templates/documents/business_plan.hbs`.
//!
//! Everything is formatted here (figures, tables, chart JSON, the rep's own words split into
//! paragraphs) so the template only needs handlebars' built-in `#if` and `#each`. The rep's text
//! goes in as typed: the document registry escapes every value for the markup
//! (`docs/document-markup.md`, "Answers are data"), so nothing typed can start a block.

use super::context_tables::{self as tables, Table};
use super::inputs::{PlanPathway, PurchaseType};
use super::{FinancialModel, PlanInputs};
use serde::Serialize;
use serde_json::json;

#[derive(Debug, Clone, Serialize)]
pub struct LoanContext {
    pub label: String,
    pub summary: String,
    /// How this loan charges interest: lenders differ, so it is said loan by loan.
    pub interest_basis: String,
    pub years: Table,
    pub months: Table,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanContext {
    /// A draft says so on its first page; the pipeline sets false for a final version.
    pub draft: bool,
    pub coop_name: String,
    pub reference: String,
    pub is_buyout: bool,
    pub warnings: Vec<String>,
    pub balanced: bool,
    /// What is wrong with the balance, when it is wrong.
    pub balance_note: String,
    pub total_needed: String,
    pub dscr_min: String,
    /// The rep's answers as paragraphs, by section key; empty sections are empty lists.
    pub narrative: std::collections::BTreeMap<&'static str, Vec<String>>,
    /// Fixed explanations chosen by the answers (what is bought and TUPE; legal form).
    pub purchase_text: String,
    pub legal_form_text: String,
    pub historic: Table,
    pub valuation: Table,
    pub uses: Table,
    pub sources: Table,
    pub loans: Vec<LoanContext>,
    pub profit_months: Table,
    pub cash_months: Table,
    pub years: Table,
    pub break_even: Table,
    pub debt_cover: Table,
    pub sensitivity: Table,
    pub member_capital: Table,
    pub cash_chart: String,
    pub sales_costs_chart: String,
}

/// Builds the plan's context from the checked answers and the model built from them.
pub fn build_context(
    inputs: &PlanInputs,
    model: &FinancialModel,
    coop_name: &str,
    reference: &str,
) -> PlanContext {
    let n = &inputs.narrative;
    let narrative = [
        ("summary", &n.summary),
        ("business", &n.business),
        ("reason", &n.reason),
        ("market", &n.market),
        ("operations", &n.operations),
        ("people", &n.people),
        ("union_role", &n.union_role),
        ("governance", &n.governance),
        ("membership", &n.membership),
        ("risks", &n.risks),
        ("timeline", &n.timeline),
    ]
    .into_iter()
    .map(|(k, text)| (k, paragraphs(text)))
    .collect();
    let (uses, sources) = tables::sources_uses(model);
    let months = &model.forecast.months[..12.min(model.forecast.months.len())];
    PlanContext {
        draft: true,
        coop_name: plain(coop_name),
        reference: plain(reference),
        is_buyout: inputs.pathway == PlanPathway::Buyout,
        warnings: model.warnings.iter().map(|w| plain(&w.message)).collect(),
        balanced: model.sources_uses.balances(),
        balance_note: model
            .warnings
            .iter()
            .find(|w| w.code == "unbalanced")
            .map_or_else(String::new, |w| plain(&w.message)),
        total_needed: crate::domain::money::format_pounds_whole(model.sources_uses.total_uses),
        dscr_min: super::warnings::ratio(inputs.forecast.dscr_min_x100),
        narrative,
        purchase_text: purchase_text(inputs).to_string(),
        legal_form_text: legal_form_text(&inputs.legal_form).to_string(),
        historic: tables::historic(inputs),
        valuation: tables::valuation(model),
        uses,
        sources,
        loans: model.loans.iter().map(loan_context).collect(),
        profit_months: tables::profit_months(months),
        cash_months: tables::cash_months(months),
        years: tables::years(&model.forecast.years),
        break_even: tables::break_even(model),
        debt_cover: tables::debt_cover(model),
        sensitivity: tables::sensitivity(model),
        member_capital: tables::member_capital(model),
        cash_chart: json!({
            "kind": "line", "title": "Cash at the end of each month, year 1", "y_label": "£",
            "labels": months.iter().map(|m| m.label.clone()).collect::<Vec<_>>(),
            "series": [{"name": "Cash", "values": months.iter().map(|m| m.closing_cash).collect::<Vec<_>>()}],
            "zero_line": true,
        })
        .to_string(),
        sales_costs_chart: json!({
            "kind": "bar", "title": "Sales and costs, years 1 to 3",
            "labels": model.forecast.years.iter().map(|y| y.label.clone()).collect::<Vec<_>>(),
            "series": [
                {"name": "Sales", "values": model.forecast.years.iter().map(|y| y.sales).collect::<Vec<_>>()},
                {"name": "Costs", "values": model.forecast.years.iter().map(|y| y.sales - y.net_profit).collect::<Vec<_>>()},
            ],
        })
        .to_string(),
    }
}

fn loan_context(loan: &super::loans::LoanSchedule) -> LoanContext {
    use crate::domain::money::format_pounds as p;
    let summary = format!(
        "{} borrowed at {} a year over {} months: {} a month, {} interest in total.",
        p(loan.principal),
        super::warnings::percent(loan.rate_bp),
        loan.term_months,
        p(loan.standard_payment),
        p(loan.total_interest)
    );
    LoanContext {
        label: plain(&loan.label),
        summary,
        interest_basis: interest_basis(loan).to_string(),
        years: tables::loan_years(loan),
        months: tables::loan_months(loan),
    }
}

fn interest_basis(loan: &super::loans::LoanSchedule) -> &'static str {
    use super::inputs::Repayment;
    if loan.rate_bp == 0 {
        return "No interest is charged: each payment repays the loan.";
    }
    match loan.repayment {
        Repayment::AmortisingReducing => "Interest is charged each month on what is still owed (the reducing balance), so it falls as the loan is repaid.",
        Repayment::Flat => "Flat rate: interest is worked out once on the whole amount borrowed for the whole term and spread evenly over the payments, so it does not fall as the loan is repaid. This costs more than the same rate charged on what is still owed.",
        Repayment::InterestOnlyBullet => "Interest is charged each month on the whole amount, which is repaid in one sum at the end.",
    }
}

fn purchase_text(inputs: &PlanInputs) -> &'static str {
    match inputs.purchase_type {
        Some(PurchaseType::Shares) => "The co-op will buy the shares of the existing company. The company carries on as the employer, so staff keep their contracts and TUPE does not apply. The company's debts and liabilities stay with it, which is why the accounts are checked before the sale. Stamp duty of 0.5% is due on the price.",
        Some(PurchaseType::AssetsGoingConcern) => "The co-op will buy the business and its assets as a going concern. TUPE applies: staff move to the co-op on their existing terms, dismissals because of the transfer are automatically unfair, and both employers must inform the union or elected reps, and consult them about any changes, in good time before the transfer. Union recognition moves across only if the transferred staff keep a distinct identity, so the co-op will confirm recognition during consultation.",
        Some(PurchaseType::AssetsOnly) => "The co-op will buy some of the assets only. Whether TUPE applies depends on whether an organised business moves across with them; this will be checked with a solicitor before any staff decisions are made.",
        None => "",
    }
}

fn legal_form_text(form: &str) -> &'static str {
    match form {
        "society_worker" => "The co-op will register as a co-operative society under the Co-operative and Community Benefit Societies Act 2014, owned and controlled by the people who work in it, with one member, one vote.",
        "society_consortium" => "The co-op will register as a consortium co-operative society, owned by its member businesses or freelancers, with one member, one vote.",
        "society_multi" => "The co-op will register as a multi-stakeholder co-operative society, with workers and other members sharing control under its rules.",
        "clg_worker" => "The co-op will be a company limited by guarantee with worker co-operative articles: members guarantee a nominal sum and each has one vote.",
        "cls_worker" => "The co-op will be a company limited by shares with worker co-operative articles giving each member one vote, whatever their shareholding.",
        "llp" => "The co-op will be a limited liability partnership, with a members' agreement setting out how the members share control and profit.",
        _ => "",
    }
}

/// The rep's text as paragraphs: blank lines separate them and lines within one are joined,
/// except that lines all starting "- " stay one to a line, printed as typed.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|block| {
            let lines: Vec<&str> = block
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            if !lines.is_empty() && lines.iter().all(|l| l.starts_with("- ")) {
                lines
                    .iter()
                    .map(|l| format!("- {}", plain(&l[2..])))
                    .collect::<Vec<_>>()
                    .join("\n")
            } else {
                plain(&lines.join(" "))
            }
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// The text on one line, its spacing tidied.
fn plain(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
