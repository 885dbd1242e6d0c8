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
