//! The rules question pages: choose the legal form first, then one page per group of
//! questions from `rules::form_pages(form)`. Each page saves into the case's rules answers;
//! a problem the answers cannot be read past is shown beside its question (422).

use crate::web::templates::Template;
use rocket::data::Data;
use rocket::request::FlashMessage;
use rocket::{get, post, routes, Route};
use serde::Serialize;
use serde_json::{Map, Value};

use super::case_header::CaseHeader;
use super::doc_fields::{display, list, Control, FieldView};
use super::form_body;
use super::page::{PageContext, PageOrRedirect};
use super::rules_founders::{founders_view, posted_founders, FoundersView};
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::CaseId;
use crate::domain::money::format_pounds;
use crate::domain::rules::{self, FieldKind, FormPage, LegalForm};
use crate::domain::suggest::Known;
use crate::error::{AppError, AppResult};
use crate::services::documents::{self, Editing};
use crate::services::suggestions;
use crate::services::{auth::Actor, render::Kind, Env};

pub fn routes() -> Vec<Route> {
    routes![start, choose_form, page, save_page]
}

const FORMS: &[(&str, &str)] = &[
    ("society", "Worker co-operative society (Co-operative and Community Benefit Societies Act 2014): the usual choice"),
    ("company", "Worker co-operative company limited by guarantee (Companies Act 2006)"),
    ("consortium", "Freelancers' consortium co-operative society: members are self-employed and trade through the co-op"),
];

fn legal_form(answers: &Map<String, Value>) -> Option<LegalForm> {
    match answers.get("legal_form").and_then(Value::as_str)? {
        "society" => Some(LegalForm::Society),
        "company" => Some(LegalForm::Company),
        "consortium" => Some(LegalForm::Consortium),
        _ => None,
    }
}

#[derive(Serialize)]
struct PageLink {
    href: String,
    title: &'static str,
    current: bool,
}

fn page_links(case_id: CaseId, form: Option<LegalForm>, current: &str) -> Vec<PageLink> {
    form.map(rules::form_pages)
        .unwrap_or_default()
        .iter()
        .map(|p| PageLink {
            href: format!("/cases/{case_id}/documents/rules/{}", p.key),
            title: p.title,
            current: p.key == current,
        })
        .collect()
}

#[derive(Serialize)]
struct StartView {
    header: CaseHeader,
    form: FieldView,
    pages: Vec<PageLink>,
    version: i64,
}

#[get("/cases/<id>/documents/rules")]
async fn start(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let Editing {
        opened,
        answers,
        version,
    } = documents::editing(&env, actor, id, Kind::Rules).await?;
    let mut chosen = display(answers.get("legal_form"));
    let mut form = form_choice(&chosen);
    if chosen.is_empty() {
        let known = suggestions::known(&env, &opened).await?;
        if let Some(s) = rules::suggested::legal_form_suggestion(&known, FORMS) {
            chosen = display(Some(&s.value));
            form = form_choice(&chosen).with_note(&s.note);
        }
    }
    let view = StartView {
        header: CaseHeader::of(&opened, "/documents"),
        form,
        pages: page_links(id, legal_form(&answers), ""),
        version,
    };
    Ok(PageContext::for_actor(actor, flash).render(
        "case_documents/rules_start",
        "Rules: the legal form",
        view,
    ))
}

fn form_choice(chosen: &str) -> FieldView {
    FieldView::new(
        "legal_form",
        "Which legal form will the co-op take?",
        "You can change this later; answers that apply to both forms are kept.",
        Control::Radios,
        chosen.to_string(),
        FORMS,
        &[chosen.to_string()],
    )
}

#[post("/cases/<id>/documents/rules", data = "<data>")]
async fn choose_form(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    data: Data<'_>,
) -> AppResult<PageOrRedirect> {
    let Editing {
        opened,
        mut answers,
        ..
    } = documents::editing(&env, actor, id, Kind::Rules).await?;
    let fields = form_body::read(data).await?;
    let chosen = form_body::value(&fields, "legal_form");
    let version = form_body::value(&fields, "answers_version")
        .parse()
        .unwrap_or(0);
    if !FORMS.iter().any(|(v, _)| *v == chosen) {
        let mut errors = FieldErrors::new();
        errors.add("legal_form", "Choose the legal form the co-op will take");
        let view = StartView {
            header: CaseHeader::of(&opened, "/documents"),
            form: form_choice("").with_error(errors.first("legal_form")),
            pages: page_links(id, legal_form(&answers), ""),
            version,
        };
        let page = PageContext::for_actor(actor, None).render_with_errors(
            "case_documents/rules_start",
            "Rules: the legal form",
            &errors,
            view,
        );
        return Ok(PageOrRedirect::invalid(page));
    }
    answers.insert("legal_form".into(), Value::String(chosen.to_string()));
    if !documents::save_answers(&env, actor, id, Kind::Rules, (&answers, version)).await? {
        return Err(AppError::Conflict(
            "someone else saved the rules answers first".into(),
        ));
    }
    let first = legal_form(&answers)
        .map(rules::form_pages)
        .and_then(|p| p.first().map(|p| p.key));
    Ok(PageOrRedirect::success(
        format!("/cases/{id}/documents/rules/{}", first.unwrap_or("")),
        "Legal form saved",
    ))
}

#[derive(Serialize)]
struct QuestionsView {
    header: CaseHeader,
    title: &'static str,
    action: String,
    fields: Vec<FieldView>,
    founders: Option<FoundersView>,
    pages: Vec<PageLink>,
    version: i64,
}

fn find_page(answers: &Map<String, Value>, key: &str) -> AppResult<(LegalForm, FormPage)> {
    let form = legal_form(answers).ok_or(AppError::NotFound)?;
    let page = rules::form_pages(form)
        .into_iter()
        .find(|p| p.key == key)
        .ok_or(AppError::NotFound)?;
    Ok((form, page))
}

/// A question page: `editing` holds the answers to show (as saved, or as just typed). With
/// `known`, an unanswered question shows what the case already knows as a suggestion; without
/// (a page shown again after a refused save), a box the rep emptied stays empty.
fn questions_view(
    editing: &Editing,
    (form, page): (LegalForm, &FormPage),
    errors: &FieldErrors,
    known: Option<&Known>,
) -> QuestionsView {
    let answers = &editing.answers;
    let case_id = editing.opened.id();
    let mut founders = None;
    let mut fields = Vec::new();
    for f in &page.fields {
        let suggested = match (answers.get(f.key), known) {
            (None, Some(known)) => rules::suggested::suggestion(f, known),
            _ => None,
        };
        let saved = answers.get(f.key).or(suggested.as_ref().map(|s| &s.value));
        let note = suggested.as_ref().map(|s| s.note.as_str());
        let control = match f.kind {
            FieldKind::Text => Control::Text,
            FieldKind::LongText => Control::LongText,
            FieldKind::Number | FieldKind::Percent | FieldKind::Money => Control::Short,
            FieldKind::YesNo | FieldKind::Choice => Control::Radios,
            FieldKind::MultiChoice => Control::Checkboxes,
            FieldKind::People => {
                founders = Some(founders_view(f.label, f.hint, saved, errors).with_note(note));
                continue;
            }
        };
        let value = match (f.kind, saved) {
            // A bare number in a money answer is pence; the box takes pounds.
            (FieldKind::Money, Some(Value::Number(n))) => format_pounds(n.as_i64().unwrap_or(0)),
            _ => display(saved),
        };
        let options: Vec<(&str, &str)> = if f.kind == FieldKind::YesNo {
            vec![("yes", "Yes"), ("no", "No")]
        } else {
            f.options.clone()
        };
        let chosen = if f.kind == FieldKind::MultiChoice {
            list(saved)
        } else {
            vec![value.clone()]
        };
        fields.push(
            FieldView::new(f.key, f.label, f.hint, control, value, &options, &chosen)
                .with_error(errors.first(f.key))
                .with_note(note.unwrap_or_default()),
        );
    }
    reveal_rest_of_page(&mut fields);
    QuestionsView {
        header: CaseHeader::of(&editing.opened, "/documents"),
        title: page.title,
        action: format!("/cases/{case_id}/documents/rules/{}", page.key),
        fields,
        founders,
        pages: page_links(case_id, Some(form), page.key),
        version: editing.version,
    }
}

/// The questions after an answer that calls for them go inside that answer's reveal block.
/// What is typed into them while another answer is chosen is kept with the answers (the rules
/// read it only once that answer is chosen), so choosing it again brings it back.
fn reveal_rest_of_page(fields: &mut Vec<FieldView>) {
    for (question, answer) in rules::REVEALS_REST_OF_PAGE {
        if let Some(at) = fields.iter().position(|f| f.name == *question) {
            let rest = fields.split_off(at + 1);
            fields[at].reveal(answer, rest);
        }
    }
}

#[get("/cases/<id>/documents/rules/<key>")]
async fn page(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    key: &str,
    flash: Option<FlashMessage<'_>>,
) -> AppResult<Template> {
    let editing = documents::editing(&env, actor, id, Kind::Rules).await?;
    let (form, page) = find_page(&editing.answers, key)?;
    let known = suggestions::known(&env, &editing.opened).await?;
    let view = questions_view(&editing, (form, &page), &FieldErrors::new(), Some(&known));
    Ok(PageContext::for_actor(actor, flash).render("case_documents/questions", page.title, view))
}

#[post("/cases/<id>/documents/rules/<key>", data = "<data>")]
async fn save_page(
    env: Env<'_>,
    actor: &Actor,
    id: CaseId,
    key: &str,
    data: Data<'_>,
) -> AppResult<PageOrRedirect> {
    let mut editing = documents::editing(&env, actor, id, Kind::Rules).await?;
    let fields = form_body::read(data).await?;
    let (form, page) = find_page(&editing.answers, key)?;
    let version: i64 = form_body::value(&fields, "answers_version")
        .parse()
        .unwrap_or(-1);
    apply(&page, &fields, &mut editing.answers);
    let mut errors = page_errors(&page, &editing.answers);
    if version != editing.version {
        errors.add(page.fields[0].key, "Someone else saved these answers while you were editing. Nothing was saved: check this page and save again.");
    }
    if !errors.is_empty() {
        let view = questions_view(&editing, (form, &page), &errors, None);
        let page = PageContext::for_actor(actor, None).render_with_errors(
            "case_documents/questions",
            page.title,
            &errors,
            view,
        );
        return Ok(PageOrRedirect::invalid(page));
    }
    let answers = &editing.answers;
    if !documents::save_answers(&env, actor, id, Kind::Rules, (answers, version)).await? {
        return Err(AppError::Conflict(
            "someone else saved the rules answers first".into(),
        ));
    }
    let pages = rules::form_pages(form);
    let next = pages.iter().skip_while(|p| p.key != key).nth(1);
    Ok(match next {
        Some(next) => PageOrRedirect::success(
            format!("/cases/{id}/documents/rules/{}", next.key),
            "Answers saved",
        ),
        None => PageOrRedirect::success(
            format!("/cases/{id}/documents"),
            "Rules answers saved. You can now make a draft.",
        ),
    })
}

/// The problems with this page's questions only (unreadable answers and every range the final
/// version enforces): other pages may not have been answered yet.
fn page_errors(page: &FormPage, answers: &Map<String, Value>) -> FieldErrors {
    let mut out = FieldErrors::new();
    // Ranges too: the final version's check runs here, on this page's own fields.
    for e in rules::answer_problems(answers)
        .iter()
        .filter(|e| page.fields.iter().any(|f| f.key == e.field))
    {
        out.add(e.field.clone(), e.message.clone());
    }
    out.labelled(|key| {
        page.fields
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.label.to_string())
    })
}

/// Puts a page's posted answers into the saved answers; an empty box removes the answer.
fn apply(page: &FormPage, fields: &[(String, String)], answers: &mut Map<String, Value>) {
    for f in &page.fields {
        let value = match f.kind {
            FieldKind::MultiChoice => Some(Value::Array(
                form_body::values(fields, f.key)
                    .into_iter()
                    .map(|v| Value::String(v.into()))
                    .collect(),
            )),
            FieldKind::People => Some(posted_founders(fields)),
            _ => Some(form_body::value(fields, f.key))
                .filter(|v| !v.is_empty())
                .map(|v| Value::String(v.to_string())),
        };
        match value {
            Some(v) => answers.insert(f.key.to_string(), v),
            None => answers.remove(f.key),
        };
    }
}
