//! Lays out the pages the benchmarks read, three ways from one source so
//! they cannot drift apart:
//!
//! - `$OUT_DIR/spec/`: the reference page and a synthetic list page, which
//!   `models!("spec")` reads (the macro resolves the path against
//!   `PIVOT_MACROS_BASE_DIR`, set here to `$OUT_DIR`);
//! - `$OUT_DIR/handwritten.rs`: the same models pretty-printed, as `pivot show`
//!   prints them, compiled as ordinary code;
//! - `$OUT_DIR/large_response.json`: a ~1 MB response of the list page.

use std::path::{Path, PathBuf};

use pivot_codegen::Source;
use pivot_synthetic as synthetic;

/// Also the seed of the scale test and generation benchmarks.
const SEED: u64 = 6;
const LARGE_RESPONSE_BYTES: usize = 1 << 20;

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    // The pinned copy, so the numbers compare across updates of spec/.
    let reference = Path::new("../tests/pinned/create_payment_session.txt");
    println!("cargo:rerun-if-changed={}", reference.display());
    let text = std::fs::read_to_string(reference).expect("the reference page is readable");
    let (list_page, large_response) = synthetic::large_list(SEED, LARGE_RESPONSE_BYTES);
    let sources = [
        Source {
            display_path: "spec/create_payment_session.txt".into(),
            stem: "create_payment_session".into(),
            text,
        },
        list_page,
    ];

    let spec = out.join("spec");
    std::fs::create_dir_all(&spec).expect("OUT_DIR is writable");
    for source in &sources {
        write_if_changed(&spec.join(format!("{}.txt", source.stem)), &source.text);
    }
    let generated = pivot_codegen::generate(&sources);
    if let Some(error) = generated.errors().next() {
        panic!("benchmark pages must generate: {error}");
    }
    let code = pivot_codegen::pretty(&generated.tokens()).expect("generated code parses");
    write_if_changed(&out.join("handwritten.rs"), &code);
    write_if_changed(&out.join("large_response.json"), &large_response);
    println!("cargo:rustc-env=PIVOT_MACROS_BASE_DIR={}", out.display());
}

/// Leaves files alone when nothing changed, so their modification times do
/// not rebuild the crate needlessly.
fn write_if_changed(path: &Path, contents: &str) {
    if std::fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return;
    }
    std::fs::write(path, contents).expect("OUT_DIR is writable");
}
