//! Escaping a value for the document markup (see `docgen::escape` and
//! `docs/document-markup.md`, "Answers are data"). It sits in the domain because domain code
//! writes markup too (the legal check's tables quote founders' names and typed values), and
//! both must escape in exactly the same way for the parser to read the text back as typed.

/// Escapes a value for the markup: `\`, `*` and `|` anywhere, a line break, and a first
/// character that could start a block (`@ # + -`) are written with a backslash in front. A
/// line break becomes `\n`, so an escaped value is always one markup line.
pub fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    let mut chars = value.chars().peekable();
    let mut first = true;
    while let Some(c) = chars.next() {
        match c {
            '\\' | '*' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '@' | '#' | '+' | '-' if first => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {
                // Browsers post line breaks as CRLF; one break, whichever way it came.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
        first = false;
    }
    out
}
