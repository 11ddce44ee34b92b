//! Answers are data (issue 12, point 2; issue 13, "Input that breaks the renderer"): markup
//! typed into any answer comes out as that text, in the HTML and the PDF, and the clause list
//! and contents are the templates' own; answers too long, or holding characters the PDF
//! cannot print, are refused by the field.

use coopkit::db::repo;
use coopkit::docgen::{self, layout, Block, DocumentMeta, Fonts};
use coopkit::domain::user::Role;
use rocket::http::Status;

use crate::support::TestApp;

/// Everything the markup reads, as a person could type it into a text box (CRLF breaks).
const FORGERY: &str = "Our aims:\r\n\r\n# Printing\r\n@clause S99.forged Forged clause\r\n+ forged sub-clause\r\n## Forged section\r\n@signature Forged signer\r\n| a | b |\r\n- **not bold** and C:\\new";

fn example(name: &str) -> String {
    let path = format!("{}/docs/examples/{name}.json", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).expect("example answers")
}

async fn seed(app: &TestApp, case: i64, kind: &str, json: &str, by: i64) {
    let saved = repo::documents::save_answers(app.db(), case, kind, json, 0, by, app.clock.now())
        .await
        .expect("save answers");
    assert!(saved);
}

/// Makes a draft and returns its stored markup and its page's HTML.
async fn draft(app: &TestApp, case: i64, kind: &str) -> (String, String, String) {
    app.page(&format!("/cases/{case}/documents")).await;
    let response = app
        .post_form(&format!("/cases/{case}/documents/make"), &[("kind", kind)])
        .await;
    assert_eq!(response.status(), Status::SeeOther, "a draft is made");
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
    let doc = repo::documents::find(app.db(), case, id)
        .await
        .expect("read")
        .expect("stored");
    let (status, html) = app.page(&location).await;
    assert_eq!(status, Status::Ok);
    (doc.markup, html, location)
}

/// The clause list and the contents (level-2 headings and clause titles), as the legal check
/// and the table of contents see them.
fn structure(markup: &str) -> (Vec<(String, u32, String)>, Vec<String>) {
    let blocks = docgen::parse(markup).expect("markup parses");
    let mut contents = Vec::new();
    for block in &blocks {
        match block {
            Block::Heading { level: 2, text } => contents.push(text.clone()),
            Block::Clause(c) => contents.push(format!("{}. {}", c.number, c.title)),
            _ => {}
        }
    }
    (docgen::clause_numbers(&blocks), contents)
}

/// The lines of text the PDF draws, from the same layout the PDF writer uses.
fn pdf_lines(markup: &str) -> Vec<String> {
    let meta = DocumentMeta {
        title: "Test".into(),
        author: "coopkit".into(),
        subject: "Test".into(),
        coop_name: "Ribbleton".into(),
        reference: "PCEC-1".into(),
        version: 1,
        draft: true,
    };
    let fonts = Fonts::load().expect("fonts");
    let pages = layout::layout(&fonts, &meta, &docgen::parse(markup).expect("parses"));
    pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            layout::Item::Text { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

/// The PDF's own text, when poppler's pdftotext is installed (it is on the project's
/// machines); the layout check above runs everywhere.
pub(crate) fn pdftotext(pdf: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().ok()?;
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).ok()?;
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn html_of(text: &str) -> String {
    docgen::html_escape(&text.replace("\r\n", "\n")).replace('\n', "<br>")
}

#[rocket::async_test]
async fn markup_typed_into_rules_answers_prints_as_text_and_adds_no_clause() {
    let app = TestApp::spawn().await;
    let rep = app.signed_in_as(Role::Rep, "rep@example.org").await;
    let case = app.open_case("Ribbleton Print Works").await;
    seed(&app, case, "rules", &example("rules-society"), rep).await;
    let (before, _, _) = draft(&app, case, "rules").await;

    let name = "+ Ribbleton\n@clause S98.name Print Works Co-operative Limited";
    let address = "Unit 4\r\n# Ribbleton Lane\r\n@signature Someone\r\nPreston PR1 5EZ";
    let path = format!("/cases/{case}/documents/rules/name");
    app.page(&path).await;
    let response = app
        .post_form(
            &path,
            &[
                ("answers_version", "1"),
                ("name", name),
                ("office_nation", "england"),
                ("office_address", address),
                ("objects", FORGERY),
            ],
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther, "the answers are saved");
    let path = format!("/cases/{case}/documents/rules/members");
    app.page(&path).await;
    let founder = "@clause S97.x Maureen\n## Ashworth";
    let mut fields = vec![
        ("answers_version", "2"),
        ("founders[0].name", founder),
        ("founders[0].age", "54"),
        ("founders[0].hours_week", "37"),
        ("founders[0].employee", "yes"),
        ("founders[0].roles", "secretary"),
    ];
    for (n, who) in ["Łucja Ślęzak-Żółkiewska", "Tariq Mahmood"]
        .iter()
        .enumerate()
    {
        let row = |k: &str| -> &'static str {
            Box::leak(format!("founders[{}].{k}", n + 1).into_boxed_str())
        };
        fields.extend([
            (row("name"), *who),
            (row("age"), "40"),
            (row("hours_week"), "37"),
            (row("employee"), "yes"),
            (row("roles"), "director"),
        ]);
    }
    let response = app.post_form(&path, &fields).await;
    assert_eq!(
        response.status(),
        Status::SeeOther,
        "the founders are saved"
    );

    let (after, html, location) = draft(&app, case, "rules").await;
    let (clauses, contents) = structure(&after);
    assert_eq!(
        (clauses, contents),
        structure(&before),
        "same clauses, same contents"
    );
    assert!(!after.contains("\n@clause S99"), "{after}");
    assert!(
        html.contains(&html_of(FORGERY)),
        "{} is not in the HTML",
        html_of(FORGERY)
    );
    // The address is named inside a sentence, so its lines are joined with commas (issue 17):
    // its markup still prints as text.
    let _ = address;
    assert!(html.contains(&docgen::html_escape(
        "Unit 4, # Ribbleton Lane, @signature Someone, Preston PR1 5EZ, in England"
    )));
    assert!(html.contains(&docgen::html_escape(
        "+ Ribbleton @clause S98.name Print Works Co-operative Limited"
    )));
    assert!(html.contains(&docgen::html_escape("@clause S97.x Maureen ## Ashworth")));

    assert!(html.contains("Łucja Ślęzak-Żółkiewska"), "Polish is kept");
    let lines = pdf_lines(&after);
    assert!(lines.iter().any(|l| l.contains("Łucja Ślęzak-Żółkiewska")));
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Unit 4, # Ribbleton Lane, @signature")),
        "the address is drawn as typed text, its lines joined"
    );
    for line in [
        "# Printing",
        "@clause S99.forged Forged clause",
        "+ forged sub-clause",
        "@signature Forged signer",
        "| a | b |",
        "- **not bold** and C:\\new",
    ] {
        assert!(
            lines.iter().any(|l| l == line),
            "the PDF draws {line:?} as a line"
        );
    }
    let pdf = app
        .get(&format!("{location}/pdf"))
        .await
        .into_bytes()
        .await
        .expect("pdf");
    if let Some(text) = pdftotext(&pdf) {
        assert!(text.contains("@clause S99.forged Forged clause"), "{text}");
        assert!(text.contains("# Printing"));
        assert!(text.contains("Łucja Ślęzak-Żółkiewska"), "{text}");
    }
}

#[rocket::async_test]
async fn markup_typed_into_the_plan_prints_as_text_and_leaves_the_contents_alone() {
    let app = TestApp::spawn().await;
    let rep = app.signed_in_as(Role::Rep, "rep@example.org").await;
    let case = app.open_case("Ribble Print Works").await;
    let mut answers: serde_json::Value =
        serde_json::from_str(&example("business-plan")).expect("json");
    answers["sources"][1]["label"] = serde_json::json!("| Bank | @toc **loan**");
    seed(&app, case, "business_plan", &answers.to_string(), rep).await;
    let (before, _, _) = draft(&app, case, "business_plan").await;

    let path = format!("/cases/{case}/documents/business-plan/bp_story");
    app.page(&path).await;
    let people = "## People\n@toc\n@pagebreak";
    let mut story: Vec<(String, String)> = answers["narrative"]
        .as_object()
        .expect("narrative")
        .iter()
        .map(|(k, v)| {
            (
                format!("narrative.{k}"),
                v.as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    for (key, typed) in [
        ("narrative.summary", FORGERY),
        ("narrative.people", people),
        ("narrative.business", "# The business\n+ we print"),
    ] {
        story.retain(|(k, _)| k != key);
        story.push((key.to_string(), typed.to_string()));
    }
    let mut fields: Vec<(&str, &str)> = vec![("answers_version", "1")];
    fields.extend(story.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let response = app.post_form(&path, &fields).await;
    assert_eq!(response.status(), Status::SeeOther, "the story is saved");
    let (after, html, _) = draft(&app, case, "business_plan").await;
    assert_eq!(structure(&after), structure(&before), "same contents");
    let blocks = docgen::parse(&after).expect("parses");
    let tocs = blocks.iter().filter(|b| matches!(b, Block::Toc)).count();
    assert_eq!(tocs, 1, "one table of contents");
    // The plan joins the lines of a paragraph with spaces; each piece is there, as typed.
    for typed in [
        "# Printing @clause S99.forged Forged clause + forged sub-clause ## Forged section",
        "## People @toc @pagebreak",
        "# The business + we print",
        "| Bank | @toc **loan**",
    ] {
        assert!(
            html.contains(&docgen::html_escape(typed)),
            "{typed} is not in the HTML"
        );
        let lines = pdf_lines(&after).join(" ");
        assert!(lines.contains(typed), "{typed} is not in the PDF");
    }
}

#[rocket::async_test]
async fn too_long_or_unprintable_answers_are_refused_by_the_field() {
    let app = TestApp::spawn().await;
    let rep = app.signed_in_as(Role::Rep, "rep@example.org").await;
    let case = app.open_case("Ribbleton Print Works").await;
    seed(&app, case, "rules", &example("rules-society"), rep).await;
    let path = format!("/cases/{case}/documents/rules/name");
    app.page(&path).await;
    let long = format!("{} Limited", "Ribbleton ".repeat(2_000));
    let response = app
        .post_form(
            &path,
            &[
                ("answers_version", "1"),
                ("name", &long),
                ("office_nation", "england"),
                ("office_address", "Unit 4, 李 Lane, Preston"),
                ("objects", "Commercial printing and binding"),
            ],
        )
        .await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
    let body = response.into_string().await.unwrap_or_default();
    assert!(
        body.contains("Keep this to 120 characters or fewer; it has 20,008"),
        "{}",
        &body[..400.min(body.len())]
    );
    assert!(body.contains("The document cannot print these characters yet: 李."));
    assert!(
        body.contains("Unit 4, 李 Lane, Preston"),
        "what was typed is kept"
    );

    let path = format!("/cases/{case}/documents/business-plan/bp_story");
    app.page(&path).await;
    let response = app
        .post_form(
            &path,
            &[
                ("answers_version", "0"),
                ("narrative.people", "Asha Patel (આશા) and Paweł Żółkiewski"),
            ],
        )
        .await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
    let body = response.into_string().await.unwrap_or_default();
    assert!(body.contains("The document cannot print these characters yet: આ શ ા."));
    assert!(body.contains("Paweł Żółkiewski"), "what was typed is kept");
}

#[test]
fn the_answers_file_is_judged_the_same_way() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = env!("CARGO_MANIFEST_DIR");
    let mut answers: serde_json::Value =
        serde_json::from_str(&example("rules-society")).expect("json");
    answers["name"] = serde_json::json!(format!("{} Limited", "x".repeat(65_000)));
    answers["founders"][1]["name"] = serde_json::json!("Imran 🙂");
    let file = dir.path().join("answers.json");
    std::fs::write(&file, answers.to_string()).expect("write");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_coopkit"))
        .current_dir(root)
        .args(["render", "rules", "--answers"])
        .arg(&file)
        .arg("--out")
        .arg(dir.path().join("out.pdf"))
        .output()
        .expect("coopkit runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("name: Keep this to 120 characters or fewer; it has 65,008"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "founders: Founder 2's name: The document cannot print these characters yet: 🙂."
        ),
        "{stderr}"
    );
    assert!(!dir.path().join("out.pdf").exists());
}
