//! Reading a posted form whose fields are not known at compile time (the document question
//! pages are described by data), as an ordered list of `(name, value)` pairs.
//!
//! Rocket's `FromForm` needs a struct per form; these pages have dozens of fields that come
//! from `rules::form_pages` and `finance::form_pages`, and checkboxes that repeat a name.

use rocket::data::{Data, ToByteUnit};
use rocket::http::RawStr;

use crate::error::{AppError, AppResult};

/// The most a question page may post: long answers, 12 sources of money, 12 founders.
const LIMIT_KIB: u64 = 256;

/// The decoded fields of a urlencoded body, in order, repeats kept.
///
/// A body no page of ours could send is a bad request (400), never a fault: bytes that are
/// not UTF-8 text, or a NUL character (PostgreSQL cannot store one). Too long is 413.
pub async fn read(data: Data<'_>) -> AppResult<Vec<(String, String)>> {
    let body = data
        .open(LIMIT_KIB.kibibytes())
        .into_bytes()
        .await
        .map_err(|e| AppError::Internal(format!("could not read the form: {e}")))?;
    if !body.is_complete() {
        return Err(AppError::TooLarge);
    }
    let text = std::str::from_utf8(&body)
        .map_err(|_| AppError::BadRequest("the form body is not UTF-8 text"))?;
    checked(parse(text))
}

/// Refuses fields with a NUL character in a name or value.
pub fn checked(fields: Vec<(String, String)>) -> AppResult<Vec<(String, String)>> {
    if fields
        .iter()
        .any(|(name, value)| name.contains('\0') || value.contains('\0'))
    {
        return Err(AppError::BadRequest("the form holds a NUL character"));
    }
    Ok(fields)
}

pub fn parse(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (
                RawStr::new(name).url_decode_lossy().into_owned(),
                RawStr::new(value).url_decode_lossy().into_owned(),
            )
        })
        .collect()
}

/// The first value posted under `name`, trimmed; empty when absent.
pub fn value<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map_or("", |(_, v)| v.trim())
}

/// Every value posted under `name` (checkboxes).
pub fn values<'a>(fields: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    fields
        .iter()
        .filter(|(n, _)| n == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_plus_and_percent_and_keeps_repeats() {
        let fields = parse("_csrf=x&name=Ribble+Print+%26+Co&uses=reserves&uses=bonus&empty=");
        assert_eq!(value(&fields, "name"), "Ribble Print & Co");
        assert_eq!(values(&fields, "uses"), vec!["reserves", "bonus"]);
        assert_eq!(value(&fields, "empty"), "");
        assert_eq!(value(&fields, "missing"), "");
    }

    #[test]
    fn a_nul_character_is_a_bad_request() {
        assert!(checked(parse("a=1&b=x%00y")).is_err());
        assert!(checked(parse("a%00=1")).is_err());
        assert!(checked(parse("a=1&b=%C3%A9")).is_ok());
    }
}
