//! Finding and reading the pages named on the command line.

use std::path::{Path, PathBuf};

use pivot_codegen::{Diagnostic, Source};

/// The pages an argument names: the file itself, or a directory's `*.txt`
/// files in file-name order (the order the macro reads them in).
pub fn expand(arg: &str) -> Result<Vec<PathBuf>, String> {
    let path = Path::new(arg);
    if !path.exists() {
        return Err(format!("{arg}: no such file or directory"));
    }
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let pages = pivot_codegen::pages_in(path)
        .map_err(|e| format!("{arg}: cannot read the directory: {e}"))?;
    if pages.is_empty() {
        return Err(format!(
            "{arg}: no pages: expected documentation pages saved as `*.txt`"
        ));
    }
    Ok(pages)
}

/// Every page named by `args`, in order.
pub fn expand_all(args: &[String]) -> Result<Vec<PathBuf>, String> {
    let mut pages = Vec::new();
    for arg in args {
        pages.extend(expand(arg)?);
    }
    Ok(pages)
}

/// Reads a page; messages name it as the user wrote its path.
pub fn read(path: &Path) -> Result<Source, Diagnostic> {
    Source::read(path, &path.to_string_lossy())
}

/// The pages under `paths`, for a subcommand: on failure the message is
/// printed as an error and the usage exit status returned.
pub fn files_or_usage_error(paths: &[PathBuf]) -> Result<Vec<PathBuf>, std::process::ExitCode> {
    expand_all(&crate::path_strings(paths)).map_err(|message| {
        eprintln!("error: {message}");
        std::process::ExitCode::from(2)
    })
}
