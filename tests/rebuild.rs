//! Cargo rebuilds the models exactly when the pages change: on a copy of the
//! workspace, editing a page regenerates the models, adding a page adds a
//! module, removing one removes it, and a build with no change recompiles
//! nothing of pivot-models.
//!
//! The copy lives in `target/rebuild-test/`. It builds into the workspace's
//! own target directory, so the crates it shares with the workspace (serde,
//! syn, ...) are the ones already compiled: only its own crates are built
//! again. A small crate added to the copy, `rebuild-probe`, prints what the
//! models contain; it depends on pivot-models alone, so nothing but the
//! models and what they need is built (an example of pivot-models would
//! build all its dev-dependencies too).

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

/// Prints every generated module with its examples: anything a page edit changes.
const PROBE_MAIN: &str = r#"fn main() {
    for (module, examples) in pivot_models::EXAMPLES {
        for (side, json, _) in *examples {
            println!("{module} {side} {}", json.replace('\n', " "));
        }
    }
}
"#;

/// The probe's manifest: the models with the tables it prints.
const PROBE_MANIFEST: &str = r#"[package]
name = "rebuild-probe"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
pivot-models = { path = "../pivot-models", default-features = false, features = ["test-hooks", "rebuild-copy"] }
"#;

/// The page the test edits: the copy's own, so any page will do.
const PAGE: &str = "spec/rebuild_probe_edited.txt";

/// A made-up page, with a value to edit.
const EDITED_PAGE: &str = "Rebuild Probe\nPOST\n[BASE_URL]/v1/probe\nRequest\nRequest Body\n{\n\"invoiceNo\": \"INV001\"\n}\nLast updated\n";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .expect("workspace root")
}

/// The target directory of the build running this test.
fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from) {
        Some(dir) if dir.is_absolute() => dir,
        Some(dir) => workspace().join(dir),
        None => workspace().join("target"),
    }
}

#[test]
fn cargo_rebuilds_the_models_exactly_when_pages_change() {
    let base = target_dir().join("rebuild-test");
    fs::create_dir_all(&base).expect("target/rebuild-test");
    let _lock = Lock::acquire(base.join("lock"));
    let copy = base.join("workspace");
    copy_workspace(&workspace(), &copy);
    add_probe(&copy);
    let build = Build {
        copy: copy.clone(),
        target: target_dir(),
    };

    let first = build.run();
    assert!(
        first.models.contains("rebuild_probe_edited request"),
        "{}",
        first.models
    );

    let unchanged = build.run();
    unchanged.assert_nothing_of_the_models_recompiled();
    assert_eq!(unchanged.models, first.models);

    edit(
        &copy.join(PAGE),
        "\"invoiceNo\": \"INV001\"",
        "\"invoiceNo\": \"INV002\"",
    );
    let edited = build.run();
    edited.assert_models_recompiled();
    assert!(
        edited.models.contains("INV002"),
        "edit not seen: {}",
        edited.models
    );

    fs::copy(copy.join(PAGE), copy.join("spec/rebuild_probe_page.txt")).expect("add a page");
    let added = build.run();
    added.assert_models_recompiled();
    assert!(
        added.models.contains("rebuild_probe_page request"),
        "{}",
        added.models
    );

    fs::remove_file(copy.join("spec/rebuild_probe_page.txt")).expect("remove the page");
    let removed = build.run();
    removed.assert_models_recompiled();
    assert!(
        !removed.models.contains("rebuild_probe_page"),
        "{}",
        removed.models
    );
    assert_eq!(removed.models, edited.models);

    build.run().assert_nothing_of_the_models_recompiled();
    let _ = fs::remove_dir_all(&copy);
}

/// Adds the probe crate, as a member of the copy's workspace, and the page
/// it edits. They are dated as the workspace's manifest, as the copied
/// files keep their dates, so that cargo finds an unchanged copy fresh.
///
/// The copy's crates are the workspace's, compiled with the same hashes
/// (cargo names a workspace's own crates by their place in it), so the
/// copy reuses what the workspace built. Its pivot-models is not the same
/// crate, since its pages differ: a feature only the copy has keeps it apart,
/// so that no build of the workspace ever takes it for its own.
fn add_probe(copy: &Path) {
    let manifest = copy.join("Cargo.toml");
    let dated = fs::metadata(&manifest)
        .and_then(|m| m.modified())
        .expect("the copy's manifest");
    let edited = |path: &Path, from: &str, to: &str| {
        let text = fs::read_to_string(path).expect("a manifest of the copy");
        let changed = text.replacen(from, to, 1);
        assert_ne!(changed, text, "{} has no `{from}`", path.display());
        changed
    };
    let workspace = edited(&manifest, "members = [", "members = [\"rebuild-probe\", ");
    let models_manifest = copy.join("pivot-models/Cargo.toml");
    let models = edited(
        &models_manifest,
        "[features]\n",
        "[features]\n# Only in the copy of tests/rebuild.rs.\nrebuild-copy = []\n",
    );
    fs::create_dir_all(copy.join("rebuild-probe/src")).expect("probe directory");
    for (path, contents) in [
        (manifest, workspace.as_str()),
        (models_manifest, models.as_str()),
        (copy.join("rebuild-probe/Cargo.toml"), PROBE_MANIFEST),
        (copy.join("rebuild-probe/src/main.rs"), PROBE_MAIN),
        (copy.join(PAGE), EDITED_PAGE),
    ] {
        fs::write(&path, contents).expect("write into the copy");
        let file = fs::File::options().write(true).open(&path).expect("open");
        file.set_modified(dated).expect("date the file");
    }
}

struct Build {
    copy: PathBuf,
    target: PathBuf,
}

struct Outcome {
    /// What the probe printed.
    models: String,
    /// Cargo's verbose log.
    log: String,
}

impl Build {
    fn run(&self) -> Outcome {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let out = Command::new(cargo)
            // Not --locked: the probe is a new member of the lock file.
            // --offline: nothing new is needed, and nothing is fetched.
            .args(["run", "--offline", "-v", "-p", "rebuild-probe"])
            .current_dir(&self.copy)
            .env("CARGO_TARGET_DIR", &self.target)
            .env_remove("PIVOT_MACROS_BASE_DIR")
            .output()
            .expect("cargo runs");
        let log = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "build failed:\n{log}");
        Outcome {
            models: String::from_utf8_lossy(&out.stdout).into_owned(),
            log,
        }
    }
}

impl Outcome {
    fn assert_models_recompiled(&self) {
        assert!(
            self.log.contains("Compiling pivot-models"),
            "pivot-models was not rebuilt:\n{}",
            self.log
        );
    }

    fn assert_nothing_of_the_models_recompiled(&self) {
        assert!(
            self.log.contains("Fresh pivot-models") && !self.log.contains("Compiling"),
            "a build without changes recompiled something:\n{}",
            self.log
        );
    }
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).expect("page");
    assert!(text.contains(from), "{} lacks {from}", path.display());
    fs::write(path, text.replacen(from, to, 1)).expect("edit the page");
}

/// Copies the sources, not the build output or history. Modification times
/// are kept, so that cargo finds an unchanged copy fresh from the last run.
fn copy_workspace(from: &Path, to: &Path) {
    if to.exists() {
        fs::remove_dir_all(to).expect("remove the previous copy");
    }
    copy_dir(from, to, &|name| name != "target" && !name.starts_with('.'));
}

fn copy_dir(from: &Path, to: &Path, keep: &dyn Fn(&str) -> bool) {
    fs::create_dir_all(to).expect("create directory");
    for entry in fs::read_dir(from).expect("list directory") {
        let entry = entry.expect("directory entry");
        let name = entry.file_name().to_string_lossy().into_owned();
        if !keep(&name) {
            continue;
        }
        let (source, dest) = (entry.path(), to.join(&name));
        let kind = entry.file_type().expect("file type");
        if kind.is_dir() {
            copy_dir(&source, &dest, &|_| true);
        } else if kind.is_file() {
            fs::copy(&source, &dest).expect("copy file");
            let modified = entry.metadata().and_then(|m| m.modified());
            if let (Ok(modified), Ok(file)) =
                (modified, fs::File::options().write(true).open(&dest))
            {
                let _ = file.set_modified(modified);
            }
        }
    }
}

/// One run at a time: two test runs sharing the copy and its build directory
/// would undo each other's steps.
struct Lock(PathBuf);

/// A lock older than any run can take is left over from a killed run.
const STALE_LOCK: Duration = Duration::from_secs(30 * 60);

impl Lock {
    fn acquire(path: PathBuf) -> Lock {
        loop {
            match fs::create_dir(&path) {
                Ok(()) => return Lock(path),
                Err(e) if e.kind() == ErrorKind::AlreadyExists => {}
                Err(e) => panic!("cannot create {}: {e}", path.display()),
            }
            let age = fs::metadata(&path)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| SystemTime::now().duration_since(t).ok());
            if age.is_some_and(|age| age > STALE_LOCK) {
                let _ = fs::remove_dir(&path);
            } else {
                std::thread::sleep(Duration::from_secs(1));
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_dir(&self.0);
    }
}
