//! Tables written as CSV for people to open in a spreadsheet: the one writer every export
//! uses, so quoting and the formula guard are the same everywhere.
//!
//! Quoting is the `csv` crate's (RFC 4180: a cell is quoted when it holds a comma, quote or
//! line break; lines end in CRLF). The guard is ours: a spreadsheet runs a cell that starts
//! with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula, so such a cell gets a
//! leading `'`, which spreadsheets show as text (OWASP's advice on CSV injection).

use std::borrow::Cow;

/// The characters a spreadsheet reads as the start of a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The cell as a spreadsheet should show it: as text, never as a formula.
pub fn defuse(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A header line and the rows under it, as CSV text. Every row has as many cells as the
/// header (the array length says so), so the writer cannot be handed a ragged table.
pub fn to_csv<const N: usize>(
    header: [&str; N],
    rows: impl IntoIterator<Item = [String; N]>,
) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let header = header.map(String::from);
    for row in std::iter::once(header).chain(rows) {
        // Writing to memory cannot fail, and every row is as long as the header.
        writer
            .write_record(row.iter().map(|cell| defuse(cell).into_owned()))
            .expect("a CSV row written to memory");
    }
    let bytes = writer.into_inner().expect("a CSV buffer in memory");
    // Every cell came in as UTF-8 text and the writer adds only ASCII.
    String::from_utf8(bytes).expect("CSV made of UTF-8 cells")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_cell(value: &str) -> String {
        let text = to_csv(["h"], [[value.to_string()]]);
        text.strip_prefix("h\r\n")
            .and_then(|t| t.strip_suffix("\r\n"))
            .map(str::to_string)
            .unwrap_or(text)
    }

    #[test]
    fn formulas_are_shown_as_text() {
        assert_eq!(defuse("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(defuse("+44 1772"), "'+44 1772");
        assert_eq!(defuse("-1"), "'-1");
        assert_eq!(defuse("@cmd"), "'@cmd");
        assert_eq!(defuse("\tx"), "'\tx");
        assert_eq!(defuse("\rx"), "'\rx");
        assert_eq!(defuse("plain = fine"), "plain = fine");
        assert_eq!(defuse(""), "");
    }

    #[test]
    fn cells_are_quoted_only_when_they_need_it() {
        assert_eq!(one_cell("plain"), "plain");
        assert_eq!(one_cell("a,b"), "\"a,b\"");
        assert_eq!(one_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(one_cell("two\nlines"), "\"two\nlines\"");
        // The guard comes first, then the quoting of what it made.
        assert_eq!(one_cell("=1,2"), "\"'=1,2\"");
        assert_eq!(one_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    }

    #[test]
    fn a_table_has_its_header_and_crlf_lines() {
        let rows = [
            ["Ann Lee".to_string(), "75000".to_string()],
            ["Bo, Jr".to_string(), "-5".to_string()],
        ];
        assert_eq!(
            to_csv(["name", "pence"], rows),
            "name,pence\r\nAnn Lee,75000\r\n\"Bo, Jr\",'-5\r\n"
        );
        assert_eq!(to_csv(["only"], Vec::<[String; 1]>::new()), "only\r\n");
    }
}
