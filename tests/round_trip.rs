//! Every example of every page in `spec/` reads into its generated type and
//! writes back to the same JSON. Driven by the generated `EXAMPLES` table, so a
//! new page is covered without new test code.

use serde_json::Value;

#[path = "support/json_eq.rs"]
mod json_eq;
use json_eq::same_json;

#[test]
fn every_example_round_trips() {
    let mut checked = 0;
    for (module, examples) in pivot_models::EXAMPLES {
        for (side, json, round_trip) in *examples {
            let original: Value = serde_json::from_str(json)
                .unwrap_or_else(|e| panic!("{module} {side}: example is not strict JSON: {e}"));
            let back = round_trip(json)
                .unwrap_or_else(|e| panic!("{module} {side}: does not deserialize: {e}"));
            assert!(
                same_json(&original, &back),
                "{module} {side}: round trip changed the example\n  before: {original}\n  after:  {back}"
            );
            checked += 1;
        }
    }
    assert!(checked > 0, "no examples were checked");
}

#[test]
fn every_page_in_spec_has_a_module() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let mut stems: Vec<String> = std::fs::read_dir(&dir)
        .expect("spec/ is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .map(|s| pivot_codegen_ident(&s))
        .collect();
    stems.sort();
    let mut modules: Vec<String> = pivot_models::EXAMPLES
        .iter()
        .map(|(m, _)| m.to_string())
        .collect();
    modules.sort();
    assert_eq!(stems, modules);
}

/// The module name rule for the plain file names used in `spec/`.
fn pivot_codegen_ident(stem: &str) -> String {
    stem.to_ascii_lowercase().replace(['-', ' '], "_")
}

#[test]
fn same_json_is_strict_where_it_matters() {
    let v = |s: &str| serde_json::from_str::<Value>(s).unwrap();
    assert!(same_json(&v(r#"{"a":null}"#), &v("{}")));
    assert!(same_json(&v(r#"{"a":1.0}"#), &v(r#"{"a":1.0}"#)));
    assert!(!same_json(&v(r#"{"a":1}"#), &v(r#"{"a":2}"#)));
    assert!(!same_json(&v(r#"{"a":"x"}"#), &v("{}")));
    assert!(!same_json(&v("[1,2]"), &v("[1]")));
}

/// No test, example or benchmark names a page of `spec/` or one of its
/// modules: a test about one page's API uses the pinned copy
/// (`tests/pinned/`, `pivot_pinned`), so that replacing a page of `spec/`
/// with its update breaks nothing but the snapshot it is meant to change.
/// The data-driven tests read `spec/` through the generated tables instead.
#[test]
fn no_test_depends_on_what_spec_holds() {
    let workspace = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let modules: Vec<&str> = pivot_models::EXAMPLES.iter().map(|(m, _)| *m).collect();
    let mut files = Vec::new();
    rust_files(&workspace.join("tests"), &mut files);
    for entry in std::fs::read_dir(&workspace).expect("the workspace") {
        let crate_dir = entry.expect("directory entry").path();
        let name = crate_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        if name.is_none_or(|n| n == "target" || n.starts_with('.')) {
            continue;
        }
        for dir in ["tests", "examples", "benches", "build.rs"] {
            rust_files(&crate_dir.join(dir), &mut files);
        }
    }
    assert!(files.len() > 20, "too few files found: {files:?}");
    let mut offences = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("a source file");
        for module in &modules {
            for named in [
                format!("pivot_models::{module}"),
                format!("../spec/{module}.txt"),
                format!("join(\"spec/{module}.txt\")"),
            ] {
                if text.contains(&named) {
                    offences.push(format!("{}: {named}", file.display()));
                }
            }
        }
    }
    assert!(
        offences.is_empty(),
        "these depend on what spec/ holds; use tests/pinned/ (pivot_pinned) instead:\n{}",
        offences.join("\n")
    );
}

/// The `.rs` files at `path`, a file or a directory (recursively).
fn rust_files(path: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    if path.is_file() {
        if path.extension().is_some_and(|x| x == "rs") {
            out.push(path.to_path_buf());
        }
        return;
    }
    let Ok(entries) = std::fs::read_dir(path) else {
        return;
    };
    for entry in entries.flatten() {
        rust_files(&entry.path(), out);
    }
}
