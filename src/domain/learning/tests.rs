use super::page_text::{parse, spans, Span, TextBlock};
use super::*;

fn plain(text: &str) -> Span {
    Span {
        text: text.into(),
        bold: false,
    }
}

fn bold(text: &str) -> Span {
    Span {
        text: text.into(),
        bold: true,
    }
}

#[test]
fn headings_lists_paragraphs_and_bold() {
    let blocks = parse("## Who owns the co-op\nEvery member has\n**one vote**.\n\n- Members\n- The board\nAfter the list\n### Small print");
    assert_eq!(
        blocks,
        vec![
            TextBlock::Heading {
                level: 2,
                text: "Who owns the co-op".into()
            },
            TextBlock::Paragraph {
                spans: vec![plain("Every member has "), bold("one vote"), plain(".")]
            },
            TextBlock::List {
                items: vec![vec![plain("Members")], vec![plain("The board")]]
            },
            TextBlock::Paragraph {
                spans: vec![plain("After the list")]
            },
            TextBlock::Heading {
                level: 3,
                text: "Small print".into()
            },
        ]
    );
}

#[test]
fn html_and_document_directives_are_only_text() {
    let typed = "<script>alert(1)</script>\n@clause X Title\n# Not a heading\n@pagebreak";
    let blocks = parse(typed);
    assert_eq!(
        blocks,
        vec![TextBlock::Paragraph {
            spans: vec![plain(
                "<script>alert(1)</script> @clause X Title # Not a heading @pagebreak"
            )]
        }]
    );
}

#[test]
fn an_unpaired_star_pair_is_kept_as_typed() {
    assert_eq!(spans("a **b"), vec![plain("a **b")]);
    assert_eq!(spans("**a** and **b"), vec![bold("a"), plain(" and **b")]);
}

fn upload(bytes: &[u8]) -> Upload {
    Upload {
        name: "guide.pdf".into(),
        bytes: bytes.to_vec(),
        cut_short: false,
    }
}

#[test]
fn a_pdf_is_known_by_its_bytes_not_its_name() {
    assert!(check_pdf(&upload(b"%PDF-1.7\n1 0 obj\n%%EOF\n")).is_ok());
    let renamed = upload(b"GIF89a not a pdf %%EOF");
    assert!(check_pdf(&renamed).unwrap_err().contains("not a PDF"));
    assert!(check_pdf(&upload(b"%PDF-1.7\n1 0 obj"))
        .unwrap_err()
        .contains("incomplete"));
    let mut big = upload(b"%PDF-1.7 %%EOF");
    big.cut_short = true;
    assert!(check_pdf(&big).unwrap_err().contains("larger than 8 MB"));
}

#[test]
fn file_names_lose_folders_and_odd_characters() {
    assert_eq!(file_name("C:\\Users\\me\\Guide \"v2\".pdf"), "Guide v2.pdf");
    assert_eq!(file_name("../../etc/passwd"), "passwd.pdf");
    assert_eq!(file_name(""), "material.pdf");
}

#[test]
fn a_material_needs_a_title_its_content_and_a_stage() {
    let input = MaterialInput {
        title: "  ".into(),
        format: "page".into(),
        body: "".into(),
        tags: vec![],
    };
    let errors = check_material(&input, None, false).unwrap_err();
    for field in ["title", "body", "tags"] {
        assert!(errors.has(field), "{field}");
    }
    let pdf = MaterialInput {
        title: "Reading accounts".into(),
        format: "pdf".into(),
        body: "ignored".into(),
        tags: vec![StageTag::new("buyout", "finance")],
    };
    assert!(check_material(&pdf, None, false).unwrap_err().has("file"));
    let kept = check_material(&pdf, None, true).expect("keeps the stored file");
    assert_eq!((kept.pdf, kept.body.as_str()), (None, ""));
}

#[test]
fn readiness_in_words() {
    assert_eq!(
        readiness_sentence(3, 5),
        "3 of 5 members have done the governance session."
    );
    assert_eq!(
        readiness_sentence(1, 4),
        "1 of 4 members has done the governance session."
    );
    assert_eq!(governance_done(false, true), Some(GovernanceDone::Read));
    assert_eq!(governance_done(false, false), None);
}
