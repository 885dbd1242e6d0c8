//! The code generated from every page in `spec/`, checked in as one snapshot
//! per page (`tests/snapshots/`), exactly as `pivot show --all spec/<page>.txt`
//! prints it. A change to a page or to the generator shows up as a diff of
//! these files in review, and a test failure until it is accepted.
//!
//! To accept a deliberate change: `cargo insta review` (with `cargo install
//! cargo-insta`), or `INSTA_UPDATE=always cargo test -p pivot-cli --test
//! snapshots`; then read the diff of `tests/snapshots/` before committing.
//!
//! A page new to `spec/` has no snapshot yet, and insta would print all of
//! its generated code (thousands of lines) as the failure. Instead the test
//! says in one line, first, which page is new and how to accept it; insta
//! still stores the pending snapshot for `cargo insta review`, in a run of
//! this test of its own whose output is dropped.

use std::path::{Path, PathBuf};
use std::process::Command;

use pivot_cli::show;

/// The command that accepts every new or changed snapshot of this test.
const ACCEPT: &str = "INSTA_UPDATE=always cargo test -p pivot-cli --test snapshots";

/// Set for the run that only stores the pending snapshots of new pages.
const PENDING_ONLY: &str = "PIVOT_SNAPSHOTS_PENDING_ONLY";

#[test]
fn generated_code_of_every_page() {
    let pending_only = std::env::var_os(PENDING_ONLY).is_some();
    let missing = pages_without_snapshot();
    // When insta writes a missing snapshot in place, it is accepted as is.
    let in_place = insta_writes_new_snapshots_in_place();
    let new = if in_place {
        Vec::new()
    } else {
        missing.clone()
    };
    if !new.is_empty() && !pending_only {
        // First in the output, before the diff of any changed snapshot.
        println!("{}", new_pages_message(&new));
        store_pending_snapshots();
    }
    insta::glob!("../spec", "*.txt", |path| {
        // Named after the page alone: glob! would name a lone page's
        // snapshot differently from one among several.
        let page = page_name(path);
        if new.contains(&page) != pending_only {
            return;
        }
        let file = path.file_name().expect("page file name").to_string_lossy();
        // Named as the macro and `pivot show spec/...` name it, since the name
        // is part of the generated docs.
        let source =
            pivot_codegen::Source::read(path, &format!("spec/{file}")).expect("readable page");
        let generated = show::generate(&[source]);
        let errors: Vec<String> = generated.errors().map(ToString::to_string).collect();
        assert!(errors.is_empty(), "{}", errors.join("\n"));
        let code = show::render(&generated).expect("generated code parses");
        insta::with_settings!({ snapshot_suffix => page }, {
            insta::assert_snapshot!("show", code);
        });
    });
    if in_place {
        // The pending snapshots of an earlier run are accepted now; insta
        // leaves them, and they are not to be committed.
        for page in &missing {
            let pending = snapshots_dir().join(format!("{}.new", snapshot_name(page)));
            let _ = std::fs::remove_file(pending);
        }
    }
    assert!(
        new.is_empty() || pending_only,
        "{}",
        new_pages_message(&new)
    );
}

/// One line: which pages are new, how to accept their snapshots, what to commit.
fn new_pages_message(new: &[String]) -> String {
    let list = |f: &dyn Fn(&String) -> String| new.iter().map(f).collect::<Vec<_>>().join(", ");
    format!(
        "new page without a snapshot: {}; accept its generated code with `{ACCEPT}` \
         (or `cargo insta review`), then commit {} with the page",
        list(&|page| format!("spec/{page}.txt")),
        list(&|page| format!("tests/snapshots/{}", snapshot_name(page))),
    )
}

/// A page's name, its file stem, as the snapshot suffix and its file name use it.
fn page_name(path: &Path) -> String {
    let stem = path.file_stem().expect("page file name");
    stem.to_string_lossy().into_owned()
}

fn snapshot_name(page: &str) -> String {
    format!("snapshots__show@{page}.snap")
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn snapshots_dir() -> PathBuf {
    workspace().join("tests/snapshots")
}

/// The pages of `spec/` whose snapshot file does not exist yet.
fn pages_without_snapshot() -> Vec<String> {
    let spec = workspace().join("spec");
    let snapshots = snapshots_dir();
    let mut new: Vec<String> = std::fs::read_dir(&spec)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", spec.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|x| x == "txt"))
        .map(|path| page_name(&path))
        .filter(|page| !snapshots.join(snapshot_name(page)).is_file())
        .collect();
    new.sort();
    new
}

/// Whether insta, as the environment sets it up, writes a snapshot that does
/// not exist yet straight to its `.snap` file (rather than to a pending
/// `.snap.new`, or nowhere).
fn insta_writes_new_snapshots_in_place() -> bool {
    let set = |var: &str, values: &[&str]| {
        std::env::var(var).is_ok_and(|value| values.contains(&value.as_str()))
    };
    set("INSTA_UPDATE", &["always", "1", "force", "unseen"])
        || set("INSTA_FORCE_UPDATE", &["1"])
        || set("INSTA_FORCE_UPDATE_SNAPSHOTS", &["1"])
}

/// Runs this test again, on the new pages only and with insta silent, so that
/// insta stores their pending snapshots as it would have (`.snap.new`, for
/// `cargo insta review`; nothing on CI). That run fails; what it printed is
/// the new snapshots in full, and is dropped.
fn store_pending_snapshots() {
    let this_test = "generated_code_of_every_page";
    Command::new(std::env::current_exe().expect("path of the test binary"))
        .args([this_test, "--exact", "--test-threads=1"])
        .env(PENDING_ONLY, "1")
        .env("INSTA_OUTPUT", "none")
        .output()
        .expect("run the snapshot test for the new pages");
}
