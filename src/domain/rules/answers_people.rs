//! The founders in a rules answers file, and the length each typed answer may have.

use serde_json::Value;

use super::Reader;
use crate::domain::printable::text_problem;
use crate::domain::rules::options::{Founder, FounderRole};

/// The most founders a rules file may list. Every founder signs the application and gets a
/// signature block in the rules; a co-op with more people than this registers with a
/// founding group and admits the others as members afterwards (the web form offers 12 rows).
pub const MAX_FOUNDERS: usize = 100;

/// The longest answer a person would give to each text question, in characters. Generous
/// for real answers, small enough that no answer can make a document slow or absurd.
pub(super) fn text_limit(key: &str) -> usize {
    match key {
        // RULES.md: the name is 3 to 120 characters; a union's or sponsor's name likewise.
        "name" | "union_name" | "fee_sponsor" | "fee_model_version" => 120,
        // A postal address with building, street, town and postcode is under 150.
        "office_address" => 300,
        "asset_lock_recipient" => 200,
        "trade_definition" => 1_000,
        // The question asks for 20 to 1,500 characters (the legal check judges the 20).
        "objects" => 1_500,
        _ => 500,
    }
}

fn read_founder(value: &Value) -> Option<Founder> {
    let obj = value.as_object()?;
    let number = |k: &str| match obj.get(k) {
        Some(Value::Number(n)) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
        Some(Value::String(s)) => s.trim().parse().ok(),
        None => Some(0),
        _ => None,
    };
    let roles = match obj.get("roles") {
        None => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|r| r.as_str().and_then(FounderRole::from_key))
            .collect::<Option<Vec<_>>>()?,
        Some(_) => return None,
    };
    let name = obj.get("name")?.as_str()?.trim().to_string();
    Some(Founder {
        age: number("age")?,
        hours_week: number("hours_week")?,
        employee_or_prospective: obj
            .get("employee_or_prospective")
            .and_then(Value::as_bool)
            .unwrap_or(true),
        is_registered_society: obj
            .get("is_registered_society")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        roles,
        name: (!name.is_empty()).then_some(name)?,
    })
}

pub(super) fn read_founders(r: &mut Reader<'_>, target: &mut Vec<Founder>) {
    let Some(value) = r.answers.get("founders") else {
        r.errors.add(
            "founders",
            "List the founder members who will sign the application",
        );
        return;
    };
    if value
        .as_array()
        .is_some_and(|items| items.len() > MAX_FOUNDERS)
    {
        r.errors.add(
            "founders",
            format!("List up to {MAX_FOUNDERS} founder members; others can join once the co-op is registered"),
        );
        return;
    }
    let names = value.as_array().into_iter().flatten().enumerate();
    for (i, name) in names.filter_map(|(i, f)| Some((i, f.get("name")?.as_str()?))) {
        if let Some(problem) = text_problem(name.trim(), text_limit("name")) {
            r.errors
                .add("founders", format!("Founder {}'s name: {problem}", i + 1));
            return;
        }
    }
    let parsed: Option<Vec<Founder>> = value
        .as_array()
        .and_then(|items| items.iter().map(read_founder).collect());
    match parsed {
        Some(founders) => *target = founders,
        None => r.errors.add(
            "founders",
            "Give each founder a name, an age and their weekly hours, with roles from: director, secretary, chair, treasurer",
        ),
    }
}

#[cfg(test)]
#[path = "answers_people_tests.rs"]
mod tests;
