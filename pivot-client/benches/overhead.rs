//! What the client adds to one call: `client.send(&call)` (token cached,
//! headers, request ID logic, retry bookkeeping, tracing span, reading the
//! answer into the page's `Response`) against the same request made with
//! the bare `ureq` agent and read with `serde_json`, both on one loopback
//! server in the same run, the agent set up as the client's (the same
//! timeout). Target: at most 1.05x.
//!
//! `cargo bench -p pivot-client --bench overhead`

use std::sync::Arc;
use std::thread;
use std::time::Duration;

use divan::{Bencher, black_box};
use pivot_client::{Config, Endpoint};

mod pages {
    pivot_macros::models!("tests/pages");
}

use pages::retrieve_payment::{Call, RESPONSE_EXAMPLE, Response};

fn main() {
    divan::main();
}

const TOKEN: &str = r#"{"code":"00","message":"Success","data":{"accessToken":"tok-bench","expiresIn":"900","tokenType":"Bearer"}}"#;

/// A loopback server answering the token call and every other call with
/// the page's response example; its threads live as long as the process.
fn server() -> String {
    let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind"));
    let addr = server.server_addr().to_ip().expect("an IP listener");
    for _ in 0..2 {
        let server = server.clone();
        thread::spawn(move || {
            let json = tiny_http::Header::from_bytes("Content-Type", "application/json").unwrap();
            for mut request in server.incoming_requests() {
                let mut sink = Vec::new();
                let _ = request.as_reader().read_to_end(&mut sink);
                let body = if request.url() == "/v1/access-token" {
                    TOKEN
                } else {
                    RESPONSE_EXAMPLE
                };
                let _ = request
                    .respond(tiny_http::Response::from_string(body).with_header(json.clone()));
            }
        });
    }
    format!("http://{addr}")
}

fn call() -> Call {
    Call::builder().id("ps-1").build()
}

/// The bare agent, set up as the client sets up its own: statuses as
/// answers, the same 30 s timeout (ureq's timeouts cost about 45 µs a
/// call on loopback, with or without the client).
fn agent(timeout: Option<Duration>) -> ureq::Agent {
    ureq::Agent::new_with_config(
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(timeout)
            .build(),
    )
}

fn bare(bencher: Bencher, agent: ureq::Agent) {
    let base = server();
    let call = call();
    bencher.bench_local(|| {
        let url = format!("{base}{}", call.path());
        let mut response = agent
            .get(&url)
            .header("Authorization", "Bearer tok-bench")
            .call()
            .expect("an answer");
        let body = response.body_mut().read_to_vec().expect("a body");
        let parsed: Response = serde_json::from_slice(&body).expect("the page's response");
        black_box(parsed)
    });
}

/// The baseline: the same request, same agent settings, no client.
#[divan::bench]
fn bare_ureq(bencher: Bencher) {
    bare(bencher, agent(Some(Duration::from_secs(30))));
}

/// For scale: the bare agent without any timeout.
#[divan::bench]
fn bare_ureq_without_timeout(bencher: Bencher) {
    bare(bencher, agent(None));
}

#[divan::bench]
fn through_the_client(bencher: Bencher) {
    let base = server();
    let client = pivot_client::Client::new(Config::new(base, "m", "s"));
    let call = call();
    client.send(&call).expect("warm: the token is cached");
    bencher.bench_local(|| black_box(client.send(black_box(&call)).expect("an answer")));
}
