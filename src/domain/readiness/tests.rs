//! The recommendation rules as a table: answers in, the parts of the advice that matter out.

use super::*;
use chrono::NaiveDate;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
}

/// A complete set of answers for `situation`; `changes` override single answers. Answers to
/// questions hidden for the situation are ignored by `parse`, so one base serves every row.
pub(super) fn input(situation: &str, changes: &[(&str, &str)]) -> ReadinessInput {
    let mut fields = serde_json::json!({
        "situation": situation, "people": "10", "sector": "manufacturing", "union": "unite",
        "timescale": "not_sure", "interest": "most", "owner_wish": "open_to_staff",
        "aim": "workers", "profit": "yes", "accounts": "seen", "staff_dismissed": "no",
        "turnaround": "yes",
    });
    for (key, value) in changes {
        fields[*key] = serde_json::json!(value);
    }
    serde_json::from_value(fields).expect("input fields")
}

struct Row {
    name: &'static str,
    situation: &'static str,
    changes: &'static [(&'static str, &'static str)],
    today: &'static str,
    pathway: Option<Pathway>,
    urgency: Urgency,
    forms: &'static [&'static str],
    routes: &'static [Route],
    /// (title fragment, ends on, days left) of the first clock, or no clocks at all.
    clock: Option<(&'static str, Option<&'static str>, Option<i64>)>,
    headline: &'static str,
    /// A fragment that must appear in the warnings, this week's actions or an alternative.
    mentions: &'static str,
}

const BUYOUT_FORMS: &[&str] = &["society_worker", "clg_worker"];

/// (situation, changed answers, today) of each row, for the text-length check.
pub(super) type TextCase = (
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static str,
);

pub(super) fn rows_for_text_check() -> Vec<TextCase> {
    rows()
        .into_iter()
        .map(|r| (r.situation, r.changes, r.today))
        .collect()
}

fn rows() -> Vec<Row> {
    use Pathway::*;
    use Route::*;
    use Urgency::*;
    vec![
        Row {
            name: "25 redundancies at one site: 30-day consultation",
            situation: "redundancies_proposed",
            changes: &[
                ("people", "40"),
                ("at_one_site", "25"),
                ("consultation_start", "2027-02-01"),
            ],
            today: "2027-02-10",
            pathway: Some(Buyout),
            urgency: Urgent,
            forms: BUYOUT_FORMS,
            routes: &[],
            clock: Some(("at least 30 days", Some("2027-03-03"), Some(21))),
            headline: "3 March 2027",
            mentions: "alternative to closure",
        },
        Row {
            name: "120 redundancies: 45-day consultation",
            situation: "redundancies_proposed",
            changes: &[
                ("people", "150"),
                ("at_one_site", "120"),
                ("consultation_start", "2026-09-14"),
            ],
            today: "2026-09-20",
            pathway: Some(Buyout),
            urgency: Urgent,
            forms: BUYOUT_FORMS,
            routes: &[],
            clock: Some(("at least 45 days", Some("2026-10-29"), Some(39))),
            headline: "Act now",
            mentions: "Unite rep",
        },
        Row {
            name: "consultation already over shows a passed date",
            situation: "closure_announced",
            changes: &[("people", "30"), ("consultation_start", "2027-01-01")],
            today: "2027-02-15",
            pathway: Some(Buyout),
            urgency: Urgent,
            forms: BUYOUT_FORMS,
            routes: &[],
            clock: Some(("30 days", Some("2027-01-31"), Some(-15))),
            headline: "consultation period is over",
            mentions: "We counted all 30 people",
        },
        Row {
            name: "closure of a small site: no collective clock",
            situation: "closure_announced",
            changes: &[("people", "15")],
            today: "2026-06-01",
            pathway: Some(Buyout),
            urgency: Urgent,
            forms: BUYOUT_FORMS,
            routes: &[],
            clock: None,
            headline: "Act now",
            mentions: "no minimum consultation period",
        },
        Row {
            name: "closure a year away without a date",
            situation: "closure_announced",
            changes: &[("people", "60"), ("timescale", "later")],
            today: "2026-06-01",
            pathway: Some(Buyout),
            urgency: Soon,
            forms: BUYOUT_FORMS,
            routes: &[],
            clock: Some(("30 days", None, None)),
            headline: "Act now",
            mentions: "exact date consultation started",
        },
        Row {
            name: "administration: 8-week connected-party window",
            situation: "administration",
            changes: &[("insolvency_date", "2026-09-14")],
            today: "2026-09-20",
            pathway: Some(Buyout),
            urgency: Urgent,
            forms: BUYOUT_FORMS,
            routes: &[],
            clock: Some(("8-week", Some("2026-11-08"), Some(49))),
            headline: "days, not months",
            mentions: "Write to the administrator",
        },
        Row {
            name: "liquidation with staff still employed",
            situation: "liquidation",
            changes: &[],
            today: "2026-06-01",
            pathway: Some(Buyout),
            urgency: Urgent,
            forms: BUYOUT_FORMS,
            routes: &[],
            clock: Some(("jobs do not transfer", None, None)),
            headline: "jobs do not transfer",
            mentions: "Redundancy Payments Service",
        },
        Row {
            name: "liquidation after dismissals: not now",
            situation: "liquidation",
            changes: &[("staff_dismissed", "yes")],
            today: "2026-06-01",
            pathway: None,
            urgency: Urgent,
            forms: &[],
            routes: &[NotNow],
            clock: Some(("jobs do not transfer", None, None)),
            headline: "Too late for a rescue",
            mentions: "new co-op",
        },
        Row {
            name: "owner retiring, profitable, staff keen",
            situation: "owner_retiring",
            changes: &[("timescale", "later")],
            today: "2026-06-01",
            pathway: Some(Buyout),
            urgency: NoRush,
            forms: BUYOUT_FORMS,
            routes: &[],
            clock: None,
            headline: "worth exploring",
            mentions: "confidentiality agreement",
        },
        Row {
            name: "owner selling within the year by date",
            situation: "owner_selling",
            changes: &[("target_date", "2027-01-01"), ("owner_wish", "not_asked")],
            today: "2026-06-01",
            pathway: Some(Buyout),
            urgency: Soon,
            forms: BUYOUT_FORMS,
            routes: &[],
            clock: None,
            headline: "worth exploring",
            mentions: "private conversation",
        },
        Row {
            name: "freelancers band together",
            situation: "freelancers",
            changes: &[
                ("people", "12"),
                ("sector", "creative"),
                ("union", "bectu"),
                ("profit", "not_trading"),
            ],
            today: "2026-06-01",
            pathway: Some(Freelancer),
            urgency: NoRush,
            forms: &["society_consortium", "umbrella_coop", "llp"],
            routes: &[],
            clock: None,
            headline: "freelancer co-op",
            mentions: "Bectu",
        },
        Row {
            name: "two people: too few for a society",
            situation: "new_idea",
            changes: &[("people", "2"), ("profit", "not_trading")],
            today: "2026-06-01",
            pathway: None,
            urgency: NoRush,
            forms: &["clg_worker", "llp"],
            routes: &[NotNow],
            clock: None,
            headline: "Too few people",
            mentions: "at least 3 members",
        },
        Row {
            name: "one person: no form yet",
            situation: "new_idea",
            changes: &[("people", "1"), ("profit", "not_trading")],
            today: "2026-06-01",
            pathway: None,
            urgency: NoRush,
            forms: &[],
            routes: &[NotNow],
            clock: None,
            headline: "Too few people",
            mentions: "find others",
        },
        Row {
            name: "staff not interested, owner wants tax relief: EOT",
            situation: "owner_selling",
            changes: &[
                ("interest", "not_interested"),
                ("owner_wish", "tax_efficient_sale"),
            ],
            today: "2026-06-01",
            pathway: None,
            urgency: NoRush,
            forms: &[],
            routes: &[EmployeeOwnershipTrust, NotNow],
            clock: None,
            headline: "employee ownership trust",
            mentions: "does not get the bonus tax relief",
        },
        Row {
            name: "community aim: community benefit society",
            situation: "owner_retiring",
            changes: &[("aim", "community"), ("sector", "retail")],
            today: "2026-06-01",
            pathway: None,
            urgency: NoRush,
            forms: &[],
            routes: &[CommunityBenefitSociety],
            clock: None,
            headline: "community benefit society",
            mentions: "community shares",
        },
        Row {
            name: "loss-making with unknown accounts: feasibility warning",
            situation: "owner_selling",
            changes: &[
                ("profit", "no"),
                ("turnaround", "not_sure"),
                ("accounts", "dont_know"),
            ],
            today: "2026-06-01",
            pathway: Some(Buyout),
            urgency: NoRush,
            forms: BUYOUT_FORMS,
            routes: &[],
            clock: None,
            headline: "worth exploring",
            mentions: "Feasibility warning",
        },
        Row {
            name: "loss-making with no turnaround idea: not now",
            situation: "owner_retiring",
            changes: &[("profit", "no"), ("turnaround", "no")],
            today: "2026-06-01",
            pathway: None,
            urgency: NoRush,
            forms: &[],
            routes: &[NotNow],
            clock: None,
            headline: "pay its way",
            mentions: "what would have to change",
        },
        Row {
            name: "new idea with five founders",
            situation: "new_idea",
            changes: &[
                ("people", "5"),
                ("profit", "not_trading"),
                ("union", "none"),
                ("timescale", "within_3_months"),
            ],
            today: "2026-06-01",
            pathway: Some(Startup),
            urgency: Soon,
            forms: &["society_worker", "clg_worker", "llp"],
            routes: &[],
            clock: None,
            headline: "new worker co-op",
            mentions: "3 people are committed",
        },
        Row {
            name: "large firm: EOT mentioned beside the buyout",
            situation: "owner_retiring",
            changes: &[("people", "300"), ("timescale", "within_a_year")],
            today: "2026-06-01",
            pathway: Some(Buyout),
            urgency: Soon,
            forms: BUYOUT_FORMS,
            routes: &[EmployeeOwnershipTrust],
            clock: None,
            headline: "worth exploring",
            mentions: "Large firms",
        },
        Row {
            name: "workers and community: both routes shown",
            situation: "owner_selling",
            changes: &[("aim", "both"), ("interest", "not_asked")],
            today: "2026-06-01",
            pathway: Some(Buyout),
            urgency: NoRush,
            forms: BUYOUT_FORMS,
            routes: &[CommunityBenefitSociety],
            clock: None,
            headline: "worth exploring",
            mentions: "Quietly ask colleagues",
        },
    ]
}

fn everything_said(rec: &Recommendation) -> String {
    let mut all = rec.warnings.join(" ");
    for text in rec.this_week.iter().chain(&rec.next_steps) {
        all.push(' ');
        all.push_str(text);
    }
    for alt in &rec.alternatives {
        all.push_str(&format!(
            " {} {} {}",
            alt.summary,
            alt.why,
            alt.trade_offs.join(" ")
        ));
    }
    for clock in &rec.clocks {
        all.push_str(&format!(" {}", clock.explanation));
    }
    all
}

#[test]
fn the_recommendation_table_holds() {
    for row in rows() {
        let today = day(row.today);
        let answers = parse(&input(row.situation, row.changes), today)
            .unwrap_or_else(|e| panic!("{}: {e:?}", row.name));
        let rec = assess(&answers, today);
        let name = row.name;
        assert_eq!(rec.pathway, row.pathway, "{name}: pathway");
        assert_eq!(rec.urgency, row.urgency, "{name}: urgency");
        let forms: Vec<_> = rec.legal_forms.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(forms, row.forms, "{name}: forms");
        let routes: Vec<_> = rec.alternatives.iter().map(|a| a.route).collect();
        assert_eq!(routes, row.routes, "{name}: alternatives");
        match (row.clock, rec.clocks.first()) {
            (None, None) => {}
            (Some((title, ends, left)), Some(clock)) => {
                assert!(
                    clock.title.contains(title),
                    "{name}: clock title {}",
                    clock.title
                );
                assert_eq!(clock.ends_on, ends.map(day), "{name}: ends on");
                assert_eq!(clock.days_left, left, "{name}: days left");
            }
            (expected, got) => panic!("{name}: clock expected {expected:?}, got {got:?}"),
        }
        assert!(
            rec.headline.contains(row.headline),
            "{name}: headline {}",
            rec.headline
        );
        assert!(
            everything_said(&rec).contains(row.mentions),
            "{name}: mentions {}",
            row.mentions
        );
        assert!(
            !rec.this_week.is_empty() && !rec.next_steps.is_empty(),
            "{name}: actions"
        );
        assert_eq!(
            rec.help[0].name, "Preston Co-operative Education Centre",
            "{name}: help"
        );
    }
}
