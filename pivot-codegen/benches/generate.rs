//! Generation cost: what the macro pays at every build, per page and per MB.
//!
//! `cargo bench -p pivot-codegen --bench generate`. The synthetic sets share
//! their first pages (page `i` depends only on the seed and `i`), so the time
//! per page across 10, 100 and 500 pages shows whether cost grows linearly.

use divan::counter::{BytesCount, ItemsCount};
use divan::{Bencher, black_box};
use pivot_codegen::{Options, Source};
use pivot_synthetic as synthetic;

const SEED: u64 = 6;

fn main() {
    divan::main();
}

fn reference_page() -> Source {
    Source {
        display_path: "tests/pinned/create_payment_session.txt".into(),
        stem: "create_payment_session".into(),
        text: include_str!("../../tests/pinned/create_payment_session.txt").into(),
    }
}

fn page_bytes(pages: &[Source]) -> usize {
    pages.iter().map(|p| p.text.len()).sum()
}

/// The reference page, everything the macro does: analysis and tokens.
#[divan::bench]
fn reference_generate(bencher: Bencher) {
    let pages = [reference_page()];
    bencher
        .counter(BytesCount::new(page_bytes(&pages)))
        .bench(|| pivot_codegen::generate(black_box(&pages)).tokens());
}

/// The reference page, analysis alone (page, JSON, tables, inference).
#[divan::bench]
fn reference_analyze(bencher: Bencher) {
    let page = reference_page();
    bencher
        .counter(BytesCount::new(page.text.len()))
        .bench(|| pivot_codegen::analyze(black_box(&page)));
}

/// The reference page, tokens alone from an analysed page.
#[divan::bench]
fn reference_tokens(bencher: Bencher) {
    let generated = pivot_codegen::generate(&[reference_page()]);
    bencher.bench(|| black_box(&generated).tokens());
}

/// The same without builders (`pivot-models` without its `builders` feature).
#[divan::bench]
fn reference_tokens_without_builders(bencher: Bencher) {
    let generated = pivot_codegen::generate(&[reference_page()]);
    let options = without_builders();
    bencher.bench(|| black_box(&generated).tokens_with(&options));
}

fn without_builders() -> Options {
    Options::default().builders(pivot_codegen::Builders::None)
}

/// Synthetic spec sets: analysis and tokens for every page.
#[divan::bench(args = [10, 100, 500], sample_count = 10, sample_size = 1)]
fn synthetic_generate(bencher: Bencher, pages: usize) {
    let pages = synthetic::pages(SEED, pages);
    bencher
        .counter(ItemsCount::new(pages.len()))
        .counter(BytesCount::new(page_bytes(&pages)))
        .bench(|| pivot_codegen::generate(black_box(&pages)).tokens());
}

#[divan::bench(args = [10, 100, 500], sample_count = 10, sample_size = 1)]
fn synthetic_generate_without_builders(bencher: Bencher, pages: usize) {
    let pages = synthetic::pages(SEED, pages);
    let options = without_builders();
    bencher
        .counter(ItemsCount::new(pages.len()))
        .counter(BytesCount::new(page_bytes(&pages)))
        .bench(|| pivot_codegen::generate(black_box(&pages)).tokens_with(&options));
}

/// The real pages when `PIVOT_PAGES_DIR` names them (CI sets it to the 98
/// pages beside the repository), else the pages of `spec/`.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn real_pages_generate(bencher: Bencher) {
    let pages = real_pages();
    bencher
        .counter(ItemsCount::new(pages.len()))
        .counter(BytesCount::new(page_bytes(&pages)))
        .bench(|| pivot_codegen::generate(black_box(&pages)).tokens());
}

fn real_pages() -> Vec<Source> {
    let dir = std::env::var_os("PIVOT_PAGES_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../spec").into());
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(path).ok()?;
            let stem = path.file_stem()?.to_string_lossy().into_owned();
            Some(Source {
                display_path: path.display().to_string(),
                stem,
                text,
            })
        })
        .collect()
}
