//! The generator at the scale of a large API: 500 synthetic pages generate
//! without a diagnostic into one valid Rust file, deterministically.
//!
//! Compiling those 500 modules takes about 4 minutes and 6 GB on a 2-core
//! machine, so that test is `#[ignore]`d, outside CI too (see `.ci/run`):
//! `cargo test -p pivot-codegen --test scale -- --ignored` runs it.

use std::path::{Path, PathBuf};
use std::process::Command;

use pivot_codegen::model::{Item, Ty};
use pivot_codegen::{Severity, Source};
use pivot_synthetic as synthetic;

const SEED: u64 = 6;
const PAGES: usize = 500;

#[test]
fn five_hundred_pages_generate_into_one_valid_file() {
    let pages = synthetic::pages(SEED, PAGES);
    let generated = pivot_codegen::generate(&pages);
    // Notes (members only the example documents) are information, not problems.
    let problems: Vec<String> = generated
        .diagnostics()
        .filter(|d| d.severity != Severity::Note)
        .map(|d| d.to_string())
        .collect();
    assert!(
        problems.is_empty(),
        "synthetic pages should be clean: {problems:#?}"
    );

    let file: syn::File = syn::parse2(generated.tokens()).expect("generated code parses");
    // Beside the page modules, only the crate-wide `__` ones.
    let modules: Vec<String> = file
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Mod(m) if !m.ident.to_string().starts_with("__") => {
                Some(m.ident.to_string())
            }
            _ => None,
        })
        .collect();
    assert_eq!(modules.len(), PAGES);
    // Each resource has an object page, and the pages about it link it:
    // their data is the object's type.
    let objects = generated
        .analyses
        .iter()
        .filter(|a| a.module.object.is_some())
        .count();
    assert_eq!(objects, 16);
    let linking = generated
        .analyses
        .iter()
        .filter(|a| !a.module.linked.is_empty())
        .count();
    assert!(linking > PAGES / 2, "{linking} pages link an object");
}

#[test]
fn output_for_many_pages_is_byte_identical_across_runs() {
    let first = pivot_codegen::generate(&synthetic::pages(SEED, 50)).tokens();
    let second = pivot_codegen::generate(&synthetic::pages(SEED, 50)).tokens();
    assert_eq!(first.to_string(), second.to_string());
}

#[test]
fn pages_follow_from_the_seed_and_index_alone() {
    let ten = synthetic::pages(SEED, 10);
    assert_eq!(ten, synthetic::pages(SEED, 10));
    assert_eq!(synthetic::page(SEED, 7), ten[7]);
    assert_ne!(synthetic::pages(SEED + 1, 10), ten);
    let stems: std::collections::BTreeSet<&str> = ten.iter().map(|p| p.stem.as_str()).collect();
    assert_eq!(stems.len(), ten.len(), "module names must be distinct");
}

/// Whatever the seed, the set covers the layouts the real pages use; a
/// generator that lost one would make the benchmarks measure less than
/// the real thing.
#[test]
fn pages_cover_the_layouts_of_real_pages() {
    let pages = synthetic::pages(SEED, 100);
    let count = |f: &dyn Fn(&Source) -> bool| pages.iter().filter(|p| f(p)).count();
    let has = |needle: &'static str| move |p: &Source| p.text.contains(needle);
    let layouts = [
        (
            "tables with a header row",
            count(&has("\nParameter\nData Type\n")),
        ),
        (
            "character-limit columns",
            count(&has("\nCharacter Limit\n")),
        ),
        ("header tables", count(&has("\nRequest Header\n"))),
        ("dotted paths", count(&has("amount.value\n"))),
        ("array paths", count(&has("[]."))),
        (
            "long descriptions",
            count(&|p| p.text.lines().any(|l| l.len() > 200)),
        ),
        ("callback pages", count(&has("(merchant callback URL)"))),
        ("object pages", count(&has(" Object\nResponse\n"))),
        ("query strings", count(&has("?page={page}"))),
    ];
    for (layout, pages_with_it) in layouts {
        assert!(
            pages_with_it >= 3,
            "only {pages_with_it} pages have {layout}"
        );
    }
    let tables_without_header = count(&|p| !p.text.contains("\nParameter\nData Type\n"));
    assert!(tables_without_header >= 3);

    let generated = pivot_codegen::generate(&pages);
    let items = || generated.analyses.iter().flat_map(|a| &a.module.items);
    let enums = items().filter(|i| matches!(i, Item::Enum(_))).count();
    let fields = || {
        items().flat_map(|i| match i {
            Item::Struct(s) => s.fields.as_slice(),
            _ => &[],
        })
    };
    let vecs = fields().filter(|f| matches!(f.ty, Ty::Vec(_))).count();
    let optional = fields().filter(|f| f.optional).count();
    let maps = fields().filter(|f| f.ty == Ty::Map).count();
    assert!(enums >= 100, "{enums} enums");
    assert!(vecs >= 50, "{vecs} arrays");
    assert!(optional >= 100, "{optional} optional fields");
    assert!(maps >= 10, "{maps} free-form objects");
}

#[test]
fn large_list_response_is_big_and_its_page_clean() {
    let (page, response) = synthetic::large_list(SEED, 1 << 20);
    assert!(response.len() >= 1 << 20);
    assert!(
        response.len() < (1 << 20) + 4096,
        "{} bytes",
        response.len()
    );
    assert!(response.starts_with(r#"{"code":"00""#) && response.ends_with('}'));
    let generated = pivot_codegen::generate(&[page]);
    let problems = generated
        .diagnostics()
        .filter(|d| d.severity != Severity::Note);
    assert_eq!(problems.count(), 0);
}

/// `cargo build` of a crate whose `models!` reads the 500 pages.
#[test]
#[ignore = "slow: compiles 500 pages, about 4 minutes and 6 GB; run it with cargo test -p pivot-codegen --test scale -- --ignored"]
fn five_hundred_pages_compile() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let scratch = workspace.join("target/scale-test");
    write_scratch_crate(&scratch, &workspace, &synthetic::pages(SEED, PAGES));
    let status = Command::new(env!("CARGO"))
        .args(["build", "--quiet", "--manifest-path"])
        .arg(scratch.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", scratch.join("target"))
        .status()
        .expect("cargo runs");
    assert!(status.success(), "500 synthetic pages do not compile");
}

fn write_scratch_crate(dir: &Path, workspace: &Path, pages: &[Source]) {
    let spec = dir.join("spec");
    let _ = std::fs::remove_dir_all(&spec);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::create_dir_all(&spec).unwrap();
    for page in pages {
        std::fs::write(spec.join(format!("{}.txt", page.stem)), &page.text).unwrap();
    }
    let macros: PathBuf = workspace.join("pivot-macros").canonicalize().unwrap();
    let runtime: PathBuf = workspace.join("pivot-runtime").canonicalize().unwrap();
    let manifest = format!(
        "[package]\nname = \"pivot-scale-test\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\npivot-macros = {{ path = {macros:?} }}\npivot-runtime = {{ path = {runtime:?} }}\nserde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n\n\
         [workspace]\n"
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    // The workspace's lock file keeps the scratch build on the versions CI tests.
    std::fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    std::fs::write(dir.join("src/lib.rs"), "pivot_macros::models!(\"spec\");\n").unwrap();
}
