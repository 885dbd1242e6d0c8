//! The `pivot` command's work, as a library so that tests can call it without
//! running the binary.
//!
//! - [`show`]: the generated code, pretty-printed;
//! - [`check`]: every problem of every page;
//! - [`fix`]: repair the damage pages are known to carry;
//! - [`diff`]: what a page update changes for users of the models (the
//!   comparison itself is the engine's, `pivot_codegen::diff`).

pub mod check;
pub mod diff;
pub mod fix;
pub mod pages;
pub mod progress;
pub mod show;
