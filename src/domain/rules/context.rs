//! The data the rules templates render from. Everything a template shows is ready here:
//! money already in pounds, percentages already labelled, each choice already a boolean, so
//! the templates need only handlebars' built-in helpers and strict mode finds any typo.

use chrono::NaiveDate;
use serde_json::{json, Value};

use super::options::{
    AuditMode, BargainingUnit, BoardMode, BonusBasis, BorrowingMode, Contracting, DecisionMode,
    Dissolution, FounderRole, LegalForm, MemberEntity, OfficeNation, ProfitUse, Proxies,
    RulesOptions, UnionOptions,
};
use crate::domain::money::format_pounds;

/// Facts about the document rather than the co-op's choices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentMeta {
    pub case_reference: String,
    pub prepared_on: NaiveDate,
    /// A draft opens by saying it must be checked before filing; the final version does not.
    pub draft: bool,
}

/// How a member bonus is divided, as a phrase that completes "shared ...".
pub fn bonus_basis_phrase(basis: BonusBasis) -> &'static str {
    match basis {
        BonusBasis::Equal => "equally between members",
        BonusBasis::Hours => "in proportion to the hours each member worked in the year",
        BonusBasis::Pay => "in proportion to the pay each member earned in the year",
        BonusBasis::Trade => {
            "in proportion to the trade each member did through the co-operative in the year"
        }
    }
}

fn nation_label(nation: OfficeNation) -> &'static str {
    match nation {
        OfficeNation::England => "England",
        OfficeNation::Wales => "Wales",
        OfficeNation::Scotland => "Scotland",
        OfficeNation::ChannelIslands => "the Channel Islands",
        OfficeNation::EnglandWales => "England and Wales",
        OfficeNation::NorthernIreland => "Northern Ireland",
    }
}

fn form_title(form: LegalForm) -> &'static str {
    match form {
        LegalForm::Society => "Rules of a worker co-operative society",
        LegalForm::Company => {
            "Articles of association of a worker co-operative company limited by guarantee"
        }
        LegalForm::Consortium => "Rules of a freelancers' consortium co-operative society",
    }
}

fn founders(o: &RulesOptions) -> Value {
    o.founders
        .iter()
        .map(|f| {
            let roles: Vec<&str> = f
                .roles
                .iter()
                .map(|r| match r {
                    FounderRole::Director => "director",
                    FounderRole::Secretary => "secretary",
                    FounderRole::Chair => "chair",
                    FounderRole::Treasurer => "treasurer",
                })
                .collect();
            json!({ "name": f.name, "roles": roles.join(", "), "has_roles": !roles.is_empty(),
                "is_secretary": f.roles.contains(&FounderRole::Secretary) })
        })
        .collect()
}

fn union(u: Option<&UnionOptions>) -> Value {
    let fallback = UnionOptions::default();
    let u = u.unwrap_or(&fallback);
    let unit = match u.bargaining_unit {
        BargainingUnit::NonSupervisory => "every employee below supervisor level",
        BargainingUnit::AllStaff => "every employee",
    };
    json!({
        "name": u.union_name, "unit": unit,
        "committee_size": u.union_committee_size, "committee_term_months": u.committee_term_months,
        "derecognition_notice_months": u.derecognition_notice_months,
        "has_levy": u.union_levy_pct.0 > 0, "levy": u.union_levy_pct.label(),
        "observer": u.union_observer, "nominated_director": u.union_nominated_director,
        "has_pay_ratio": u.pay_ratio_cap.is_some(), "pay_ratio_cap": u.pay_ratio_cap.unwrap_or(0),
    })
}

/// The whole template context for one set of rules.
pub fn build_context(o: &RulesOptions, meta: &DocumentMeta) -> Value {
    let mut ctx = json!({
        "title": form_title(o.form), "case_reference": meta.case_reference, "is_draft": meta.draft,
        "prepared_on": meta.prepared_on.format("%-d %B %Y").to_string(),
        "is_society": o.form == LegalForm::Society, "is_company": o.form == LegalForm::Company,
        "is_consortium": o.form == LegalForm::Consortium,
        "name": o.name, "office_nation": nation_label(o.office_nation), "office_address": o.office_address,
        "objects": o.objects, "trade_definition": o.trade_definition,
        "founders": founders(o),
        "member_min_age": o.member_min_age, "min_hours_week": o.min_hours_week, "has_min_hours": o.min_hours_week > 0,
        "probation_exclusion": o.probation_exclusion, "probation_months": o.probation_months,
        "expulsion_notice_days": o.expulsion_notice_days,
        "member_share": format_pounds(o.member_share_pence), "max_shares": o.max_shares,
        "multiple_shares": o.max_shares > 1, "investment_shares": o.investment_shares,
        "share_interest_max": o.share_interest_max_pct.label(),
        // A 0% cap is written as "no interest", never as "at most 0% a year".
        "share_interest": o.share_interest_max_pct.0 > 0,
        "withdrawal_notice_months": o.withdrawal_notice_months, "withdrawal_lock_years": o.withdrawal_lock_years,
        "max_holding": format_pounds(o.max_holding_pence), "guarantee": format_pounds(o.guarantee_pence),
        "borrowing_board_discretion": o.borrowing_mode == BorrowingMode::BoardDiscretion,
        "borrowing_cap": o.borrowing_mode == BorrowingMode::Cap,
        "borrowing_gm_above_cap": o.borrowing_mode == BorrowingMode::GmAboveCap,
        "borrowing_cap_amount": format_pounds(o.borrowing_cap_pence),
        "member_loan_interest_max": o.member_loan_interest_max_pct.label(),
        "member_loan_interest": o.member_loan_interest_max_pct.0 > 0,
    });
    extend(&mut ctx, governance(o));
    extend(&mut ctx, profits_and_ending(o));
    ctx
}

fn governance(o: &RulesOptions) -> Value {
    json!({
        "board_elected": o.board_mode == BoardMode::Elected, "board_collective": o.board_mode == BoardMode::Collective,
        "board_min": o.board_min, "board_max": o.board_max, "board_term_years": o.board_term_years,
        "board_size": board_size(o.board_min, o.board_max),
        "external_directors_max": o.external_directors_max, "has_external_directors": o.external_directors_max > 0,
        "board_quorum_pct": o.board_quorum_pct, "board_quorum_min": o.board_quorum_min,
        "asset_disposal_pct": o.asset_disposal_pct,
        "extra_gms_per_year": o.extra_gms_per_year, "has_extra_gms": o.extra_gms_per_year > 0,
        "gm_notice_clear_days": o.gm_notice_clear_days, "short_notice_pct": o.short_notice_pct,
        "requisition_pct": o.requisition_pct, "gm_quorum_pct": o.gm_quorum_pct, "gm_quorum_min": o.gm_quorum_min,
        "consensus": o.decision_mode == DecisionMode::ConsensusWithVoteFallback,
        "proxies_none": o.proxies == Proxies::None, "proxies_capped": o.proxies == Proxies::Capped,
        "proxies_open": o.proxies == Proxies::Open, "proxy_cap": o.proxy_cap,
        "special_majority": o.special_majority_pct.label(),
        "written_resolutions": o.written_resolutions, "lapse_days": o.lapse_days,
        "entrench_omov": o.entrench_omov,
        "audit_disapply": o.audit_mode == AuditMode::DisapplyWhenEligible, "common_seal": o.common_seal,
    })
}

fn profits_and_ending(o: &RulesOptions) -> Value {
    json!({
        "use_reserves": o.uses(ProfitUse::Reserves), "use_community": o.uses(ProfitUse::Community),
        "use_member_bonus": o.uses(ProfitUse::MemberBonus),
        "use_investment_interest": o.uses(ProfitUse::InvestmentInterest),
        "min_reserve_pct": o.min_reserve_pct, "has_min_reserve": o.min_reserve_pct > 0,
        "max_distribution_pct": o.max_distribution_pct, "bonus_basis": bonus_basis_phrase(o.bonus_basis),
        "common_ownership": o.dissolution == Dissolution::CommonOwnership,
        "co_ownership": o.dissolution == Dissolution::CoOwnership,
        "entrench_asset_lock": o.entrench_asset_lock && o.dissolution == Dissolution::CommonOwnership,
        "lookback_years": o.lookback_years, "asset_lock_recipient": o.asset_lock_recipient,
        "companies_may_join": o.member_entity == MemberEntity::IndividualsAndOwnCompanies,
        "inactivity_months": o.inactivity_months, "annual_fee": format_pounds(o.annual_fee_pence),
        "has_annual_fee": o.annual_fee_pence > 0, "commission": o.commission_pct.label(),
        "contracting_agent": o.contracting == Contracting::Agent,
        "union_coop": o.union.is_some(), "union": union(o.union.as_ref()),
    })
}

/// "between 3 and 7", or just "5" when the smallest and largest board are the same size.
pub fn board_size(min: u32, max: u32) -> String {
    if min >= max {
        min.to_string()
    } else {
        format!("between {min} and {max}")
    }
}

fn extend(target: &mut Value, more: Value) {
    if let (Value::Object(target), Value::Object(more)) = (target, more) {
        target.extend(more);
    }
}
