//! `pivot check`: every problem of every page, without building anything:
//! the errors that fail the build, and the warnings about what the generator
//! worked around (table rows that document nothing in the example, documented
//! types the example contradicts, limits it cannot read).

use std::process::ExitCode;

use pivot_codegen::{Diagnostic, Severity};

use crate::pages;
use crate::progress::Progress;

const USAGE: &str = "usage: pivot check [--format text|json] <page.txt or directory>...";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

pub fn run(args: &[String]) -> ExitCode {
    let (format, paths) = match parse_args(args) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("{message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let files = match pages::expand_all(&paths) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let mut progress = Progress::new(files.len());
    let mut diagnostics = Vec::new();
    let mut sources = Vec::new();
    for file in &files {
        progress.step(&file.to_string_lossy());
        match pages::read(file) {
            Ok(source) => sources.push(source),
            Err(problem) => diagnostics.push(problem),
        }
    }
    progress.finish();
    // The same analysis the macro makes, warnings included, module clashes
    // between pages too.
    diagnostics.extend(pivot_codegen::generate(&sources).diagnostics().cloned());
    report(&diagnostics, format)
}

fn parse_args(args: &[String]) -> Result<(Format, Vec<String>), String> {
    let mut format = Format::Text;
    let mut paths = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let value = match arg.strip_prefix("--format") {
            Some("") => rest.next().map(String::as_str),
            Some(v) if v.starts_with('=') => Some(&v[1..]),
            _ => {
                paths.push(arg.clone());
                continue;
            }
        };
        format = match value {
            Some("text") => Format::Text,
            Some("json") => Format::Json,
            other => {
                return Err(format!(
                    "unknown format `{}`: expected `text` or `json`",
                    other.unwrap_or("")
                ));
            }
        };
    }
    if paths.is_empty() {
        return Err("no pages given".to_string());
    }
    Ok((format, paths))
}

fn report(diagnostics: &[Diagnostic], format: Format) -> ExitCode {
    match format {
        Format::Text => {
            for d in diagnostics {
                eprintln!("{d}");
            }
        }
        Format::Json => println!("{}", to_json(diagnostics)),
    }
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The diagnostics as a JSON array, one object per problem, for tools.
pub fn to_json(diagnostics: &[Diagnostic]) -> String {
    let list: Vec<serde_json::Value> = diagnostics
        .iter()
        .map(|d| {
            serde_json::json!({
                "file": d.file,
                "line": d.pos.line,
                "column": d.pos.col,
                "severity": match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Note => "note",
                },
                "message": d.message,
                // What `pivot fix` would do about it (empty: nothing).
                "repair": d.repair.iter().map(|e| serde_json::json!({
                    "line": e.pos.line,
                    "column": e.pos.col,
                    "remove": e.remove,
                    "insert": e.insert,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_flag_forms() {
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            parse_args(&args(&["--format", "json", "spec"])),
            Ok((Format::Json, args(&["spec"])))
        );
        assert_eq!(
            parse_args(&args(&["spec", "--format=text"])),
            Ok((Format::Text, args(&["spec"])))
        );
        assert!(parse_args(&args(&["--format", "xml", "spec"])).is_err());
        assert!(parse_args(&args(&["--format"])).is_err());
        assert!(parse_args(&args(&[])).is_err());
    }
}
