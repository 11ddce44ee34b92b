//! The public readiness check: checking answers, and the one-page summary as a PDF.
//!
//! Nothing is stored: a visitor's answers travel in the pages' own forms, so the check needs
//! no account and leaves nothing behind.

use std::sync::Arc;

use chrono::NaiveDate;

use super::render::Engine;
use super::Env;
use crate::clock::Clock;
use crate::db::repo;
use crate::docgen::{self, DocumentMeta};
use crate::domain::field_errors::FieldErrors;
use crate::domain::rate_limit::Counter;
use crate::domain::readiness::{
    assess, parse, summary_context, ReadinessAnswers, ReadinessInput, Recommendation,
};
use crate::error::AppResult;

/// The checked answers and what they mean, or what to fix.
pub fn check(
    input: &ReadinessInput,
    today: NaiveDate,
) -> Result<(ReadinessAnswers, Recommendation), FieldErrors> {
    let answers = parse(input, today)?;
    let recommendation = assess(&answers, today);
    Ok((answers, recommendation))
}

/// Downloads of the summary allowed per address in `SUMMARY_WINDOW_SECS`: a visitor trying
/// different answers needs a handful; more is a script.
pub const SUMMARY_LIMIT: u64 = 20;
pub const SUMMARY_WINDOW_SECS: i64 = 10 * 60;

/// Whether this address may have another summary now, counting it if so. Over the limit,
/// nothing is written (a flood costs one read per request). Under it, the request is written
/// first and counted after, so a burst cannot all pass one count.
pub async fn allow_summary(env: &Env<'_>, address: &str) -> AppResult<bool> {
    let (db, clock) = (env.db(), env.clock);
    let now = clock.now();
    let since = now - SUMMARY_WINDOW_SECS;
    if repo::rate_limits::count_since(db, Counter::ReadinessSummary, address, since).await?
        >= SUMMARY_LIMIT
    {
        tracing::warn!(target: "security", address, "summary refused: too many from this address");
        return Ok(false);
    }
    repo::rate_limits::record(db, Counter::ReadinessSummary, address, now).await?;
    if repo::rate_limits::count_since(db, Counter::ReadinessSummary, address, since).await?
        > SUMMARY_LIMIT
    {
        return Ok(false);
    }
    repo::rate_limits::forget_before(db, Counter::ReadinessSummary, since).await?;
    Ok(true)
}

/// The one-page summary of the result as PDF bytes. Laying out a PDF is CPU work, so it runs
/// on a blocking thread within the render slots, not on the workers that serve pages.
pub async fn summary_pdf(
    engine: Arc<Engine>,
    input: ReadinessInput,
    clock: &Clock,
) -> AppResult<Result<Vec<u8>, FieldErrors>> {
    let (today, made_at) = (clock.today(), clock.now());
    let (answers, recommendation) = match check(&input, today) {
        Ok(checked) => checked,
        Err(errors) => return Ok(Err(errors)),
    };
    let bytes = super::render::run_limited(move || {
        let context = summary_context(&answers, &recommendation, today);
        let markup = engine.templates.render("readiness", &context)?;
        let blocks = docgen::parse(&markup)?;
        let meta = DocumentMeta {
            title: "Could a co-op work for you?".into(),
            author: "Preston Co-operative Education Centre".into(),
            subject: "Summary of the readiness check".into(),
            coop_name: "Preston Co-operative Education Centre".into(),
            reference: String::new(),
            version: 1,
            draft: false,
        };
        docgen::render_pdf(&engine.fonts, &meta, &blocks, made_at)
    })
    .await??;
    Ok(Ok(bytes))
}
