use super::*;

const SAMPLE: &str = "# Rules of Gŵyl Bakers Co-operative Cyfyngedig

@toc

## Part 1: Name and purpose

@clause S01.name Name
The name of the co-operative is **Gŵyl Bakers Co-operative Cyfyngedig**.
It is a registered society.

@clause S02.objects Objects
+ To run a bakery owned and controlled by the people who work in it.
+ To train members in running a co-operative.
- first bullet
- second bullet

@endclause

| Item | Year 1 | Change |
|---|---|---|
| Sales | £120,000 | 12.5% |
| Loss | (1,234) | -3 |

@chart {\"kind\":\"bar\",\"title\":\"Sales\",\"labels\":[\"Y1\"],\"series\":[{\"name\":\"Sales\",\"values\":[100]}]}

@note This is a **draft**.

@signature Secretary

@pagebreak

### Notes
";

#[test]
fn every_block_kind_is_parsed() {
    let blocks = parse(SAMPLE).unwrap();
    assert!(
        matches!(&blocks[0], Block::Heading { level: 1, text } if text.starts_with("Rules of Gŵyl"))
    );
    assert_eq!(blocks[1], Block::Toc);
    assert!(matches!(&blocks[2], Block::Heading { level: 2, .. }));
    let Block::Clause(name) = &blocks[3] else {
        panic!("{:?}", blocks[3])
    };
    assert_eq!(
        (name.number, name.key.as_str(), name.title.as_str()),
        (1, "S01.name", "Name")
    );
    assert_eq!(
        name.body,
        vec![Block::Paragraph(vec![
            Span {
                text: "The name of the co-operative is ".into(),
                bold: false
            },
            Span {
                text: "Gŵyl Bakers Co-operative Cyfyngedig".into(),
                bold: true
            },
            Span {
                text: ". It is a registered society.".into(),
                bold: false
            },
        ])]
    );
    let Block::Clause(objects) = &blocks[4] else {
        panic!()
    };
    assert_eq!(objects.body.len(), 3);
    assert!(matches!(
        &objects.body[1],
        Block::SubClause {
            clause: 2,
            number: 2,
            ..
        }
    ));
    assert!(matches!(&objects.body[2], Block::List(items) if items.len() == 2));
    let Block::Table(table) = &blocks[5] else {
        panic!("{:?}", blocks[5])
    };
    assert_eq!(plain(&table.header[2]), "Change");
    assert_eq!(table.rows.len(), 2, "the dashes row is ignored");
    assert!(matches!(&blocks[6], Block::Chart(c) if c.series[0].values == vec![100]));
    assert!(matches!(&blocks[7], Block::Note(t) if t[1].bold));
    assert_eq!(
        blocks[8],
        Block::Signature {
            label: "Secretary".into()
        }
    );
    assert_eq!(blocks[9], Block::PageBreak);
    assert!(matches!(&blocks[10], Block::Heading { level: 3, .. }));
    assert_eq!(blocks.len(), 11);
}

#[test]
fn clauses_are_numbered_across_the_document_and_sub_clauses_restart() {
    let text = "@clause A First\n+ a\n+ b\n\n## Part\n\n@clause B Second\n+ c\n";
    let blocks = parse(text).unwrap();
    assert_eq!(
        clause_numbers(&blocks),
        vec![
            ("A".into(), 1, "First".into()),
            ("B".into(), 2, "Second".into())
        ]
    );
    let Block::Clause(second) = &blocks[2] else {
        panic!()
    };
    assert!(matches!(
        &second.body[0],
        Block::SubClause {
            clause: 2,
            number: 1,
            ..
        }
    ));
}

#[test]
fn a_heading_ends_the_clause() {
    let blocks = parse("@clause A First\ntext\n### Sub\nafter").unwrap();
    assert_eq!(blocks.len(), 3);
    assert!(matches!(&blocks[2], Block::Paragraph(_)));
}

fn error_line(text: &str) -> (usize, String) {
    match parse(text) {
        Err(DocgenError::Markup { line, message }) => (line, message),
        other => panic!("expected a markup error, got {other:?}"),
    }
}

#[test]
fn mistakes_name_their_line() {
    assert_eq!(error_line("# T\n\n@bogus x").0, 3);
    let (line, message) = error_line("para\n\n@chart {\"kind\":\"line\",");
    assert_eq!(line, 3);
    assert!(message.contains("JSON"), "{message}");
    assert_eq!(error_line("text\n+ orphan").0, 2);
    assert_eq!(error_line("@clause A x\n@clause A y").0, 2);
    assert_eq!(error_line("| a | b |\n| 1 |").0, 2);
    assert_eq!(error_line("intro\n# Late title").0, 2);
    assert_eq!(error_line("#### too deep").0, 1);
    assert_eq!(error_line("@endclause").0, 1);
    assert_eq!(error_line("@pagebreak now").0, 1);
}

#[test]
fn bold_marks_pair_up_and_a_lone_pair_stays_literal() {
    assert_eq!(plain(&spans("a **b** c **d")), "a b c **d");
    assert!(spans("**all**")[0].bold);
}

#[test]
fn figures_are_recognised() {
    for figure in ["£1,234", "(1,234)", "12.5%", "-3", "-£5.00", "0"] {
        assert!(is_figure(figure), "{figure}");
    }
    for text in ["Sales", "", "1.2.3", "£", "Year 1", "-"] {
        assert!(!is_figure(text), "{text}");
    }
}
