//! `pivot_macros::models!("../spec")`: the models of every page in a directory.
//!
//! This crate only does what needs the compiler: it finds the pages, reads
//! them, hands them to `pivot-codegen`, and turns diagnostics into
//! `compile_error!`s. It never panics on any input.

use std::path::{Path, PathBuf};

use pivot_codegen::Diagnostic;
use proc_macro::TokenStream;
use proc_macro2::{Literal, Span, TokenStream as TokenStream2, TokenTree};
use quote::{quote, quote_spanned};

/// Generates one module per `*.txt` page in the directory, named after the file
/// stem. The crate calling it depends on `pivot-runtime` (what the generated
/// code runs on), `serde` and `serde_json`.
///
/// The path is relative to the invoking crate's `Cargo.toml`. Each page is
/// tracked with `include_str!`, so editing it rebuilds the models; a build
/// script printing `cargo:rerun-if-changed=<dir>` covers added and removed pages.
#[proc_macro]
pub fn models(input: TokenStream) -> TokenStream {
    expand(input.into()).into()
}

fn expand(input: TokenStream2) -> TokenStream2 {
    let relative = match spec_dir(input) {
        Ok(relative) => relative,
        Err((span, message)) => return compile_error(span, &message),
    };
    let dir = base_dir().join(&relative);
    // Pages keep the name the generated docs give them (`spec/refund.txt`);
    // their errors name them as rustc names the files of this build.
    let here = std::env::current_dir().ok();
    let shown = as_rustc_shows(&dir, here.as_deref());
    let fix = fix_command(here.as_deref());
    let with_fix = |d: &Diagnostic| {
        let mut located = d.clone();
        if let (Some(shown), Some(name)) = (&shown, Path::new(&d.file).file_name()) {
            located.file = Path::new(shown).join(name).to_string_lossy().into_owned();
        }
        located.to_string_with_fix(&fix)
    };
    let (sources, mut problems) = match pivot_codegen::read_pages(&dir, &relative) {
        Ok((sources, problems)) => (sources, problems.iter().map(with_fix).collect()),
        Err(message) => (Vec::new(), vec![message]),
    };
    let generated = pivot_codegen::generate(&sources);
    problems.extend(generated.errors().map(with_fix));
    let errors: TokenStream2 = problems
        .iter()
        .map(|m| compile_error(Span::call_site(), m))
        .collect();
    // The page goes into a doc attribute of an anonymous constant, not into
    // a constant's value: rustc reuses a crate's metadata after an edit when
    // nothing it encodes changed, and a constant holding the page's bytes
    // would be re-encoded at every edit of a page (1.2 s of a 6 s rebuild of
    // the 98 real pages). Only pages read as text get here, so
    // `include_str!` cannot fail on them.
    let tracked = sources.iter().map(|s| {
        let path = Literal::string(&dir.join(format!("{}.txt", s.stem)).to_string_lossy());
        quote!(
            #[doc = include_str!(#path)]
            const _: () = ();
        )
    });
    let models = generated.tokens_with(&options());
    quote! {
        #errors
        #(#tracked)*
        #models
    }
}

/// What this build of the macro generates, from its features: builders of
/// what calls send by default, test hooks only for pivot-models' own tests.
fn options() -> pivot_codegen::Options {
    use pivot_codegen::Builders;
    let builders = if cfg!(feature = "response-builders") {
        Builders::All
    } else if cfg!(feature = "builders") {
        Builders::Sent
    } else {
        Builders::None
    };
    pivot_codegen::Options::default()
        .builders(builders)
        .test_hooks(cfg!(feature = "test-hooks"))
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

/// The page directory as rustc shows the paths of the build it is part of,
/// so that a page's errors name a file the user can open from where they
/// built: rustc runs in the root of the workspace being built and names the
/// files under it relative to it (`spec/refund.txt` when building this
/// workspace), and every other file by its absolute path (the pages of
/// pivot-models built as a dependency of another crate). `here` is the
/// directory rustc runs in. `None` when the directory cannot be read, which
/// its own error reports.
fn as_rustc_shows(dir: &Path, here: Option<&Path>) -> Option<String> {
    let dir = dir.canonicalize().ok()?;
    let here = here.and_then(|d| d.canonicalize().ok());
    let shown = match here.as_deref().map(|here| dir.strip_prefix(here)) {
        Some(Ok(inside)) if inside.as_os_str().is_empty() => PathBuf::from("."),
        Some(Ok(inside)) => inside.to_path_buf(),
        _ => dir,
    };
    Some(shown.to_string_lossy().into_owned())
}

/// `pivot fix` as it runs from where the build runs, for the hint that ends a
/// repairable error: the `pivot-cli` package of the workspace this macro was
/// built from, with `cargo run -p` in that workspace and with
/// `--manifest-path` from any other; `pivot fix` (the installed command) when
/// its sources are not beside this crate's. `here` is the directory rustc
/// runs in.
fn fix_command(here: Option<&Path>) -> String {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent();
    let Some(workspace) = workspace.and_then(|w| w.canonicalize().ok()) else {
        return "pivot fix".to_string();
    };
    let manifest = workspace.join("pivot-cli").join("Cargo.toml");
    if !manifest.is_file() {
        return "pivot fix".to_string();
    }
    let here = here.and_then(|d| d.canonicalize().ok());
    if here.as_deref() == Some(workspace.as_path()) {
        "cargo run -p pivot-cli -- fix".to_string()
    } else {
        format!(
            "cargo run --manifest-path {} -- fix",
            pivot_codegen::shell_word(&manifest.to_string_lossy())
        )
    }
}

/// A `compile_error!` at `span`: the macro's own input errors point at the
/// token that is wrong, a page's errors at the whole invocation.
fn compile_error(span: Span, message: &str) -> TokenStream2 {
    let lit = Literal::string(message);
    quote_spanned!(span=> ::core::compile_error!(#lit);)
}

/// The directory named by the macro's string literal; on error, the span of
/// the token that is wrong (or of the whole input) and what was expected.
fn spec_dir(input: TokenStream2) -> Result<String, (Span, String)> {
    let mut tokens = input.into_iter();
    let (first, second) = (tokens.next(), tokens.next());
    let literal = match (first, second) {
        (Some(TokenTree::Literal(lit)), None) => lit,
        (_, Some(extra)) => return Err((extra.span(), usage())),
        (Some(other), None) => return Err((other.span(), usage())),
        (None, None) => return Err((Span::call_site(), usage())),
    };
    let text = literal.to_string();
    text.strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .filter(|s| !s.contains('\\') && !s.is_empty())
        .map(str::to_string)
        .ok_or_else(|| (literal.span(), usage()))
}

fn usage() -> String {
    "expected one string literal naming the spec directory, as in `pivot_macros::models!(\"../spec\")`"
        .to_string()
}

#[cfg(test)]
mod tests;
