// Shared by the tests that read a folder from outside the repository
// (tests/corpus.rs, tests/diff_cases.rs). They are `#[ignore]`d, so that a
// default `cargo test` lists them as not run; once asked for (`--ignored`,
// as `.ci/run` does), they fail when their folder is missing instead of
// passing without having checked anything.

use std::path::{Path, PathBuf};

/// The folder the environment variable `var` names, a relative value being
/// read from the workspace root (where `.ci/run` runs). `holding` says what
/// the folder holds and `command` how to run the test, for the message when
/// the variable is unset, empty or not a folder.
pub fn required_dir(var: &str, holding: &str, command: &str) -> PathBuf {
    let usage = format!("{var} must name a folder of {holding}: {var}=<folder> {command}");
    let value = std::env::var_os(var).unwrap_or_else(|| panic!("{var} is not set. {usage}"));
    assert!(!value.is_empty(), "{var} is empty. {usage}");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(&value);
    assert!(
        dir.is_dir(),
        "{var}={} is not a folder ({} does not exist or is a file). {usage}",
        Path::new(&value).display(),
        dir.display()
    );
    dir
}
