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
/// (warnings already say `warning:`), the form compilers use.
pub fn labelled(d: &pivot_codegen::Diagnostic) -> String {
    match d.severity {
        pivot_codegen::Severity::Error => {
            format!("{}:{}: error: {}", d.file, d.pos, d.message)
        }
        pivot_codegen::Severity::Warning | pivot_codegen::Severity::Note => d.to_string(),
    }
}

/// The paths as the page reader takes them.
pub fn path_strings(paths: &[std::path::PathBuf]) -> Vec<String> {
    paths
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect()
}
