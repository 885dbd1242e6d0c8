//! `pivot diff <old> <new>`: what a page update changes for users of the
//! models, as a gate for a pull request: exit 0 when nothing breaks, 1 when
//! something does, 2 when the pages cannot be compared.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use pivot_codegen::{Module, Source};

use crate::pages;
use crate::progress::Progress;
use pivot_codegen::diff::{self as compare, Change, Impact};

/// Prints what changed from `old` to `new` (two pages or two directories);
/// docs and example changes only when `show_docs`, since they never change
/// the verdict.
pub fn run(old: &Path, new: &Path, show_docs: bool) -> ExitCode {
    match paths(old, new) {
        Ok(changes) => {
            let shown = changes
                .iter()
                .filter(|c| show_docs || c.impact != Impact::Docs);
            for change in shown {
                println!("{change}");
            }
            println!("{}", compare::summary(&changes));
            if changes.iter().any(|c| c.impact == Impact::Breaking) {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(problems) => {
            for problem in problems {
                eprintln!("{problem}");
            }
            ExitCode::from(2)
        }
    }
}

/// The changes between two pages or two directories of pages; the problems
/// that prevent comparing them otherwise.
pub fn paths(old: &Path, new: &Path) -> Result<Vec<Change>, Vec<String>> {
    match (old.is_dir(), new.is_dir()) {
        (false, false) => page_pair(old, new),
        (true, true) => directories(old, new),
        _ => Err(vec![format!(
            "error: {} and {}: expected two pages or two directories",
            old.display(),
            new.display()
        )]),
    }
}

/// Two versions of one page. The old one is read under the new one's name, so
/// that `old.txt` and `new.txt` compare as one module.
pub fn page_pair(old: &Path, new: &Path) -> Result<Vec<Change>, Vec<String>> {
    let new_source = pages::read(new).map_err(|d| vec![crate::labelled(&d)])?;
    let old_source = pages::read(old).map_err(|d| vec![crate::labelled(&d)])?;
    sources(old_source, &new_source)
}

/// Two versions of one page, compared as the new one's module.
pub fn sources(mut old: Source, new: &Source) -> Result<Vec<Change>, Vec<String>> {
    old.stem = new.stem.clone();
    let (old_module, new_module) = both(analyze(&old), analyze(new))?;
    Ok(compare::modules(&old_module, &new_module))
}

/// Two versions of a spec directory, pages matched by file name.
pub fn directories(old: &Path, new: &Path) -> Result<Vec<Change>, Vec<String>> {
    let old_pages =
        pages::expand(&old.to_string_lossy()).map_err(|e| vec![format!("error: {e}")])?;
    let new_pages =
        pages::expand(&new.to_string_lossy()).map_err(|e| vec![format!("error: {e}")])?;
    let names = union_of_names(&old_pages, &new_pages);
    let mut progress = Progress::new(names.len());
    let mut changes = Vec::new();
    let mut problems = Vec::new();
    for name in &names {
        progress.step(name);
        let (before, after) = (old.join(name), new.join(name));
        let result = match (before.is_file(), after.is_file()) {
            (true, true) => page_pair(&before, &after),
            (true, false) => one_page(&before).map(|m| vec![compare::removed_module(name, &m)]),
            (false, true) => one_page(&after).map(|m| vec![compare::added_module(name, &m)]),
            (false, false) => Ok(Vec::new()),
        };
        match result {
            Ok(found) => changes.extend(found),
            Err(found) => problems.extend(found),
        }
    }
    progress.finish();
    if !problems.is_empty() {
        return Err(problems);
    }
    changes.sort_by_key(|c| c.impact);
    Ok(changes)
}

fn union_of_names(old: &[PathBuf], new: &[PathBuf]) -> Vec<String> {
    let mut names: Vec<String> = old
        .iter()
        .chain(new)
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    names.sort();
    names.dedup();
    names
}

fn one_page(path: &Path) -> Result<Module, Vec<String>> {
    let source = pages::read(path).map_err(|d| vec![crate::labelled(&d)])?;
    analyze(&source)
}

/// The page's module, unless the page has errors: a model built around an
/// error would report changes that are not there.
fn analyze(source: &Source) -> Result<Module, Vec<String>> {
    let analysis = pivot_codegen::analyze(source);
    if analysis.has_errors() {
        return Err(analysis
            .diagnostics
            .iter()
            .filter(|d| d.severity == pivot_codegen::Severity::Error)
            .map(crate::labelled)
            .collect());
    }
    Ok(analysis.module)
}

fn both(
    old: Result<Module, Vec<String>>,
    new: Result<Module, Vec<String>>,
) -> Result<(Module, Module), Vec<String>> {
    match (old, new) {
        (Ok(old), Ok(new)) => Ok((old, new)),
        (old, new) => Err(old.err().into_iter().chain(new.err()).flatten().collect()),
    }
}
