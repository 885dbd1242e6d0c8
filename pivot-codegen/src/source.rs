//! Pages as read from disk: the one reader the macro and the CLI share, so
//! both see the same pages, in the same order, under the same names.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Pos, Severity};

/// One documentation page as read from disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// How messages name the page (`spec/create_payment_session.txt`).
    pub display_path: String,
    /// The file stem, which names the module (`create_payment_session`).
    pub stem: String,
    /// The page's text, exactly as in the file.
    pub text: String,
}

impl Source {
    /// Reads the page at `path`, which messages call `shown`. A page that
    /// cannot be read, or is not UTF-8, is a problem of that page, reported
    /// like any other.
    pub fn read(path: &Path, shown: &str) -> Result<Source, Diagnostic> {
        let problem =
            |pos: Pos, message: String| Diagnostic::new(shown, pos, Severity::Error, message);
        let bytes = std::fs::read(path)
            .map_err(|e| problem(Pos::new(1, 1), format!("cannot read the page: {e}")))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let bytes = e.as_bytes();
            let at = e.utf8_error().valid_up_to();
            problem(
                position_of_byte(bytes, at),
                format!(
                    "byte 0x{:02X} is not UTF-8 (byte {at} of the file): expected the page as UTF-8 text",
                    bytes.get(at).copied().unwrap_or_default()
                ),
            )
        })?;
        Ok(Source {
            display_path: shown.to_string(),
            stem: stem(path),
            text,
        })
    }
}

/// The line and column (in characters) of byte `at` of `bytes`, whose
/// first `at` bytes are valid UTF-8: where an editor shows the bad byte.
fn position_of_byte(bytes: &[u8], at: usize) -> Pos {
    let before = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    let col = before[line_start..].chars().count() + 1;
    Pos::new(
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(col).unwrap_or(u32::MAX),
    )
}

/// The file name without `.txt`, which names the page's module.
pub fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The `*.txt` pages of `dir`, in file-name order: the order in which the
/// macro and the CLI read them, so both generate the same modules in the same
/// order. An empty list is the caller's to report.
pub fn pages_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|x| x == "txt") {
            pages.push(path);
        }
    }
    pages.sort();
    Ok(pages)
}

/// Every page of `dir`, which the user calls `shown` (`../spec`): the pages
/// that could be read, and a problem for each one that could not. Pages are
/// named `spec/page.txt`: the folder as the user named it, without leading
/// `../`, which is how they see the page in their tree. A directory that
/// cannot be listed, or holds no page, is the error.
pub fn read_pages(dir: &Path, shown: &str) -> Result<(Vec<Source>, Vec<Diagnostic>), String> {
    let paths =
        pages_in(dir).map_err(|e| format!("{shown}: cannot read the spec directory: {e}"))?;
    if paths.is_empty() {
        return Err(format!(
            "{shown}: no pages: expected documentation pages saved as `*.txt`"
        ));
    }
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match Source::read(&path, &display_name(shown, &path)) {
            Ok(source) => sources.push(source),
            Err(problem) => problems.push(problem),
        }
    }
    Ok((sources, problems))
}

fn display_name(shown: &str, path: &Path) -> String {
    let folder = shown
        .trim_start_matches("../")
        .trim_start_matches("./")
        .trim_end_matches('/');
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    if folder.is_empty() || folder == "." || folder == ".." {
        file
    } else {
        format!("{folder}/{file}")
    }
}
