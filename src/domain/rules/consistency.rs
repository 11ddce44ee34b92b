//! Consistency and range checks (RULES.md §7, union checks §9). One list serves both the web
//! form (blocking findings become field messages) and the legal check in the document, so the
//! two can never disagree about what is allowed.

use super::check::{Finding, Severity};
use super::options::{BoardMode, FounderRole, LegalForm, OfficeNation, Percent, RulesOptions};

use Severity::{Error, Info, Warn};

/// The findings, and which of them can be checked where the answers are typed: limits on one
/// answer (a range, a ceiling, or answers on the same page) and checks across answers typed
/// on different pages. Both are shown on the question page, not only at the final version.
pub(super) struct Out(pub(super) Vec<Finding>, Vec<(usize, Across)>);

/// Which answers a blocking finding depends on, so a question page can show it.
#[derive(Clone, Copy)]
enum Across {
    /// Answers on one page: defaults stand in for the rest, so it is checked at once.
    OnePage,
    /// Answers on different pages: shown beside each of these questions, once all of them
    /// have been answered (a default standing in for a later page would be a guess).
    Pages(&'static [&'static str]),
}

/// A blocking finding a question page shows, and the questions it is shown beside.
pub(super) struct PageCheck {
    pub(super) finding: Finding,
    /// Empty for a one-page limit: it is shown beside the finding's own field.
    pub(super) all_of: &'static [&'static str],
}

impl Out {
    /// An ERROR that depends only on answers typed on the same question page.
    pub(super) fn limit(&mut self, code: &'static str, field: &str, message: impl Into<String>) {
        self.1.push((self.0.len(), Across::OnePage));
        self.push(Error, code, Some(field), message);
    }

    /// An ERROR about answers typed on different pages: `fields[0]` is where the final
    /// version's check points; the question pages show it beside each of `fields`.
    pub(super) fn across(
        &mut self,
        code: &'static str,
        fields: &'static [&'static str],
        message: impl Into<String>,
    ) {
        self.1.push((self.0.len(), Across::Pages(fields)));
        self.push(Error, code, fields.first().copied(), message);
    }

    pub(super) fn push(
        &mut self,
        severity: Severity,
        code: &'static str,
        field: Option<&str>,
        message: impl Into<String>,
    ) {
        self.0.push(Finding::new(severity, code, field, message));
    }

    /// An ERROR against `field` when `value` is outside `lo..=hi`.
    pub(super) fn range(
        &mut self,
        code: &'static str,
        field: &str,
        value: u32,
        lo: u32,
        hi: u32,
        what: &str,
    ) {
        if !(lo..=hi).contains(&value) {
            self.limit(
                code,
                field,
                format!("{what} must be between {lo} and {hi}; it is {value}."),
            );
        }
    }
}

/// Every finding for these options, blocking ones first within each area.
pub(super) fn findings(o: &RulesOptions) -> Vec<Finding> {
    collect(o).0
}

/// The blocking findings a question page can show (see [`Out::limit`] and [`Out::across`]).
pub(super) fn page_checks(o: &RulesOptions) -> Vec<PageCheck> {
    let Out(all, checked) = collect(o);
    all.into_iter()
        .enumerate()
        .filter_map(|(i, finding)| {
            let (_, across) = checked.iter().find(|(at, _)| *at == i)?;
            let all_of: &'static [&'static str] = match *across {
                Across::OnePage => &[],
                Across::Pages(fields) => fields,
            };
            Some(PageCheck { finding, all_of })
        })
        .collect()
}

fn collect(o: &RulesOptions) -> Out {
    let mut out = Out(Vec::new(), Vec::new());
    name_and_office(o, &mut out);
    membership(o, &mut out);
    super::share_checks::shares(o, &mut out);
    super::meeting_checks::meetings(o, &mut out);
    board(o, &mut out);
    profits(o, &mut out);
    if o.form == LegalForm::Consortium {
        consortium(o, &mut out);
    }
    union(o, &mut out);
    out
}

fn name_and_office(o: &RulesOptions, out: &mut Out) {
    let name = o.name.to_lowercase();
    let welsh = o.office_nation == OfficeNation::Wales;
    let ok = match o.form {
        LegalForm::Company => {
            ["limited", "ltd", "ltd."].iter().any(|e| name.ends_with(e))
                || (welsh
                    && ["cyfyngedig", "cyf", "cyf."]
                        .iter()
                        .any(|e| name.ends_with(e)))
        }
        _ => name.ends_with("limited") || (welsh && name.ends_with("cyfyngedig")),
    };
    if !ok {
        let expected = match (o.form, welsh) {
            (LegalForm::Company, true) => "\"Limited\", \"Ltd\", \"Cyfyngedig\" or \"Cyf\"",
            (LegalForm::Company, false) => "\"Limited\" or \"Ltd\"",
            (_, true) => "\"Limited\" or \"Cyfyngedig\"",
            (_, false) => "\"Limited\" (\"Cyfyngedig\" only with an office in Wales)",
        };
        out.limit("K7", "name", format!("The name must end with {expected}."));
    }
    if o.form == LegalForm::Company && name.contains("co-operative") {
        out.push(Warn, "K7", Some("name"), "\"Co-operative\" may be a sensitive word at Companies House: check the current list before filing.");
    }
    let society_nation = matches!(
        o.office_nation,
        OfficeNation::England
            | OfficeNation::Wales
            | OfficeNation::Scotland
            | OfficeNation::ChannelIslands
    );
    if o.form.is_society() && !society_nation {
        out.limit("K8", "office_nation", "A society's registered office must be in England, Wales, Scotland or the Channel Islands.");
    }
    let company_nation = matches!(
        o.office_nation,
        OfficeNation::EnglandWales
            | OfficeNation::Wales
            | OfficeNation::Scotland
            | OfficeNation::NorthernIreland
    );
    if o.form == LegalForm::Company && !company_nation {
        out.limit(
            "K8",
            "office_nation",
            "A company is registered in England and Wales, Wales, Scotland or Northern Ireland.",
        );
    }
    let len = u32::try_from(o.objects.chars().count()).unwrap_or(u32::MAX);
    out.range(
        "T1",
        "objects",
        len,
        20,
        1500,
        "The description of the business (characters)",
    );
}

fn membership(o: &RulesOptions, out: &mut Out) {
    out.range(
        "S07",
        "member_min_age",
        o.member_min_age,
        16,
        18,
        "The minimum age for members",
    );
    out.range(
        "S10",
        "expulsion_notice_days",
        o.expulsion_notice_days,
        14,
        60,
        "The notice before an expulsion meeting (days)",
    );
    if o.form == LegalForm::Consortium {
        return;
    }
    out.range(
        "K10",
        "min_hours_week",
        o.min_hours_week,
        0,
        16,
        "The minimum weekly hours for members",
    );
    if o.min_hours_week > 8 {
        out.push(Warn, "K10", Some("min_hours_week"), "Keeping people who work more than 8 hours a week out of membership may shut out part-timers, most of them women: take advice on indirect discrimination.");
    }
    if o.probation_exclusion {
        out.range(
            "K9",
            "probation_months",
            o.probation_months,
            1,
            12,
            "The probation period (months)",
        );
        if o.probation_months > 6 {
            out.push(Warn, "K9", Some("probation_months"), "A probation longer than 6 months keeps new staff out of the co-op for a long time.");
        }
    }
}

fn board(o: &RulesOptions, out: &mut Out) {
    out.range("S18", "board_min", o.board_min, 2, 15, "The smallest board");
    if o.board_max < o.board_min {
        out.limit(
            "S18",
            "board_max",
            "The largest board cannot be smaller than the smallest board.",
        );
    }
    out.range(
        "S18",
        "board_term_years",
        o.board_term_years,
        1,
        4,
        "A director's term (years)",
    );
    out.range(
        "T7",
        "external_directors_max",
        o.external_directors_max,
        0,
        3,
        "The most outside directors",
    );
    out.range(
        "S19",
        "board_quorum_pct",
        o.board_quorum_pct,
        34,
        100,
        "The board quorum as a share of directors (%)",
    );
    out.range(
        "K18",
        "asset_disposal_pct",
        o.asset_disposal_pct,
        10,
        50,
        "The asset sale that needs members' approval (% of assets)",
    );
    let board_quorum = o
        .board_quorum_min
        .max(ceil_pct(o.board_quorum_pct, o.board_min));
    if board_quorum > o.board_min || o.board_quorum_min < 2 {
        out.limit("K1", "board_quorum_min", format!(
            "The board quorum must be at least 2 and no more than the smallest board ({}); it would be {board_quorum}.", o.board_min));
    }
    if o.board_mode == BoardMode::Collective {
        if o.form == LegalForm::Consortium {
            out.limit("K16", "board_mode", "A consortium must elect its board.");
        } else if o.founders.len() < o.board_min as usize {
            out.across("K16", &["board_min", "founders"], "With every member a director there must be at least as many founders as the smallest board.");
        }
    }
    officers(o, out);
}

fn officers(o: &RulesOptions, out: &mut Out) {
    let has = |f: &super::options::Founder, r| f.roles.contains(&r);
    let directors: Vec<_> = o
        .founders
        .iter()
        .filter(|f| has(f, FounderRole::Director) || o.board_mode == BoardMode::Collective)
        .collect();
    let secretary_only = o.founders.iter().any(|f| has(f, FounderRole::Secretary));
    let signing_directors = directors
        .iter()
        .filter(|f| !has(f, FounderRole::Secretary))
        .count();
    if o.form.is_society() && (signing_directors < 2 || !secretary_only) {
        out.limit("K15", "founders", "Name a secretary and at least two other founders as directors: the annual return is signed by two directors and the secretary.");
    }
    if o.form == LegalForm::Company && directors.len() < 2 {
        out.limit(
            "K15",
            "founders",
            "Name at least two founders as directors.",
        );
    }
    if directors.iter().any(|f| f.age < 16) {
        out.limit("K15", "founders", "Every director must be 16 or older.");
    }
}

fn profits(o: &RulesOptions, out: &mut Out) {
    out.range(
        "S22",
        "max_distribution_pct",
        o.max_distribution_pct,
        0,
        100,
        "The cap on profit paid out (%)",
    );
    if o.min_reserve_pct + o.max_distribution_pct > 100 {
        out.limit("K23", "min_reserve_pct", "What must go to reserves plus the most that can be paid out cannot exceed 100% of profit.");
    }
    if o.dissolution == super::options::Dissolution::CommonOwnership
        && o.asset_lock_recipient.is_empty()
    {
        out.limit("S27", "asset_lock_recipient", "Name who receives what is left if the co-op closes, such as another common-ownership co-op.");
    }
    out.range(
        "S27",
        "lookback_years",
        o.lookback_years,
        0,
        10,
        "The years former members can share in what is left",
    );
    if o.form == LegalForm::Company && o.entrench_asset_lock {
        out.push(Info, "K4", Some("entrench_asset_lock"), "Entrenched articles must be flagged on the IN01, and all members together can still remove them (s.22–23).");
    }
}

fn consortium(o: &RulesOptions, out: &mut Out) {
    out.range(
        "F09",
        "inactivity_months",
        o.inactivity_months,
        3,
        36,
        "The months without use before membership can end",
    );
    if o.commission_pct > Percent::whole(30) {
        out.limit(
            "F07b",
            "commission_pct",
            "Commission must be between 0% and 30%.",
        );
    }
    out.push(Info, "K24", None, "Commission, rates and work allocation sit in the member agreement, which members change by ordinary resolution without an FCA filing.");
    out.push(Warn, "F", None, "Finding work for members for a fee may make the co-op an employment agency (Employment Agencies Act 1973): take advice before charging work-seekers.");
    out.push(Warn, "F", None, "Self-employed members are separate businesses: agreeing or swapping rates between them can break competition law (Competition Act 1998). Union rate cards are a reference only.");
    out.push(Warn, "F", None, "If the co-op controls members' hours and methods like an employer, the law may treat them as workers or employees.");
}

fn union(o: &RulesOptions, out: &mut Out) {
    let Some(u) = &o.union else { return };
    if o.form == LegalForm::Consortium {
        out.limit("U", "union_coop", "A consortium employs no one, so it cannot recognise a union for bargaining: use a partnership with the union instead.");
        return;
    }
    if !u.union_independent_confirmed {
        out.limit(
            "U",
            "union_independent_confirmed",
            format!(
                "Confirm that {} is on the Certification Officer's list of independent unions.",
                u.union_name
            ),
        );
    }
    out.range(
        "U2",
        "union_committee_size",
        u.union_committee_size,
        2,
        9,
        "The union committee's size",
    );
    out.range(
        "U2",
        "committee_term_months",
        u.committee_term_months,
        12,
        36,
        "The committee's term (months)",
    );
    out.range(
        "U1",
        "derecognition_notice_months",
        u.derecognition_notice_months,
        3,
        12,
        "The notice before derecognition (months)",
    );
    if u.union_levy_pct > Percent::whole(10) {
        out.limit(
            "U5",
            "union_levy_pct",
            "The union levy must be between 0% and 10% of surplus.",
        );
    }
    if let Some(cap) = u.pay_ratio_cap {
        out.range("U6", "pay_ratio_cap", cap, 2, 20, "The pay ratio cap");
    }
    if o.board_mode == BoardMode::Collective {
        out.push(Warn, "U-K1", Some("board_mode"), "With every member on the board there is no management side for the union to bargain with.");
    }
    if u.union_nominated_director && o.external_directors_max < 1 {
        out.across(
            "U-K4",
            &["external_directors_max", "union_nominated_director"],
            "A union-nominated director is an outside director: allow at least one outside director on the board page, or do not let the union nominate one.",
        );
    }
    let workers = u
        .workers_in_unit
        .unwrap_or(u32::try_from(o.founders.len()).unwrap_or(u32::MAX));
    if workers < 21 {
        out.push(Info, "U-K5", None, "With fewer than 21 workers the statutory recognition route does not apply, so the recognition rule is how the union is recognised.");
    }
}

/// ⌈pct% of n⌉, the size of a percentage quorum.
pub(super) fn ceil_pct(pct: u32, n: u32) -> u32 {
    (pct * n).div_ceil(100)
}

pub(super) fn clamp(pence: i64) -> u32 {
    u32::try_from(pence.max(0)).unwrap_or(u32::MAX)
}
