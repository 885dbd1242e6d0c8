//! The client's overhead as one ratio, robust to a loaded machine: calls
//! through the client (token cached) and the same request made with the
//! bare `ureq` agent alternate on one loopback server, in the order
//! A B B A, so a change in load touches both alike. Prints each side's
//! median and the ratio of the medians. Target: at most 1.05.
//!
//! `cargo bench -p pivot-client --bench paired` (`PIVOT_BENCH_CALLS`, 4000
//! by default, is the number of calls of each side).

use std::time::{Duration, Instant};

use pivot_client::Config;

mod support;

use support::{agent, bare, call, server};

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs it once, briefly.
    let calls: usize = std::env::var("PIVOT_BENCH_CALLS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(if std::env::args().any(|a| a == "--bench") {
            4000
        } else {
            20
        });
    let base = server();
    let call = call();
    let agent = agent(Some(Duration::from_secs(30)));
    let bare = || {
        std::hint::black_box(bare(&agent, &base, &call));
    };
    let client = pivot_client::Client::new(Config::new(base.clone(), "m", "s"));
    let through = || {
        std::hint::black_box(client.send(std::hint::black_box(&call)).expect("an answer"));
    };
    let time = |f: &dyn Fn()| {
        let started = Instant::now();
        f();
        started.elapsed()
    };
    for _ in 0..calls.min(200) {
        bare();
        through();
    }
    let (mut bare_times, mut client_times) = (Vec::new(), Vec::new());
    for round in 0..calls {
        if round % 2 == 0 {
            bare_times.push(time(&bare));
            client_times.push(time(&through));
        } else {
            client_times.push(time(&through));
            bare_times.push(time(&bare));
        }
    }
    let (bare, client) = (median(bare_times), median(client_times));
    println!("calls of each: {calls}");
    println!("bare ureq, median:          {bare:?}");
    println!("through the client, median: {client:?}");
    println!(
        "ratio (client / bare):      {:.3}",
        client.as_secs_f64() / bare.as_secs_f64()
    );
}
