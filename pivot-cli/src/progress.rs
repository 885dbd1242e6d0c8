//! A one-line progress counter for long runs, shown only to a person watching
//! a terminal: piped or captured output stays free of it.

use std::io::{IsTerminal, Write};

pub struct Progress {
    total: usize,
    done: usize,
    visible: bool,
}

impl Progress {
    /// Progress over `total` steps; a single step finishes too fast to need it.
    pub fn new(total: usize) -> Self {
        Progress {
            total,
            done: 0,
            visible: total > 1 && std::io::stderr().is_terminal(),
        }
    }

    /// Announces the step about to run.
    pub fn step(&mut self, name: &str) {
        self.done += 1;
        if self.visible {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K[{}/{}] {name}", self.done, self.total);
            let _ = err.flush();
        }
    }

    /// Clears the line so that what follows starts clean.
    pub fn finish(&mut self) {
        if self.visible {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
            self.visible = false;
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}
