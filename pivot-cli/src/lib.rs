//! The `pivot` command's work, as a library so that tests can call it without
//! running the binary.
//!
//! - [`show`]: the generated code, pretty-printed;
//! - [`check`]: every problem of every page;
//! - [`fix`]: repair the damage pages are known to carry;
//! - [`diff`]: what a page update changes for users of the models (the
//!   comparison itself is the engine's, `pivot_codegen::diff`);
//! - [`mock`]: the pages served as a Pivot test server (`pivot_mock`).

pub mod check;
pub mod diff;
pub mod fix;
pub mod mock;
pub mod pages;
pub mod progress;
pub mod show;

/// A diagnostic as the CLI prints it: `file:line:col: error: message`
/// (warnings already say `warning:`), the form compilers use; damage that
/// `pivot fix` repairs ends with the command, as [`fix_command`] runs it.
pub fn labelled(d: &pivot_codegen::Diagnostic) -> String {
    match d.severity {
        pivot_codegen::Severity::Error => {
            let message = d.message_with_fix(fix_command());
            format!("{}:{}: error: {message}", d.file, d.pos)
        }
        pivot_codegen::Severity::Warning | pivot_codegen::Severity::Note => d.to_string(),
    }
}

/// `pivot fix` as the user runs it where they ran this command, so that the
/// hint ending a repairable error runs as printed: under `cargo run`,
/// `cargo run -p pivot-cli -- fix` (with `--manifest-path` from outside the
/// workspace); otherwise the program as it was invoked (`pivot`,
/// `./target/debug/pivot`) and `fix`.
pub fn fix_command() -> &'static str {
    static COMMAND: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    COMMAND.get_or_init(|| {
        let this_package = env!("CARGO_PKG_NAME");
        // `cargo run` sets these for the program it runs.
        let under_cargo_run = std::env::var_os("CARGO").is_some()
            && std::env::var("CARGO_PKG_NAME").is_ok_and(|name| name == this_package);
        let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").map(std::path::PathBuf::from);
        match manifest_dir {
            Some(dir) if under_cargo_run => {
                let canonical = |p: &std::path::Path| p.canonicalize().ok();
                let workspace = dir.parent().and_then(canonical);
                let here = std::env::current_dir().ok().and_then(|d| canonical(&d));
                match (workspace, here) {
                    (Some(workspace), Some(here)) if !here.starts_with(&workspace) => format!(
                        "cargo run --manifest-path {} -- fix",
                        pivot_codegen::shell_word(&dir.join("Cargo.toml").to_string_lossy())
                    ),
                    _ => format!("cargo run -p {this_package} -- fix"),
                }
            }
            _ => {
                let program = std::env::args_os()
                    .next()
                    .map(|p| p.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "pivot".to_string());
                format!("{} fix", pivot_codegen::shell_word(&program))
            }
        }
    })
}

/// The paths as the page reader takes them.
pub fn path_strings(paths: &[std::path::PathBuf]) -> Vec<String> {
    paths
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect()
}
