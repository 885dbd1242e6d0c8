//! Corpus tests: whole folders of outside input through the real macro.
//!
//! - `PIVOT_PAGES_DIR`: documentation pages (`*.txt`), such as Pivot's 98 pages.
//! - `PIVOT_JSON_CORPUS_DIR`: JSON documents (`*.json`), each used as the
//!   response body of a page of its own.
//!
//! Each folder becomes one scratch crate (all its files together, so names
//! must not collide across modules) that is compiled once; its test then
//! round-trips every document. A page the generator rejects must be rejected
//! precisely: every error names a line and column of the page where the
//! character it complains about really is.
//!
//! A clone has no corpus, so both tests are `#[ignore]`d: `cargo test` lists
//! them as ignored. `.ci/run` runs them with `--ignored`; so run, an unset
//! variable or one naming a missing folder fails the test. A relative value
//! is read from the workspace root.

use std::path::{Path, PathBuf};
use std::process::Command;

use pivot_codegen::{Severity, Source};

#[path = "support/required_dir.rs"]
mod required_dir;
use required_dir::required_dir;

/// How to run these tests, for the message when a folder is missing.
const RUN: &str = "cargo test -p pivot-models --test corpus -- --ignored";

fn files_with_extension(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == extension))
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "no *.{extension} files in {}",
        dir.display()
    );
    files
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .expect("file name")
        .to_string_lossy()
        .into_owned()
}

/// A JSON document dressed as a documentation page with only a response.
fn page_for_json(name: &str, json: &str) -> String {
    format!(
        "{name}\nGET\n[BASE_URL]/corpus/{name}\nResponse\nResponse Body\n{json}\nLast updated\n"
    )
}

/// The character an error message says it found, as in "found `“` (U+201C)".
fn found_char(message: &str) -> Option<char> {
    let rest = &message[message.find("found ")? + "found ".len()..];
    let rest = rest.strip_prefix("typographic quote ").unwrap_or(rest);
    let rest = rest.strip_prefix("the bare word ").unwrap_or(rest);
    rest.strip_prefix('`')?.chars().next()
}

/// Every error of a rejected page must point at the offending character.
fn assert_precise(source: &Source, diagnostics: &[pivot_codegen::Diagnostic]) {
    let lines: Vec<&str> = source.text.lines().collect();
    for d in diagnostics.iter().filter(|d| d.severity == Severity::Error) {
        let line = lines
            .get(d.pos.line as usize - 1)
            .unwrap_or_else(|| panic!("{d}: line is outside the page"));
        assert!(
            d.message.contains("expected"),
            "{d}: does not say what was expected"
        );
        if let Some(found) = found_char(&d.message) {
            let at = line.chars().nth(d.pos.col as usize - 1);
            assert_eq!(
                at,
                Some(found),
                "{d}: column does not point at `{found}` in {line:?}"
            );
        }
    }
}

struct Scratch {
    dir: PathBuf,
}

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = target_dir().join("corpus").join(name);
        // Start from nothing but keep the crate's place, so cargo's cache of
        // its dependencies stays valid between runs.
        for sub in ["spec", "originals", "tests"] {
            std::fs::remove_dir_all(dir.join(sub)).ok();
        }
        for sub in ["spec", "src", "tests", "originals"] {
            std::fs::create_dir_all(dir.join(sub)).expect("create scratch crate");
        }
        Scratch { dir }
    }

    fn write(&self, relative: &str, contents: &str) {
        std::fs::write(self.dir.join(relative), contents).expect("write scratch file");
    }

    /// Writes the crate around `spec/`, runs its round-trip test (the test
    /// hooks give every struct a builder), and checks it as a user's crate
    /// compiles it: builders only for what a call sends, no hooks.
    fn build_and_round_trip(&self, expected_modules: usize) {
        let workspace = workspace_dir();
        self.write(
            "Cargo.toml",
            &format!(
                "[package]\nname = \"pivot-corpus\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n\
                 [features]\ndefault = [\"hooks\"]\nhooks = [\"pivot-macros/test-hooks\"]\n\n\
                 [dependencies]\npivot-macros = {{ path = {:?} }}\npivot-runtime = {{ path = {:?} }}\nserde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n\n\
                 [profile.dev.build-override]\nopt-level = 3\n\n\
                 [workspace]\n",
                workspace.join("pivot-macros"),
                workspace.join("pivot-runtime")
            ),
        );
        // The workspace's lock file keeps the scratch crate on the same versions,
        // so its dependencies are the ones already compiled.
        std::fs::copy(workspace.join("Cargo.lock"), self.dir.join("Cargo.lock")).ok();
        self.write("src/lib.rs", "pivot_macros::models!(\"spec\");\n");
        self.write(
            "tests/round_trip.rs",
            &format!(
                "include!({:?});\nconst EXPECTED_MODULES: usize = {expected_modules};\n{ROUND_TRIP}",
                workspace.join("tests/support/json_eq.rs"),
            ),
        );
        let stdout = self.cargo(&["test", "--quiet"]);
        assert!(
            stdout.contains("round_trip_everything ... ok") || stdout.contains("1 passed"),
            "{stdout}"
        );
        self.cargo(&["check", "--quiet", "--lib", "--no-default-features"]);
    }

    /// Runs cargo on the scratch crate; its standard output, if it succeeds.
    fn cargo(&self, args: &[&str]) -> String {
        let output = Command::new(env!("CARGO"))
            .args(args)
            .arg("--manifest-path")
            .arg(self.dir.join("Cargo.toml"))
            // The workspace's own target directory: the crates the scratch
            // crate shares with it (serde, syn, ...; the generator optimized,
            // as the workspace builds it) are the ones already compiled.
            .env("CARGO_TARGET_DIR", target_dir())
            .env_remove("RUSTFLAGS")
            .output()
            .expect("run cargo");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "cargo {} of scratch crate {} failed:\n{stdout}\n{stderr}",
            args.join(" "),
            self.dir.display()
        );
        stdout.into_owned()
    }
}

/// The scratch crate's test: every example of every module round-trips, and an
/// example that has an original document is compared with that, not with the
/// generator's own re-serialization.
const ROUND_TRIP: &str = r#"
#[test]
fn round_trip_everything() {
    let originals = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("originals");
    assert_eq!(pivot_corpus::EXAMPLES.len(), EXPECTED_MODULES, "modules generated");
    let mut failures = Vec::new();
    for (module, examples) in pivot_corpus::EXAMPLES {
        if examples.is_empty() {
            failures.push(format!("{module}: no example to round-trip"));
        }
        for (side, json, round_trip) in *examples {
            let original_path = originals.join(format!("{module}.json"));
            let original: serde_json::Value = match std::fs::read_to_string(&original_path) {
                Ok(text) => serde_json::from_str(&text).expect("original is JSON"),
                Err(_) => serde_json::from_str(json).expect("example is strict JSON"),
            };
            match round_trip(json) {
                Ok(back) if same_json(&original, &back) => {}
                Ok(back) => failures.push(format!("{module} {side}: changed\n  {original}\n  {back}")),
                Err(e) => failures.push(format!("{module} {side}: {e}")),
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}
"#;

fn workspace_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .expect("workspace")
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|p| {
            if p.is_absolute() {
                p
            } else {
                workspace_dir().join(p)
            }
        })
        .unwrap_or_else(|| workspace_dir().join("target"))
}

/// The credentials of the pages issue 15 names, and their look-alikes:
/// (page, keys typed `SecretString`, keys that stay `String`). Header names
/// count: the pages' `Headers` are models too.
const CREDENTIALS: &[(&str, &[&str], &[&str])] = &[
    (
        "access_token",
        &["accessToken", "X-MERCHANT-SECRET"],
        &["tokenType", "expiresIn", "X-MERCHANT-ID"],
    ),
    (
        "wallet_access_token_b2b",
        &["accessToken", "X-SIGNATURE"],
        &["tokenType", "expiresIn", "X-CLIENT-KEY", "X-TIMESTAMP"],
    ),
    (
        "wallet_access_token_b2b2c",
        &["accessToken", "refreshToken", "X-SIGNATURE"],
        &[
            "tokenType",
            "accessTokenExpiryTime",
            "refreshTokenExpiryTime",
        ],
    ),
    (
        // The payment URL carries the session's token in its query.
        "object_payment_session",
        &["encryptionKey", "token", "paymentUrl"],
        &[],
    ),
    (
        "confirm_payment_session",
        &["encryptionKey", "token"],
        &["encryptedCard"],
    ),
    ("object_customer", &["token"], &[]),
    (
        "object_payment_method",
        &["token", "number", "cvc"],
        &["encryptedCard"],
    ),
];

/// Every field of `key` in the page is a secret (or, for a look-alike, is
/// not). `Field::ty` is the type without an optional field's `Option`.
fn assert_credentials(stem: &str, module: &pivot_codegen::model::Module) {
    use pivot_codegen::model::Ty;
    let Some((_, secret, plain)) = CREDENTIALS.iter().find(|(page, ..)| *page == stem) else {
        return;
    };
    let types = |key: &str| -> Vec<&Ty> {
        let types: Vec<&Ty> = module
            .structs()
            .flat_map(|s| &s.fields)
            .filter(|f| f.key == key)
            .map(|f| &f.ty)
            .collect();
        assert!(!types.is_empty(), "{stem}: no field `{key}`");
        types
    };
    for key in *secret {
        assert!(
            types(key).iter().all(|ty| **ty == Ty::Secret),
            "{stem}: `{key}` is not a secret"
        );
    }
    for key in *plain {
        assert!(
            types(key).iter().all(|ty| **ty == Ty::String),
            "{stem}: `{key}` became a secret"
        );
    }
}

#[test]
#[ignore = "needs PIVOT_PAGES_DIR (a folder of pages); .ci/run sets it: PIVOT_PAGES_DIR=<dir> cargo test -p pivot-models --test corpus -- --ignored"]
fn real_pages_generate_compile_and_round_trip() {
    let dir = required_dir("PIVOT_PAGES_DIR", "documentation pages (*.txt)", RUN);
    let scratch = Scratch::new("pages");
    let files = files_with_extension(&dir, "txt");
    let mut repaired = Vec::new();
    for path in &files {
        let source = Source {
            display_path: path.display().to_string(),
            stem: stem(path),
            text: std::fs::read_to_string(path).expect("page is UTF-8"),
        };
        let analysis = pivot_codegen::analyze(&source);
        let text = if analysis.has_errors() {
            // Damaged as published: the errors must be precise, and `pivot
            // fix` must repair all of it (on the scratch copy).
            assert_precise(&source, &analysis.diagnostics);
            let fixed = pivot_codegen::fix::repair(&source);
            let left: Vec<String> = fixed.remaining.iter().map(|d| d.to_string()).collect();
            assert!(
                left.is_empty(),
                "{}: `pivot fix` leaves {left:#?}",
                source.stem
            );
            assert!(
                fixed.changed(),
                "{}: rejected, yet nothing to repair",
                source.stem
            );
            repaired.push(source.stem.clone());
            fixed.text
        } else {
            source.text
        };
        let fixed = Source { text, ..source };
        assert_credentials(&fixed.stem, &pivot_codegen::analyze(&fixed).module);
        scratch.write(&format!("spec/{}.txt", fixed.stem), &fixed.text);
    }
    let missing: Vec<&str> = CREDENTIALS
        .iter()
        .map(|(page, ..)| *page)
        .filter(|page| !files.iter().any(|f| stem(f) == *page))
        .collect();
    assert!(
        missing.is_empty(),
        "pages issue 15 names are missing: {missing:?}"
    );
    eprintln!(
        "{} pages compiled and round-tripped, these after `pivot fix`: {repaired:?}",
        files.len()
    );
    scratch.build_and_round_trip(files.len());
}

#[test]
#[ignore = "needs PIVOT_JSON_CORPUS_DIR (a folder of JSON documents); .ci/run sets it: PIVOT_JSON_CORPUS_DIR=<dir> cargo test -p pivot-models --test corpus -- --ignored"]
fn json_edge_cases_generate_compile_and_round_trip() {
    let dir = required_dir("PIVOT_JSON_CORPUS_DIR", "JSON documents (*.json)", RUN);
    let scratch = Scratch::new("json");
    let files = files_with_extension(&dir, "json");
    for path in &files {
        let name = stem(path);
        let json = std::fs::read_to_string(path).expect("document is UTF-8");
        let source = Source {
            display_path: path.display().to_string(),
            stem: name.clone(),
            text: page_for_json(&name, &json),
        };
        let analysis = pivot_codegen::analyze(&source);
        let errors: Vec<String> = analysis.diagnostics.iter().map(|d| d.to_string()).collect();
        assert!(
            !analysis.has_errors(),
            "{name}: valid JSON was rejected: {errors:#?}"
        );
        let module = &analysis.module.ident;
        scratch.write(&format!("spec/{name}.txt"), &source.text);
        scratch.write(&format!("originals/{module}.json"), &json);
    }
    scratch.build_and_round_trip(files.len());
}
