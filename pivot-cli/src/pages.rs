//! Finding and reading the pages named on the command line.

use std::path::{Path, PathBuf};

use pivot_codegen::{Diagnostic, Pos, Severity, Source};

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
    read_as(path, &path.to_string_lossy())
}

/// Reads a page that messages and docs call `shown`. A page that cannot be
/// read is a problem of that page, reported like any other.
pub fn read_as(path: &Path, shown: &str) -> Result<Source, Diagnostic> {
    let problem =
        |message: String| Diagnostic::new(shown, Pos::new(1, 1), Severity::Error, message);
    let bytes = std::fs::read(path).map_err(|e| problem(format!("cannot read the page: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        problem(format!(
            "byte {at} is not UTF-8: expected the page as UTF-8 text"
        ))
    })?;
    Ok(Source {
        display_path: shown.to_string(),
        stem: stem(path),
        text,
    })
}

/// The file name without `.txt`, which names the page's module.
pub fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}
