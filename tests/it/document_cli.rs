//! `coopkit render`: documents from answers files, with no server or database.

use std::process::Command;

fn render(kind: &str, example: &str, extra: &[&str]) -> (std::process::Output, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = env!("CARGO_MANIFEST_DIR");
    let output = Command::new(env!("CARGO_BIN_EXE_coopkit"))
        .current_dir(root)
        .args(["render", kind, "--answers"])
        .arg(format!("{root}/docs/examples/{example}.json"))
        .arg("--out")
        .arg(dir.path().join("out.pdf"))
        .arg("--html")
        .arg(dir.path().join("out.html"))
        .args(extra)
        .output()
        .expect("coopkit runs");
    (output, dir)
}

#[test]
fn each_legal_form_renders_to_pdf_and_html() {
    for form in ["society", "company", "consortium"] {
        let (output, dir) = render("rules", &format!("rules-{form}"), &[]);
        assert!(
            output.status.success(),
            "{form}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let pdf = std::fs::read(dir.path().join("out.pdf")).expect("pdf written");
        assert!(pdf.starts_with(b"%PDF-"), "{form}");
        let html = std::fs::read_to_string(dir.path().join("out.html")).expect("html written");
        assert!(
            html.contains("<article class=\"doc\">") && html.contains("Legal check"),
            "{form}"
        );
        // A draft is marked once; the command's default reference no longer repeats it.
        assert!(
            html.contains("DRAFT") && !html.contains("DRAFT · DRAFT"),
            "{form}"
        );
    }
}

#[test]
fn broken_rules_fail_with_the_web_form_messages() {
    let (output, dir) = render("rules", "rules-broken", &[]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("special_majority_pct: A special resolution needs more than 50%"),
        "{stderr}"
    );
    assert!(
        stderr.contains("name: The name must end with \"Limited\""),
        "{stderr}"
    );
    assert!(
        !dir.path().join("out.pdf").exists(),
        "no PDF for invalid answers"
    );
}

#[test]
fn the_business_plan_renders_and_an_unbalanced_one_cannot_be_final() {
    let (output, dir) = render(
        "business-plan",
        "business-plan",
        &["--final", "--name", "Ribble Print Co-operative Limited"],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let pdf = std::fs::read(dir.path().join("out.pdf")).expect("pdf");
    assert!(pdf.starts_with(b"%PDF-"));
    let (output, _) = render("business-plan", "business-plan-unbalanced", &["--final"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("Sources and uses do not balance"));
}
