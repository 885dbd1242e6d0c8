//! `pivot show`: the code the macro generates, pretty-printed.

use std::process::ExitCode;

use pivot_codegen::{Generated, Severity, Source};

use crate::pages;

/// The models of `sources`, generated the way `pivot_macros::models!` does;
/// a test in pivot-macros holds the two to the same tokens.
pub fn generate(sources: &[Source]) -> Generated {
    pivot_codegen::generate(sources)
}

/// The generated code as a formatted Rust file.
pub fn render(generated: &Generated) -> Result<String, String> {
    pivot_codegen::pretty(&generated.tokens())
        .map_err(|e| format!("internal error: generated code does not parse: {e}"))
}

pub fn run(args: &[String]) -> ExitCode {
    let sources = match read_all(args) {
        Ok(sources) => sources,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let generated = generate(&sources);
    let mut failed = false;
    for d in generated.diagnostics() {
        eprintln!("{d}");
        failed |= d.severity == Severity::Error;
    }
    match render(&generated) {
        Ok(code) => print!("{code}"),
        Err(message) => {
            eprintln!("{message}");
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
