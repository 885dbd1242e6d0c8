//! Turns Pivot API documentation pages into typed serde models: the engine
//! behind `pivot_macros::models!` and the `pivot` command.
//!
//! The pipeline, one folder per stage, each using only the stages before it:
//!
//! 1. `parse/`: a page's text into its parts (title, method, URL, tables,
//!    example bodies as positioned JSON), and what table cells and
//!    descriptions say;
//! 2. [`model`]: the generated API as data, with the questions later stages
//!    ask of it (item lookup, aliases, what a type holds);
//! 3. `infer/`: the examples and tables of a page into a [`Module`]: types,
//!    names, presence, enums, constraints;
//! 4. `emit/`: a [`Module`] into Rust tokens: the models, their docs,
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

#![deny(missing_docs)]

mod check;
mod diag;
pub mod diff;
mod emit;
pub mod fix;
mod infer;
pub mod model;
mod naming;
mod parse;
mod source;
mod text;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;

pub use diag::{Diagnostic, Edit, Pos, Severity};
pub use model::Module;
pub use source::{Source, pages_in, read_pages};

/// One page after analysis: its module (a best effort when there were errors)
/// and everything found wrong with it.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The generated API (a best effort when there are errors).
    pub module: Module,
    /// Every problem found, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Parses and types one page.
pub fn analyze(source: &Source) -> Analysis {
    analyze_as(source, &naming::module_ident(&source.stem))
}

fn analyze_as(source: &Source, module_ident: &str) -> Analysis {
    let mut cx = diag::Ctxt::new(source.display_path.clone());
    let page = parse::page::parse(&source.text, &mut cx);
    if page.request.is_none() && page.response.is_none() && !cx.has_errors() {
        cx.error(
            Pos::new(1, 1),
            "no `Request Body` or `Response Body` section: expected at least one example body or field table",
        );
    }
    let module = infer::infer(&page, module_ident, &source.display_path);
    check::lints(&module, &mut cx);
    Analysis {
        module,
        diagnostics: cx.finish(),
    }
}

/// Everything generated from a set of pages.
#[derive(Debug, Clone)]
pub struct Generated {
    /// One analysis per page, in page order.
    pub analyses: Vec<Analysis>,
    /// Problems that belong to no single page (two pages claiming one module).
    pub diagnostics: Vec<Diagnostic>,
}

impl Generated {
    /// Every diagnostic, in page order.
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .chain(self.analyses.iter().flat_map(|a| &a.diagnostics))
    }

    /// The errors among [`Generated::diagnostics`].
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics().filter(|d| d.severity == Severity::Error)
    }

    /// The models with the default [`Options`].
    pub fn tokens(&self) -> TokenStream {
        self.tokens_with(&Options::default())
    }

    /// The models: one module per page, the items every crate holds once,
    /// then the crate-wide example table.
    pub fn tokens_with(&self, options: &Options) -> TokenStream {
        let modules: Vec<&Module> = self.analyses.iter().map(|a| &a.module).collect();
        emit::crate_tokens(&modules, options)
    }
}

/// What to generate beyond the models themselves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// `T::builder()` for every struct (on by default; off only to measure
    /// what builders cost).
    pub builders: bool,
    /// Hidden functions for the data-driven builder tests: every struct gets
    /// `__rebuild`, which makes a value again through its builder.
    pub test_hooks: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            builders: true,
            test_hooks: false,
        }
    }
}

/// Generates the models of `sources`, which must be in a deterministic order
/// (the macro sorts by file name).
pub fn generate(sources: &[Source]) -> Generated {
    let mut claimed: BTreeMap<String, &str> = BTreeMap::new();
    let mut diagnostics = Vec::new();
    let mut analyses = Vec::new();
    for source in sources {
        let ident = naming::module_ident(&source.stem);
        if let Some(first) = claimed.get(&ident) {
            diagnostics.push(Diagnostic::new(
                source.display_path.clone(),
                Pos::new(1, 1),
                Severity::Error,
                format!(
                    "this page would be module `{ident}`, which `{first}` already is: rename one of the files"
                ),
            ));
            continue;
        }
        claimed.insert(ident.clone(), &source.display_path);
        analyses.push(analyze_as(source, &ident));
    }
    Generated {
        analyses,
        diagnostics,
    }
}

/// Pretty-prints generated tokens as a Rust file.
#[cfg(feature = "pretty")]
pub fn pretty(tokens: &TokenStream) -> Result<String, syn::Error> {
    let file: syn::File = syn::parse2(tokens.clone())?;
    Ok(prettyplease::unparse(&file))
}
