//! The client's overhead as one ratio, robust to a loaded machine: calls
//! through the client (token cached) and the same request made with the
//! bare `ureq` agent alternate on one loopback server, in the order
//! A B B A, so a change in load touches both alike. Prints each side's
//! median and the ratio of the medians. Target: at most 1.05.
//!
//! `cargo bench -p pivot-client --bench paired` (`PIVOT_BENCH_CALLS`, 4000
//! by default, is the number of calls of each side).

use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use pivot_client::{Config, Endpoint};

mod pages {
    pivot_macros::models!("tests/pages");
}

use pages::retrieve_payment::{Call, RESPONSE_EXAMPLE, Response};

const TOKEN: &str = r#"{"code":"00","message":"Success","data":{"accessToken":"tok-bench","expiresIn":"900","tokenType":"Bearer"}}"#;

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
    let call = Call::builder().id("ps-1").build();
    // The agent set up as the client sets up its own.
    let agent = ureq::Agent::new_with_config(
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build(),
    );
    let bare = || {
        let url = format!("{base}{}", call.path());
        let mut response = agent
            .get(&url)
            .header("Authorization", "Bearer tok-bench")
            .call()
            .expect("an answer");
        let body = response.body_mut().read_to_vec().expect("a body");
        let parsed: Response = serde_json::from_slice(&body).expect("the page's response");
        std::hint::black_box(parsed);
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
