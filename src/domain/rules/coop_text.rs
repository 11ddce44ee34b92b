//! What each co-operative test needs the rendered text to say, and the sentences that break
//! it wherever they appear (typed text included). `coop_tests.rs` runs the tests.

use std::sync::LazyLock;

use regex::Regex;

use super::context::bonus_basis_phrase;
use super::coop_tests::MAX_INTEREST;
use super::document::{negated, percentages, RenderedRules};
use super::options::{BoardMode, LegalForm, Percent, ProfitUse, RulesOptions};
use super::substance::{all_gaps, need, provider, typed, Need, Provider};

fn codes(
    o: &RulesOptions,
) -> (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
) {
    // objects, membership, voting, board, rule changes
    match o.form {
        LegalForm::Society => ("S04", "S07", "S17", "S18", "S25"),
        LegalForm::Consortium => ("F04", "F07", "S17", "F18", "S25"),
        LegalForm::Company => ("C02", "C05", "C10", "C11", "C17"),
    }
}

/// The clauses that provide each test and what their text must say. T6 is provided by the
/// signatures rather than a clause, so it has none here.
pub fn providers(o: &RulesOptions, code: &str) -> Vec<Provider> {
    let (objects, membership, voting, board, changes) = codes(o);
    let company = o.form == LegalForm::Company;
    let share = if o.form == LegalForm::Consortium {
        "F11"
    } else {
        "S11"
    };
    match code {
        "T1" => {
            let mut p = vec![provider(
                objects,
                vec![
                    typed("the business, as typed", &o.objects),
                    need(
                        "that it is run for the members' mutual benefit",
                        &["mutual benefit"],
                    ),
                ],
            )];
            if o.investment_shares && !company {
                p.push(provider(
                    "S12",
                    vec![need(
                        "that investment shares carry no vote",
                        &["carry no vote"],
                    )],
                ));
            }
            p
        }
        "T2" => {
            let mut needs = vec![need(
                "that every member has one vote",
                &["every member has one vote"],
            )];
            if o.entrench_omov {
                needs.push(need(
                    "that one member one vote needs every member to change it",
                    &["every member votes for", "entrenched under section 22"],
                ));
            }
            vec![provider(voting, needs)]
        }
        "T3" => {
            let mut needs = vec![need(
                "that a refused applicant can appeal to a general meeting",
                &["ask the next general meeting"],
            )];
            if o.form != LegalForm::Consortium {
                needs.push(need(
                    "that membership is voluntary",
                    &["membership is voluntary"],
                ));
                needs.push(need(
                    "that membership is never a condition of a job",
                    &["nobody has to join as a condition of getting or keeping a job"],
                ));
                needs.push(need(
                    "that union membership is never a condition of membership",
                    &["trade union membership is never a condition of membership"],
                ));
            }
            vec![provider(membership, needs)]
        }
        "T4" if company => Vec::new(),
        "T4" => {
            let mut p = vec![
                provider(
                    share,
                    vec![need(
                        "that membership shares earn no interest",
                        &["membership shares earn no interest"],
                    )],
                ),
                provider(
                    "S14",
                    vec![need(
                        "the limit on interest on members' loans",
                        &["interest on loans from members"],
                    )],
                ),
            ];
            if o.investment_shares {
                p.push(provider(
                    "S12",
                    vec![need(
                        "the limit on interest on investment shares",
                        &["never at more than", "earn no interest"],
                    )],
                ));
            }
            p
        }
        "T5" => {
            let mut needs = vec![need(
                "that surplus is never shared by the money members put in",
                &[
                    "according to the shares or money",
                    "according to the money members have put in",
                ],
            )];
            if o.uses(ProfitUse::MemberBonus) {
                needs.push(typed(
                    "how a member bonus is shared",
                    bonus_basis_phrase(o.bonus_basis),
                ));
            }
            vec![provider(objects_profits(o), needs)]
        }
        "T7" => {
            let mut needs = Vec::new();
            if o.external_directors_max > 0 {
                needs.push(need(
                    "that outside directors are always fewer than half the board",
                    &["fewer than half the board"],
                ));
                needs.push(need(
                    "that outside directors cannot form a quorum alone",
                    &["cannot form a quorum on their own"],
                ));
            }
            needs.push(board_makeup(o));
            vec![provider(board, needs)]
        }
        "T8" => {
            let mut p = vec![
                provider(board, vec![board_makeup(o)]),
                provider(
                    changes,
                    vec![need(
                        "that only the members change the rules, by special resolution",
                        &["special resolution"],
                    )],
                ),
            ];
            if o.union.is_some() {
                p.push(provider(
                    "U1",
                    vec![
                        need(
                            "that the union has no vote at general meetings",
                            &["no vote at general meetings"],
                        ),
                        need(
                            "that the union has no veto over the rules",
                            &["no veto over these rules"],
                        ),
                    ],
                ));
            }
            p
        }
        "T9" => vec![
            if company {
                provider(
                    "C02",
                    vec![need(
                        "education and training for members",
                        &["education and training"],
                    )],
                )
            } else {
                provider(
                    "S06",
                    vec![need(
                        "a duty to teach members how a co-operative works",
                        &["teach its members"],
                    )],
                )
            },
            provider(
                board,
                vec![need("training for new directors", &["training"])],
            ),
        ],
        _ => Vec::new(),
    }
}

fn objects_profits(o: &RulesOptions) -> &'static str {
    match o.form {
        LegalForm::Society => "S22",
        LegalForm::Consortium => "F22",
        LegalForm::Company => "C15",
    }
}

fn board_makeup(o: &RulesOptions) -> Need {
    match (o.form, o.board_mode) {
        (LegalForm::Company, BoardMode::Collective) => need(
            "that every member is a director",
            &["every member is a director"],
        ),
        (LegalForm::Company, BoardMode::Elected) => need(
            "that directors are elected from the members",
            &["elected from the members"],
        ),
        (LegalForm::Society, BoardMode::Collective) => need(
            "that every member is a director",
            &["every member aged 16 or over is a director"],
        ),
        _ => need(
            "that directors are elected by the members",
            &["elected by the members"],
        ),
    }
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid pattern")
}

/// Sentences that break a test wherever they appear, unless they say it is not so.
fn forbidden(code: &str) -> &'static [Regex] {
    static T1: LazyLock<Vec<Regex>> = LazyLock::new(|| {
        vec![re(
            r"\b(main|chief|principal) (object|purpose|aim)\b[^.]*\b(return|profit|interest|dividend)",
        )]
    });
    static T2: LazyLock<Vec<Regex>> = LazyLock::new(|| {
        vec![
            re(r"\bvotes?\b[^.]*\b(for|per) (each|every) share"),
            re(r"\bvotes?\b[^.]*\bin proportion to\b"),
            re(r"\b(extra|additional|second|more than one) votes?\b"),
            re(r"\bcasting vote\b"),
        ]
    });
    static T3: LazyLock<Vec<Regex>> = LazyLock::new(|| {
        vec![
            re(r"\bmust (join|be a member of|belong to)\b[^.]*\bunion\b"),
            re(r"\bunion membership is\b[^.]*\bcondition\b"),
            re(r"\bcondition of (getting|keeping) (a|their) job\b"),
        ]
    });
    static T4: LazyLock<Vec<Regex>> = LazyLock::new(|| {
        vec![re(
            r"\bmembership shares?\b[^.]*\b(earn|earns|pay|pays|carry|carries)\b[^.]*\binterest\b",
        )]
    });
    static T5: LazyLock<Vec<Regex>> = LazyLock::new(|| {
        vec![re(
            r"\b(surplus|profits?|bonus|dividends?|rebate)\b[^.]*\b(in proportion to|according to|by reference to|for each)\b[^.]*\b(shares?|capital|money)\b",
        )]
    });
    static T7: LazyLock<Vec<Regex>> = LazyLock::new(|| {
        vec![re(
            r"\b(outside|external|non-member)\b[^.]*\bdirectors?\b[^.]*\b(majority|more than half)\b",
        )]
    });
    static T8: LazyLock<Vec<Regex>> = LazyLock::new(|| {
        vec![
            re(r"\bveto\b"),
            re(
                r"\b(appoint|appoints|nominate|nominates)\b[^.]*\bmajority of\b[^.]*\b(board|directors)\b",
            ),
            re(
                r"\b(consent|approval|agreement) of\b[^.]*\b(union|lender|bank|council|vendor|seller|investor)",
            ),
        ]
    });
    match code {
        "T1" => &T1,
        "T2" => &T2,
        "T3" => &T3,
        "T4" => &T4,
        "T5" => &T5,
        "T7" => &T7,
        "T8" => &T8,
        _ => &[],
    }
}

/// The first sentence in the document that breaks this test, if any.
fn breaking_sentence(doc: &RenderedRules, code: &str) -> Option<String> {
    let patterns = forbidden(code);
    doc.sentences()
        .find(|(_, s)| !negated(s) && patterns.iter().any(|p| p.is_match(s)))
        .map(|(c, s)| format!("clause {} ({}) says \"{s}\"", c.number, c.code()))
}

/// Text problems for a test: what its clauses fail to say, and any sentence that breaks it.
pub(super) fn text_problem(o: &RulesOptions, doc: &RenderedRules, code: &str) -> Option<String> {
    let mut gaps = all_gaps(doc, &providers(o, code));
    gaps.extend(breaking_sentence(doc, code));
    if code == "T4" {
        gaps.extend(interest_over(doc, MAX_INTEREST));
    }
    (!gaps.is_empty()).then(|| format!("The rules break this test: {}.", gaps.join("; ")))
}

/// Any sentence about interest that allows more than `cap` a year.
fn interest_over(doc: &RenderedRules, cap: Percent) -> Option<String> {
    doc.sentences().filter(|(_, s)| s.contains("interest")).find_map(|(c, s)| {
        let top = percentages(s).into_iter().max()?;
        (top > cap.0).then(|| {
            format!(
                "clause {} ({}) allows interest of {} a year, more than the {} a co-operative can justify as needed to attract capital",
                c.number,
                c.code(),
                Percent(top).label(),
                cap.label()
            )
        })
    })
}
