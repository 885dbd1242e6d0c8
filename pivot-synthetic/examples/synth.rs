//! Writes synthetic pages to a directory, for `scripts/bench-build.sh` and for
//! looking at what the benchmarks read:
//!
//! `cargo run -p pivot-synthetic --example synth -- <dir> <count> [seed]`

use std::process::ExitCode;

const USAGE: &str = "usage: synth <dir> <count> [seed]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dir, count, seed) = match args.as_slice() {
        [dir, count] => (dir, count.parse(), Ok(6)),
        [dir, count, seed] => (dir, count.parse(), seed.parse()),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let (Ok(count), Ok(seed)) = (count, seed) else {
        eprintln!("{USAGE}: count and seed are numbers");
        return ExitCode::from(2);
    };
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("{dir}: {e}");
        return ExitCode::FAILURE;
    }
    for page in pivot_synthetic::pages(seed, count) {
        let path = format!("{dir}/{}.txt", page.stem);
        if let Err(e) = std::fs::write(&path, &page.text) {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
