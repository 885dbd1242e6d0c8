//! Compile-fail tests: every mistake a user can make, in a page or in code
//! using the models, with the exact message they get (`tests/ui/*.stderr`).
//! Run with `TRYBUILD=overwrite` to accept new messages after review.

#[test]
fn ui() {
    let models_crate = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let workspace = models_crate.join("..");
    // trybuild compiles each file in a scratch crate; relative page paths must
    // still start from pivot-models, as they do in its own lib.rs.
    // SAFETY: set before any thread that reads the environment is started.
    unsafe { std::env::set_var("PIVOT_MACROS_BASE_DIR", models_crate) };
    let cases = trybuild::TestCases::new();
    cases.compile_fail(workspace.join("tests/ui/*.rs"));
    // Generated code that must compile and behave, on pages made for it.
    cases.pass(workspace.join("tests/ui-pass/*.rs"));
}
