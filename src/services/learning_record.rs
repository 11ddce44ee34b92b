//! Each member's learning record (events the register shows they attended, materials they
//! marked as read), a case's readiness for its members' decision, and what a stage page
//! suggests learning first.
//!
//! The record replaces the aftercare page's hand-typed "training log": entries typed there
//! before are read from the case's answers and shown as history, never changed.

use super::auth::Actor;
use super::cases::{self, OpenCase};
use super::event_signup::{load, EventWithSessions};
use super::Env;
use crate::db::entities::{events, learning_materials, users};
use crate::db::repo;
use crate::db::repo::learning_record::Attended;
use crate::domain::access::{sees_everyones_learning, Need};
use crate::domain::case::Case;
use crate::domain::ids::CaseId;
use crate::domain::learning::{decision_stage, governance_done, GovernanceDone, StageTag};
use crate::domain::pathways::answers::PersonRow;
use crate::error::AppResult;

/// The question the aftercare page used to ask; its stored answers are history now.
pub const OLD_TRAINING_LOG: &str = "training_log";

pub struct MemberRecord {
    pub user: users::Model,
    pub role: String,
    pub attended: Vec<Attended>,
    /// (material, when read), oldest first.
    pub read: Vec<(learning_materials::Model, i64)>,
    pub governance: Option<GovernanceDone>,
}

/// How many members have done the governance session before the decision stage.
pub struct Readiness {
    pub stage: StageTag,
    pub stage_title: String,
    pub done: usize,
    pub members: usize,
}

pub struct CaseLearning {
    pub opened: OpenCase,
    /// Everyone's for the centre and reps; the worker's own otherwise.
    pub members: Vec<MemberRecord>,
    pub sees_everyone: bool,
    pub readiness: Option<Readiness>,
    /// Rows typed into the old training log, for those who kept it (the centre and reps).
    pub old_log: Vec<PersonRow>,
}

/// The decision stage of the case's pathway, as a tag.
fn decision_tag(env: &Env<'_>, case: &Case) -> Option<(StageTag, String)> {
    let pathway = env.library.pathway(case.pathway.as_str())?;
    decision_stage(pathway).map(|s| (StageTag::new(&pathway.key, &s.key), s.title.clone()))
}

/// Every member's record, and the readiness count from them all.
async fn records(env: &Env<'_>, case: &Case) -> AppResult<(Vec<MemberRecord>, Option<Readiness>)> {
    let db = env.db();
    let members = repo::centre::members(db, case.id.get()).await?;
    let emails: Vec<String> = members
        .iter()
        .map(|(_, u)| u.email.to_lowercase())
        .collect();
    let ids: Vec<i64> = members.iter().map(|(_, u)| u.id).collect();
    let attended = repo::learning_record::attended(db, &emails).await?;
    let reads = repo::learning::reads_of(db, &ids).await?;
    let decision = decision_tag(env, case);
    let (tagged_events, tagged_materials) = match &decision {
        Some((tag, _)) => (
            repo::learning::events_for_stage(db, tag).await?,
            repo::learning::materials_for_stage(db, tag).await?,
        ),
        None => (Vec::new(), Vec::new()),
    };
    let mut out = Vec::new();
    for (membership, user) in members {
        let email = user.email.to_lowercase();
        let mine: Vec<Attended> = attended
            .iter()
            .filter(|a| a.email == email)
            .cloned()
            .collect();
        let mut read = Vec::new();
        for r in reads.iter().filter(|r| r.user_id == user.id) {
            if let Some(mut material) = repo::learning::find(db, r.material_id).await? {
                material.pdf = None;
                read.push((material, r.read_at));
            }
        }
        let governance = governance_done(
            mine.iter().any(|a| tagged_events.contains(&a.event.id)),
            read.iter().any(|(m, _)| tagged_materials.contains(&m.id)),
        );
        out.push(MemberRecord {
            role: membership.role,
            user,
            attended: mine,
            read,
            governance,
        });
    }
    let readiness = decision.map(|(stage, stage_title)| Readiness {
        done: out.iter().filter(|m| m.governance.is_some()).count(),
        members: out.len(),
        stage,
        stage_title,
    });
    Ok((out, readiness))
}

fn old_training_log(answers: &[crate::db::entities::case_answers::Model]) -> Vec<PersonRow> {
    answers
        .iter()
        .find(|a| a.question_key == OLD_TRAINING_LOG)
        .and_then(|a| serde_json::from_str::<Vec<PersonRow>>(&a.value).ok())
        .unwrap_or_default()
}

/// The case's learning page.
pub async fn case_learning(env: &Env<'_>, actor: &Actor, id: CaseId) -> AppResult<CaseLearning> {
    let opened = cases::open(env, actor, id, Need::Follow).await?;
    let sees_everyone = sees_everyones_learning(opened.role);
    let (mut members, readiness) = records(env, &opened.case).await?;
    if !sees_everyone {
        members.retain(|m| m.user.id == actor.id);
    }
    let old_log = if sees_everyone {
        old_training_log(&repo::answers::for_case(env.db(), id.get()).await?)
    } else {
        Vec::new()
    };
    Ok(CaseLearning {
        opened,
        members,
        sees_everyone,
        readiness,
        old_log,
    })
}

/// What a stage page suggests: materials and the next events tagged for the stage (open
/// ones, and the case's own), and for the decision stage, the readiness count.
pub struct BeforeStage {
    pub materials: Vec<learning_materials::Model>,
    pub events: Vec<EventWithSessions>,
    pub readiness: Option<Readiness>,
}

/// Upcoming events shown on a stage page.
const STAGE_EVENTS: usize = 3;

pub async fn before_stage(env: &Env<'_>, opened: &OpenCase, stage: &str) -> AppResult<BeforeStage> {
    let db = env.db();
    let tag = StageTag::new(opened.case.pathway.as_str(), stage);
    let mut materials = Vec::new();
    for id in repo::learning::materials_for_stage(db, &tag).await? {
        if let Some(mut m) = repo::learning::find(db, id).await? {
            if m.retired_at.is_none() {
                m.pdf = None;
                materials.push(m);
            }
        }
    }
    materials.sort_by(|a, b| a.title.cmp(&b.title));
    let now = env.clock.now();
    let mut events = Vec::new();
    for id in repo::learning::events_for_stage(db, &tag).await? {
        let Some(found) = load(db, id, now).await? else {
            continue;
        };
        if is_for_case(&found.event, opened.case.id) && upcoming(&found, now) {
            events.push(found);
        }
    }
    events.sort_by_key(|e| e.sessions.first().map_or(i64::MAX, |s| s.starts_at));
    events.truncate(STAGE_EVENTS);
    let readiness = match decision_tag(env, &opened.case) {
        Some((decision, _)) if decision == tag => records(env, &opened.case).await?.1,
        _ => None,
    };
    Ok(BeforeStage {
        materials,
        events,
        readiness,
    })
}

/// Open events are for everyone; an event of a case is for that case only.
fn is_for_case(event: &events::Model, case: CaseId) -> bool {
    event.status == "published"
        && match event.case_id {
            Some(own) => own == case.get(),
            None => event.is_open,
        }
}

fn upcoming(event: &EventWithSessions, now: i64) -> bool {
    event.sessions.iter().any(|s| s.ends_at > now)
}
