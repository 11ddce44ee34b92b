//! The business plan's tables in the PDF: a figure is never broken across lines (issue 13:
//! every bold total printed as "550,00" over "0").

use coopkit::docgen::{self, layout, Block, Fonts};
use coopkit::domain::user::Role;
use rocket::http::Status;

use crate::support::TestApp;

#[rocket::async_test]
async fn every_figure_in_the_plans_tables_is_printed_whole() {
    let app = TestApp::spawn().await;
    let rep = app.signed_in_as(Role::Rep, "rep@example.org").await;
    let case = app.open_case("Ribble Print Works").await;
    let path = format!(
        "{}/docs/examples/business-plan.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let answers = std::fs::read_to_string(path).expect("example");
    let saved = coopkit::db::repo::documents::save_answers(
        app.db(),
        case,
        "business_plan",
        &answers,
        0,
        rep,
        app.clock.now(),
    )
    .await
    .expect("save");
    assert!(saved);
    app.page(&format!("/cases/{case}/documents")).await;
    let response = app
        .post_form(
            &format!("/cases/{case}/documents/make"),
            &[("kind", "business_plan")],
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let location = response
        .headers()
        .get_one("Location")
        .expect("location")
        .to_string();
    let id: i64 = location
        .rsplit('/')
        .next()
        .expect("id")
        .parse()
        .expect("id");
    let doc = coopkit::db::repo::documents::find(app.db(), case, id)
        .await
        .expect("read")
        .expect("stored");
    let blocks = docgen::parse(&doc.markup).expect("parses");
    let meta = docgen::DocumentMeta {
        title: "Business plan".into(),
        author: "coopkit".into(),
        subject: "Business plan".into(),
        coop_name: "Ribble Print Works".into(),
        reference: "PCEC-1".into(),
        version: 1,
        draft: true,
    };
    let fonts = Fonts::load().expect("fonts");
    let drawn: Vec<String> = layout::layout(&fonts, &meta, &blocks)
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            layout::Item::Text { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect();
    let mut figures = 0;
    let mut bold_figures = 0;
    for table in blocks.iter().filter_map(|b| match b {
        Block::Table(t) => Some(t),
        _ => None,
    }) {
        for cell in table.rows.iter().flatten() {
            let text: String = cell.iter().map(|s| s.text.as_str()).collect();
            if docgen::markup::is_figure(&text) {
                figures += 1;
                bold_figures += usize::from(cell.iter().any(|s| s.bold));
                assert!(drawn.contains(&text), "{text} is not printed whole");
            }
        }
    }
    assert!(
        figures > 100 && bold_figures >= 2,
        "{figures} {bold_figures}"
    );
}
