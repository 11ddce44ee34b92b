//! The business-plan question pages, from `finance::form_pages()`. The answers are stored as
//! the nested JSON `parse_inputs` reads (`costs.legal` → `{"costs":{"legal":…}}`, the 2nd
//! source's rate `sources[1].rate_pct` → `{"sources":[…,{"rate_pct":…}]}`). Repeatable groups
//! show a fixed number of rows; "add another source" saves and shows one more.

use crate::web::templates::Template;
use rocket::data::Data;
use rocket::request::FlashMessage;
use rocket::{get, post, routes, Route};
use serde::Serialize;
use serde_json::Value;

use super::case_header::CaseHeader;
use super::doc_fields::{display, Control, DocReveal, FieldView};
use super::form_body;
use super::page::{PageContext, PageOrRedirect};
use super::plan_answers::{apply, first_field, get_path, page_errors};
use crate::domain::case::Case;
use crate::domain::field_errors::FieldErrors;
use crate::domain::finance::member_money::{self, SurveyPledges};
use crate::domain::finance::{self, FormField, FormPage};
use crate::domain::ids::CaseId;
use crate::domain::suggest::Known;
use crate::error::{AppError, AppResult};
use crate::services::documents::{self, Editing};
use crate::services::suggestions;
use crate::services::{auth::Actor, render::Kind, Env};

pub fn routes() -> Vec<Route> {
    routes![page, save_page]
}

/// Source rows shown before anyone asks for more.
const SOURCE_ROWS: usize = 6;

fn pages_for(case: &Case) -> Vec<FormPage> {
    finance::form_pages()
        .into_iter()
        .filter(|p| p.pathways.contains(&case.pathway.as_str()))
        .collect()
}

/// The first question page for this case's pathway.
pub fn first_page(case: &Case) -> &'static str {
    pages_for(case).first().map_or("bp_costs", |p| p.key)
}

fn control(kind: &str) -> Control {
    match kind {
        "long_text" => Control::LongText,
        "choice" => Control::Select,
        "number" | "money" | "percentage" | "date" => Control::Short,
        _ => Control::Text,
    }
}

fn field_view(f: &FormField, name: &str, saved: Option<&Value>, errors: &FieldErrors) -> FieldView {
    let value = display(saved);
    let hint = if f.kind.ends_with("_by_month") {
        format!("{} Type 12 figures separated by spaces.", f.hint)
    } else {
        f.hint.to_string()
    };
    FieldView::new(
        name,
        f.label,
        &hint,
        control(f.kind),
        value.clone(),
        &f.options,
        &[value],
    )
    .with_error(errors.first(name))
    .with_inputmode(inputmode(f))
}

/// iOS's decimal keypad has no minus sign: boxes whose hint asks for one, and dates typed
/// with spaces or slashes, get the full keyboard.
fn inputmode(f: &FormField) -> &'static str {
    match f.kind {
        "date" => "text",
        _ if f.hint.contains("minus") => "text",
        "number" => "numeric",
        "money" | "percentage" => "decimal",
        _ => "",
    }
}

#[derive(Serialize)]
struct RowView {
    heading: String,
    items: Vec<RowItem>,
}

/// A question of a row, or a block of follow-ups revealed by an earlier answer in the row.
#[derive(Serialize)]
struct RowItem {
    field: Option<FieldView>,
    reveal: Option<DocReveal>,
}

/// A row's fields with each group of `row_follow_ups` in a block after the field controlling
/// it (the source's type: a drop-down, so the optional script reveals the block and the block
/// says when to answer it).
fn row_items(page_key: &str, prefix: &str, mut fields: Vec<FieldView>) -> Vec<RowItem> {
    let mut blocks: Vec<(String, DocReveal)> = Vec::new();
    for group in finance::row_follow_ups(page_key) {
        let names: Vec<String> = group
            .fields
            .iter()
            .map(|f| format!("{prefix}{f}"))
            .collect();
        let (inside, rest): (Vec<FieldView>, Vec<FieldView>) =
            fields.into_iter().partition(|f| names.contains(&f.name));
        fields = rest;
        let controller = format!("{prefix}{}", group.controller);
        let id = format!("conditional-{}", names.first().map_or("", String::as_str));
        if let Some(select) = fields.iter_mut().find(|f| f.name == controller) {
            let ids = select
                .controls
                .take()
                .map_or(id.clone(), |c| format!("{c} {id}"));
            select.controls = Some(ids);
        }
        let reveal = DocReveal {
            id,
            name: controller.clone(),
            values: group.values.join(" "),
            note: Some(group.note.to_string()),
            fields: inside,
        };
        blocks.push((controller, reveal));
    }
    let mut items = Vec::new();
    for field in fields {
        let name = field.name.clone();
        items.push(RowItem {
            field: Some(field),
            reveal: None,
        });
        // A field's blocks follow it; a block whose controller is not in the row goes at
        // the end, so no question is lost.
        while let Some(at) = blocks.iter().position(|(c, _)| *c == name) {
            let (_, reveal) = blocks.remove(at);
            items.push(RowItem {
                field: None,
                reveal: Some(reveal),
            });
        }
    }
    items.extend(blocks.into_iter().map(|(_, reveal)| RowItem {
        field: None,
        reveal: Some(reveal),
    }));
    items
}

#[derive(Serialize)]
struct PageLink {
    href: String,
    title: &'static str,
    current: bool,
}

#[derive(Serialize)]
struct PlanView {
    header: CaseHeader,
    title: &'static str,
    intro: &'static str,
    action: String,
    fields: Vec<FieldView>,
    rows: Vec<RowView>,
    row_count: usize,
    may_add: bool,
    pages: Vec<PageLink>,
    version: i64,
    /// How to balance sources and uses, on the pages where they are typed.
    balance: Option<String>,
}

/// A question page showing `answers` (as saved, or as just typed) with `row_count` rows of a
/// repeated group. With `known`, an unanswered question shows what the case already knows as
/// a suggestion; without (a page shown again after a refused save), an emptied box stays so.
fn plan_view(
    editing: &Editing,
    (page, answers): (&FormPage, &Value),
    (errors, known): (&FieldErrors, Option<&Known>),
    row_count: usize,
) -> PlanView {
    let case = &editing.opened.case;
    let (fields, rows) = match &page.repeat {
        None => (
            page.fields
                .iter()
                .map(|f| {
                    let saved = get_path(answers, f.key);
                    let suggested = match (saved, known) {
                        (None, Some(known)) => finance::suggested::suggestion(f, known),
                        _ => None,
                    };
                    let shown = saved.or(suggested.as_ref().map(|s| &s.value));
                    let note = suggested.as_ref().map_or("", |s| s.note.as_str());
                    field_view(f, f.key, shown, errors).with_note(note)
                })
                .collect(),
            Vec::new(),
        ),
        Some(repeat) => {
            let rows = (0..row_count)
                .map(|i| {
                    let prefix = format!("{}[{i}].", repeat.key);
                    let fields = page
                        .fields
                        .iter()
                        .map(|f| {
                            let saved = answers
                                .get(repeat.key)
                                .and_then(|a| a.get(i))
                                .and_then(|r| r.get(f.key));
                            field_view(f, &format!("{prefix}{}", f.key), saved, errors)
                        })
                        .collect();
                    RowView {
                        heading: format!("{} {}", repeat.item_label, i + 1),
                        items: row_items(page.key, &prefix, fields),
                    }
                })
                .collect();
            (Vec::new(), rows)
        }
    };
    PlanView {
        header: CaseHeader::of(&editing.opened, "/documents"),
        title: page.title,
        intro: page.intro,
        action: format!("/cases/{}/documents/business-plan/{}", case.id, page.key),
        fields,
        rows,
        row_count,
        may_add: page.repeat.as_ref().is_some_and(|r| row_count < r.max),
        pages: pages_for(case)
            .iter()
            .map(|p| PageLink {
                href: format!("/cases/{}/documents/business-plan/{}", case.id, p.key),
                title: p.title,
                current: p.key == page.key,
            })
            .collect(),
        version: editing.version,
        balance: matches!(page.key, "bp_costs" | "bp_sources")
            .then(|| finance::balance::advice(answers))
            .flatten(),
    }
}

fn rows_to_show(page: &FormPage, answers: &Value, asked: Option<usize>) -> usize {
    let Some(repeat) = &page.repeat else { return 0 };
    let saved = answers
        .get(repeat.key)
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let base = if repeat.max <= 3 {
        repeat.max
    } else {
        SOURCE_ROWS
    };
    asked.unwrap_or(0).max(saved).max(base).min(repeat.max)
}

fn find_page(case: &Case, key: &str) -> AppResult<FormPage> {
    pages_for(case)
        .into_iter()
        .find(|p| p.key == key)
        .ok_or(AppError::NotFound)
}

#[get("/cases/<id>/documents/business-plan/<key>?<rows>")]
async fn page(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    key: &str,
    rows: Option<usize>,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let editing = documents::editing(&env, actor, id, Kind::BusinessPlan).await?;
    let page = find_page(&editing.opened.case, key)?;
    let answers = Value::Object(editing.answers.clone());
    let known = suggestions::known(&env, &editing.opened).await?;
    let count = rows_to_show(&page, &answers, rows);
    let view = plan_view(
        &editing,
        (&page, &answers),
        (&FieldErrors::new(), Some(&known)),
        count,
    );
    Ok(PageContext::for_actor(actor, flash).render(
        "case_documents/plan_questions",
        page.title,
        view,
    ))
}

#[post("/cases/<id>/documents/business-plan/<key>", data = "<data>")]
async fn save_page(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    key: &str,
    data: Data<'_>,
) -> AppResult<PageOrRedirect> {
    let mut editing = documents::editing(&env, actor, id, Kind::BusinessPlan).await?;
    let page = find_page(&editing.opened.case, key)?;
    let fields = form_body::read(data).await?;
    let version: i64 = form_body::value(&fields, "answers_version")
        .parse()
        .unwrap_or(-1);
    let row_count: usize = form_body::value(&fields, "rows").parse().unwrap_or(0);
    let pathway = editing.opened.case.pathway.as_str();
    let answers = &mut editing.answers;
    answers.insert("pathway".into(), Value::String(pathway.into()));
    apply(&page, &fields, row_count, answers);
    // With the survey chosen, its totals are the members' figures, whatever the boxes held.
    let survey = if page.fields.iter().any(|f| f.key == "members_money_from") {
        let totals = documents::survey_pledges(&env, &editing.opened).await?;
        member_money::apply_survey(
            answers,
            SurveyPledges {
                members: totals.members_pledged,
                total_pence: totals.total_pence,
            },
        )
    } else {
        Ok(())
    };
    let answers_value = Value::Object(answers.clone());
    let mut errors = page_errors(&page, &answers_value);
    if let Err(message) = survey {
        errors.add("members_money_from", message);
    }
    if version != editing.version {
        errors.add(first_field(&page), "Someone else saved these answers while you were editing. Nothing was saved: check this page and save again.");
    }
    if !errors.is_empty() {
        let count = rows_to_show(&page, &answers_value, Some(row_count));
        let view = plan_view(&editing, (&page, &answers_value), (&errors, None), count);
        let page = PageContext::for_actor(actor, None).render_with_errors(
            "case_documents/plan_questions",
            page.title,
            &errors,
            view,
        );
        return Ok(PageOrRedirect::invalid(page));
    }
    let answers = (&editing.answers, version);
    if !documents::save_answers(&env, actor, id, Kind::BusinessPlan, answers).await? {
        return Err(AppError::Conflict(
            "someone else saved the business plan answers first".into(),
        ));
    }
    if form_body::value(&fields, "more") == "1" {
        return Ok(PageOrRedirect::success(
            format!(
                "/cases/{id}/documents/business-plan/{key}?rows={}",
                row_count + 1
            ),
            "Answers saved. Fill in the new row below.",
        ));
    }
    let pages = pages_for(&editing.opened.case);
    let next = pages.iter().skip_while(|p| p.key != key).nth(1);
    Ok(match next {
        Some(next) => PageOrRedirect::success(
            format!("/cases/{id}/documents/business-plan/{}", next.key),
            "Answers saved",
        ),
        None => PageOrRedirect::success(
            format!("/cases/{id}/documents"),
            "Business plan answers saved. You can now make a draft.",
        ),
    })
}
