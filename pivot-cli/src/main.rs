//! `pivot`: look at the models generated from documentation pages.
//!
//! - `pivot show [--all | --no-builders] <page>...`: the models (`--all`: everything the macro generates), pretty-printed.
//! - `pivot check [--notes] [--format json] <page or dir>...`: every problem of every page.
//! - `pivot fix [--check] <page or dir>...`: repair known damage in place.
//! - `pivot diff [--docs] <old> <new>`: what changed for users of the models (pages or dirs).
//! - `pivot mock [--listen <addr>] <page or dir>...`: serve the pages as a Pivot test server.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};
use pivot_cli::{check, diff, fix, mock, show};
use pivot_codegen::Builders;

#[derive(Parser)]
#[command(
    name = "pivot",
    version,
    about = "Typed Rust models from Pivot API documentation pages: show, check, fix and diff them, or serve them as a test server",
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
    /// Serve the pages as a Pivot test server, until stopped.
    #[command(
        version,
        after_help = "Prints `listening <addr>` on stdout when it answers, then a line per \
                      call on stderr (method, path, status, page; never a header or body). \
                      Exit status: 0 never, as it serves until stopped (by a signal); 1 \
                      when a page has errors (each printed; `pivot fix` repairs known \
                      damage), 2 for usage errors, unreadable files and an address it \
                      cannot listen on."
    )]
    Mock {
        /// The address to listen on; port 0 picks a free port.
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:0")]
        listen: SocketAddr,
        /// How long an issued access token is valid, in seconds.
        #[arg(long, value_name = "SECONDS", default_value_t = 900)]
        token_lifetime: u64,
        /// Accept only the merchant ID and secret in PIVOT_MERCHANT_ID and
        /// PIVOT_MERCHANT_SECRET on the Access Token call (by default any pair).
        #[arg(long)]
        credentials_from_env: bool,
        /// No line per call on stderr.
        #[arg(long)]
        quiet: bool,
        /// Pages (`*.txt`) or directories of pages.
        #[arg(required = true, value_name = "PAGE_OR_DIR")]
        paths: Vec<PathBuf>,
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
        Command::Mock {
            listen,
            token_lifetime,
            credentials_from_env,
            quiet,
            paths,
        } => mock::run(
            &paths,
            &mock::Options {
                listen,
                token_lifetime: Duration::from_secs(token_lifetime),
                credentials_from_env,
                quiet,
            },
        ),
    }
}
