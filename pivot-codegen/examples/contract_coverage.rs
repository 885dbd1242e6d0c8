//! How much of the generated API is contract: the fields whose member a
//! table row documents (the page's own, or an object page's it links), out
//! of every generated field, for a folder of pages generated together as
//! the macro does. Pages are repaired first, as `pivot fix` would.
//!
//! `cargo run -p pivot-codegen --example contract_coverage -- <folder>`

use pivot_codegen::{Source, fix, generate, read_pages};

fn main() {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: contract_coverage <folder of pages>");
        std::process::exit(2);
    };
    let dir = std::path::PathBuf::from(dir);
    let (sources, problems) = match read_pages(&dir, &dir.to_string_lossy()) {
        Ok(read) => read,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    for problem in &problems {
        eprintln!("{problem}");
    }
    let sources: Vec<Source> = sources
        .into_iter()
        .map(|source| Source {
            text: fix::repair(&source).text,
            ..source
        })
        .collect();
    let generated = generate(&sources);
    let (mut documented, mut fields) = (0usize, 0usize);
    let (mut body_documented, mut body_fields) = (0usize, 0usize);
    for analysis in &generated.analyses {
        for s in analysis.module.structs() {
            let body = s.first_path().is_some();
            for f in &s.fields {
                let has_row = f.doc.row.is_some();
                fields += 1;
                documented += usize::from(has_row);
                if body {
                    body_fields += 1;
                    body_documented += usize::from(has_row);
                }
            }
        }
    }
    let percent = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    println!(
        "{} pages: {documented} of {fields} generated fields carry table docs ({:.0}%); in bodies {body_documented} of {body_fields} ({:.0}%)",
        generated.analyses.len(),
        percent(documented, fields),
        percent(body_documented, body_fields)
    );
}
