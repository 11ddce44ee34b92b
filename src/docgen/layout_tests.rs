use super::*;
use crate::docgen::markup::parse;

pub(crate) fn meta(draft: bool) -> DocumentMeta {
    DocumentMeta {
        title: "Rules of Gŵyl Bakers".into(),
        author: "Preston Co-operative Education Centre".into(),
        subject: "Model rules".into(),
        coop_name: "Gŵyl Bakers Co-operative Cyfyngedig".into(),
        reference: "PR-2025-017".into(),
        version: 3,
        draft,
    }
}

/// A long, realistic document: contents, 60 clauses, a 60-row table and two charts.
pub(crate) fn long_markup() -> String {
    let mut m = String::from("# Rules of Gŵyl Bakers Co-operative Cyfyngedig\n\n@toc\n\n@note This is a **draft** for members to discuss. It is not yet registered.\n\n");
    for part in 1..=6 {
        m += &format!("## Part {part}: Running the co-operative\n\n");
        for c in 1..=10 {
            m += &format!("@clause P{part}.C{c} Members and their rights, part {part} item {c}\n");
            m += "Every member has one vote at a general meeting, however many shares they hold, and may speak on any matter before the meeting. The secretary keeps the register of members at the registered office and lets any member inspect it at a reasonable time.\n\n";
            m += "+ A person who works for the co-operative for at least 12 weeks may apply to become a member.\n+ The board must decide each application within 28 days and give reasons for any refusal in writing.\n\n";
            if c % 4 == 0 {
                m += "- attend and vote at general meetings\n- stand for election to the board\n- see the accounts and the register\n\n";
            }
        }
    }
    m += "## Finances\n\n| Month | Sales | Costs | Cash at month end |\n|---|---|---|---|\n";
    for row in 1..=60 {
        m += &format!(
            "| Month {row} | £{},000 | ({},500) | £{},250 |\n",
            10 + row,
            8 + row,
            row * 3
        );
    }
    m += "\n@chart {\"kind\":\"line\",\"title\":\"Cash at the end of each month\",\"y_label\":\"£\",\"labels\":[\"Jan\",\"Feb\",\"Mar\",\"Apr\"],\"series\":[{\"name\":\"Cash\",\"values\":[1200000,-50000,300000,800000]}],\"zero_line\":true}\n\n";
    m += "@chart {\"kind\":\"bar\",\"title\":\"Sales and costs\",\"labels\":[\"Year 1\",\"Year 2\",\"Year 3\"],\"series\":[{\"name\":\"Sales\",\"values\":[12000000,15000000,18000000]},{\"name\":\"Costs\",\"values\":[11000000,13000000,15500000]}]}\n\n";
    m += "@signature Secretary\n\n@signature Member\n";
    m
}

/// A heading longer than a page used to put each of its lines on a page of its own (every
/// line was "kept with" a chain taller than a page), and each page carried the whole name in
/// its running header: pages and bytes grew with the square of the name's length.
#[test]
fn a_heading_longer_than_a_page_fills_its_pages() {
    let fonts = Fonts::load().unwrap();
    let name = "Gwyl ".repeat(4_000);
    let mut m = meta(true);
    m.coop_name = name.clone();
    let blocks = parse(&format!("# {name}\n\nAfter the title.\n")).unwrap();
    let pages = layout(&fonts, &m, &blocks);
    let lines = crate::docgen::flow::flow(&fonts, &blocks, &[]).len();
    let per_page = (BODY_HEIGHT / 26.0) as usize;
    assert!(
        pages.len() <= lines / per_page + 2,
        "{} pages for {lines} lines",
        pages.len()
    );
    let header = texts(&pages[0])[0].1.clone();
    assert!(
        header.ends_with("… · DRAFT · PR-2025-017 · version 3"),
        "{header}"
    );
    let badge = fonts.width("DRAFT", true, 11.0) + 24.0;
    assert!(fonts.width(&header, false, 8.5) <= BODY_WIDTH - badge);
}

fn texts(page: &Page) -> Vec<(f32, String)> {
    page.items
        .iter()
        .filter_map(|i| match i {
            Item::Text { y, text, .. } => Some((*y, text.clone())),
            _ => None,
        })
        .collect()
}

fn long_layout() -> Vec<Page> {
    let fonts = Fonts::load().unwrap();
    layout(&fonts, &meta(true), &parse(&long_markup()).unwrap())
}

#[test]
fn every_page_has_the_running_header_draft_marker_and_page_n_of_m() {
    let pages = long_layout();
    assert!(pages.len() >= 20, "only {} pages", pages.len());
    let header = "Gŵyl Bakers Co-operative Cyfyngedig · DRAFT · PR-2025-017 · version 3";
    for (i, page) in pages.iter().enumerate() {
        let t: Vec<String> = texts(page).into_iter().map(|(_, t)| t).collect();
        assert_eq!(t[0], header, "page {}", i + 1);
        assert!(t.contains(&"DRAFT".to_string()));
        assert_eq!(
            t.last().unwrap(),
            &format!("Page {} of {}", i + 1, pages.len())
        );
    }
}

#[test]
fn the_header_leaves_out_draft_for_a_final_version() {
    let mut m = meta(false);
    assert_eq!(
        running_header(&m),
        "Gŵyl Bakers Co-operative Cyfyngedig · PR-2025-017 · version 3"
    );
    m.reference.clear();
    assert_eq!(
        running_header(&m),
        "Gŵyl Bakers Co-operative Cyfyngedig · version 3"
    );
}

#[test]
fn no_heading_or_clause_title_is_left_without_two_lines_after_it() {
    for (n, page) in long_layout().iter().enumerate() {
        let keep = |r: &Role| {
            matches!(
                r,
                Role::Heading(_) | Role::ClauseTitle(_) | Role::TableHeader(_)
            )
        };
        if let Some(last) = page.roles.iter().rposition(keep) {
            let after = page.roles.len() - last - 1;
            assert!(after >= 2, "page {}: {:?}", n + 1, page.roles);
        }
    }
}

#[test]
fn table_headers_repeat_on_every_page_a_table_spans() {
    let pages = long_layout();
    let spanned: Vec<&Page> = pages
        .iter()
        .filter(|p| p.roles.iter().any(|r| matches!(r, Role::TableRow(_))))
        .collect();
    assert!(spanned.len() >= 2, "the table should span pages");
    for page in spanned {
        let first_row = page
            .roles
            .iter()
            .position(|r| matches!(r, Role::TableRow(_)))
            .unwrap();
        assert!(first_row > 0 && matches!(page.roles[first_row - 1], Role::TableHeader(_)));
        assert!(texts(page).iter().any(|(_, t)| t == "Cash at month end"));
    }
}

#[test]
fn contents_page_numbers_match_where_clauses_land() {
    let pages = long_layout();
    let mut checked = 0;
    for (index, page) in pages.iter().enumerate() {
        for role in &page.roles {
            let Role::ClauseTitle(n) = role else { continue };
            // The contents line for clause n ends with its page number on the same baseline
            // of the same contents page.
            let prefix = format!("{n}. Members");
            let number = pages
                .iter()
                .take(3)
                .map(texts)
                .find_map(|toc| {
                    let (y, _) = toc.iter().find(|(_, t)| t.starts_with(&prefix))?;
                    toc.iter()
                        .rfind(|(ty, t)| ty == y && t.parse::<usize>().is_ok())
                        .cloned()
                })
                .unwrap();
            assert_eq!(number.1, (index + 1).to_string(), "clause {n}");
            checked += 1;
        }
    }
    assert_eq!(checked, 60);
}

#[test]
fn a_pagebreak_starts_a_new_page_but_never_an_empty_one() {
    let fonts = Fonts::load().unwrap();
    let blocks = parse("# T\n\n@pagebreak\n\n@pagebreak\n\ntext").unwrap();
    let pages = layout(&fonts, &meta(false), &blocks);
    assert_eq!(pages.len(), 2);
}

/// Timing probe for long names (issue 13), figures in docs/performance.md:
/// `cargo test --lib long_name_timing -- --ignored --nocapture`.
#[test]
#[ignore]
fn long_name_timing() {
    let fonts = Fonts::load().unwrap();
    for (label, name) in [
        ("20k words", "Gwyl ".repeat(4_000)),
        ("20k one word", "x".repeat(20_000)),
        ("65k words", "Gwyl ".repeat(13_000)),
        ("1.4 MB words", "Gwyl ".repeat(280_000)),
    ] {
        let mut m = meta(true);
        m.coop_name = name.clone();
        let markup = format!("# {name}\n\n@clause S01.name Name\n+ The co-operative's name is **{name}**.\n\n@signature {name}\n");
        let blocks = parse(&markup).unwrap();
        let t = std::time::Instant::now();
        let units = crate::docgen::flow::flow(&fonts, &blocks, &[]);
        let flow_ms = t.elapsed().as_millis();
        let t = std::time::Instant::now();
        let pages = layout(&fonts, &m, &blocks);
        let layout_ms = t.elapsed().as_millis();
        let t = std::time::Instant::now();
        let pdf = crate::docgen::render_pdf(&fonts, &m, &blocks, 0).unwrap();
        let pdf_ms = t.elapsed().as_millis();
        eprintln!("{label}: units {} flow {flow_ms} ms, layout {layout_ms} ms ({} pages), pdf {pdf_ms} ms ({} bytes)", units.len(), pages.len(), pdf.len());
    }
}

/// Every figure in a laid-out table is drawn whole, on one line.
fn figures_drawn_whole(markup: &str) {
    let fonts = Fonts::load().unwrap();
    let blocks = parse(markup).unwrap();
    let drawn: Vec<String> = layout(&fonts, &meta(true), &blocks)
        .iter()
        .flat_map(texts)
        .map(|(_, t)| t)
        .collect();
    for block in &blocks {
        let Block::Table(table) = block else { continue };
        for cell in table.rows.iter().flatten() {
            let text = crate::docgen::markup::plain(cell);
            if crate::docgen::markup::is_figure(&text) {
                assert!(drawn.contains(&text), "{text} is broken: {drawn:?}");
            }
        }
    }
}

/// Bold totals were measured as regular text, so the column was too narrow for them and
/// "546,000" printed as "546,00" over "0".
#[test]
fn bold_totals_fit_their_column() {
    figures_drawn_whole(
        "| Uses of money | £ |\n|---|---|\n| Price paid for the business | 485,000 |\n| Legal, valuation and registration costs | 12,000 |\n| **Total needed** | **546,000** |\n\n| Sources of money | Status | £ |\n|---|---|---|\n| Members' shares (24 members at £2,000) | offer | 48,000 |\n| **Total raised** | | **546,000** |\n",
    );
}

/// When even the longest words do not fit, figure columns keep their width and the text
/// columns give way (their long words may be cut; a number never is).
#[test]
fn figures_keep_their_width_in_a_crowded_table() {
    let mut m =
        String::from("| Item | Y1 | Y2 | Y3 | Y4 | Y5 | Y6 |\n|---|---|---|---|---|---|---|\n");
    m += "| Supercalifragilisticexpialidociousnessmeasuredinpounds | **1,234,567** | (1,234,567) | 1,234,567 | 1,234,567 | 1,234,567 | **(9,999,999)** |\n";
    figures_drawn_whole(&m);
}
