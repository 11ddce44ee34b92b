//! Checks on general meetings: notice, quorum, majorities, proxies and requisition (RULES.md
//! §7 K1–K3, K11–K14). Kept apart from the other consistency checks because company law fixes
//! many of these values while society rules leave them open.

use super::check::Severity::Warn;
use super::consistency::{ceil_pct, Out};
use super::options::{LegalForm, Percent, Proxies, RulesOptions};

pub(super) fn meetings(o: &RulesOptions, out: &mut Out) {
    let company = o.form == LegalForm::Company;
    out.range(
        "S15",
        "extra_gms_per_year",
        o.extra_gms_per_year,
        0,
        12,
        "General meetings a year besides the AGM",
    );
    if company {
        company_meetings(o, out);
    } else {
        society_meetings(o, out);
    }
    if o.proxies == Proxies::Capped {
        out.range(
            "S17",
            "proxy_cap",
            o.proxy_cap,
            1,
            10,
            "The most proxies one member may hold",
        );
    }
    out.range(
        "S17",
        "lapse_days",
        o.lapse_days,
        7,
        28,
        "The days a written resolution stays open",
    );
    out.range(
        "K2",
        "gm_quorum_min",
        o.gm_quorum_min,
        2,
        10,
        "The smallest quorum of a general meeting",
    );
    out.range(
        "S16",
        "gm_quorum_pct",
        o.gm_quorum_pct,
        10,
        100,
        "The quorum as a share of members (%)",
    );
    let founders = u32::try_from(o.founders.len()).unwrap_or(u32::MAX);
    let quorum = o.gm_quorum_min.max(ceil_pct(o.gm_quorum_pct, founders));
    if quorum > founders {
        out.across("K1", &["gm_quorum_min", "founders"], format!(
            "The quorum would be {quorum} but there are only {founders} founder members, so no meeting could go ahead."));
    }
}

fn company_meetings(o: &RulesOptions, out: &mut Out) {
    out.range(
        "K11",
        "gm_notice_clear_days",
        o.gm_notice_clear_days,
        14,
        28,
        "A company's notice of a general meeting (clear days)",
    );
    out.range(
        "K12",
        "short_notice_pct",
        o.short_notice_pct,
        90,
        95,
        "The share of members who can agree to short notice (%)",
    );
    out.range(
        "K13",
        "requisition_pct",
        o.requisition_pct,
        1,
        5,
        "The share of members who can call a meeting (%)",
    );
    if o.proxies == Proxies::None {
        out.limit("K14", "proxies", "Company members have a legal right to appoint a proxy (s.324), so proxies cannot be ruled out.");
    } else if o.proxies == Proxies::Capped {
        out.push(
            Warn,
            "K14",
            Some("proxy_cap"),
            "A cap on how many proxies one person holds may be void in a company.",
        );
    }
    if o.special_majority_pct != Percent::whole(75) {
        out.limit(
            "K3",
            "special_majority_pct",
            "A company's special resolution needs exactly 75% (s.283).",
        );
    }
}

fn society_meetings(o: &RulesOptions, out: &mut Out) {
    out.range(
        "K11",
        "gm_notice_clear_days",
        o.gm_notice_clear_days,
        7,
        28,
        "The notice of a general meeting (clear days)",
    );
    if o.gm_notice_clear_days < 14 {
        out.push(
            Warn,
            "K11",
            Some("gm_notice_clear_days"),
            "Less than 14 clear days' notice gives members little time to prepare.",
        );
    }
    out.range(
        "K12",
        "short_notice_pct",
        o.short_notice_pct,
        90,
        100,
        "The share of members who can agree to short notice (%)",
    );
    out.range(
        "K13",
        "requisition_pct",
        o.requisition_pct,
        5,
        20,
        "The share of members who can call a meeting (%)",
    );
    if o.requisition_pct > 10 {
        out.push(Warn, "K13", Some("requisition_pct"), "Needing more than 10% of members to call a meeting makes it hard for a minority to be heard.");
    }
    let pct = o.special_majority_pct.0;
    if pct <= 5_000 || pct > 10_000 {
        out.limit(
            "K3",
            "special_majority_pct",
            format!(
                "A special resolution needs more than 50% and at most 100% of votes; it is {}.",
                o.special_majority_pct.label()
            ),
        );
    } else if pct < 6_667 {
        out.push(
            Warn,
            "K3",
            Some("special_majority_pct"),
            "A special majority under two-thirds gives little protection to the rules.",
        );
    }
}
