//! `pivot show`: the code the macro generates, pretty-printed.
//!
//! By default the models alone, for reading: each page's module with its
//! types, `validate()` and examples, without the builders and the few
//! crate-wide items. `--all` prints everything the macro emits, exactly (a
//! test in pivot-macros holds the two to the same tokens); `--no-builders`
//! everything but the builders, as `pivot-models --no-default-features`
//! compiles it; `--response-builders` everything with the builders of
//! response types too, as its `response-builders` feature does.

use std::process::ExitCode;

use pivot_codegen::{Builders, Generated, Options, Severity, Source};

use crate::pages;

/// The models of `sources`, generated the way `pivot_macros::models!` does;
/// a test in pivot-macros holds the two to the same tokens.
pub fn generate(sources: &[Source]) -> Generated {
    pivot_codegen::generate(sources)
}

/// Everything the macro generates (`--all`), as a formatted Rust file.
pub fn render(generated: &Generated) -> Result<String, String> {
    render_with(generated, &Options::default())
}

/// What `pivot show` prints: with `all`, everything the macro emits with
/// these `builders` (`Builders::Sent` is its default, `None` and `All` its
/// features); else the models alone.
pub fn options(all: bool, builders: Builders) -> Options {
    if all {
        Options::default().builders(builders)
    } else {
        Options::default().builders(Builders::None).support(false)
    }
}

/// As [`render`], with other generation options (`--no-builders`).
pub fn render_with(generated: &Generated, options: &Options) -> Result<String, String> {
    pivot_codegen::pretty(&generated.tokens_with(options))
        .map_err(|e| format!("internal error: generated code does not parse: {e}"))
}

/// Prints the code generated from the pages under `paths`, as `options` say.
pub fn run(paths: &[std::path::PathBuf], options: &Options) -> ExitCode {
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
    // Notes are for `pivot check`; `show` reports only what is wrong.
    for d in generated
        .diagnostics()
        .filter(|d| d.severity != Severity::Note)
    {
        eprintln!("{}", crate::labelled(d));
        failed |= d.severity == Severity::Error;
    }
    match render_with(&generated, options) {
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
