//! The rep's choices for the model rules, typed (RULES.md §1 and §9).
//!
//! Every option that changes a clause lives here with its spec default, so a template never
//! has to guess. Reading the answers file is in `answers.rs`; ranges and cross-field rules are
//! judged in `consistency.rs`, once, for both the web form and the legal check.

use serde::{Deserialize, Serialize};

use super::answers;
use super::check::Severity;
use super::consistency;
use crate::domain::field_errors::FieldErrors;

/// The legal form the rules are written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LegalForm {
    /// Worker co-operative society (Co-operative and Community Benefit Societies Act 2014).
    Society,
    /// Worker co-operative company limited by guarantee (Companies Act 2006).
    Company,
    /// Freelancer consortium co-operative society (self-employed members).
    Consortium,
}

impl LegalForm {
    /// Whether the form is registered with the FCA as a society (and so needs Schedule 1).
    pub fn is_society(self) -> bool {
        matches!(self, Self::Society | Self::Consortium)
    }
}

/// A percentage held in hundredths of a percent, so 66.67% is exact and comparisons are too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Percent(pub u32);

impl Percent {
    pub const fn whole(pct: u32) -> Self {
        Self(pct * 100)
    }

    /// `75%`, or `66.67%` when there is a fraction.
    pub fn label(self) -> String {
        if self.0.is_multiple_of(100) {
            format!("{}%", self.0 / 100)
        } else {
            let text = format!("{}.{:02}", self.0 / 100, self.0 % 100);
            format!("{}%", text.trim_end_matches('0'))
        }
    }
}

macro_rules! option_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $key:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every answer value this option accepts, in form order.
            pub const KEYS: &'static [&'static str] = &[$($key),+];

            pub fn from_key(key: &str) -> Option<Self> {
                match key { $($key => Some(Self::$variant),)+ _ => None }
            }

            pub fn key(self) -> &'static str {
                match self { $(Self::$variant => $key),+ }
            }
        }
    };
}

option_enum!(
    /// Where the registered office is. Societies: Great Britain or the Channel Islands.
    OfficeNation { England = "england", Wales = "wales", Scotland = "scotland",
        ChannelIslands = "channel_islands", EnglandWales = "england_wales",
        NorthernIreland = "northern_ireland" }
);
option_enum!(BorrowingMode { BoardDiscretion = "board_discretion", Cap = "cap", GmAboveCap = "gm_above_cap" });
option_enum!(BoardMode { Elected = "elected", Collective = "collective" });
option_enum!(DecisionMode { Vote = "vote", ConsensusWithVoteFallback = "consensus_with_vote_fallback" });
option_enum!(Proxies { None = "none", Capped = "capped", Open = "open" });
option_enum!(ProfitUse { Reserves = "reserves", Community = "community", MemberBonus = "member_bonus",
    InvestmentInterest = "investment_interest" });
option_enum!(BonusBasis { Equal = "equal", Hours = "hours", Pay = "pay", Trade = "trade" });
option_enum!(Dissolution { CommonOwnership = "common_ownership", CoOwnership = "co_ownership" });
option_enum!(AuditMode { Auditor = "auditor", DisapplyWhenEligible = "disapply_when_eligible" });
option_enum!(MemberEntity { Individuals = "individuals", IndividualsAndOwnCompanies = "individuals_and_own_companies" });
option_enum!(Contracting { Agent = "agent", Principal = "principal" });
option_enum!(BargainingUnit { NonSupervisory = "non_supervisory", AllStaff = "all_staff" });
option_enum!(FounderRole { Director = "director", Secretary = "secretary", Chair = "chair", Treasurer = "treasurer" });

/// A founder member: signs the application and counts towards the minimum membership.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Founder {
    pub name: String,
    pub age: u32,
    /// Employed by the business now, or will be once the co-op takes it over.
    pub employee_or_prospective: bool,
    pub hours_week: u32,
    pub roles: Vec<FounderRole>,
    /// Set when the founder is itself a registered society (two such founders are enough).
    pub is_registered_society: bool,
}

/// How the FCA fee is worked out: a free draft until a sponsoring body adopts the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum FeeBasis {
    FreeDraft,
    ApprovedModel { sponsor: String, version: String },
}

/// The union co-op choices (RULES.md §9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnionOptions {
    pub union_name: String,
    /// Staff have confirmed the Certification Officer lists the union as independent.
    pub union_independent_confirmed: bool,
    pub bargaining_unit: BargainingUnit,
    pub union_committee_size: u32,
    pub committee_term_months: u32,
    pub derecognition_notice_months: u32,
    pub union_levy_pct: Percent,
    pub union_observer: bool,
    pub union_nominated_director: bool,
    pub pay_ratio_cap: Option<u32>,
    /// Workers in the bargaining unit, if known (statutory recognition needs 21 or more).
    pub workers_in_unit: Option<u32>,
}

impl Default for UnionOptions {
    fn default() -> Self {
        Self {
            union_name: String::new(),
            union_independent_confirmed: false,
            bargaining_unit: BargainingUnit::NonSupervisory,
            union_committee_size: 3,
            committee_term_months: 12,
            derecognition_notice_months: 6,
            union_levy_pct: Percent(0),
            union_observer: true,
            union_nominated_director: false,
            pay_ratio_cap: None,
            workers_in_unit: None,
        }
    }
}

/// Every option of RULES.md §1 that changes a clause. Options that do not apply to the form
/// keep their defaults and are ignored by its template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RulesOptions {
    pub form: LegalForm,
    pub name: String,
    pub office_nation: OfficeNation,
    pub office_address: String,
    pub objects: String,
    pub founders: Vec<Founder>,
    pub member_min_age: u32,
    pub min_hours_week: u32,
    pub probation_exclusion: bool,
    pub probation_months: u32,
    pub expulsion_notice_days: u32,
    pub member_share_pence: i64,
    pub max_shares: u32,
    pub investment_shares: bool,
    pub share_interest_max_pct: Percent,
    pub withdrawal_notice_months: u32,
    pub withdrawal_lock_years: u32,
    pub max_holding_pence: i64,
    pub guarantee_pence: i64,
    pub borrowing_mode: BorrowingMode,
    pub borrowing_cap_pence: i64,
    pub member_loan_interest_max_pct: Percent,
    pub board_mode: BoardMode,
    pub board_min: u32,
    pub board_max: u32,
    pub board_term_years: u32,
    pub external_directors_max: u32,
    pub board_quorum_pct: u32,
    pub board_quorum_min: u32,
    pub asset_disposal_pct: u32,
    pub extra_gms_per_year: u32,
    pub gm_notice_clear_days: u32,
    pub short_notice_pct: u32,
    pub requisition_pct: u32,
    pub gm_quorum_pct: u32,
    pub gm_quorum_min: u32,
    pub decision_mode: DecisionMode,
    pub proxies: Proxies,
    pub proxy_cap: u32,
    pub special_majority_pct: Percent,
    pub written_resolutions: bool,
    pub lapse_days: u32,
    pub entrench_omov: bool,
    pub entrench_asset_lock: bool,
    pub profit_uses: Vec<ProfitUse>,
    pub min_reserve_pct: u32,
    pub max_distribution_pct: u32,
    pub bonus_basis: BonusBasis,
    pub dissolution: Dissolution,
    pub lookback_years: u32,
    pub asset_lock_recipient: String,
    pub audit_mode: AuditMode,
    pub common_seal: bool,
    pub trade_definition: String,
    pub member_entity: MemberEntity,
    pub inactivity_months: u32,
    pub annual_fee_pence: i64,
    pub commission_pct: Percent,
    pub contracting: Contracting,
    /// `Some` when the union co-op clauses are chosen (society or company only).
    pub union: Option<UnionOptions>,
    pub fee_basis: FeeBasis,
}

impl RulesOptions {
    /// The spec defaults for a form, before any answer is read.
    pub fn defaults(form: LegalForm) -> Self {
        let consortium = form == LegalForm::Consortium;
        let company = form == LegalForm::Company;
        let mut profit_uses = vec![ProfitUse::Reserves, ProfitUse::Community];
        if !company {
            profit_uses.push(ProfitUse::MemberBonus);
        }
        Self {
            form,
            name: String::new(),
            office_nation: if company {
                OfficeNation::EnglandWales
            } else {
                OfficeNation::England
            },
            office_address: String::new(),
            objects: String::new(),
            founders: Vec::new(),
            member_min_age: if consortium { 18 } else { 16 },
            min_hours_week: 8,
            probation_exclusion: false,
            probation_months: 6,
            expulsion_notice_days: 21,
            member_share_pence: 100,
            max_shares: 1,
            investment_shares: false,
            share_interest_max_pct: Percent(0),
            withdrawal_notice_months: 3,
            withdrawal_lock_years: 3,
            max_holding_pence: 100,
            guarantee_pence: 100,
            borrowing_mode: BorrowingMode::GmAboveCap,
            borrowing_cap_pence: 2_500_000,
            member_loan_interest_max_pct: Percent(0),
            board_mode: BoardMode::Elected,
            board_min: 3,
            board_max: 9,
            board_term_years: 3,
            external_directors_max: 2,
            board_quorum_pct: 50,
            board_quorum_min: 2,
            asset_disposal_pct: 33,
            extra_gms_per_year: if consortium { 0 } else { 4 },
            gm_notice_clear_days: 14,
            short_notice_pct: 90,
            requisition_pct: if company { 5 } else { 10 },
            gm_quorum_pct: 50,
            gm_quorum_min: 2,
            decision_mode: DecisionMode::Vote,
            proxies: Proxies::Capped,
            proxy_cap: 5,
            special_majority_pct: Percent::whole(75),
            written_resolutions: true,
            lapse_days: 28,
            entrench_omov: true,
            entrench_asset_lock: true,
            profit_uses,
            min_reserve_pct: 0,
            max_distribution_pct: 50,
            bonus_basis: if consortium {
                BonusBasis::Trade
            } else {
                BonusBasis::Hours
            },
            dissolution: Dissolution::CommonOwnership,
            lookback_years: 6,
            asset_lock_recipient: String::new(),
            audit_mode: AuditMode::Auditor,
            common_seal: false,
            trade_definition: String::new(),
            member_entity: MemberEntity::Individuals,
            inactivity_months: 12,
            annual_fee_pence: 0,
            commission_pct: Percent::whole(10),
            contracting: Contracting::Agent,
            union: None,
            fee_basis: FeeBasis::FreeDraft,
        }
    }

    pub fn uses(&self, profit_use: ProfitUse) -> bool {
        self.profit_uses.contains(&profit_use)
    }
}

/// Reads an answers object into options, rejecting only what cannot be read at all (wrong
/// types, unknown choices, missing required text). Out-of-range values are kept so the legal
/// check can report them in the document; use this for drafts rendered from a file.
pub fn read_answers(
    answers: &serde_json::Map<String, serde_json::Value>,
) -> Result<RulesOptions, FieldErrors> {
    answers::read(answers)
}

/// The options an answers object gives, with the spec default wherever an answer is missing
/// or unreadable; `None` only when the legal form itself is missing. For reading the numbers
/// a meeting needs (notice, quorum, majorities) from a stored version or a draft in progress.
pub fn read_answers_leniently(
    answers: &serde_json::Map<String, serde_json::Value>,
) -> Option<RulesOptions> {
    answers::read_with_defaults(answers).ok().map(|(o, _)| o)
}

/// Every problem with the answers as typed so far, by field: what cannot be read, every
/// limit on answers of one page the legal check enforces (ranges, ceilings), worked out with
/// defaults standing in for answers not given yet, and every check across pages once all
/// its answers are given (founders against the board, a union director against the
/// outside-director seats). A question page shows the ones for its own fields, so what the
/// final version refuses is refused where it is typed.
pub fn answer_problems(answers: &serde_json::Map<String, serde_json::Value>) -> FieldErrors {
    let (options, mut errors) = match answers::read_with_defaults(answers) {
        Ok(read) => read,
        Err(errors) => return errors,
    };
    let answered = |key: &str| answers.get(key).is_some_and(|v| !v.is_null());
    for check in consistency::page_checks(&options) {
        let finding = check.finding;
        let Some(field) = &finding.field else {
            continue;
        };
        let shown_on: Vec<&str> = if check.all_of.is_empty() {
            vec![field.as_str()]
        } else if check.all_of.iter().all(|k| answered(k)) {
            check.all_of.to_vec()
        } else {
            Vec::new()
        };
        for key in shown_on {
            if errors.first(key).is_none() {
                errors.add(key, finding.message.clone());
            }
        }
    }
    errors
}

/// Reads and validates an answers object for the web form: everything [`read_answers`]
/// rejects plus every blocking problem the legal check would raise against a field, each with
/// a plain-English message under the field's key.
pub fn parse_answers(
    answers: &serde_json::Map<String, serde_json::Value>,
) -> Result<RulesOptions, FieldErrors> {
    let options = answers::read(answers)?;
    let mut errors = FieldErrors::new();
    for finding in consistency::findings(&options) {
        if let (Severity::Error, Some(field)) = (finding.severity, &finding.field) {
            errors.add(field.clone(), finding.message);
        }
    }
    errors.into_result(options)
}
