//! `pivot diff <old> <new>`: what a page update changes for users of the
//! models, as a gate for a pull request: exit 0 when nothing breaks, 1 when
//! something does, 2 when the pages cannot be compared.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use pivot_codegen::{Analysis, Source};

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
    let (old_page, new_page) = both(analyze(&old), analyze(new))?;
    Ok(compare::pages(&old_page, &new_page))
}

/// Two versions of a spec directory, pages matched by file name.
pub fn directories(old: &Path, new: &Path) -> Result<Vec<Change>, Vec<String>> {
    // Each side is generated whole, as the macro does: a page's types
    // depend on the object pages it links. An object page's type is
    // compared once, on its own page, not on every page that links it.
    let (old_set, new_set) = (whole(old)?, whole(new)?);
    let old_names: Vec<&String> = old_set.keys().collect();
    let new_names: Vec<&String> = new_set.keys().collect();
    let names = union_of(&old_names, &new_names);
    let mut progress = Progress::new(names.len());
    let mut changes = Vec::new();
    for name in &names {
        progress.step(name);
        match (old_set.get(name), new_set.get(name)) {
            (Some(before), Some(after)) => changes.extend(compare::pages(before, after)),
            (Some(before), None) => changes.push(compare::removed_page(&file_name(before), before)),
            (None, Some(after)) => changes.push(compare::added_page(&file_name(after), after)),
            (None, None) => {}
        }
    }
    progress.finish();
    changes.sort_by_key(|c| c.impact);
    Ok(changes)
}

/// Every page of `dir`, generated together: module ident -> module. A page
/// with errors fails the comparison.
fn whole(dir: &Path) -> Result<BTreeMap<String, Analysis>, Vec<String>> {
    let paths = pages::expand(&dir.to_string_lossy()).map_err(|e| vec![format!("error: {e}")])?;
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    for path in &paths {
        match pages::read(path) {
            Ok(source) => sources.push(source),
            Err(d) => problems.push(crate::labelled(&d)),
        }
    }
    let generated = pivot_codegen::generate(&sources);
    problems.extend(generated.errors().map(crate::labelled));
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(generated
        .analyses
        .into_iter()
        .map(|a| (a.name().to_string(), a))
        .collect())
}

fn union_of(old: &[&String], new: &[&String]) -> Vec<String> {
    let mut names: Vec<String> = old.iter().chain(new).map(|s| s.to_string()).collect();
    names.sort();
    names.dedup();
    names
}

/// The page's file name, as the pages were listed (`gadget.txt`).
fn file_name(page: &Analysis) -> String {
    Path::new(page.file())
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The page's module, unless the page has errors: a model built around an
/// error would report changes that are not there.
fn analyze(source: &Source) -> Result<Analysis, Vec<String>> {
    let analysis = pivot_codegen::analyze(source);
    if analysis.has_errors() {
        return Err(analysis
            .diagnostics
            .iter()
            .filter(|d| d.severity == pivot_codegen::Severity::Error)
            .map(crate::labelled)
            .collect());
    }
    Ok(analysis)
}

fn both(
    old: Result<Analysis, Vec<String>>,
    new: Result<Analysis, Vec<String>>,
) -> Result<(Analysis, Analysis), Vec<String>> {
    match (old, new) {
        (Ok(old), Ok(new)) => Ok((old, new)),
        (old, new) => Err(old.err().into_iter().chain(new.err()).flatten().collect()),
    }
}
