//! `pivot show --all` prints exactly what the macro generates: the macro's
//! own expansion of `../spec` (which from this crate is the same directory as
//! from pivot-models) is compared with the tokens the CLI pretty-prints. Pages
//! read in another order or under other names, other generation options, or
//! anything else the macro adds would all fail it.

use std::path::Path;

use proc_macro2::{TokenStream, TokenTree};
use quote::quote;

#[test]
fn show_prints_the_tokens_the_macro_emits() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let (sources, problems) = pivot_codegen::read_pages(&spec, "spec").expect("spec/ has pages");
    assert!(problems.is_empty(), "{problems:?}");
    // `pivot show --all` prints what the macro generates with its default
    // features; a workspace test run also turns on pivot-models' test hooks,
    // which only add to it.
    let all = pivot_cli::show::options(true, pivot_codegen::Builders::Sent);
    if !cfg!(feature = "test-hooks") {
        assert_eq!(super::options(), all);
    }
    let options = all.test_hooks(super::options().has_test_hooks());
    let shown = pivot_cli::show::generate(&sources).tokens_with(&options);

    let emitted = super::expand(quote!("../spec"));
    let (models, tracked) = without_tracking(emitted);
    assert_eq!(tracked, sources.len(), "one include_str! per page");
    assert!(
        models.to_string() == shown.to_string(),
        "the macro and `pivot show` generate different code"
    );
}

/// Takes out the macro's top-level `#[doc = include_str!(..)] const _: () = ();`
/// items, which only tell cargo which files to watch, and counts them.
fn without_tracking(tokens: TokenStream) -> (TokenStream, usize) {
    let mut kept = Vec::new();
    let mut tracked = 0;
    let mut tokens = tokens.into_iter().peekable();
    while let Some(token) = tokens.next() {
        let starts_tracking = matches!(&token, TokenTree::Punct(p) if p.as_char() == '#')
            && matches!(tokens.peek(), Some(TokenTree::Group(g)) if g.stream().to_string().starts_with("doc = include_str !"));
        if !starts_tracking {
            kept.push(token);
            continue;
        }
        tracked += 1;
        for rest in tokens.by_ref() {
            if matches!(&rest, TokenTree::Punct(p) if p.as_char() == ';') {
                break;
            }
        }
    }
    (kept.into_iter().collect(), tracked)
}

/// A page's errors name it as rustc names the files of the same build, and
/// end with a repair command that runs from there.
#[test]
fn errors_name_pages_and_the_repair_from_where_the_build_runs() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .expect("workspace");
    let spec = workspace.join("pivot-models/../spec");
    // Building this workspace: rustc runs in its root.
    assert_eq!(
        super::as_rustc_shows(&spec, Some(&workspace)).as_deref(),
        Some("spec")
    );
    assert_eq!(
        super::fix_command(Some(&workspace)),
        "cargo run -p pivot-cli -- fix"
    );
    // A crate elsewhere that depends on pivot-models: rustc runs in that
    // crate and names pivot-models' files by their absolute paths. Any
    // directory that does not hold `spec/` stands for it (not the system's
    // temporary directory, which may hold this very checkout).
    let elsewhere = workspace.join("pivot-cli");
    let absolute = workspace.join("spec");
    assert_eq!(
        super::as_rustc_shows(&spec, Some(&elsewhere)).as_deref(),
        Some(absolute.to_string_lossy().as_ref())
    );
    let manifest = workspace.join("pivot-cli/Cargo.toml");
    assert_eq!(
        super::fix_command(Some(&elsewhere)),
        format!("cargo run --manifest-path {} -- fix", manifest.display())
    );
    // The error itself, from the macro.
    let page = pivot_codegen::Diagnostic {
        file: "spec/refund.txt".into(),
        pos: pivot_codegen::Pos::new(8, 1),
        severity: pivot_codegen::Severity::Error,
        message: "invalid JSON".into(),
        repair: vec![pivot_codegen::Edit {
            pos: pivot_codegen::Pos::new(8, 1),
            remove: "\u{201C}".into(),
            insert: "\"".into(),
        }],
    };
    assert_eq!(
        page.to_string_with_fix(&super::fix_command(Some(&workspace))),
        "spec/refund.txt:8:1: invalid JSON; `cargo run -p pivot-cli -- fix spec/refund.txt` repairs it"
    );
}
