//! The README's "Calling Pivot" quotes the example files rather than
//! holding code of its own: each block after a line
//! `<!-- quoted from <file> -->` must appear in that file, line for line
//! (indentation and blank lines aside), so the quotes cannot drift from the
//! code `cargo test` compiles and runs.

use std::path::Path;

fn lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn every_quote_in_the_readme_is_in_its_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let mut quotes = 0;
    let mut rest = readme.as_str();
    while let Some(at) = rest.find("<!-- quoted from ") {
        rest = &rest[at + "<!-- quoted from ".len()..];
        let file = &rest[..rest.find(" -->").expect("a closed marker")];
        let open = rest.find("```").expect("a block after the marker");
        let body_start = open + rest[open..].find('\n').unwrap() + 1;
        let body_end = body_start + rest[body_start..].find("```").expect("a closed block");
        let quote = lines(&rest[body_start..body_end]);
        let source =
            std::fs::read_to_string(root.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let source = lines(&source);
        assert!(
            source.windows(quote.len()).any(|w| w == quote.as_slice()),
            "the README's quote of {file} is not in it:\n{}",
            quote.join("\n")
        );
        quotes += 1;
        rest = &rest[body_end..];
    }
    assert!(
        quotes >= 3,
        "the README quotes the examples ({quotes} found)"
    );
}
