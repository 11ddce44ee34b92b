//! The answers a business plan is built from, already checked and in exact units.
//!
//! Money is integer pence and every percentage is integer basis points (1% = 100), so the model
//! never meets a float. The web form and the answers file both arrive as loose JSON; `parse.rs`
//! turns that into these types with a plain-English message per field, and these types are what
//! the rest of the finance module trusts.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use super::parse::parse_inputs;

/// Which pathway the plan belongs to: a buyout has a price and past accounts, the others don't.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanPathway {
    Buyout,
    Startup,
    Freelancer,
}

/// What the co-op buys: shares in the company, or its business and assets. It decides whether
/// stamp duty is due (shares) and whether TUPE moves the staff across (assets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PurchaseType {
    Shares,
    AssetsGoingConcern,
    AssetsOnly,
}

/// One year of the business's past accounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoricYear {
    pub year_end: NaiveDate,
    pub turnover: i64,
    pub cost_of_sales: i64,
    pub wages: i64,
    /// Running costs other than wages and depreciation.
    pub overheads: i64,
    pub depreciation: i64,
    /// Owner's costs that stop after the sale (e.g. the owner's own pay above a manager's).
    pub owner_addback: i64,
    pub net_profit: i64,
    pub net_assets: i64,
}

/// The one-off costs of doing the deal and setting up the co-op.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransactionCosts {
    pub valuation: i64,
    pub legal: i64,
    pub accountancy: i64,
    pub registration: i64,
    /// `None` means "work it out": 0.5% of a share price, rounded up to the next £5.
    pub stamp_duty: Option<i64>,
    pub other: i64,
}

/// Where a source of money comes from. Lender kinds carry each lender's own limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    MemberShares,
    MemberLoans,
    VendorDeferred,
    CoopLoanFund,
    Ccf,
    KeyFund,
    Bank,
    UnityTrust,
    CoopBank,
    Grant,
    CommunityShares,
    Other,
}

impl SourceKind {
    pub const ALL: [SourceKind; 12] = [
        Self::MemberShares,
        Self::MemberLoans,
        Self::VendorDeferred,
        Self::CoopLoanFund,
        Self::Ccf,
        Self::KeyFund,
        Self::Bank,
        Self::UnityTrust,
        Self::CoopBank,
        Self::Grant,
        Self::CommunityShares,
        Self::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Self::MemberShares => "member_shares",
            Self::MemberLoans => "member_loans",
            Self::VendorDeferred => "vendor_deferred",
            Self::CoopLoanFund => "coop_loan_fund",
            Self::Ccf => "ccf",
            Self::KeyFund => "key_fund",
            Self::Bank => "bank",
            Self::UnityTrust => "unity_trust",
            Self::CoopBank => "coop_bank",
            Self::Grant => "grant",
            Self::CommunityShares => "community_shares",
            Self::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::MemberShares => "Members' shares",
            Self::MemberLoans => "Loans from members",
            Self::VendorDeferred => "Deferred payment to the seller",
            Self::CoopLoanFund => "Co-operative Loan Fund",
            Self::Ccf => "Co-operative & Community Finance",
            Self::KeyFund => "Key Fund",
            Self::Bank => "Bank loan",
            Self::UnityTrust => "Unity Trust Bank",
            Self::CoopBank => "Co-operative Bank",
            Self::Grant => "Grant",
            Self::CommunityShares => "Community shares",
            Self::Other => "Other",
        }
    }

    /// Money that is never paid back on a schedule: shares and grants.
    pub fn is_repayable(self) -> bool {
        !matches!(
            self,
            Self::MemberShares | Self::Grant | Self::CommunityShares
        )
    }
}

/// How a loan is paid back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Repayment {
    /// Equal monthly payments, interest on the balance still owed (how CLF lends).
    AmortisingReducing,
    /// Interest worked out once on the whole amount for the whole term, repaid in equal parts.
    Flat,
    /// Interest only each month, all of the amount at the end.
    InterestOnlyBullet,
}

/// How far a source of money has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceStatus {
    Idea,
    Applied,
    Offer,
    Drawn,
}

/// Terms of the repayable part of a source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoanTerms {
    pub rate_bp: i64,
    pub term_months: u32,
    pub repayment: Repayment,
    /// Forecast month (1 = the first month) of the first repayment. Months before it pay
    /// interest only, which is how a capital holiday or a deferred payment is written.
    pub first_payment_month: u32,
    pub fee_bp: i64,
}

/// One source of money.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub kind: SourceKind,
    pub label: String,
    pub amount: i64,
    pub status: SourceStatus,
    /// Share of `amount` that is a grant (Key Fund blends loan and grant).
    pub grant_bp: i64,
    /// `None` for shares and grants.
    pub loan: Option<LoanTerms>,
}

/// What the three-year forecast assumes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForecastAssumptions {
    /// The first day of the first forecast month (completion or start of trading).
    pub start: NaiveDate,
    /// Either 12 monthly figures for year 1...
    pub sales_by_month: Option<Vec<i64>>,
    /// ...or a yearly total spread by `seasonality` (12 shares in basis points adding up to
    /// 10,000; empty = flat).
    pub revenue_y1: i64,
    pub seasonality: Vec<i64>,
    pub growth_y2_bp: i64,
    pub growth_y3_bp: i64,
    pub gross_margin_bp: i64,
    pub wages_y1: i64,
    pub headcount_y1: u32,
    pub pay_rise_bp: i64,
    pub overheads_y1: i64,
    pub overhead_inflation_bp: i64,
    pub depreciation_per_year: i64,
    /// Capital spending each year after the start (replacing machines, vans, computers).
    /// Defaults to the depreciation, the usual stand-in for what wears out.
    pub capex_per_year: i64,
    /// A flat corporation tax rate in basis points; `None` uses the UK rates and bands.
    pub tax_rate_bp: Option<i64>,
    pub debtor_days: u32,
    pub creditor_days: u32,
    /// Lowest acceptable debt service cover, in hundredths (125 = 1.25).
    pub dscr_min_x100: i64,
}

/// What the rep wrote for each section of the plan; empty sections are left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Narrative {
    pub summary: String,
    pub business: String,
    pub reason: String,
    pub market: String,
    pub operations: String,
    pub people: String,
    pub union_role: String,
    pub governance: String,
    pub membership: String,
    pub risks: String,
    pub timeline: String,
}

/// Every answer the plan needs, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanInputs {
    pub pathway: PlanPathway,
    /// The legal form chosen (R1 `legal_form`, e.g. `society_worker`).
    pub legal_form: String,
    pub purchase_type: Option<PurchaseType>,
    pub years: Vec<HistoricYear>,
    pub price: i64,
    /// Earnings multiple in hundredths (350 = 3.5 times).
    pub multiple_x100: Option<i64>,
    pub costs: TransactionCosts,
    pub working_capital: i64,
    pub equipment: i64,
    pub contingency_bp: i64,
    /// A contingency given as a sum, as lenders ask; replaces `contingency_bp` when set.
    pub contingency_sum: Option<i64>,
    pub sources: Vec<Source>,
    pub members_pledged: u32,
    pub pledge_each: i64,
    /// The two figures above are the workers' survey's totals, not typed by the rep.
    pub members_from_survey: bool,
    /// Member capital above this share of a year's average pay gets a warning.
    pub capital_pay_limit_bp: i64,
    pub forecast: ForecastAssumptions,
    pub narrative: Narrative,
}

impl PlanInputs {
    pub fn is_society(&self) -> bool {
        self.legal_form.starts_with("society")
    }
}
