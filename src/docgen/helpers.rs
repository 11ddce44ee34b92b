//! The helpers document templates can call, registered on the document registry.

use handlebars::{
    handlebars_helper, Context, Handlebars, Helper, HelperResult, Output, RenderContext,
    RenderErrorReason,
};
use serde_json::Value;

use super::escape::escape;
use crate::domain::money::{format_accounts, format_pounds, format_pounds_whole};

/// Money helpers so templates format pence the same way as the rest of coopkit:
/// {{pounds x}} → £1,234.56, {{pounds_whole x}} → £1,235, {{accounts x}} → (1,235); and
/// {{table rows}} for tables.
pub fn register(registry: &mut Handlebars<'static>) {
    registry.register_helper("pounds", Box::new(pounds));
    registry.register_helper("pounds_whole", Box::new(pounds_whole));
    registry.register_helper("accounts", Box::new(accounts));
    registry.register_helper("table", Box::new(table));
}

handlebars_helper!(pounds: |pence: i64| format_pounds(pence));
handlebars_helper!(pounds_whole: |pence: i64| format_pounds_whole(pence));
handlebars_helper!(accounts: |pence: i64| format_accounts(pence));

/// `{{table rows}}`: a list of rows, each a list of cells, as markup table lines
/// (`| a | b |`), one per row. Written in Rust because a nested `{{#each}}` per cell made
/// the business plan's tables most of its template time. A helper's output skips the
/// registry's escaping, so every cell is escaped here; a cell that is wholly `**text**` is
/// set bold (the plan's totals), anything else prints as it is.
fn table(
    helper: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    let rows = helper
        .param(0)
        .and_then(|p| p.value().as_array())
        .ok_or_else(|| {
            RenderErrorReason::ParamTypeMismatchForName("table", "0".into(), "list of rows".into())
        })?;
    let mut text = String::new();
    for (n, row) in rows.iter().enumerate() {
        if n > 0 {
            text.push('\n');
        }
        text.push('|');
        for cell in row.as_array().map_or(&[][..], Vec::as_slice) {
            text.push(' ');
            match cell {
                Value::String(s) => text.push_str(&cell_markup(s)),
                Value::Null => {}
                other => text.push_str(&escape(&other.to_string())),
            }
            text.push_str(" |");
        }
    }
    out.write(&text)?;
    Ok(())
}

/// A cell's markup: `**text**` (with no other `**` inside) stays bold, the text escaped.
fn cell_markup(cell: &str) -> String {
    match cell
        .strip_prefix("**")
        .and_then(|c| c.strip_suffix("**"))
        .filter(|inner| !inner.is_empty() && !inner.contains("**"))
    {
        Some(inner) => format!("**{}**", escape(inner)),
        None => escape(cell),
    }
}
