//! `pivot`: look at the models generated from documentation pages.
//!
//! - `pivot show <page>...`: the code the macro generates, pretty-printed.

use std::path::Path;
use std::process::ExitCode;

use pivot_codegen::Source;

const USAGE: &str = "usage: pivot show <page.txt>...";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.split_first() {
        Some((cmd, pages)) if cmd == "show" && !pages.is_empty() => show(pages),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn read_source(path: &str) -> Result<Source, String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("{path}: cannot read the page: {e}"))?;
    let stem = Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Source {
        display_path: path.to_string(),
        stem,
        text,
    })
}

fn show(pages: &[String]) -> ExitCode {
    let mut sources = Vec::new();
    for page in pages {
        match read_source(page) {
            Ok(source) => sources.push(source),
            Err(message) => {
                eprintln!("{message}");
                return ExitCode::from(2);
            }
        }
    }
    let generated = pivot_codegen::generate(&sources);
    let mut failed = false;
    for d in generated.diagnostics() {
        eprintln!("{d}");
        failed |= d.severity == pivot_codegen::Severity::Error;
    }
    match pivot_codegen::pretty(&generated.tokens()) {
        Ok(code) => print!("{code}"),
        Err(e) => {
            eprintln!("internal error: generated code does not parse: {e}");
            return ExitCode::from(2);
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
