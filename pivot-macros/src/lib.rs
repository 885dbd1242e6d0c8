//! `pivot_macros::models!("../spec")`: the models of every page in a directory.
//!
//! This crate only does what needs the compiler: it finds the pages, reads
//! them, hands them to `pivot-codegen`, and turns diagnostics into
//! `compile_error!`s. It never panics on any input.

use std::path::{Path, PathBuf};

use pivot_codegen::{Diagnostic, Source};
use proc_macro::TokenStream;
use proc_macro2::{Literal, TokenStream as TokenStream2};
use quote::quote;

/// Generates one module per `*.txt` page in the directory, named after the file
/// stem, plus a hidden `EXAMPLES` table used by data-driven tests.
///
/// The path is relative to the invoking crate's `Cargo.toml`. Each page is
/// tracked with `include_bytes!`, so editing it rebuilds the models; a build
/// script printing `cargo:rerun-if-changed=<dir>` covers added and removed pages.
#[proc_macro]
pub fn models(input: TokenStream) -> TokenStream {
    expand(input.into()).into()
}

fn expand(input: TokenStream2) -> TokenStream2 {
    let relative = match spec_dir(input) {
        Ok(relative) => relative,
        Err(message) => return compile_error(&message),
    };
    let dir = base_dir().join(&relative);
    let (sources, mut problems) = read_pages(&dir, &relative);
    let generated = pivot_codegen::generate(&sources);
    problems.extend(generated.errors().map(Diagnostic::to_string));
    let errors: TokenStream2 = problems.iter().map(|m| compile_error(m)).collect();
    let tracked = sources.iter().map(|s| {
        let path = Literal::string(&dir.join(format!("{}.txt", s.stem)).to_string_lossy());
        quote!(
            const _: &[u8] = include_bytes!(#path);
        )
    });
    let models = generated.tokens_with(&options());
    quote! {
        #errors
        #(#tracked)*
        #models
    }
}

/// What this build of the macro generates, from its features: builders by
/// default, test hooks only for pivot-models' own tests.
fn options() -> pivot_codegen::Options {
    pivot_codegen::Options {
        builders: cfg!(feature = "builders"),
        test_hooks: cfg!(feature = "test-hooks"),
    }
}

/// The directory relative paths start from: the invoking crate's manifest
/// directory, unless `PIVOT_MACROS_BASE_DIR` says otherwise (UI tests compile
/// their files in a scratch crate, whose manifest directory has no pages).
fn base_dir() -> PathBuf {
    std::env::var_os("PIVOT_MACROS_BASE_DIR")
        .or_else(|| std::env::var_os("CARGO_MANIFEST_DIR"))
        .map(PathBuf::from)
        .unwrap_or_default()
}

fn compile_error(message: &str) -> TokenStream2 {
    let lit = Literal::string(message);
    quote!(::core::compile_error!(#lit);)
}

/// The directory named by the macro's string literal.
fn spec_dir(input: TokenStream2) -> Result<String, String> {
    let mut tokens = input.into_iter();
    let literal = match (tokens.next(), tokens.next()) {
        (Some(proc_macro2::TokenTree::Literal(lit)), None) => lit.to_string(),
        _ => return Err(usage()),
    };
    literal
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .filter(|s| !s.contains('\\') && !s.is_empty())
        .map(str::to_string)
        .ok_or_else(usage)
}

fn usage() -> String {
    "expected one string literal naming the spec directory, as in `pivot_macros::models!(\"../spec\")`"
        .to_string()
}

/// Reads the `*.txt` pages of `dir` in file-name order; unreadable ones become
/// messages instead.
fn read_pages(dir: &Path, shown: &str) -> (Vec<Source>, Vec<String>) {
    let paths = match pivot_codegen::pages_in(dir) {
        Ok(paths) => paths,
        Err(e) => {
            return (
                Vec::new(),
                vec![format!("{shown}: cannot read the spec directory: {e}")],
            );
        }
    };
    if paths.is_empty() {
        return (
            Vec::new(),
            vec![format!(
                "{shown}: no pages: expected documentation pages saved as `*.txt`"
            )],
        );
    }
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let display_path = display_name(shown, &path);
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => sources.push(Source {
                    display_path,
                    stem,
                    text,
                }),
                Err(e) => {
                    let at = e.utf8_error().valid_up_to();
                    problems.push(format!(
                        "{display_path}: byte {at} is not UTF-8: expected the page as UTF-8 text"
                    ));
                }
            },
            Err(e) => problems.push(format!("{display_path}: cannot read the page: {e}")),
        }
    }
    (sources, problems)
}

/// `../spec` + `page.txt` -> `spec/page.txt`: the folder as the user named it,
/// without leading `..`, which is how they see the page in their tree.
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

#[cfg(test)]
mod tests;
