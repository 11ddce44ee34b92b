//! Reading a JSON answers object (the web form's saved answers or a `--answers FILE.json`)
//! into [`RulesOptions`]. Values may arrive as JSON numbers, booleans and lists, or as the
//! strings a web form posts, so each reader accepts both. Ranges are not judged here.

use serde_json::{Map, Value};

use super::options::{
    AuditMode, BargainingUnit, BoardMode, BonusBasis, BorrowingMode, Contracting, DecisionMode,
    Dissolution, FeeBasis, LegalForm, MemberEntity, OfficeNation, Percent, ProfitUse, Proxies,
    RulesOptions, UnionOptions,
};
use crate::domain::field_errors::FieldErrors;
use crate::domain::money::parse_pence;
use crate::domain::printable::text_problem;

#[path = "answers_people.rs"]
mod people;
use people::{read_founders, text_limit};

struct Reader<'a> {
    answers: &'a Map<String, Value>,
    errors: FieldErrors,
}

impl Reader<'_> {
    fn text(&mut self, key: &str, target: &mut String) {
        match self.answers.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) => match text_problem(s.trim(), text_limit(key)) {
                Some(problem) => self.errors.add(key, problem),
                None => *target = s.trim().to_string(),
            },
            Some(_) => self.errors.add(key, "Enter this as text"),
        }
    }

    fn required_text(&mut self, key: &str, target: &mut String, message: &str) {
        self.text(key, target);
        if target.is_empty() && !self.errors.has(key) {
            self.errors.add(key, message);
        }
    }

    fn whole(&mut self, key: &str, target: &mut u32) {
        let parsed = match self.answers.get(key) {
            None | Some(Value::Null) => return,
            Some(Value::Number(n)) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
            Some(Value::String(s)) => s.trim().parse::<u32>().ok(),
            Some(_) => None,
        };
        match parsed {
            Some(n) => *target = n,
            None => self.errors.add(key, "Enter a whole number, like 3"),
        }
    }

    fn money(&mut self, key: &str, target: &mut i64) {
        let parsed = match self.answers.get(key) {
            None | Some(Value::Null) => return,
            // A bare number in a `_pence` key is pence; typed text is pounds and pence.
            Some(Value::Number(n)) => n.as_i64().ok_or("Enter a whole number of pence"),
            Some(Value::String(s)) => parse_pence(s),
            Some(_) => Err("Enter an amount of money, like £1.00"),
        };
        match parsed {
            Ok(pence) if pence >= 0 => *target = pence,
            Ok(_) => self.errors.add(key, "Enter an amount that is not negative"),
            Err(message) => self.errors.add(key, message),
        }
    }

    fn percent(&mut self, key: &str, target: &mut Percent) {
        let raw = match self.answers.get(key) {
            None | Some(Value::Null) => return,
            Some(Value::Number(n)) => n.to_string(),
            Some(Value::String(s)) => s.trim().trim_end_matches('%').trim().to_string(),
            Some(_) => String::new(),
        };
        match parse_hundredths(&raw) {
            Some(p) => *target = Percent(p),
            None => self.errors.add(key, "Enter a percentage, like 75 or 66.67"),
        }
    }

    fn flag(&mut self, key: &str, target: &mut bool) {
        let parsed = match self.answers.get(key) {
            None | Some(Value::Null) => return,
            Some(Value::Bool(b)) => Some(*b),
            Some(Value::String(s)) => match s.trim().to_ascii_lowercase().as_str() {
                "yes" | "true" | "on" => Some(true),
                "no" | "false" | "off" | "" => Some(false),
                _ => None,
            },
            Some(_) => None,
        };
        match parsed {
            Some(b) => *target = b,
            None => self.errors.add(key, "Answer yes or no"),
        }
    }

    fn choice<T>(&mut self, key: &str, target: &mut T, keys: &[&str], from: fn(&str) -> Option<T>) {
        match self.answers.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) => match from(s.trim()) {
                Some(v) => *target = v,
                None => self
                    .errors
                    .add(key, format!("Choose one of: {}", keys.join(", "))),
            },
            Some(_) => self
                .errors
                .add(key, format!("Choose one of: {}", keys.join(", "))),
        }
    }

    fn profit_uses(&mut self, target: &mut Vec<ProfitUse>) {
        let key = "profit_uses";
        let Some(value) = self.answers.get(key) else {
            return;
        };
        let items: Vec<&str> = match value {
            Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
            Value::String(s) => s
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect(),
            _ => Vec::new(),
        };
        let parsed: Option<Vec<ProfitUse>> = items.iter().map(|s| ProfitUse::from_key(s)).collect();
        match parsed {
            Some(uses) if !uses.is_empty() || matches!(value, Value::Array(a) if a.is_empty()) => {
                *target = uses;
            }
            _ => self.errors.add(
                key,
                format!(
                    "List the uses of profit from: {}",
                    ProfitUse::KEYS.join(", ")
                ),
            ),
        }
    }
}

/// Parses `66.67` into 6667 hundredths; at most two decimal places.
fn parse_hundredths(raw: &str) -> Option<u32> {
    let (whole, frac) = raw.split_once('.').unwrap_or((raw, ""));
    if whole.is_empty()
        || frac.len() > 2
        || !(whole.chars().chain(frac.chars())).all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let frac_value: u32 = format!("{frac:0<2}").parse().ok()?;
    whole
        .parse::<u32>()
        .ok()?
        .checked_mul(100)?
        .checked_add(frac_value)
}

fn read_union(r: &mut Reader<'_>) -> UnionOptions {
    let mut u = UnionOptions::default();
    r.required_text(
        "union_name",
        &mut u.union_name,
        "Name the trade union the co-op will recognise",
    );
    r.flag(
        "union_independent_confirmed",
        &mut u.union_independent_confirmed,
    );
    r.choice(
        "bargaining_unit",
        &mut u.bargaining_unit,
        BargainingUnit::KEYS,
        BargainingUnit::from_key,
    );
    r.whole("union_committee_size", &mut u.union_committee_size);
    r.whole("committee_term_months", &mut u.committee_term_months);
    r.whole(
        "derecognition_notice_months",
        &mut u.derecognition_notice_months,
    );
    r.percent("union_levy_pct", &mut u.union_levy_pct);
    r.flag("union_observer", &mut u.union_observer);
    r.flag("union_nominated_director", &mut u.union_nominated_director);
    let mut cap = 0;
    r.whole("pay_ratio_cap", &mut cap);
    u.pay_ratio_cap = (cap > 0).then_some(cap);
    let mut workers = 0;
    r.whole("workers_in_unit", &mut workers);
    u.workers_in_unit = (workers > 0).then_some(workers);
    u
}

fn read_form(answers: &Map<String, Value>) -> Result<LegalForm, FieldErrors> {
    let form = answers
        .get("legal_form")
        .and_then(Value::as_str)
        .map(str::trim);
    match form {
        Some("society") => Ok(LegalForm::Society),
        Some("company") => Ok(LegalForm::Company),
        Some("consortium") => Ok(LegalForm::Consortium),
        _ => {
            let mut errors = FieldErrors::new();
            errors.add(
                "legal_form",
                "Choose the legal form: society, company or consortium",
            );
            Err(errors)
        }
    }
}

pub(super) fn read(answers: &Map<String, Value>) -> Result<RulesOptions, FieldErrors> {
    let (o, errors) = read_with_defaults(answers)?;
    errors.into_result(o)
}

/// The options with a default wherever an answer is missing or unreadable, and the problems
/// found; only a missing legal form stops it. Lets a question page check its own answers'
/// ranges before the later pages are filled in.
pub(super) fn read_with_defaults(
    answers: &Map<String, Value>,
) -> Result<(RulesOptions, FieldErrors), FieldErrors> {
    let form = read_form(answers)?;
    let mut o = RulesOptions::defaults(form);
    let mut r = Reader {
        answers,
        errors: FieldErrors::new(),
    };
    r.required_text(
        "name",
        &mut o.name,
        "Enter the co-op's full registered name",
    );
    if !o.name.is_empty() && o.name.chars().count() < 3 {
        r.errors.add(
            "name",
            "Enter the co-op's full registered name, at least 3 characters",
        );
    }
    r.choice(
        "office_nation",
        &mut o.office_nation,
        OfficeNation::KEYS,
        OfficeNation::from_key,
    );
    r.required_text(
        "office_address",
        &mut o.office_address,
        "Enter the registered office address",
    );
    o.office_address = one_line_address(&o.office_address);
    r.required_text(
        "objects",
        &mut o.objects,
        "Describe the business the co-op will carry on",
    );
    read_founders(&mut r, &mut o.founders);
    read_numbers(&mut r, &mut o);
    read_choices(&mut r, &mut o);
    if form == LegalForm::Consortium {
        r.required_text(
            "trade_definition",
            &mut o.trade_definition,
            "Describe the trade the members work in",
        );
    }
    // Holding defaults to what the member shares alone add up to.
    o.max_holding_pence = o.member_share_pence.saturating_mul(i64::from(o.max_shares));
    r.money("max_holding_pence", &mut o.max_holding_pence);
    let mut union_coop = false;
    r.flag("union_coop", &mut union_coop);
    if union_coop {
        o.union = Some(read_union(&mut r));
    }
    let mut sponsor = String::new();
    r.text("fee_sponsor", &mut sponsor);
    if !sponsor.is_empty() {
        let mut version = String::new();
        r.text("fee_model_version", &mut version);
        o.fee_basis = FeeBasis::ApprovedModel { sponsor, version };
    }
    Ok((o, r.errors))
}

fn read_numbers(r: &mut Reader<'_>, o: &mut RulesOptions) {
    let whole: [(&str, &mut u32); 26] = [
        ("member_min_age", &mut o.member_min_age),
        ("min_hours_week", &mut o.min_hours_week),
        ("probation_months", &mut o.probation_months),
        ("expulsion_notice_days", &mut o.expulsion_notice_days),
        ("max_shares", &mut o.max_shares),
        ("withdrawal_notice_months", &mut o.withdrawal_notice_months),
        ("withdrawal_lock_years", &mut o.withdrawal_lock_years),
        ("board_min", &mut o.board_min),
        ("board_max", &mut o.board_max),
        ("board_term_years", &mut o.board_term_years),
        ("external_directors_max", &mut o.external_directors_max),
        ("board_quorum_pct", &mut o.board_quorum_pct),
        ("board_quorum_min", &mut o.board_quorum_min),
        ("asset_disposal_pct", &mut o.asset_disposal_pct),
        ("extra_gms_per_year", &mut o.extra_gms_per_year),
        ("gm_notice_clear_days", &mut o.gm_notice_clear_days),
        ("short_notice_pct", &mut o.short_notice_pct),
        ("requisition_pct", &mut o.requisition_pct),
        ("gm_quorum_pct", &mut o.gm_quorum_pct),
        ("gm_quorum_min", &mut o.gm_quorum_min),
        ("proxy_cap", &mut o.proxy_cap),
        ("lapse_days", &mut o.lapse_days),
        ("min_reserve_pct", &mut o.min_reserve_pct),
        ("max_distribution_pct", &mut o.max_distribution_pct),
        ("lookback_years", &mut o.lookback_years),
        ("inactivity_months", &mut o.inactivity_months),
    ];
    for (key, target) in whole {
        r.whole(key, target);
    }
    for (key, target) in [
        ("member_share_pence", &mut o.member_share_pence),
        ("guarantee_pence", &mut o.guarantee_pence),
        ("borrowing_cap_pence", &mut o.borrowing_cap_pence),
        ("annual_fee_pence", &mut o.annual_fee_pence),
    ] {
        r.money(key, target);
    }
    for (key, target) in [
        ("share_interest_max_pct", &mut o.share_interest_max_pct),
        (
            "member_loan_interest_max_pct",
            &mut o.member_loan_interest_max_pct,
        ),
        ("special_majority_pct", &mut o.special_majority_pct),
        ("commission_pct", &mut o.commission_pct),
    ] {
        r.percent(key, target);
    }
}

fn read_choices(r: &mut Reader<'_>, o: &mut RulesOptions) {
    for (key, target) in [
        ("probation_exclusion", &mut o.probation_exclusion),
        ("investment_shares", &mut o.investment_shares),
        ("written_resolutions", &mut o.written_resolutions),
        ("entrench_omov", &mut o.entrench_omov),
        ("entrench_asset_lock", &mut o.entrench_asset_lock),
        ("common_seal", &mut o.common_seal),
    ] {
        r.flag(key, target);
    }
    r.choice(
        "borrowing_mode",
        &mut o.borrowing_mode,
        BorrowingMode::KEYS,
        BorrowingMode::from_key,
    );
    r.choice(
        "board_mode",
        &mut o.board_mode,
        BoardMode::KEYS,
        BoardMode::from_key,
    );
    r.choice(
        "decision_mode",
        &mut o.decision_mode,
        DecisionMode::KEYS,
        DecisionMode::from_key,
    );
    r.choice("proxies", &mut o.proxies, Proxies::KEYS, Proxies::from_key);
    r.choice(
        "bonus_basis",
        &mut o.bonus_basis,
        BonusBasis::KEYS,
        BonusBasis::from_key,
    );
    r.choice(
        "dissolution",
        &mut o.dissolution,
        Dissolution::KEYS,
        Dissolution::from_key,
    );
    r.choice(
        "audit_mode",
        &mut o.audit_mode,
        AuditMode::KEYS,
        AuditMode::from_key,
    );
    r.choice(
        "member_entity",
        &mut o.member_entity,
        MemberEntity::KEYS,
        MemberEntity::from_key,
    );
    r.choice(
        "contracting",
        &mut o.contracting,
        Contracting::KEYS,
        Contracting::from_key,
    );
    r.profit_uses(&mut o.profit_uses);
    r.text("asset_lock_recipient", &mut o.asset_lock_recipient);
}

/// An address typed over several lines, as one line with commas ("12 Mill Lane, Preston,
/// PR1 1AA"): the rules name it inside a sentence (clause 3.1, the notices clause), where a
/// line break would split the clause in two on the page.
pub fn one_line_address(typed: &str) -> String {
    typed
        .lines()
        .map(|line| line.trim().trim_end_matches(',').trim_end())
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}
