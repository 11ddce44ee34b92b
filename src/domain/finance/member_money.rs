//! Where the plan's members' money comes from: the workers' survey's totals or figures the
//! rep typed (answer `members_money_from`, "survey" or "typed"; typed when not answered). With
//! the survey, its totals as they stand replace the figures saved whenever the plan is saved
//! or made, so the survey's promise that its totals feed the plan is true.

use serde_json::{Map, Value};

/// The survey's pledges: how many people would join and pledged, and the sum they pledged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SurveyPledges {
    pub members: u32,
    pub total_pence: i64,
}

impl SurveyPledges {
    /// The average pledge, rounded down to the penny.
    pub fn each(self) -> i64 {
        if self.members == 0 {
            0
        } else {
            self.total_pence / i64::from(self.members)
        }
    }
}

/// Whether the answers take members' money from the survey.
pub fn from_survey(answers: &Map<String, Value>) -> bool {
    answers.get("members_money_from").and_then(Value::as_str) == Some("survey")
}

/// Puts the survey's figures into the answers when they take members' money from it. An
/// error (for the `members_money_from` question) when the survey has no pledges yet.
pub fn apply_survey(answers: &mut Map<String, Value>, survey: SurveyPledges) -> Result<(), String> {
    if !from_survey(answers) {
        return Ok(());
    }
    if survey.members == 0 {
        return Err("No one has pledged money in the workers' survey yet: choose the figures typed below, and type them".into());
    }
    let each = survey.each();
    answers.insert(
        "members_pledged".into(),
        Value::from(survey.members.to_string()),
    );
    answers.insert(
        "pledge_each".into(),
        Value::from(format!("{}.{:02}", each / 100, each % 100)),
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_survey_replaces_typed_figures_only_when_chosen() {
        let survey = SurveyPledges {
            members: 3,
            total_pence: 100_000,
        };
        let mut typed =
            json!({"members_money_from": "typed", "members_pledged": "9", "pledge_each": "5"});
        let Value::Object(map) = &mut typed else {
            unreachable!()
        };
        apply_survey(map, survey).expect("typed");
        assert_eq!(map["members_pledged"], json!("9"));
        map.insert("members_money_from".into(), json!("survey"));
        apply_survey(map, survey).expect("survey");
        assert_eq!(map["members_pledged"], json!("3"));
        assert_eq!(map["pledge_each"], json!("333.33"));
        assert!(apply_survey(map, SurveyPledges::default()).is_err());
    }
}
