//! `pivot check`: every problem of every page, without building anything:
//! the errors that fail the build, and the warnings about what the generator
//! worked around (table rows that document nothing in the example, documented
//! types the example contradicts, limits it cannot read). The notes (what is
//! contract and what is guessed, which fields are secrets) are for a review
//! of a page: counted in the summary, listed with `--notes` and in JSON.

use std::process::ExitCode;

use pivot_codegen::{Diagnostic, Severity};

use crate::pages;
use crate::progress::Progress;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Errors and warnings on stderr, then a summary line that counts the notes.
    Text,
    /// The same with the notes listed too.
    TextWithNotes,
    /// Every diagnostic, notes included, as JSON on stdout.
    Json,
}

/// Checks the pages under `paths`; arguments are parsed by `main`.
pub fn run(paths: &[std::path::PathBuf], format: Format) -> ExitCode {
    let files = match pages::files_or_usage_error(paths) {
        Ok(files) => files,
        Err(status) => return status,
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
    report(&diagnostics, files.len(), format)
}

fn report(diagnostics: &[Diagnostic], pages: usize, format: Format) -> ExitCode {
    match format {
        Format::Text | Format::TextWithNotes => {
            let list_notes = format == Format::TextWithNotes;
            for d in diagnostics {
                if list_notes || d.severity != Severity::Note {
                    eprintln!("{}", crate::labelled(d));
                }
            }
            let count = |severity| {
                diagnostics
                    .iter()
                    .filter(|d| d.severity == severity)
                    .count()
            };
            eprintln!(
                "{}",
                summary(
                    pages,
                    [Severity::Error, Severity::Warning, Severity::Note].map(count),
                    list_notes
                )
            );
        }
        Format::Json => println!("{}", to_json(diagnostics)),
    }
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The closing line of the text format: the pages, then how many errors,
/// warnings and notes they have; where the notes are not listed, how to.
pub fn summary(pages: usize, [errors, warnings, notes]: [usize; 3], notes_listed: bool) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut summary = format!(
        "checked {}: {}, {}",
        plural(pages, "page"),
        plural(errors, "error"),
        plural(warnings, "warning")
    );
    if notes > 0 {
        summary.push_str(&format!(", {}", plural(notes, "note")));
        if !notes_listed {
            summary.push_str(" (`--notes` lists them)");
        }
    }
    summary
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
                "message": d.message_with_fix(crate::fix_command()),
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
