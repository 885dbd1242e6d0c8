//! `pivot`: look at the models generated from documentation pages.
//!
//! - `pivot show [--all | --no-builders] <page>...`: the models (`--all`: everything the macro generates), pretty-printed.
//! - `pivot check [--notes] [--format json] <page or dir>...`: every problem of every page.
//! - `pivot fix [--check] <page or dir>...`: repair known damage in place.
//! - `pivot diff [--docs] <old> <new>`: what changed for users of the models (pages or dirs).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use pivot_cli::{check, diff, fix, show};
use pivot_codegen::Builders;

#[derive(Parser)]
#[command(
    name = "pivot",
    version,
    about = "Typed Rust models from Pivot API documentation pages: show, check, fix and diff them",
    after_help = "Exit status: 0 on success, 1 when a subcommand finds what it looks for \
                  (errors, damage, breaking changes), 2 for usage errors and unreadable input."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the models generated from the pages, pretty-printed (`--all`: everything the macro emits).
    #[command(
        version,
        after_help = "Exit status: 0 when every page reads, 1 when a page has errors \
                      (printed on stderr; the code is still printed), 2 for usage errors \
                      and unreadable files."
    )]
    Show {
        /// Print everything the macro emits, byte for byte: the builders and
        /// the crate-wide items too, not only the models.
        #[arg(long)]
        all: bool,
        /// Print everything the macro emits without its `builders` feature.
        #[arg(long, conflicts_with_all = ["all", "response_builders"])]
        no_builders: bool,
        /// Print everything the macro emits with its `response-builders`
        /// feature: builders of the types only responses carry as well.
        #[arg(long)]
        response_builders: bool,
        /// Pages (`*.txt`) or directories of pages.
        #[arg(required = true, value_name = "PAGE_OR_DIR")]
        paths: Vec<PathBuf>,
    },
    /// Report every problem of every page as `file:line:col: message`.
    #[command(
        version,
        after_help = "Exit status: 0 when no page has errors (warnings do not fail), 1 when \
                      one has, 2 for usage errors and missing files."
    )]
    Check {
        /// `text` (errors and warnings on stderr, a summary line) or `json`
        /// (every diagnostic, notes included, on stdout).
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Also list the notes (what is contract and what is guessed, which
        /// fields are secrets); by default the summary only counts them.
        #[arg(long)]
        notes: bool,
        /// Pages (`*.txt`) or directories of pages.
        #[arg(required = true, value_name = "PAGE_OR_DIR")]
        paths: Vec<PathBuf>,
    },
    /// Repair the known kinds of damage in pages' JSON, in place.
    #[command(
        version,
        after_help = "Exit status: 0 when every page now reads, 1 when damage without a \
                      known repair is left (or, with --check, when something would change), \
                      2 for usage errors and unwritable files."
    )]
    Fix {
        /// Print what would change and write nothing.
        #[arg(long)]
        check: bool,
        /// Pages (`*.txt`) or directories of pages.
        #[arg(required = true, value_name = "PAGE_OR_DIR")]
        paths: Vec<PathBuf>,
    },
    /// What changed in the generated API between two pages or two directories.
    #[command(
        version,
        after_help = "Exit status: 0 when nothing is breaking, 1 when something is, 2 when \
                      the pages cannot be compared."
    )]
    Diff {
        /// Also list changes to docs and example values (they never affect
        /// the exit status).
        #[arg(long)]
        docs: bool,
        /// The old page or directory.
        old: PathBuf,
        /// The new page or directory.
        new: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // `--help` and `--version` print to stdout and succeed; usage
            // errors print with clap's `error:` label and exit 2.
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Show {
            all,
            no_builders,
            response_builders,
            paths,
        } => {
            let builders = if no_builders {
                Builders::None
            } else if response_builders {
                Builders::All
            } else {
                Builders::Sent
            };
            let all = all || no_builders || response_builders;
            show::run(&paths, &show::options(all, builders))
        }
        Command::Check {
            format,
            notes,
            paths,
        } => check::run(
            &paths,
            match format {
                Format::Text if notes => check::Format::TextWithNotes,
                Format::Text => check::Format::Text,
                Format::Json => check::Format::Json,
            },
        ),
        Command::Fix { check, paths } => fix::run(&paths, check),
        Command::Diff { docs, old, new } => diff::run(&old, &new, docs),
    }
}
