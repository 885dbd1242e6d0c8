//! The `pivot` command's work, as a library so that tests can call it without
//! running the binary.
//!
//! - [`show`]: the generated code, pretty-printed;
//! - [`check`]: every problem of every page;
//! - [`fix`]: repair the damage pages are known to carry;
//! - [`diff`]: what a page update changes for users of the models, with the
//!   comparison itself in [`compare`].

pub mod check;
pub mod compare;
pub mod diff;
pub mod fix;
pub mod pages;
pub mod progress;
pub mod show;
