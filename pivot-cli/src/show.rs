//! `pivot show`: the code the macro generates, pretty-printed.

use std::process::ExitCode;

use pivot_codegen::{Generated, Options, Severity, Source};

use crate::pages;

/// The models of `sources`, generated the way `pivot_macros::models!` does;
/// a test in pivot-macros holds the two to the same tokens.
pub fn generate(sources: &[Source]) -> Generated {
    pivot_codegen::generate(sources)
}

/// The generated code as a formatted Rust file.
pub fn render(generated: &Generated) -> Result<String, String> {
    render_with(generated, &Options::default())
}

/// As [`render`], with other generation options (`--no-builders`).
pub fn render_with(generated: &Generated, options: &Options) -> Result<String, String> {
    pivot_codegen::pretty(&generated.tokens_with(options))
        .map_err(|e| format!("internal error: generated code does not parse: {e}"))
}

/// Prints the code generated from the pages under `paths`, with or without builders.
pub fn run(paths: &[std::path::PathBuf], builders: bool) -> ExitCode {
    let options = Options {
        builders,
        ..Options::default()
    };
    let args = crate::path_strings(paths);
    let args = args.as_slice();
    let sources = match read_all(args) {
        Ok(sources) => sources,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let generated = generate(&sources);
    let mut failed = false;
    for d in generated.diagnostics() {
        eprintln!("{}", crate::labelled(d));
        failed |= d.severity == Severity::Error;
    }
    match render_with(&generated, &options) {
        Ok(code) => print!("{code}"),
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn read_all(args: &[String]) -> Result<Vec<Source>, String> {
    pages::expand_all(args)?
        .iter()
        .map(|p| pages::read(p).map_err(|d| d.to_string()))
        .collect()
}
