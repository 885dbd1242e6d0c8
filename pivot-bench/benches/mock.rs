//! Requests per second on loopback, through one route: `pivot-mock` against
//! a bare `tiny_http` server answering the same bytes, with the same client
//! and headers, in the same run. The ratio is the mock's cost: routing, the
//! token check, reading the call as the page's (`pivot_codegen::wire`),
//! state, recording.
//!
//! `cargo bench -p pivot-bench --bench mock`; the throughput is in calls
//! (items) per second, one call at a time on one keep-alive connection.
//!
//! - `retrieve`: `GET /v2/payments/{id}` with a Bearer token, no body;
//! - `create`: `POST /v2/payments` with a body the mock reads and checks
//!   (the bare server answers the mock's first answer, of the same size).

#[path = "support/mock.rs"]
mod support;

use divan::Bencher;
use divan::counter::ItemsCount;
use support::{Bare, CREATE, agent, call, mock};

fn main() {
    divan::main();
}

fn run(bencher: Bencher, base_url: &str, method: &str, path: &str, token: &str, body: &str) {
    let agent = agent();
    bencher
        .counter(ItemsCount::new(1usize))
        .bench_local(|| call(&agent, base_url, method, path, token, body));
}

#[divan::bench]
fn retrieve_mock(bencher: Bencher) {
    let (mock, token) = mock();
    run(
        bencher,
        &mock.base_url(),
        "GET",
        "/v2/payments/ses-1",
        &token,
        "",
    );
}

#[divan::bench]
fn retrieve_bare(bencher: Bencher) {
    let (mock, token) = mock();
    let bytes = call(
        &agent(),
        &mock.base_url(),
        "GET",
        "/v2/payments/ses-1",
        &token,
        "",
    );
    drop(mock);
    let bare = Bare::start(bytes);
    run(
        bencher,
        &bare.base_url(),
        "GET",
        "/v2/payments/ses-1",
        &token,
        "",
    );
}

#[divan::bench]
fn create_mock(bencher: Bencher) {
    let (mock, token) = mock();
    run(
        bencher,
        &mock.base_url(),
        "POST",
        "/v2/payments",
        &token,
        CREATE,
    );
}

#[divan::bench]
fn create_bare(bencher: Bencher) {
    let (mock, token) = mock();
    let bytes = call(
        &agent(),
        &mock.base_url(),
        "POST",
        "/v2/payments",
        &token,
        CREATE,
    );
    drop(mock);
    let bare = Bare::start(bytes);
    run(
        bencher,
        &bare.base_url(),
        "POST",
        "/v2/payments",
        &token,
        CREATE,
    );
}
