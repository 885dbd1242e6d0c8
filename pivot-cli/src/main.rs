//! `pivot`: look at the models generated from documentation pages.
//!
//! - `pivot show <page>...`: the code the macro generates, pretty-printed.
//! - `pivot check [--format json] <page or dir>...`: every problem of every page.
//! - `pivot fix [--check] <page or dir>...`: repair known damage in place.
//! - `pivot diff <old> <new>`: what changed for users of the models (pages or dirs).

use std::process::ExitCode;

use pivot_cli::{check, diff, fix, show};

const USAGE: &str = "usage:
  pivot show [--no-builders] <page.txt or directory>...
  pivot check [--format text|json] <page.txt or directory>...
  pivot fix [--check] <page.txt or directory>...
  pivot diff [--docs] <old page or directory> <new page or directory>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.split_first() {
        Some((cmd, rest)) if cmd == "show" && !rest.is_empty() => show::run(rest),
        Some((cmd, rest)) if cmd == "check" => check::run(rest),
        Some((cmd, rest)) if cmd == "fix" => fix::run(rest),
        Some((cmd, rest)) if cmd == "diff" => diff::run(rest),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
