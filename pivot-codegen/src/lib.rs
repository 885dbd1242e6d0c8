//! Turns Pivot API documentation pages into typed serde models: the engine
//! behind `pivot_macros::models!` and the `pivot` command.
//!
//! The pipeline, one folder per stage, each using only the stages before it:
//!
//! 1. `parse/`: a page's text into its parts (title, method, URL, tables,
//!    example bodies as positioned JSON), and what table cells and
//!    descriptions say;
//! 2. `model`: the generated API as data, with the questions later stages
//!    ask of it (item lookup, aliases, what a type holds);
//! 3. `infer/`: the examples and tables of a page into a `Module`: types,
//!    names, presence, enums, constraints; then `link/`: object pages are
//!    the contract of the types pages share, and a page's struct that links
//!    an object page and reads as its type becomes that type, so a page's
//!    types depend on that page and the object pages it links, nothing else;
//! 4. `emit/`: a `Module` into Rust tokens: the models, their docs,
//!    `validate()`, builders, and the support code every crate holds once;
//!
//! and beside them, over the same model: `check/` (what `pivot check` warns
//! about beyond the errors), [`diff`] (what a page update changes for users of
//! the models) and [`fix`] (repairs of known damage). `ARCHITECTURE.md` at the
//! workspace root maps each stage to its files.
//!
//! Problems are collected per page as [`Diagnostic`]s, each with the file, line
//! and column; a page with errors still produces its best reading, so one bad
//! page does not hide the problems of another or cascade into errors in code
//! that uses the others.
//!
//! The API is what the macro and the `pivot` command need: [`generate`] (or
//! [`analyze`] for one page) from [`Source`]s, the tokens with [`Options`],
//! the [`Diagnostic`]s, [`diff`] and [`fix`]. The model itself is the
//! engine's own.

#![deny(missing_docs)]

mod check;
mod diag;
pub mod diff;
mod emit;
pub mod fix;
mod infer;
mod link;
/// The model of a page's generated API, which the engine's own tests look
/// into. Not API: it changes with any release.
#[doc(hidden)]
pub mod model;
mod naming;
mod parse;
mod pipeline;
mod source;
mod text;
#[cfg(feature = "wire")]
pub mod wire;

pub use diag::{Diagnostic, Edit, Pos, Severity, shell_word};
pub use emit::{Builders, Options};
pub use pipeline::{Analysis, Generated, analyze, generate};
pub use source::{Source, pages_in, read_pages};

/// Pretty-prints generated tokens as a Rust file.
#[cfg(feature = "pretty")]
pub fn pretty(tokens: &proc_macro2::TokenStream) -> Result<String, syn::Error> {
    let file: syn::File = syn::parse2(tokens.clone())?;
    Ok(prettyplease::unparse(&file))
}

/// What the engine's own tests look into, and nothing else may: the
/// engine's limits. Not API: it changes with any release, as serde's
/// `__private` does; so does [`model`].
#[doc(hidden)]
pub mod __private {
    pub use crate::infer::MAX_STRUCT_MEMBERS;
}
