//! Counting amendments against the baseline model for the FCA fee band (RULES.md §8).
//!
//! Filling a gap or picking an option the model offers is not a change; changing a value the
//! model fixes alters the words of one rule, and several changes in one rule count once. The
//! baseline is this module's own defaults, so the count compares option values rule by rule
//! rather than diffing text: the template words each rule from those values alone.

use super::check::CountedRule;
use super::options::{DecisionMode, Dissolution, Percent, Proxies, RulesOptions};

/// One baseline rule and the fixed values in it that differ from the model, as reasons.
fn changed(key: &'static str, reasons: Vec<Option<String>>) -> Option<CountedRule> {
    let reasons: Vec<String> = reasons.into_iter().flatten().collect();
    (!reasons.is_empty()).then(|| CountedRule {
        key,
        reason: reasons.join("; "),
    })
}

fn differs<T: PartialEq + std::fmt::Display>(what: &str, value: T, baseline: T) -> Option<String> {
    (value != baseline).then(|| format!("{what} is {value}, the model says {baseline}"))
}

/// Every registered rule counted as amended, each with why, in rule order.
pub(super) fn count(o: &RulesOptions) -> Vec<CountedRule> {
    let base = RulesOptions::defaults(o.form);
    let mut rules: Vec<CountedRule> = meeting_rules(o, &base).into_iter().flatten().collect();
    rules.extend(board_and_money_rules(o, &base).into_iter().flatten());
    rules
}

/// The membership and meeting rules, S02 to S17.
fn meeting_rules(o: &RulesOptions, base: &RulesOptions) -> [Option<CountedRule>; 5] {
    let pct = |p: Percent| p.label();
    [
        changed(
            "S02.interp",
            vec![differs(
                "the minimum age",
                o.member_min_age,
                base.member_min_age,
            )],
        ),
        changed(
            "S10.expulsion",
            vec![differs(
                "the notice of expulsion (days)",
                o.expulsion_notice_days,
                base.expulsion_notice_days,
            )],
        ),
        changed(
            "S15.general_meetings",
            vec![
                differs(
                    "general meetings besides the AGM",
                    o.extra_gms_per_year,
                    base.extra_gms_per_year,
                ),
                differs(
                    "the notice (clear days)",
                    o.gm_notice_clear_days,
                    base.gm_notice_clear_days,
                ),
                differs(
                    "the short-notice consent (%)",
                    o.short_notice_pct,
                    base.short_notice_pct,
                ),
                differs(
                    "the share of members who can call a meeting (%)",
                    o.requisition_pct,
                    base.requisition_pct,
                ),
            ],
        ),
        changed(
            "S16.quorum",
            vec![
                differs("the quorum percentage", o.gm_quorum_pct, base.gm_quorum_pct),
                differs("the minimum quorum", o.gm_quorum_min, base.gm_quorum_min),
            ],
        ),
        changed(
            "S17.voting",
            vec![
                differs(
                    "the special majority",
                    pct(o.special_majority_pct),
                    pct(base.special_majority_pct),
                ),
                (o.proxies == Proxies::Capped)
                    .then(|| differs("the proxy cap", o.proxy_cap, base.proxy_cap))
                    .flatten(),
                differs(
                    "the written resolution lapse (days)",
                    o.lapse_days,
                    base.lapse_days,
                ),
                (o.decision_mode == DecisionMode::ConsensusWithVoteFallback)
                    .then(|| "consensus decision-making is not in the model".to_string()),
                (!o.entrench_omov)
                    .then(|| "one member one vote is no longer entrenched".to_string()),
            ],
        ),
    ]
}

/// The board, profit, dissolution and union rules, S18 onwards.
fn board_and_money_rules(o: &RulesOptions, base: &RulesOptions) -> [Option<CountedRule>; 5] {
    [
        changed(
            "S18.board",
            vec![
                differs(
                    "the director's term (years)",
                    o.board_term_years,
                    base.board_term_years,
                ),
                differs(
                    "the most outside directors",
                    o.external_directors_max,
                    base.external_directors_max,
                ),
            ],
        ),
        changed(
            "S19.board_powers",
            vec![
                differs(
                    "the asset disposal threshold (%)",
                    o.asset_disposal_pct,
                    base.asset_disposal_pct,
                ),
                differs(
                    "the board quorum percentage",
                    o.board_quorum_pct,
                    base.board_quorum_pct,
                ),
                differs(
                    "the minimum board quorum",
                    o.board_quorum_min,
                    base.board_quorum_min,
                ),
            ],
        ),
        changed(
            "S22.profits",
            vec![
                differs(
                    "the cap on distributions (%)",
                    o.max_distribution_pct,
                    base.max_distribution_pct,
                ),
                differs(
                    "the minimum to reserves (%)",
                    o.min_reserve_pct,
                    base.min_reserve_pct,
                ),
                o.union
                    .as_ref()
                    .filter(|u| u.union_levy_pct.0 > 0)
                    .map(|_| "a union levy is added".to_string()),
            ],
        ),
        changed(
            "S27.dissolution",
            vec![
                (o.dissolution == Dissolution::CommonOwnership && !o.entrench_asset_lock)
                    .then(|| "the asset lock is no longer entrenched".to_string()),
                (o.dissolution == Dissolution::CoOwnership)
                    .then(|| {
                        differs(
                            "the look-back for former members (years)",
                            o.lookback_years,
                            base.lookback_years,
                        )
                    })
                    .flatten(),
            ],
        ),
        o.union.as_ref().map(|_| CountedRule {
            key: "U1.union_recognition",
            reason: "an inserted rule: the union recognition rule is not in the model".into(),
        }),
    ]
}
