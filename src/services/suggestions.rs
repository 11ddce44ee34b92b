//! What a case already knows, gathered for suggesting answers on its question pages (see
//! `domain::suggest`): its stage answers, rules and plan answers, the survey's totals (never
//! who answered what), the case record and its latest members' meeting's results. The caller has opened the case, so access was asked.

use serde_json::{Map, Value};

use super::cases::OpenCase;
use super::documents;
use super::render::Kind;
use super::Env;
use crate::domain::suggest::Known;
use crate::domain::survey::SurveyTotals;
use crate::error::AppResult;

pub async fn known(env: &Env<'_>, opened: &OpenCase) -> AppResult<Known> {
    let id = opened.id().get();
    let stages = super::pathways::state(env, opened).await?.answers;
    let (rules, _) = documents::answers(env.db(), id, Kind::Rules).await?;
    let (plan, _) = documents::answers(env.db(), id, Kind::BusinessPlan).await?;
    let survey = super::survey::case_totals(env.db(), id).await?;
    let meeting = super::meeting_facts::latest(env.db(), opened, env.clock.now()).await?;
    Ok(Known {
        stages: stages.into_iter().collect(),
        rules,
        plan,
        survey: survey_facts(&survey),
        case: case_facts(opened),
        meeting,
    })
}

/// The survey's totals by name: a suggestion names them as `survey.total_pence` and so on.
fn survey_facts(t: &SurveyTotals) -> Map<String, Value> {
    let mut out = Map::new();
    if t.responses == 0 {
        return out;
    }
    out.insert("responses".into(), Value::from(t.responses));
    out.insert("would_join".into(), Value::from(t.yes + t.maybe));
    let p = t.pledges;
    if p.members_pledged > 0 {
        out.insert("members_pledged".into(), Value::from(p.members_pledged));
        out.insert("total_pence".into(), Value::from(p.total_pence));
        let mean = p.total_pence / i64::from(p.members_pledged);
        out.insert("mean_pence".into(), Value::from(mean));
        // The plan's members' money is offered from the survey once anyone has pledged.
        out.insert("source".into(), Value::from("survey"));
    }
    out
}

fn case_facts(opened: &OpenCase) -> Map<String, Value> {
    let case = &opened.case;
    let mut out = Map::new();
    let workplace = if case.employer.trim().is_empty() {
        &case.name
    } else {
        &case.employer
    };
    out.insert("workplace".into(), Value::from(workplace.clone()));
    if case.worker_count > 0 {
        out.insert("headcount".into(), Value::from(case.worker_count));
    }
    out.insert("union_name".into(), Value::from(case.union_name.clone()));
    out
}
