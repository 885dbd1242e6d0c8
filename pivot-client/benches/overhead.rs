//! What the client adds to one call: `client.send(&call)` (token cached,
//! headers, request ID logic, retry bookkeeping, tracing span, reading the
//! answer into the page's `Response`) against the same request made with
//! the bare `ureq` agent and read with `serde_json`, both on one loopback
//! server in the same run, the agent set up as the client's (the same
//! timeout). Target: at most 1.05x.
//!
//! `cargo bench -p pivot-client --bench overhead`

use std::time::Duration;

use divan::{Bencher, black_box};
use pivot_client::Config;

mod support;

use support::{agent, bare, call, server};

fn main() {
    divan::main();
}

fn bare_bench(bencher: Bencher, agent: ureq::Agent) {
    let base = server();
    let call = call();
    bencher.bench_local(|| black_box(bare(&agent, &base, &call)));
}

/// The baseline: the same request, same agent settings, no client.
#[divan::bench]
fn bare_ureq(bencher: Bencher) {
    bare_bench(bencher, agent(Some(Duration::from_secs(30))));
}

/// For scale: the bare agent without any timeout.
#[divan::bench]
fn bare_ureq_without_timeout(bencher: Bencher) {
    bare_bench(bencher, agent(None));
}

#[divan::bench]
fn through_the_client(bencher: Bencher) {
    let base = server();
    let client = pivot_client::Client::new(Config::new(base, "m", "s"));
    let call = call();
    client.send(&call).expect("warm: the token is cached");
    bencher.bench_local(|| black_box(client.send(black_box(&call)).expect("an answer")));
}
