//! Suggested answers: what the case already knows, offered pre-filled on a question the rep has
//! not answered, with where it came from. Nothing is stored until the rep saves the page, and a
//! saved or typed answer always wins over a suggestion.
//!
//! A question declares its suggestion in one of two ways:
//! - a usual figure stated in its own hint ("0 to 16; 8 is usual", "Usually £1"), found by
//!   [`usual_in_hint`], so the hint and the suggestion cannot disagree;
//! - another answer the case holds ([`Source`]): a stage answer, a rules or plan answer, the
//!   workers' survey totals or the case record, turned into this question's kind of answer by
//!   a [`Via`].
//!
//! Pure: the web layer gathers the [`Known`] answers through services and shows the result.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Where a suggested answer comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The usual figure the question's hint states.
    Usual,
    Stages,
    Rules,
    Plan,
    Survey,
    Case,
    Meeting,
}

impl Place {
    fn parse(name: &str) -> Option<Place> {
        Some(match name {
            "stages" => Place::Stages,
            "rules" => Place::Rules,
            "plan" => Place::Plan,
            "survey" => Place::Survey,
            "case" => Place::Case,
            "meeting" => Place::Meeting,
            _ => return None,
        })
    }

    /// How the page names the source, in front of the suggested value.
    fn phrase(self) -> &'static str {
        match self {
            Place::Usual => "Suggested: the usual figure",
            Place::Stages => "Suggested from your answers in the stages",
            Place::Rules => "From the rules",
            Place::Plan => "From the business plan",
            Place::Survey => "From the workers' survey",
            Place::Case => "From the case record",
            Place::Meeting => "From the meeting's results in coopkit",
        }
    }
}

/// How a known answer becomes this question's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// The value as it is.
    Same,
    /// A choice mapped to this question's choice: `(known value, this question's value)`.
    Choice(&'static [(&'static str, &'static str)]),
    /// A business name made into a co-op's registered name ("… Co-operative Limited").
    CoopName,
    /// A list of people (stage `people_list`) as founders: their names.
    Founders,
    /// A list of people, counted.
    Count,
    /// A sum in pence as pounds and pence typed in a box ("1234.50").
    Pounds,
    /// Pounds typed in a box ("£1,234.50") as pence.
    Pence,
}

/// One declared source: a place, the answer's key there (a dotted path for nested answers)
/// and how to turn it into this question's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source<'a> {
    pub place: Place,
    pub key: &'a str,
    pub via: Via,
}

impl<'a> Source<'a> {
    pub const fn new(place: Place, key: &'a str, via: Via) -> Self {
        Self { place, key, via }
    }

    /// `"survey.total_pence"`, as written in a pathway file.
    pub fn parse(path: &'a str, via: Via) -> Option<Self> {
        let (place, key) = path.split_once('.')?;
        Some(Self::new(Place::parse(place)?, key, via))
    }
}

/// A suggestion as a pathway file writes it: `suggest = "case.headcount"`, or with a mapping
/// of choices, `suggest = { from = "rules.legal_form", map = { society = "fca" } }`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Declared {
    Path(String),
    Mapped {
        from: String,
        map: std::collections::BTreeMap<String, String>,
    },
}

impl Declared {
    pub fn path(&self) -> &str {
        match self {
            Declared::Path(p) => p,
            Declared::Mapped { from, .. } => from,
        }
    }

    /// Whether the path names a place coopkit knows, for the pathway loader.
    pub fn is_known(&self) -> bool {
        Source::parse(self.path(), Via::Same).is_some()
    }

    /// The suggestion this declares, from what the case knows.
    pub fn suggest(&self, known: &Known, options: &[(&str, &str)]) -> Option<Suggestion> {
        let from = Source::parse(self.path(), Via::Same)?;
        let found = known.get(from.place, from.key)?;
        let value = match self {
            Declared::Path(_) => found.clone(),
            Declared::Mapped { map, .. } => Value::from(map.get(&text_of(found))?.clone()),
        };
        Some(Suggestion::new(from.place, value, options))
    }
}

/// Everything a case already holds that a question may suggest from: each place as a JSON
/// object (plan answers nest, so keys are dotted paths).
#[derive(Debug, Clone, Default)]
pub struct Known {
    pub stages: Map<String, Value>,
    pub rules: Map<String, Value>,
    pub plan: Map<String, Value>,
    pub survey: Map<String, Value>,
    pub case: Map<String, Value>,
    /// The latest members' meeting under the rules with results: its date, notice, numbers
    /// and what it voted on, so the stage page that records it is not typed in again.
    pub meeting: Map<String, Value>,
}

impl Known {
    /// A known answer; empty text, empty lists and nulls count as not known.
    pub fn get(&self, place: Place, key: &str) -> Option<&Value> {
        let map = match place {
            Place::Usual => return None,
            Place::Stages => &self.stages,
            Place::Rules => &self.rules,
            Place::Plan => &self.plan,
            Place::Survey => &self.survey,
            Place::Case => &self.case,
            Place::Meeting => &self.meeting,
        };
        let mut parts = key.split('.');
        let mut at = map.get(parts.next()?)?;
        for part in parts {
            at = at.get(part)?;
        }
        let empty = match at {
            Value::Null => true,
            Value::String(s) => s.trim().is_empty(),
            Value::Array(items) => items.is_empty(),
            _ => false,
        };
        (!empty).then_some(at)
    }
}

/// A value offered for a question, and the sentence that says where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub value: Value,
    pub note: String,
}

impl Suggestion {
    /// `options` are the question's choices, so the note names a choice by its label.
    fn new(place: Place, value: Value, options: &[(&str, &str)]) -> Self {
        let shown = match &value {
            Value::String(s) => options
                .iter()
                .find(|(v, _)| v == s)
                .map(|(_, label)| (*label).to_string()),
            Value::Bool(b) => Some(if *b { "Yes" } else { "No" }.to_string()),
            _ => None,
        };
        let note = match (place, shown) {
            (Place::Usual, _) => format!("{}. Change it if yours is different.", place.phrase()),
            (_, Some(label)) => {
                format!("{}: {label}. Change it if it is not right.", place.phrase())
            }
            (_, None) => format!("{}. Change it if it is not right.", place.phrase()),
        };
        Self { value, note }
    }
}

/// A question's stated default, offered as the usual answer.
pub fn usual(value: Value) -> Suggestion {
    Suggestion::new(Place::Usual, value, &[])
}

/// The first of `sources` the case knows, turned into this question's answer.
pub fn first_known(
    sources: &[Source<'_>],
    known: &Known,
    options: &[(&str, &str)],
) -> Option<Suggestion> {
    sources.iter().find_map(|s| {
        let value = convert(known.get(s.place, s.key)?, s.via)?;
        Some(Suggestion::new(s.place, value, options))
    })
}

/// The usual figure a hint states, as it is typed in a box: "8" from "0 to 16; 8 is usual",
/// "1" from "Usually £1". Only "… is usual" and "Usually £…" count: "(10 usual)" in a hint
/// that also gives other forms' limits is left alone.
pub fn usual_in_hint(hint: &str) -> Option<Suggestion> {
    let figure = |s: &str| -> Option<String> {
        let digits: String = s
            .trim_start_matches('£')
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
            .filter(|c| *c != ',')
            .collect();
        let digits = digits.trim_end_matches('.').to_string();
        (!digits.is_empty()).then_some(digits)
    };
    let found = hint
        .split(['.', ';', '(', ')'])
        .find_map(|clause| {
            let clause = clause.trim();
            let before = clause.strip_suffix(" is usual")?;
            let word = before.rsplit(' ').next()?.trim_end_matches('%');
            figure(word)
        })
        .or_else(|| {
            let after = hint.split("Usually £").nth(1)?;
            figure(after)
        })?;
    Some(Suggestion::new(Place::Usual, Value::String(found), &[]))
}

fn text_of(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Bool(true) => "yes".into(),
        Value::Bool(false) => "no".into(),
        other => other.to_string(),
    }
}

/// "Ribble Print Ltd" as "Ribble Print Co-operative Limited": the old company's ending goes,
/// and a society's name must end in "Limited".
fn coop_name(business: &str) -> Option<String> {
    let mut base = business.trim();
    for ending in [" ltd.", " ltd", " limited", " plc"] {
        let cut = base.len().saturating_sub(ending.len());
        if base
            .get(cut..)
            .is_some_and(|tail| tail.eq_ignore_ascii_case(ending))
        {
            base = base[..cut].trim_end();
        }
    }
    if base.is_empty() {
        return None;
    }
    let lower = base.to_lowercase();
    Some(
        if lower.ends_with("co-operative") || lower.ends_with("co-op") {
            format!("{base} Limited")
        } else {
            format!("{base} Co-operative Limited")
        },
    )
}

fn convert(value: &Value, via: Via) -> Option<Value> {
    Some(match via {
        Via::Same => value.clone(),
        Via::Choice(map) => {
            let text = text_of(value);
            Value::from(map.iter().find(|(from, _)| *from == text)?.1)
        }
        Via::CoopName => Value::from(coop_name(&text_of(value))?),
        Via::Founders => Value::Array(
            value
                .as_array()?
                .iter()
                .filter_map(|p| p.get("name").and_then(Value::as_str))
                .map(|name| serde_json::json!({ "name": name }))
                .collect(),
        ),
        Via::Count => Value::from(value.as_array()?.len()),
        Via::Pounds => {
            let pence = value.as_i64()?;
            Value::from(format!("{}.{:02}", pence / 100, pence % 100))
        }
        Via::Pence => {
            let text: String = text_of(value)
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            let (pounds, pence) = text.split_once('.').unwrap_or((text.as_str(), "0"));
            let pence = format!("{pence:0<2}");
            Value::from(pounds.parse::<i64>().ok()? * 100 + pence.get(..2)?.parse::<i64>().ok()?)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_usual_figure_is_read_from_the_hint_that_states_it() {
        let usual = |h: &str| usual_in_hint(h).map(|s| s.value);
        assert_eq!(
            usual("0 to 16; 8 is usual. Setting it high can unfairly shut out part-timers."),
            Some(json!("8"))
        );
        assert_eq!(
            usual("Usually £1. It buys a vote, not a return."),
            Some(json!("1"))
        );
        assert_eq!(
            usual("More than 50 and up to 100; 75 is usual. Companies are fixed at 75 by law."),
            Some(json!("75"))
        );
        assert_eq!(
            usual("What a member promises to pay: £1 to £100; £1 is usual."),
            Some(json!("1"))
        );
        assert_eq!(
            usual("Societies 5 to 20 (10 usual); companies at most 5, by law."),
            None
        );
        assert_eq!(usual("Usually everyone below supervisor level."), None);
        let note = usual_in_hint("1 to 12; 6 is usual.").expect("usual").note;
        assert!(note.starts_with("Suggested: the usual figure"), "{note}");
    }

    #[test]
    fn a_known_answer_is_offered_with_where_it_came_from() {
        let mut known = Known::default();
        known.rules.insert("legal_form".into(), json!("society"));
        known.stages.insert(
            "sg_members".into(),
            json!([{"name": "Ann", "role": "chair"}, {"name": "Bo"}]),
        );
        known
            .case
            .insert("employer".into(), json!("Ribble Print Ltd"));
        known.plan.insert("price".into(), json!("£350,000.5"));
        let map = &[("society", "society_worker")];
        let options = &[("society_worker", "Worker co-operative society")];
        let s = first_known(
            &[Source::new(Place::Rules, "legal_form", Via::Choice(map))],
            &known,
            options,
        )
        .expect("known");
        assert_eq!(s.value, json!("society_worker"));
        assert_eq!(
            s.note,
            "From the rules: Worker co-operative society. Change it if it is not right."
        );
        let founders = first_known(
            &[
                Source::new(Place::Stages, "committed_founders", Via::Founders),
                Source::new(Place::Stages, "sg_members", Via::Founders),
            ],
            &known,
            &[],
        )
        .expect("the second source");
        assert_eq!(founders.value, json!([{"name": "Ann"}, {"name": "Bo"}]));
        let name = first_known(
            &[Source::new(Place::Case, "employer", Via::CoopName)],
            &known,
            &[],
        )
        .expect("name");
        assert_eq!(name.value, json!("Ribble Print Co-operative Limited"));
        let pence = first_known(
            &[Source::new(Place::Plan, "price", Via::Pence)],
            &known,
            &[],
        )
        .expect("price");
        assert_eq!(pence.value, json!(35_000_050));
        assert_eq!(
            first_known(
                &[Source::new(Place::Survey, "total_pence", Via::Same)],
                &known,
                &[]
            ),
            None
        );
    }

    #[test]
    fn a_pathway_file_names_a_place_and_may_map_choices() {
        #[derive(Deserialize)]
        struct Question {
            suggest: Declared,
        }
        let mut known = Known::default();
        known.rules.insert("legal_form".into(), json!("company"));
        let q: Question = toml::from_str(
            "suggest = { from = \"rules.legal_form\", map = { society = \"fca\", company = \"companies_house\" } }",
        )
        .expect("declared");
        assert!(q.suggest.is_known());
        let s = q
            .suggest
            .suggest(&known, &[("companies_house", "Companies House")])
            .expect("mapped");
        assert_eq!(s.value, json!("companies_house"));
        assert_eq!(
            s.note,
            "From the rules: Companies House. Change it if it is not right."
        );
        assert!(!Declared::Path("nowhere.x".into()).is_known());
    }
}
