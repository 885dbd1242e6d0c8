//! Turns every ```rust block of the workspace's README.md into a test of
//! `tests/readme.rs`, as `$OUT_DIR/readme_examples.rs`: each block is a
//! whole program, compiled as a module and its `main` run (```rust,no_run:
//! compiled only). A block that is not a whole program becomes a
//! `compile_error!` naming its line, so only that test fails to build.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=../README.md");
    let readme = std::fs::read_to_string("../README.md").unwrap_or_default();
    let mut out = String::new();
    for block in rust_blocks(&readme) {
        let name = format!("readme_line_{}", block.line);
        if !block.code.contains("fn main(") {
            let _ = writeln!(
                out,
                "compile_error!(\"README.md:{}: a ```rust block is a whole program: it needs its `fn main()`\");",
                block.line
            );
            continue;
        }
        let run = if block.no_run {
            "let _ = main;"
        } else {
            "crate::Outcome::assert_success(main());"
        };
        let _ = writeln!(
            out,
            "/// README.md, line {line}.\n#[allow(dead_code)]\nmod {name} {{\n{code}\n#[test]\n#[allow(clippy::unit_arg)] // `main` may return `()`\nfn runs() {{\n    {run}\n}}\n}}\n",
            line = block.line,
            code = block.code,
        );
    }
    let dest = Path::new(&std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("readme_examples.rs");
    std::fs::write(dest, out).expect("write the README's examples");
}

struct Block {
    /// The line of the opening fence.
    line: usize,
    no_run: bool,
    code: String,
}

/// The ```rust blocks, fences indented or not (inside a list item); one
/// marked `ignore` is left out.
fn rust_blocks(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    // The fence being read: its indentation, and the block when it is Rust.
    let mut open: Option<(usize, Option<Block>)> = None;
    for (i, line) in markdown.lines().enumerate() {
        let indent = line.len() - line.trim_start().len();
        let text = line.trim_start();
        let Some((fence_indent, block)) = &mut open else {
            if let Some(info) = text.strip_prefix("```") {
                let words: Vec<&str> = info.split(',').map(str::trim).collect();
                let rust = words.first() == Some(&"rust") && !words.contains(&"ignore");
                let block = rust.then(|| Block {
                    line: i + 1,
                    no_run: words.contains(&"no_run"),
                    code: String::new(),
                });
                open = Some((indent, block));
            }
            continue;
        };
        if text.starts_with("```") {
            blocks.extend(block.take());
            open = None;
        } else if let Some(block) = block {
            block
                .code
                .push_str(line.get(*fence_indent..).unwrap_or(text));
            block.code.push('\n');
        }
    }
    blocks
}
