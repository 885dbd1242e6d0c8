//! The code generated from every page in `spec/`, checked in as one snapshot
//! per page (`tests/snapshots/`), exactly as `pivot show spec/<page>.txt`
//! prints it. A change to a page or to the generator shows up as a diff of
//! these files in review, and a test failure until it is accepted.
//!
//! To accept a deliberate change: `cargo insta review` (with `cargo install
//! cargo-insta`), or `INSTA_UPDATE=always cargo test -p pivot-cli --test
//! snapshots`; then read the diff of `tests/snapshots/` before committing.

use pivot_cli::show;

#[test]
fn generated_code_of_every_page() {
    insta::glob!("../spec", "*.txt", |path| {
        let file = path.file_name().expect("page file name").to_string_lossy();
        // Named as the macro and `pivot show spec/...` name it, since the name
        // is part of the generated docs.
        let source =
            pivot_codegen::Source::read(path, &format!("spec/{file}")).expect("readable page");
        let page = source.stem.clone();
        let generated = show::generate(&[source]);
        let errors: Vec<String> = generated.errors().map(ToString::to_string).collect();
        assert!(errors.is_empty(), "{}", errors.join("\n"));
        let code = show::render(&generated).expect("generated code parses");
        // Named after the page alone: glob! would name a lone page's
        // snapshot differently from one among several.
        insta::with_settings!({ snapshot_suffix => page }, {
            insta::assert_snapshot!("show", code);
        });
    });
}
