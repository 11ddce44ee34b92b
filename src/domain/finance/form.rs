//! The business-plan form, described as data so the web layer can render it without knowing
//! finance. Keys match what `parse_inputs` reads: a field `turnover` in the repeatable group
//! `years` is posted as `years[0].turnover`; a field `costs.legal` as `costs.legal`.
//!
//! Labels and hints are written for a union rep who has never read a set of accounts.

use super::inputs::SourceKind;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormField {
    pub key: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    /// text, long_text, number, money, percentage, date, choice, money_by_month, percent_by_month
    pub kind: &'static str,
    pub required: bool,
    /// `(value, label)` for choices.
    pub options: Vec<(&'static str, &'static str)>,
}

/// A group of fields filled in once per item (a year of accounts, a source of money).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Repeat {
    pub key: &'static str,
    pub item_label: &'static str,
    pub min: usize,
    pub max: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormPage {
    pub key: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    /// Which pathways show the page.
    pub pathways: Vec<&'static str>,
    pub repeat: Option<Repeat>,
    pub fields: Vec<FormField>,
}

fn field(
    key: &'static str,
    kind: &'static str,
    required: bool,
    label: &'static str,
    hint: &'static str,
) -> FormField {
    FormField {
        key,
        label,
        hint,
        kind,
        required,
        options: Vec::new(),
    }
}

fn choice(
    key: &'static str,
    label: &'static str,
    hint: &'static str,
    options: Vec<(&'static str, &'static str)>,
) -> FormField {
    FormField {
        key,
        label,
        hint,
        kind: "choice",
        required: true,
        options,
    }
}

/// Fields of a repeated row asked only for some answers to another field of the row: the
/// page reveals them when one of `values` is chosen. `parse_inputs` agrees: loan terms are read
/// only for a source that is repaid, the grant share only for the Key Fund, so what is typed
/// into them for another type is kept with the answers but never checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowFollowUps {
    pub controller: &'static str,
    pub values: Vec<&'static str>,
    pub fields: Vec<&'static str>,
    /// Said in the block, for pages shown without the script that hides it.
    pub note: &'static str,
}

/// The follow-ups of a page's repeated rows.
pub fn row_follow_ups(page_key: &str) -> Vec<RowFollowUps> {
    if page_key != "bp_sources" {
        return Vec::new();
    }
    let repaid = SourceKind::ALL
        .iter()
        .filter(|k| k.is_repayable())
        .map(|k| k.key())
        .collect();
    vec![
        RowFollowUps {
            controller: "type",
            values: repaid,
            fields: vec!["rate_pct", "term_months", "repayment", "first_payment_month", "fee_pct"],
            note: "For loans only: leave these blank for members' shares, grants and community shares.",
        },
        RowFollowUps {
            controller: "type",
            values: vec![SourceKind::KeyFund.key()],
            fields: vec!["grant_pct"],
            note: "For the Key Fund only.",
        },
    ]
}

const ALL: [&str; 3] = ["buyout", "startup", "freelancer"];

pub fn form_pages() -> Vec<FormPage> {
    vec![
        accounts_page(),
        deal_page(),
        costs_page(),
        sources_page(),
        members_page(),
        forecast_page(),
        story_page(),
    ]
}

fn accounts_page() -> FormPage {
    FormPage {
        key: "bp_accounts",
        title: "The business's past accounts",
        intro: "Copy these from the last three years of accounts, oldest first. The owner or their accountant can give you them once a confidentiality agreement is signed.",
        pathways: vec!["buyout"],
        repeat: Some(Repeat { key: "years", item_label: "Year of accounts", min: 1, max: 3 }),
        fields: vec![
            field("year_end", "date", true, "Year end", "The last day of the accounting year, as day month year, for example 31 3 2025."),
            field("turnover", "money", true, "Turnover (sales)", "All the money customers paid for the year's work."),
            field("cost_of_sales", "money", true, "Cost of sales", "Materials and bought-in work that rise and fall with sales."),
            field("wages", "money", true, "Wages", "All staff pay, including employer's National Insurance and pension."),
            field("overheads", "money", true, "Overheads", "Rent, energy, insurance and other running costs, not counting wages or depreciation."),
            field("depreciation", "money", false, "Depreciation", "The part of the value of machines and vans written off this year."),
            field("owner_addback", "money", false, "Owner's costs that will stop", "For example the owner's pay above what a manager would earn. Added back when valuing the business."),
            field("net_profit", "money", true, "Net profit", "The bottom line. Put a minus sign in front of a loss."),
            field("net_assets", "money", true, "Net assets", "What the business owns minus what it owes, from the balance sheet."),
        ],
    }
}

fn deal_page() -> FormPage {
    FormPage {
        key: "bp_deal",
        title: "The deal",
        intro: "The price and what you are buying. The plan shows the price beside two ways of valuing the business so members can judge it.",
        pathways: vec!["buyout"],
        repeat: None,
        fields: vec![
            choice("purchase_type", "What the co-op is buying", "Buying the shares takes on the company as it is; buying the business and assets means the staff move across under TUPE.", vec![
                ("shares", "The shares in the company"),
                ("assets_going_concern", "The business and its assets, as a going concern"),
                ("assets_only", "Some assets only"),
            ]),
            field("price", "money", true, "Price", "The price agreed or expected, including any part paid later."),
            field("multiple", "number", false, "Earnings multiple", "How many years of earnings the price is worth, often 2 to 6 for a small firm. Leave blank if not used."),
        ],
    }
}

fn costs_page() -> FormPage {
    FormPage {
        key: "bp_costs",
        title: "Costs of the deal and setting up",
        intro: "One-off costs to pay at the start, and the cash the business needs to keep in the bank.",
        pathways: ALL.to_vec(),
        repeat: None,
        fields: vec![
            field("costs.valuation", "money", false, "Independent valuation", "A valuer's fee, if you use one."),
            field("costs.legal", "money", false, "Legal fees", "Solicitors for the sale and the co-op's rules."),
            field("costs.accountancy", "money", false, "Accountancy", "Checking the books before you buy (due diligence)."),
            field("costs.registration", "money", false, "Registering the co-op", "FCA fee for a society: £40 with unchanged model rules, £120, £350 or £950 with more changes. Companies House: £100 online (from 1 February 2026)."),
            field("costs.stamp_duty", "money", false, "Stamp duty", "Leave blank to work it out from the deal: when the co-op buys shares, 0.5% of the price rounded up to £5 (none on a price of £1,000 or less); otherwise £0."),
            field("costs.other", "money", false, "Other costs", "Anything else paid once at the start."),
            field("equipment", "money", false, "Equipment", "Machines, vans or computers bought at the start."),
            field("working_capital", "money", true, "Working capital", "Cash kept in the bank to pay wages and suppliers before customers pay."),
            field("contingency_pct", "percentage", false, "Contingency as a percentage", "A safety margin added to all the costs above, usually 5% to 10%. 10% if both contingency boxes are left blank."),
            field("contingency_amount", "money", false, "Or: contingency as a sum", "Lenders often ask for a fixed sum. Fill in this box or the percentage, not both."),
        ],
    }
}

fn sources_page() -> FormPage {
    let kinds = SourceKind::ALL
        .iter()
        .map(|k| (k.key(), k.label()))
        .collect();
    FormPage {
        key: "bp_sources",
        title: "Where the money comes from",
        intro: "List every source: members, the seller, co-operative lenders, banks and grants. The total must match the costs to the penny.",
        pathways: ALL.to_vec(),
        repeat: Some(Repeat { key: "sources", item_label: "Source of money", min: 1, max: 12 }),
        fields: vec![
            choice("type", "Type", "Shares and grants are never repaid; everything else is a loan.", kinds),
            field("label", "text", false, "Name", "For example \"Unity Trust Bank term loan\"."),
            field("amount", "money", true, "Amount", "For members' shares you can leave this blank: the plan then uses the pledges on the Members' money page (members who have pledged times the pledge per member), whichever page you fill in first."),
            choice("status", "How far it has got", "Lenders need offers in hand before the plan is final.", vec![
                ("idea", "Just an idea"), ("applied", "Applied"), ("offer", "Offer received"), ("drawn", "Money received"),
            ]),
            field("rate_pct", "percentage", true, "Interest rate a year", "For loans: for example 6.5. Put 0 for an interest-free loan."),
            field("term_months", "number", true, "Repaid over (months)", "For loans: 60 months is 5 years."),
            choice("repayment", "How it is repaid", "Most co-op lenders charge interest on what is still owed.", vec![
                ("amortising_reducing", "Equal monthly payments, interest on what is still owed"),
                ("flat", "Flat rate: interest on the whole amount for the whole term"),
                ("interest_only_bullet", "Interest only, all repaid at the end"),
            ]),
            field("first_payment_month", "number", false, "First repayment in month", "1 is the first month of the forecast. A later month gives a repayment holiday, paying interest only until then."),
            field("fee_pct", "percentage", false, "Arrangement fee", "Some lenders charge a fee, for example 2% of the loan."),
            field("grant_pct", "percentage", false, "Part that is a grant", "Key Fund only: the share of the money you never repay."),
        ],
    }
}

fn members_page() -> FormPage {
    FormPage {
        key: "bp_members",
        title: "Members' money",
        intro: "What the workers will put in. Every member has one vote however much they put in.",
        pathways: ALL.to_vec(),
        repeat: None,
        fields: vec![
            FormField {
                required: false,
                ..choice("members_money_from", "Where these figures come from", "The workers' survey asks each worker what they could put in. With the survey, its totals as they stand when you save or make the plan are used, and the boxes below are filled in from them.", vec![
                    ("survey", "The workers' survey's totals"),
                    ("typed", "The figures typed below"),
                ])
            },
            field("members_pledged", "number", true, "Members who have pledged", "How many workers have promised to invest."),
            field("pledge_each", "money", true, "Pledge per member", "The amount each has promised, even if paid over time through payroll."),
            field("capital_pay_limit_pct", "percentage", false, "Warn above this share of a year's pay", "The plan warns if each member's stake is more than this share of average pay. 10% if left blank."),
            choice("legal_form", "Legal form", "Choose the same legal form as the co-op's rules. Community shares need a society.", vec![
                ("society_worker", "Worker co-operative society"), ("society_consortium", "Consortium society"),
                ("society_multi", "Multi-stakeholder society"), ("clg_worker", "Company limited by guarantee"),
                ("cls_worker", "Company limited by shares"), ("llp", "Limited liability partnership"),
            ]),
        ],
    }
}

fn forecast_page() -> FormPage {
    FormPage {
        key: "bp_forecast",
        title: "Forecast for the next three years",
        intro: "Your best honest guess. The plan also shows what happens if sales are 10% or 20% lower.",
        pathways: ALL.to_vec(),
        repeat: None,
        fields: vec![
            field("forecast.start", "date", true, "First month", "The 1st of the month the co-op takes over or starts trading, as day month year, for example 1 10 2026."),
            field("forecast.revenue_y1", "money", true, "Sales in year 1", "All sales for the first 12 months."),
            field("forecast.sales_by_month", "money_by_month", false, "Or: sales month by month", "12 figures, if you know them; they replace the yearly figure."),
            field("forecast.seasonality", "percent_by_month", false, "Busy and quiet months", "12 shares of the year's sales adding up to 100. Leave blank for an even spread."),
            field("forecast.growth_y2_pct", "percentage", false, "Sales growth in year 2", "For example 5; put a minus sign for a fall."),
            field("forecast.growth_y3_pct", "percentage", false, "Sales growth in year 3", ""),
            field("forecast.gross_margin_pct", "percentage", true, "Gross margin", "What is left of each £1 of sales after materials: 40 means 40p."),
            field("forecast.wages_y1", "money", true, "Wages in year 1", "Including employer's National Insurance and pension."),
            field("forecast.headcount_y1", "number", true, "People employed", ""),
            field("forecast.pay_rise_pct", "percentage", false, "Pay rise each year", ""),
            field("forecast.overheads_y1", "money", true, "Overheads in year 1", "Rent, energy, insurance and other running costs."),
            field("forecast.overhead_inflation_pct", "percentage", false, "Overheads rise each year by", ""),
            field("forecast.depreciation_per_year", "money", false, "Depreciation each year", "Your accountant can tell you; it lowers profit but not cash."),
            field("forecast.capex_per_year", "money", false, "Capital spending each year", "Money spent each year replacing or adding machines, vans or computers. The same as depreciation if left blank."),
            field("forecast.tax_rate_pct", "percentage", false, "Corporation tax rate", "Leave blank to use the UK rates: 19% on profits up to £50,000, rising to 25% from £250,000."),
            field("forecast.debtor_days", "number", false, "Days customers take to pay", "30 if left blank."),
            field("forecast.creditor_days", "number", false, "Days you take to pay suppliers", "30 if left blank."),
            field("forecast.dscr_min", "number", false, "Lowest debt cover you accept", "Lenders usually want the cash left after tax, capital spending and working capital to be at least 1.25 times what is due to them. 1.25 if left blank."),
        ],
    }
}

fn story_page() -> FormPage {
    let text = |key, label, hint| field(key, "long_text", false, label, hint);
    FormPage {
        key: "bp_story",
        title: "The story behind the numbers",
        intro: "Write in your own words. Anything left blank is left out of the plan.",
        pathways: ALL.to_vec(),
        repeat: None,
        fields: vec![
            text(
                "narrative.summary",
                "Summary",
                "Three or four sentences a lender reads first.",
            ),
            text(
                "narrative.business",
                "The business",
                "What it does, for whom, and how long it has traded.",
            ),
            text(
                "narrative.reason",
                "Why a buyout or a new co-op",
                "Why the owner is selling, or why the members are starting up.",
            ),
            text(
                "narrative.market",
                "Market and customers",
                "Main customers, competitors, and why customers will stay.",
            ),
            text(
                "narrative.operations",
                "How the work gets done",
                "Premises, machines, suppliers.",
            ),
            text(
                "narrative.people",
                "People",
                "Staff, skills, who manages what, training planned.",
            ),
            text(
                "narrative.union_role",
                "The union's role",
                "Recognition, a union committee, how pay will be bargained.",
            ),
            text(
                "narrative.governance",
                "Ownership and governance",
                "How members decide things and who sits on the board.",
            ),
            text(
                "narrative.membership",
                "Membership and capital",
                "Who can join, the share price, how members pay in.",
            ),
            text(
                "narrative.risks",
                "Risks",
                "What could go wrong and what you will do about it.",
            ),
            text(
                "narrative.timeline",
                "Timeline",
                "Key dates up to completion and the first year.",
            ),
        ],
    }
}
