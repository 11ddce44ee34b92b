//! The glossary page: what the terms of art in the guidance mean.
//!
//! Public, like the readiness check: the words are general law and practice with nothing
//! about any case, and the people who most need them (a worker on an invitation link, a
//! visitor weighing a buyout) may not have an account. Stage pages link each term here.

use crate::web::templates::Template;
use rocket::{get, routes, Route, State};
use serde::Serialize;

use super::page::PageContext;
use super::session::CsrfToken;
use crate::domain::pathways::PathwayLibrary;
use crate::services::auth::Actor;

pub fn routes() -> Vec<Route> {
    routes![glossary]
}

#[derive(Serialize)]
struct TermView {
    key: String,
    term: String,
    meaning: String,
    sources: Vec<String>,
}

#[get("/glossary")]
fn glossary(actor: Option<&Actor>, csrf: CsrfToken, lib: &State<PathwayLibrary>) -> Template {
    let terms: Vec<TermView> = lib
        .glossary()
        .terms()
        .into_iter()
        .map(|t| TermView {
            key: t.key.clone(),
            term: t.term.clone(),
            meaning: t.meaning.clone(),
            sources: t.sources.clone(),
        })
        .collect();
    PageContext::new(actor, csrf.0, None).render("glossary/show", "Glossary", terms)
}
