//! The page shown when someone else saved answers on a form page since it was opened: both
//! values side by side, and the person chooses per question.

use std::collections::BTreeMap;

use rocket::data::Data;
use rocket::{post, routes, Route};
use serde::Serialize;
use serde_json::Value;

use super::answers::{finish_save, page_path};
use super::case_header::CaseHeader;
use super::page::PageOrRedirect;
use super::questions::Fields;
use crate::domain::ids::CaseId;
use crate::domain::pathways::{display_answer, form_value, Answers, PathwayLibrary};
use crate::error::AppResult;
use crate::services::page_save::{Clash, PageSubmission};
use crate::services::pathways::{self as svc, FormPage, PageAt};
use crate::services::{auth::Actor, Env};

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

/// Both values of each clash; `form.answers` are the answers stored now.
pub(super) fn conflict_view(
    lib: &PathwayLibrary,
    form: &FormPage<'_>,
    clashes: &[Clash],
    mine: &Answers,
) -> ConflictView {
    let (stage, page, stored) = (form.stage, form.page, &form.answers);
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
        header: CaseHeader::of(&form.opened, ""),
        action: format!(
            "{}/resolve",
            page_path(form.opened.id(), &stage.key, &page.key)
        ),
        page_title: page.title.clone(),
        clashes,
        carried,
    }
}

/// The person's choice on the conflict page: per question, keep the other person's answer
/// or use their own; everything else they typed is saved as before.
#[post("/cases/<id>/stages/<stage>/pages/<page>/resolve", data = "<data>")]
async fn resolve(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    stage: &str,
    page: &str,
    data: Data<'_>,
) -> AppResult<PageOrRedirect> {
    let fields = Fields::read(data).await?;
    let form = svc::form_page(
        &env,
        actor,
        PageAt {
            case: id,
            stage,
            page,
        },
    )
    .await?;
    let submission = chosen(&form, &fields);
    finish_save(&env, actor, form, submission, false).await
}

/// The page as the person chose it: per question their own value or the other person's, and
/// the other person's as the answer the page was opened with (so it is not a clash again).
fn chosen(form: &FormPage<'_>, fields: &Fields) -> PageSubmission {
    let mut submission = PageSubmission {
        values: BTreeMap::new(),
        opened_with: BTreeMap::new(),
    };
    for q in &form.page.questions {
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
    submission
}
