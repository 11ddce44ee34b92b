use rand::{rngs::StdRng, Rng, SeedableRng};

use super::*;
use crate::docgen::markup::{clause_numbers, parse, plain, Block};

/// Line breaks as the parser keeps them: CRLF and a lone CR are one break.
fn normalised(value: &str) -> String {
    value.replace("\r\n", "\n").replace('\r', "\n")
}

fn collapsed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A document shaped like the rules: a value in every place a template puts one.
fn document(value: &str) -> String {
    let v = escape(value);
    format!(
        "# Rules of {v}\n\n@toc\n\n## Part {v}\n\n@clause S01.name Name\n+ The name is **{v}**.\n{v}\n\n- {v}\n- second\n\n| Who | Share |\n|---|---|\n| {v} | £1 |\n\n@signature {v} (Secretary)\n\n@clause S02.objects Objects\n+ Its objects are: {v}\n\n@note Prepared for {v}.\n"
    )
}

/// The document's shape: each block's kind, clause keys and numbers, and table sizes.
fn shape(blocks: &[Block]) -> Vec<String> {
    let mut out = Vec::new();
    for block in blocks {
        match block {
            Block::Heading { level, .. } => out.push(format!("h{level}")),
            Block::Clause(c) => {
                out.push(format!("clause {} {} {}", c.number, c.key, c.title));
                out.extend(shape(&c.body).into_iter().map(|s| format!("  {s}")));
            }
            Block::SubClause { clause, number, .. } => out.push(format!("sub {clause}.{number}")),
            Block::Paragraph(_) => out.push("p".into()),
            Block::List(items) => out.push(format!("list {}", items.len())),
            Block::Table(t) => out.push(format!("table {}x{}", t.rows.len(), t.header.len())),
            Block::Signature { .. } => out.push("signature".into()),
            Block::PageBreak => out.push("pagebreak".into()),
            Block::Toc => out.push("toc".into()),
            Block::Chart(_) => out.push("chart".into()),
            Block::Note(_) => out.push("note".into()),
        }
    }
    out
}

/// Random text heavy in what the markup reads: directives, headings, bars, stars, escapes,
/// line breaks of every kind, and a few letters from other scripts.
fn random_value(rng: &mut StdRng) -> String {
    const PIECES: [&str; 24] = [
        "@clause S99.forged Forged",
        "@signature",
        "@pagebreak",
        "@toc",
        "@endclause",
        "@chart {}",
        "# ",
        "## ",
        "### ",
        "+ ",
        "- ",
        "| a | b |",
        "|---|",
        "**",
        "*",
        "\\",
        "\\n",
        "\n",
        "\r\n",
        "\r",
        "\n\n",
        " ",
        "Gŵyl",
        "Łódź ąę",
    ];
    let len = rng.gen_range(1..12);
    (0..len)
        .map(|_| PIECES[rng.gen_range(0..PIECES.len())])
        .collect()
}

#[test]
fn whatever_is_typed_the_document_keeps_its_shape_and_the_text() {
    let reference = parse(&document("Gŵyl Bakers Limited")).unwrap();
    let expected_shape = shape(&reference);
    let expected_clauses = clause_numbers(&reference);
    let mut rng = StdRng::seed_from_u64(13);
    let mut tried = 0;
    while tried < 3000 {
        let value = random_value(&mut rng);
        if escape(&value).trim().is_empty() {
            continue;
        }
        tried += 1;
        let blocks =
            parse(&document(&value)).unwrap_or_else(|e| panic!("{value:?} broke the markup: {e}"));
        assert_eq!(shape(&blocks), expected_shape, "{value:?}");
        assert_eq!(clause_numbers(&blocks), expected_clauses, "{value:?}");
        let typed = normalised(&value);
        let Block::Heading { text, .. } = &blocks[0] else {
            panic!()
        };
        assert_eq!(collapsed(text), collapsed(&format!("Rules of {typed}")));
        assert!(!text.contains('\n'), "a heading stays one line: {text:?}");
        let Block::Clause(name) = &blocks[3] else {
            panic!()
        };
        // Between the template's own words the value comes back exactly, line breaks too.
        let Block::SubClause { text, .. } = &name.body[0] else {
            panic!()
        };
        assert_eq!(plain(text), format!("The name is {typed}."), "{value:?}");
        assert!(text.iter().any(|s| s.bold && s.text == typed), "{text:?}");
        let Block::Paragraph(paragraph) = &name.body[1] else {
            panic!()
        };
        assert_eq!(collapsed(&plain(paragraph)), collapsed(&typed));
        assert_eq!(
            plain(paragraph).matches('\n').count(),
            typed.matches('\n').count(),
            "{value:?}"
        );
        let Block::Table(table) = &name.body[3] else {
            panic!()
        };
        assert_eq!(collapsed(&plain(&table.rows[0][0])), collapsed(&typed));
        let Block::Signature { label } = &name.body[4] else {
            panic!()
        };
        assert_eq!(collapsed(label), collapsed(&format!("{typed} (Secretary)")));
    }
}

#[test]
fn an_answer_that_looks_like_markup_is_text() {
    let typed = "Our aims:\n\n# Printing\n@clause S99.x Forged\n+ sub\n| a |";
    let markup = format!(
        "@clause S04.objects Objects\n+ Its objects are: {}\n",
        escape(typed)
    );
    let blocks = parse(&markup).unwrap();
    assert_eq!(clause_numbers(&blocks).len(), 1);
    let Block::Clause(c) = &blocks[0] else {
        panic!()
    };
    assert_eq!(c.body.len(), 1);
    let Block::SubClause { text, .. } = &c.body[0] else {
        panic!()
    };
    assert_eq!(plain(text), format!("Its objects are: {typed}"));
}

#[test]
fn backslashes_stars_and_bars_print_as_typed() {
    for typed in [
        r"C:\new\file",
        r"ends in \",
        "**not bold**",
        "a * b ** c",
        "x | y",
        r"\n is not a break",
        "-5",
        "#1 co-op",
        "+44 1772",
        "@home",
    ] {
        let blocks = parse(&escape(typed)).unwrap();
        assert_eq!(blocks, vec![Block::Paragraph(vec![span(typed)])], "{typed}");
        let cell = format!("| A |\n|---|\n| {} |", escape(typed));
        let Block::Table(table) = &parse(&cell).unwrap()[0] else {
            panic!()
        };
        assert_eq!(table.rows[0], vec![vec![span(typed)]], "{typed}");
    }
}

#[test]
fn an_escaped_value_is_one_markup_line() {
    let escaped = escape("a\r\nb\rc\nd");
    assert_eq!(escaped, r"a\nb\nc\nd");
    assert!(!escaped.contains(['\n', '\r']));
}

#[test]
fn template_text_keeps_its_markup() {
    let blocks = parse("Plain **bold** and an odd ** mark").unwrap();
    let Block::Paragraph(text) = &blocks[0] else {
        panic!()
    };
    assert_eq!(text.len(), 3, "{text:?}");
    assert!(text[1].bold && text[1].text == "bold");
    assert_eq!(text[2].text, " and an odd ** mark");
}

fn span(text: &str) -> crate::docgen::markup::Span {
    crate::docgen::markup::Span {
        text: text.to_string(),
        bold: false,
    }
}
