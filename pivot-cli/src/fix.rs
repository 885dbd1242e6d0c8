//! `pivot fix`: repairs, in place, the damage pages are known to carry.
//!
//! Typographic quotes used as JSON quotes, a missing comma at the end of a
//! member line, and a note pasted after a value (`→ not yet`), which becomes a
//! `//` comment and so stays in the field's docs. Each change is printed as
//! `file:line:col: ...`; a page whose bodies already parse is never changed.

use std::process::ExitCode;

use pivot_codegen::fix::{Repaired, repair};

use crate::pages;

/// Repairs the pages under `paths` in place, or with `check` only says what would change.
pub fn run(paths: &[std::path::PathBuf], check: bool) -> ExitCode {
    let files = match pages::files_or_usage_error(paths) {
        Ok(files) => files,
        Err(status) => return status,
    };
    let mut changed = 0;
    let mut unrepaired = 0;
    for file in &files {
        let source = match pages::read(file) {
            Ok(source) => source,
            Err(problem) => {
                eprintln!("{}", crate::labelled(&problem));
                unrepaired += 1;
                continue;
            }
        };
        let repaired = repair(&source);
        report(&source.display_path, &repaired, check);
        if repaired.changed() {
            changed += 1;
            if !check && let Err(e) = std::fs::write(file, &repaired.text) {
                eprintln!("error: {}: cannot write the page: {e}", source.display_path);
                return ExitCode::from(2);
            }
        }
        unrepaired += usize::from(!repaired.remaining.is_empty());
    }
    let verb = if check { "would change" } else { "changed" };
    eprintln!(
        "{changed} of {} page(s) {verb}; {unrepaired} with damage `pivot fix` cannot repair",
        files.len()
    );
    if (check && changed > 0) || unrepaired > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn report(file: &str, repaired: &Repaired, check: bool) {
    for edit in &repaired.applied {
        let verb = if check { "would " } else { "" };
        println!("{file}:{}: {verb}{}", edit.pos, edit.describe());
    }
    for d in &repaired.remaining {
        eprintln!("{}", crate::labelled(d));
    }
}
