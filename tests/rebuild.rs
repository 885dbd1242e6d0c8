//! Cargo rebuilds the models exactly when the pages change: on a copy of the
//! workspace, editing a page regenerates the models, adding a page adds a
//! module, removing one removes it, and a build with no change recompiles
//! nothing of pivot-models.
//!
//! The copy lives in `target/rebuild-test/` and its build directory is kept
//! there between runs, so that the dependencies are compiled only once. A
//! small example added to the copy prints what the models contain.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

/// Prints every generated module with its examples: anything a page edit changes.
const PROBE: &str = r#"fn main() {
    for (module, examples) in pivot_models::EXAMPLES {
        for (side, json, _) in *examples {
            println!("{module} {side} {}", json.replace('\n', " "));
        }
    }
}
"#;

const PAGE: &str = "spec/create_payment_session.txt";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .expect("workspace root")
}

#[test]
fn cargo_rebuilds_the_models_exactly_when_pages_change() {
    let base = workspace().join("target/rebuild-test");
    fs::create_dir_all(&base).expect("target/rebuild-test");
    let _lock = Lock::acquire(base.join("lock"));
    let copy = base.join("workspace");
    copy_workspace(&workspace(), &copy);
    fs::create_dir_all(copy.join("pivot-models/examples")).expect("examples directory");
    fs::write(copy.join("pivot-models/examples/rebuild_probe.rs"), PROBE).expect("probe");
    let build = Build {
        copy: copy.clone(),
        target: base.join("target"),
    };

    let first = build.run();
    assert!(
        first.models.contains("create_payment_session request"),
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
        added.models.contains("rebuild_probe_page response"),
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
            .args(["run", "--locked", "-v", "-p", "pivot-models"])
            .args(["--example", "rebuild_probe"])
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
