//! The page shown when someone else saved answers on a form page since it was opened: both
//! values side by side, and the person chooses per question.

use std::collections::BTreeMap;

use rocket::data::Data;
use rocket::{post, routes, Route, State};
use sea_orm::DatabaseConnection;
use serde::Serialize;
use serde_json::Value;

use super::answers::{finish_save, open_page, page_path};
use super::case_header::CaseHeader;
use super::page::PageOrRedirect;
use super::questions::Fields;
use crate::clock::Clock;
use crate::db::entities::cases;
use crate::domain::pathways::definition::{Page, Stage};
use crate::domain::pathways::{display_answer, form_value, Answers, PathwayLibrary};
use crate::error::AppResult;
use crate::services::pathways::{Clash, PageSubmission};
use crate::services::{auth::Actor, cases::Access};

pub fn routes() -> Vec<Route> {
    routes![resolve]
}

#[derive(Serialize)]
pub(super) struct ConflictView {
    header: CaseHeader,
    action: String,
    page_title: String,
    clashes: Vec<ClashView>,
    /// Hidden fields carrying this person's values and the answers now stored.
    carried: Vec<Carried>,
}

#[derive(Serialize)]
struct ClashView {
    key: String,
    label: String,
    theirs: String,
    yours: String,
}

#[derive(Serialize)]
struct Carried {
    name: String,
    value: String,
}

pub(super) fn conflict_view(
    (case, access): (&cases::Model, Access),
    lib: &PathwayLibrary,
    (stage, page): (&Stage, &Page),
    stored: &Answers,
    clashes: &[Clash],
    mine: &Answers,
) -> ConflictView {
    let json = |v: Option<&Value>| v.map(Value::to_string).unwrap_or_default();
    let mut carried = Vec::new();
    for q in &page.questions {
        carried.push(Carried {
            name: format!("_mine.{}", q.key),
            value: json(mine.get(&q.key)),
        });
        carried.push(Carried {
            name: format!("_orig.{}", q.key),
            value: json(stored.get(&q.key)),
        });
    }
    let clashes = clashes
        .iter()
        .filter_map(|c| {
            let q = lib.question(&c.key)?;
            Some(ClashView {
                key: c.key.clone(),
                label: c.label.clone(),
                theirs: display_answer(q, c.theirs.as_ref()),
                yours: display_answer(q, c.yours.as_ref()),
            })
        })
        .collect();
    ConflictView {
        header: CaseHeader::new(case, access, ""),
        action: format!("{}/resolve", page_path(case.id, &stage.key, &page.key)),
        page_title: page.title.clone(),
        clashes,
        carried,
    }
}

/// The person's choice on the conflict page: per question, keep the other person's answer
/// or use their own; everything else they typed is saved as before.
#[allow(clippy::too_many_arguments)]
#[post("/cases/<id>/stages/<stage>/pages/<page>/resolve", data = "<data>")]
async fn resolve(
    actor: &Actor,
    id: i64,
    stage: &str,
    page: &str,
    data: Data<'_>,
    db: &State<DatabaseConnection>,
    clock: &State<Clock>,
    lib: &State<PathwayLibrary>,
) -> AppResult<PageOrRedirect> {
    let fields = Fields::read(data).await?;
    let (case, access, stage, page, _) = open_page(db, lib, actor, (id, stage, page)).await?;
    let mut submission = PageSubmission {
        values: BTreeMap::new(),
        opened_with: BTreeMap::new(),
    };
    for q in &page.questions {
        let theirs = fields.json(&format!("_orig.{}", q.key)).unwrap_or(None);
        let mine = fields.json(&format!("_mine.{}", q.key)).unwrap_or(None);
        let keep_theirs = fields.get(&format!("_choose.{}", q.key)) == Some("theirs");
        let chosen = if keep_theirs {
            theirs.as_ref()
        } else {
            mine.as_ref()
        };
        submission
            .values
            .insert(q.key.clone(), form_value(q, chosen));
        submission.opened_with.insert(q.key.clone(), theirs);
    }
    finish_save(
        db,
        clock,
        lib,
        actor,
        (&case, access),
        (stage, page),
        submission,
        false,
    )
    .await
}
