//! Diagnostics: every problem found in a page, with the place it was found.
//!
//! Error policy: a documentation page is outside input, so nothing in this crate
//! panics or unwraps on it. Each stage pushes what it finds into a [`Ctxt`] and
//! carries on with the best reading it can make, so one run reports every
//! problem of a page at once instead of the first one only. The [`Ctxt`] must be
//! consumed with [`Ctxt::finish`]; dropping it unchecked is a bug in this crate
//! and is caught in debug builds.

use std::fmt;

/// A 1-based line and column inside a page (the column counts characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub col: u32,
}

impl Pos {
    /// The position at `line`, `col`.
    pub fn new(line: u32, col: u32) -> Self {
        Pos { line, col }
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
/// How bad a [`Diagnostic`] is.
pub enum Severity {
    /// The page cannot be used as it is: the build fails.
    Error,
    /// The page is read, but something in it was worked around.
    Warning,
    /// Nothing is wrong: what a reviewer of the page should know (what is
    /// contract and what is guessed from the example).
    Note,
}

/// One problem in one page.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    /// The page as the user named it (for example `spec/create_payment_session.txt`).
    pub file: String,
    /// Where in the page.
    pub pos: Pos,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, and what was expected.
    pub message: String,
    /// Edits that repair the damage, when it is damage pages are known to
    /// carry (`pivot fix` applies them); empty otherwise.
    pub repair: Vec<Edit>,
}

/// One text edit of a page: `remove` (which must stand at `pos`) becomes
/// `insert`. Positions count characters, as [`Pos`] does.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Edit {
    /// Where the text to remove starts (or the text is inserted).
    pub pos: Pos,
    /// The text that stands there now (empty for an insertion).
    pub remove: String,
    /// What replaces it.
    pub insert: String,
}

impl Diagnostic {
    /// A diagnostic with nothing to repair.
    pub fn new(
        file: impl Into<String>,
        pos: Pos,
        severity: Severity,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            file: file.into(),
            pos,
            severity,
            message: message.into(),
            repair: Vec::new(),
        }
    }
}

impl Diagnostic {
    /// The message, ending, for damage `pivot fix` repairs, with the command
    /// that repairs this page: ``; `{fix} {file}` repairs it``. `fix` is how
    /// the reader of the message runs the repair where they read it
    /// (`cargo run -p pivot-cli -- fix` in this workspace, `pivot fix` once
    /// installed), which only the front end knows.
    pub fn message_with_fix(&self, fix: &str) -> String {
        if self.repair.is_empty() {
            return self.message.clone();
        }
        format!(
            "{}; `{fix} {}` repairs it",
            self.message,
            shell_word(&self.file)
        )
    }

    /// As `Display` shows it, with [`Diagnostic::message_with_fix`]'s hint.
    pub fn to_string_with_fix(&self, fix: &str) -> String {
        Diagnostic {
            message: self.message_with_fix(fix),
            repair: Vec::new(),
            ..self.clone()
        }
        .to_string()
    }
}

/// `path` as one word of a shell command: quoted when it holds anything but
/// letters, digits and `/._-+:@`.
pub fn shell_word(path: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || "/._-+:@".contains(c);
    if !path.is_empty() && path.chars().all(plain) {
        path.to_string()
    } else {
        format!("'{}'", path.replace('\'', "'\\''"))
    }
}

impl Edit {
    /// What the edit does, in words (`replace `“` with `"``, `insert `,``).
    pub fn describe(&self) -> String {
        match (self.remove.is_empty(), self.insert.is_empty()) {
            (true, _) => format!("insert `{}`", self.insert),
            (false, true) => format!("remove `{}`", self.remove),
            (false, false) => format!("replace `{}` with `{}`", self.remove, self.insert),
        }
    }
}

impl fmt::Display for Diagnostic {
    /// `file:line:col: message`, the form compilers and editors understand;
    /// warnings say so after the position.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.file, self.pos)?;
        match self.severity {
            Severity::Error => {}
            Severity::Warning => f.write_str("warning: ")?,
            Severity::Note => f.write_str("note: ")?,
        }
        f.write_str(&self.message)
    }
}

/// Collects the diagnostics of one page.
pub struct Ctxt {
    file: String,
    diagnostics: Option<Vec<Diagnostic>>,
}

impl Ctxt {
    pub fn new(file: impl Into<String>) -> Self {
        Ctxt {
            file: file.into(),
            diagnostics: Some(Vec::new()),
        }
    }

    pub fn error(&mut self, pos: Pos, message: impl Into<String>) {
        self.push(pos, Severity::Error, message.into());
    }

    pub fn warning(&mut self, pos: Pos, message: impl Into<String>) {
        self.push(pos, Severity::Warning, message.into());
    }

    /// Records a note: information for a reviewer, not a problem.
    pub fn note(&mut self, pos: Pos, message: impl Into<String>) {
        self.push(pos, Severity::Note, message.into());
    }

    /// An error that `pivot fix` repairs with `repair`. The front end that
    /// shows it ends it with the command to run
    /// ([`Diagnostic::message_with_fix`]), so the user need not edit by hand.
    pub fn repairable(&mut self, pos: Pos, message: impl Into<String>, repair: Vec<Edit>) {
        self.push_with(pos, Severity::Error, message.into(), repair);
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .flatten()
            .any(|d| d.severity == Severity::Error)
    }

    fn push(&mut self, pos: Pos, severity: Severity, message: String) {
        self.push_with(pos, severity, message, Vec::new());
    }

    fn push_with(&mut self, pos: Pos, severity: Severity, message: String, repair: Vec<Edit>) {
        let file = self.file.clone();
        if let Some(list) = self.diagnostics.as_mut() {
            list.push(Diagnostic {
                file,
                pos,
                severity,
                message,
                repair,
            });
        }
    }

    /// Hands over everything collected, sorted by position.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        let mut list = self.diagnostics.take().unwrap_or_default();
        list.sort();
        list.dedup();
        list
    }
}

impl Drop for Ctxt {
    fn drop(&mut self) {
        if self.diagnostics.is_some() && !std::thread::panicking() {
            debug_assert!(false, "Ctxt for {} dropped without finish()", self.file);
        }
    }
}
