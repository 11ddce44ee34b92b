//! Staff manage the learning library: write a page or upload a PDF, tag it with the stages it
//! helps with, change it, retire it (or bring it back); and tag events with stages, so stage
//! pages can offer them.

use crate::web::templates::Template;
use rocket::data::Capped;
use rocket::form::{Form, FromForm};
use rocket::fs::TempFile;
use rocket::tokio::io::AsyncReadExt;
use rocket::{get, post, routes, Route};
use serde::Serialize;

use super::events_public::{event_view, EventView};
use super::page::{PageContext, PageOrRedirect};
use super::session::Centre;
use crate::domain::field_errors::FieldErrors;
use crate::domain::ids::{EventId, MaterialId};
use crate::domain::learning::{stage_tags, MaterialFormat, MaterialInput, StageTag, Upload};
use crate::domain::pathways::PathwayLibrary;
use crate::error::{AppError, AppResult};
use crate::services::{learning, learning_signup, Env};

pub fn routes() -> Vec<Route> {
    routes![
        new,
        create,
        edit,
        update,
        retire,
        restore,
        event_stages,
        save_event_stages
    ]
}

#[derive(FromForm)]
struct MaterialForm<'r> {
    #[field(default = 0)]
    version: i64,
    #[field(default = String::new())]
    title: String,
    #[field(default = String::new())]
    format: String,
    #[field(default = String::new())]
    body: String,
    #[field(default = Vec::new())]
    stage: Vec<String>,
    file: Option<Capped<TempFile<'r>>>,
}

impl MaterialForm<'_> {
    fn input(&self, lib: &PathwayLibrary) -> MaterialInput {
        MaterialInput {
            title: self.title.clone(),
            format: self.format.clone(),
            body: self.body.clone(),
            tags: stage_tags(&self.stage, lib.pathways()),
        }
    }

    /// The chosen file, if any, read into memory (at most the `file/pdf` limit).
    async fn upload(&mut self) -> AppResult<Option<Upload>> {
        let Some(file) = self.file.as_mut().filter(|f| !f.is_empty()) else {
            return Ok(None);
        };
        let cut_short = !file.is_complete();
        let name = file
            .raw_name()
            .map(|n| n.dangerous_unsafe_unsanitized_raw().as_str().to_string())
            .unwrap_or_default();
        let mut bytes = Vec::new();
        file.open()
            .await
            .map_err(|e| AppError::Internal(format!("reading an upload: {e}")))?
            .read_to_end(&mut bytes)
            .await
            .map_err(|e| AppError::Internal(format!("reading an upload: {e}")))?;
        Ok(Some(Upload {
            name,
            bytes,
            cut_short,
        }))
    }
}

/// One stage to tick, in its pathway's group.
#[derive(Serialize)]
pub struct StageBox {
    pub value: String,
    pub id: String,
    pub label: String,
    pub checked: bool,
}

#[derive(Serialize)]
pub struct StageGroup {
    pub pathway: String,
    pub stages: Vec<StageBox>,
}

/// Every pathway's stages as boxes, the given ones ticked.
pub fn stage_groups(lib: &PathwayLibrary, ticked: &[StageTag]) -> Vec<StageGroup> {
    lib.pathways()
        .iter()
        .map(|p| StageGroup {
            pathway: p.title.clone(),
            stages: p
                .stages
                .iter()
                .map(|s| {
                    let tag = StageTag::new(&p.key, &s.key);
                    StageBox {
                        id: format!("stage-{}-{}", p.key, s.key),
                        checked: ticked.contains(&tag),
                        value: tag.value(),
                        label: s.title.clone(),
                    }
                })
                .collect(),
        })
        .collect()
}

#[derive(Serialize)]
struct FormView {
    action: String,
    version: i64,
    title: String,
    is_page: bool,
    is_pdf: bool,
    body: String,
    stored_pdf: String,
    groups: Vec<StageGroup>,
    field_errors: std::collections::BTreeMap<String, String>,
}

fn form_view(
    lib: &PathwayLibrary,
    action: String,
    form: &MaterialInput,
    version: i64,
    stored_pdf: String,
    errors: &FieldErrors,
) -> FormView {
    FormView {
        action,
        version,
        title: form.title.clone(),
        is_page: form.format != MaterialFormat::Pdf.as_str(),
        is_pdf: form.format == MaterialFormat::Pdf.as_str(),
        body: form.body.clone(),
        stored_pdf,
        groups: stage_groups(lib, &form.tags),
        field_errors: errors.by_field(),
    }
}

#[get("/staff/learning/new")]
fn new(env: Env<'_>, centre: Centre<'_>) -> Template {
    let input = MaterialInput {
        format: MaterialFormat::Page.as_str().into(),
        ..Default::default()
    };
    let view = form_view(
        env.library,
        "/staff/learning".into(),
        &input,
        0,
        String::new(),
        &FieldErrors::new(),
    );
    PageContext::for_actor(centre.0, None).render("learning/form", "Add a learning material", view)
}

#[post("/staff/learning", data = "<form>")]
async fn create(
    env: Env<'_>,
    centre: Centre<'_>,
    mut form: Form<MaterialForm<'_>>,
) -> AppResult<PageOrRedirect> {
    let upload = form.upload().await?;
    let input = form.input(env.library);
    match learning::create(&env, centre.0, &input, upload.as_ref()).await? {
        Ok(id) => Ok(PageOrRedirect::success(
            format!("/learning/{id}"),
            "The material is in the library.",
        )),
        Err(errors) => {
            let view = form_view(
                env.library,
                "/staff/learning".into(),
                &input,
                0,
                String::new(),
                &errors,
            );
            Ok(PageOrRedirect::invalid(
                PageContext::for_actor(centre.0, None).render_with_errors(
                    "learning/form",
                    "Add a learning material",
                    &errors,
                    view,
                ),
            ))
        }
    }
}

#[get("/staff/learning/<material>/edit")]
async fn edit(env: Env<'_>, centre: Centre<'_>, material: MaterialId) -> AppResult<Template> {
    let reading = learning::for_edit(&env, centre.0, material).await?;
    let row = &reading.material.row;
    let input = MaterialInput {
        title: row.title.clone(),
        format: row.format.clone(),
        body: row.body.clone(),
        tags: reading.material.tags.clone(),
    };
    let view = form_view(
        env.library,
        format!("/staff/learning/{material}/edit"),
        &input,
        row.version,
        row.pdf_name.clone(),
        &FieldErrors::new(),
    );
    Ok(PageContext::for_actor(centre.0, None).render(
        "learning/form",
        "Change a learning material",
        view,
    ))
}

#[post("/staff/learning/<material>/edit", data = "<form>")]
async fn update(
    env: Env<'_>,
    centre: Centre<'_>,
    material: MaterialId,
    mut form: Form<MaterialForm<'_>>,
) -> AppResult<PageOrRedirect> {
    let upload = form.upload().await?;
    let input = form.input(env.library);
    match learning::update(
        &env,
        centre.0,
        material,
        form.version,
        &input,
        upload.as_ref(),
    )
    .await?
    {
        Ok(()) => Ok(PageOrRedirect::success(
            format!("/learning/{material}"),
            "The material is saved.",
        )),
        Err(errors) => {
            let stored = learning::for_edit(&env, centre.0, material).await?;
            let view = form_view(
                env.library,
                format!("/staff/learning/{material}/edit"),
                &input,
                form.version,
                stored.material.row.pdf_name.clone(),
                &errors,
            );
            Ok(PageOrRedirect::invalid(
                PageContext::for_actor(centre.0, None).render_with_errors(
                    "learning/form",
                    "Change a learning material",
                    &errors,
                    view,
                ),
            ))
        }
    }
}

#[post("/staff/learning/<material>/retire")]
async fn retire(
    env: Env<'_>,
    centre: Centre<'_>,
    material: MaterialId,
) -> AppResult<PageOrRedirect> {
    learning::set_retired(&env, centre.0, material, true).await?;
    Ok(PageOrRedirect::success(
        "/learning",
        "The material is retired: it is no longer offered, and stays in the records of those who read it.",
    ))
}

#[post("/staff/learning/<material>/restore")]
async fn restore(
    env: Env<'_>,
    centre: Centre<'_>,
    material: MaterialId,
) -> AppResult<PageOrRedirect> {
    learning::set_retired(&env, centre.0, material, false).await?;
    Ok(PageOrRedirect::success(
        format!("/learning/{material}"),
        "The material is offered again.",
    ))
}

#[derive(Serialize)]
struct EventStagesView {
    event: EventView,
    groups: Vec<StageGroup>,
}

#[get("/staff/events/<id>/stages")]
async fn event_stages(env: Env<'_>, centre: Centre<'_>, id: EventId) -> AppResult<Template> {
    let (event, tags) = learning_signup::event_tags(&env, centre.0, id).await?;
    let view = EventStagesView {
        event: event_view(&event),
        groups: stage_groups(env.library, &tags),
    };
    Ok(PageContext::for_actor(centre.0, None).render(
        "learning/event_stages",
        "Stages this event helps with",
        view,
    ))
}

#[derive(FromForm)]
struct StagesForm {
    #[field(default = Vec::new())]
    stage: Vec<String>,
}

#[post("/staff/events/<id>/stages", data = "<form>")]
async fn save_event_stages(
    env: Env<'_>,
    centre: Centre<'_>,
    id: EventId,
    form: Form<StagesForm>,
) -> AppResult<PageOrRedirect> {
    learning_signup::set_event_tags(&env, centre.0, id, &form.stage).await?;
    Ok(PageOrRedirect::success(
        format!("/staff/events/{id}"),
        "Saved: the event is offered on the pages of those stages.",
    ))
}
