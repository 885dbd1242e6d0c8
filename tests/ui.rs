//! Compile-fail tests: every mistake a user can make, in a page or in code
//! using the models, with the exact message they get (`tests/ui/*.stderr`).
//! Run with `TRYBUILD=overwrite` to accept new messages after review.
//!
//! The cases about the reference page's models generate them from their own
//! copy of it (`tests/ui/pages/reference/`), not from `spec/`: rustc names a
//! type by its full path once another crate item has the same name, so every
//! page added to `spec/` (each has a `Request`) would change their messages.

#[test]
fn ui() {
    let models_crate = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let workspace = models_crate.join("..");
    // trybuild compiles each file in a scratch crate; relative page paths must
    // still start from pivot-models, as they do in its own lib.rs.
    // SAFETY: set before any thread that reads the environment is started.
    unsafe { std::env::set_var("PIVOT_MACROS_BASE_DIR", models_crate) };
    // trybuild passes a glob that matches nothing, so count the cases first.
    let (fail, pass) = (workspace.join("tests/ui"), workspace.join("tests/ui-pass"));
    assert!(rust_files(&fail) >= 10, "{}: cases missing", fail.display());
    assert!(rust_files(&pass) >= 1, "{}: cases missing", pass.display());
    let cases = trybuild::TestCases::new();
    cases.compile_fail(fail.join("*.rs"));
    // Generated code that must compile and behave, on pages made for it.
    cases.pass(pass.join("*.rs"));
}

fn rust_files(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "rs"))
        })
        .count()
}
