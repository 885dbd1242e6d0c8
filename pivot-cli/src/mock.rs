//! `pivot mock`: the pages served as a Pivot test server (`pivot_mock`),
//! until the process is stopped.
//!
//! Prints `listening <addr>` on stdout once it answers (port 0 picks a free
//! port), then one line per call on stderr: method, path, status and the
//! page that answered, never a header, query or body.

use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use pivot_mock::{Error, MockServer};

use crate::pages;

/// What `pivot mock` is told.
#[derive(Debug)]
pub struct Options {
    /// Where to listen.
    pub listen: SocketAddr,
    /// How long an issued token lives.
    pub token_lifetime: Duration,
    /// Accept only the merchant ID and secret of `PIVOT_MERCHANT_ID` and
    /// `PIVOT_MERCHANT_SECRET` on the Access Token call.
    pub credentials_from_env: bool,
    /// No line per call.
    pub quiet: bool,
}

/// Serves the pages under `paths` until the process is stopped.
pub fn run(paths: &[std::path::PathBuf], options: &Options) -> ExitCode {
    let files = match pages::files_or_usage_error(paths) {
        Ok(files) => files,
        Err(status) => return status,
    };
    let mut builder = MockServer::builder()
        .pages(files)
        .listen(options.listen)
        .token_lifetime(options.token_lifetime)
        // A server that runs for hours must not keep every call.
        .record_requests(false)
        .log_calls(!options.quiet);
    if options.credentials_from_env {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let (Some(id), Some(secret)) = (var("PIVOT_MERCHANT_ID"), var("PIVOT_MERCHANT_SECRET"))
        else {
            eprintln!(
                "error: --credentials-from-env needs PIVOT_MERCHANT_ID and PIVOT_MERCHANT_SECRET set"
            );
            return ExitCode::from(2);
        };
        builder = builder.credentials(id, secret);
    }
    let mock = match builder.start() {
        Ok(mock) => mock,
        Err(Error::Pages(message)) => {
            eprintln!("error: the pages cannot be served:\n{message}");
            return ExitCode::from(1);
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if !options.quiet {
        for (method, path, pages) in mock.routes() {
            eprintln!("route {method} {path} ({})", pages.join(", "));
        }
    }
    if !mock.asks_for_tokens() {
        eprintln!(
            "note: no Access Token page among the pages (one documenting X-MERCHANT-ID and X-MERCHANT-SECRET): `POST /v1/access-token` still issues tokens, and no call is asked for one"
        );
    }
    println!("listening {}", mock.addr());
    // Whoever waits for the line reads it now, not when a buffer fills.
    let _ = std::io::stdout().flush();
    loop {
        // `park` may return without an `unpark`; nothing ever unparks this
        // thread, so it waits until the process is stopped.
        std::thread::park();
    }
}
