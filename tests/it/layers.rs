//! The layers hold by construction: pages talk to services and domain types only.
//!
//! `src/web` may not name the database crate or coopkit's `db` module: a handler that reaches
//! for a repository or a table row past the services (and so past the access rules in
//! `domain::access`) fails this test. The domain stays pure.

use std::fs;
use std::path::Path;

fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).expect("source folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// Lines of code (comments dropped) under `folder` that mention any of `forbidden`. Unit
/// tests are left out (a `tests.rs` file, or from `#[cfg(test)]` on): a domain rule may be
/// tested through the document it ends up in.
fn offending_lines(folder: &str, forbidden: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut found = Vec::new();
    for file in rust_files(&root) {
        if file.file_name().is_some_and(|name| name == "tests.rs") {
            continue;
        }
        let text = fs::read_to_string(&file).expect("readable source");
        let code_part = text.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in code_part.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if forbidden.iter().any(|word| code.contains(word)) {
                found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    found
}

#[test]
fn pages_reach_the_database_only_through_services() {
    let found = offending_lines(
        "src/web",
        &["sea_orm", "crate::db", "coopkit::db", "docgen::"],
    );
    assert!(
        found.is_empty(),
        "web code past the services:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_domain_stays_pure() {
    let found = offending_lines(
        "src/domain",
        &[
            "sea_orm",
            "rocket",
            "handlebars",
            "printpdf",
            "crate::db",
            "crate::services",
        ],
    );
    assert!(
        found.is_empty(),
        "the domain imports a framework:\n{}",
        found.join("\n")
    );
}
