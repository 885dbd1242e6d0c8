//! Turns Pivot API documentation pages into typed serde models.
//!
//! The pipeline, one module per stage:
//!
//! - [`page`]: split a page into title, method, URL, tables and example bodies
//!   (with [`json`] and [`table`] reading those parts);
//! - [`infer`]: decide the Rust types from the examples and the tables
//!   (with [`describe`] reading field descriptions), giving a [`model::Module`];
//! - [`expand`]: write the module as Rust tokens (with [`docs`] for the docs).
//!
//! Problems are collected per page as [`Diagnostic`]s, each with the file, line
//! and column; a page with errors still produces its best reading, so one bad
//! page does not hide the problems of another or cascade into errors in code
//! that uses the others.

pub mod builder;
pub mod constraints;
pub mod describe;
pub mod diag;
pub mod docs;
pub mod expand;
pub mod fix;
pub mod infer;
pub mod json;
pub mod model;
pub mod naming;
pub mod page;
pub mod runtime;
#[cfg(feature = "synthetic")]
pub mod synthetic;
pub mod table;
pub mod validate;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

pub use diag::{Diagnostic, Pos, Severity};
pub use model::Module;

/// The `*.txt` pages of `dir`, in file-name order: the order in which the
/// macro and the CLI read them, so both generate the same modules in the same
/// order. An empty list is the caller's to report.
pub fn pages_in(dir: &std::path::Path) -> std::io::Result<Vec<std::path::PathBuf>> {
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

/// One documentation page as read from disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// How messages name the page (`spec/create_payment_session.txt`).
    pub display_path: String,
    /// The file stem, which names the module (`create_payment_session`).
    pub stem: String,
    pub text: String,
}

/// One page after analysis: its module (a best effort when there were errors)
/// and everything found wrong with it.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub module: Module,
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis {
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
    let page = page::parse(&source.text, &mut cx);
    if page.request.is_none() && page.response.is_none() && !cx.has_errors() {
        cx.error(
            Pos::new(1, 1),
            "no `Request Body` or `Response Body` section: expected at least one example body or field table",
        );
    }
    let mut module = infer::infer(&page, module_ident, &source.display_path);
    constraints::apply(&mut module);
    Analysis {
        module,
        diagnostics: cx.finish(),
    }
}

/// Everything generated from a set of pages.
#[derive(Debug, Clone)]
pub struct Generated {
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

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics().filter(|d| d.severity == Severity::Error)
    }

    /// The models with the default [`Options`].
    pub fn tokens(&self) -> TokenStream {
        self.tokens_with(&Options::default())
    }

    /// The models: one module per page, the items every crate holds once
    /// ([`runtime`]), then the crate-wide example table.
    pub fn tokens_with(&self, options: &Options) -> TokenStream {
        let modules = self
            .analyses
            .iter()
            .map(|a| expand::module_with(&a.module, options));
        let runtime = runtime::items(self.analyses.iter().map(|a| &a.module), options.builders);
        let entries = self.analyses.iter().map(|a| {
            let name = expand::ident(&a.module.ident);
            let lit = proc_macro2::Literal::string(&a.module.ident);
            quote!((#lit, #name::EXAMPLES))
        });
        let checks = options.test_hooks.then(|| {
            let entries = self.analyses.iter().map(|a| {
                let name = expand::ident(&a.module.ident);
                let lit = proc_macro2::Literal::string(&a.module.ident);
                quote!((#lit, #name::builders::CHECKS))
            });
            quote! {
                /// Every page's builder checks, by module.
                #[doc(hidden)]
                pub const BUILDER_CHECKS: &[(&str, &[(&str, &str, fn(&str) -> ::std::result::Result<(), ::std::string::String>)])] = &[
                    #(#entries),*
                ];
            }
        });
        quote! {
            #(#modules)*

            #runtime
            #checks

            /// Every page's examples, by module, for data-driven tests.
            #[doc(hidden)]
            pub const EXAMPLES: &[(&str, &[(&str, &str, fn(&str) -> ::serde_json::Result<::serde_json::Value>)])] = &[
                #(#entries),*
            ];
        }
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
