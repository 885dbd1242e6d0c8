//! The README as a user copies it: every ```rust block is a whole program,
//! compiled and run here (pivot-pinned's build script makes one test of
//! each), and every crate a block names is in the README's dependency block.
//!
//! The blocks say `pivot_models::`, as a user's code does; here that name is
//! the pinned page's models (`tests/pinned/`), with pivot-models' own API
//! compiled from the same source. The examples describe the reference page
//! as pinned, so updating `spec/` leaves them, and this test, alone.

extern crate pivot_pinned as pivot_models;

include!(concat!(env!("OUT_DIR"), "/readme_examples.rs"));

/// What a block's `main` returns: nothing, or a `Result` that must be `Ok`.
trait Outcome {
    fn assert_success(self);
}

impl Outcome for () {
    fn assert_success(self) {}
}

impl<E: std::fmt::Debug> Outcome for Result<(), E> {
    fn assert_success(self) {
        if let Err(e) = self {
            panic!("the example failed: {e:?}");
        }
    }
}

fn readme() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md");
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The blocks of `markdown` whose opening fence says `language`, as text.
fn blocks(markdown: &str, language: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut open: Option<(bool, String)> = None;
    for line in markdown.lines() {
        let text = line.trim_start();
        match &mut open {
            None => {
                if let Some(info) = text.strip_prefix("```") {
                    let wanted = info.split(',').next().map(str::trim) == Some(language);
                    open = Some((wanted, String::new()));
                }
            }
            Some(_) if text.starts_with("```") => {
                if let Some((true, code)) = open.take() {
                    found.push(code);
                }
                open = None;
            }
            Some((_, code)) => {
                code.push_str(text);
                code.push('\n');
            }
        }
    }
    found
}

/// The crates a Rust example names at the start of a path (`serde_json::`,
/// `use http::...`), less the standard library's and the names the example
/// brings into scope itself.
fn crates_named(code: &str) -> std::collections::BTreeSet<String> {
    let mut imported = std::collections::BTreeSet::new();
    for statement in code.split(';') {
        // The statement's `use` starts a line; a block may end before it.
        let Some(at) = statement
            .lines()
            .position(|line| line.trim_start().starts_with("use "))
        else {
            continue;
        };
        let statement = statement.lines().skip(at).collect::<Vec<_>>().join(" ");
        if let Some(path) = statement.trim().strip_prefix("use ") {
            imported.extend(
                path.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .skip(1)
                    .filter(|w| !w.is_empty())
                    .map(str::to_string),
            );
        }
    }
    // A module the example declares (`mod models { ... }`) is its own.
    for line in code.lines().map(str::trim) {
        if let Some(rest) = line
            .strip_prefix("pub mod ")
            .or_else(|| line.strip_prefix("mod "))
        {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            imported.insert(name);
        }
    }
    let bytes = code.as_bytes();
    let mut named = std::collections::BTreeSet::new();
    for (at, _) in code.match_indices("::") {
        let start = code[..at]
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
            .map_or(0, |i| i + 1);
        let word = &code[start..at];
        // `a::b` names `a` only; `.method::<T>()` names no crate.
        let after_path = (start >= 2 && &bytes[start - 2..start] == b"::")
            || (start >= 1 && bytes[start - 1] == b'.');
        let is_crate_like = word.starts_with(|c: char| c.is_ascii_lowercase());
        if !word.is_empty() && !after_path && is_crate_like && !imported.contains(word) {
            named.insert(word.to_string());
        }
    }
    // Crates every crate has, and the primitive types (`str::to_string`).
    for builtin in [
        "std", "core", "alloc", "crate", "self", "super", "str", "bool", "char", "u8", "u16",
        "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize", "f32", "f64",
    ] {
        named.remove(builtin);
    }
    named
}

#[test]
fn every_crate_an_example_names_is_in_the_dependency_block() {
    let readme = readme();
    let toml = blocks(&readme, "toml");
    assert!(
        toml.iter().any(|block| block.contains("[dependencies]")),
        "README.md has a dependency block"
    );
    // What a crate copying the README lists: its dependencies, and the
    // dev-dependencies its tests use.
    let mut dependencies: Vec<String> = Vec::new();
    for block in &toml {
        for section in ["[dependencies]", "[dev-dependencies]"] {
            let Some(listed) = block.split(section).nth(1) else {
                continue;
            };
            dependencies.extend(
                listed
                    .lines()
                    .take_while(|line| !line.starts_with('['))
                    .filter_map(|line| line.split_once('=').map(|(name, _)| name.trim()))
                    .filter(|name| !name.is_empty() && !name.starts_with('#'))
                    .map(|name| name.replace('-', "_")),
            );
        }
    }
    let examples = blocks(&readme, "rust");
    assert!(examples.len() >= 4, "the README's examples are missing");
    for code in &examples {
        for name in crates_named(code) {
            assert!(
                dependencies.contains(&name),
                "a README example uses `{name}::`, which the dependency block ({dependencies:?}) does not list:\n{code}"
            );
        }
    }
}

#[test]
fn the_crate_check_sees_what_an_example_uses() {
    let code = "mod local { pub fn f() {} }\nuse pivot_models::x::{A, b};\nfn main() { let v = serde_json::json!(1); http::Request::new(()); b::c(); A::new(); std::mem::drop(v); local::f(); v.get::<u8>(); }";
    let named: Vec<String> = crates_named(code).into_iter().collect();
    assert_eq!(named, ["http", "pivot_models", "serde_json"]);
}

/// Every test file with an `#[ignore]`d test is in the README's list of
/// them, with the command that runs it (`--test <name>`).
#[test]
fn the_readme_lists_every_ignored_test() {
    let readme = readme().split_whitespace().collect::<Vec<_>>().join(" ");
    let workspace = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut dirs = vec![workspace.join("tests")];
    for entry in std::fs::read_dir(&workspace)
        .expect("the workspace")
        .flatten()
    {
        dirs.push(entry.path().join("tests"));
    }
    let mut ignored = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for file in entries.flatten().map(|e| e.path()) {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            let has_ignored = text
                .lines()
                .any(|line| line.trim_start().starts_with("#[ignore"));
            if file.extension().is_some_and(|x| x == "rs") && has_ignored {
                let stem = file.file_stem().expect("a file name").to_string_lossy();
                ignored.push(stem.into_owned());
            }
        }
    }
    assert!(ignored.len() >= 4, "ignored tests not found: {ignored:?}");
    for name in ignored {
        assert!(
            readme.contains(&format!("--test {name} -- --ignored")),
            "README.md does not list the ignored tests of `{name}` with `--test {name} -- --ignored`"
        );
    }
}
