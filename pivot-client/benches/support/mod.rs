//! What both client benchmarks measure against: a loopback server, the bare
//! `ureq` agent set up as the client sets up its own, and the call.

use std::sync::Arc;
use std::thread;
use std::time::Duration;

use pivot_client::Endpoint;

pub mod pages {
    pivot_macros::models!("tests/pages");
}

use pages::retrieve_payment::{Call, RESPONSE_EXAMPLE, Response};

const TOKEN: &str = r#"{"code":"00","message":"Success","data":{"accessToken":"tok-bench","expiresIn":"900","tokenType":"Bearer"}}"#;

/// A loopback server answering the token call and every other call with
/// the page's response example; its threads live as long as the process.
pub fn server() -> String {
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

/// The call both sides make: `GET /v2/payments/ps-1`.
pub fn call() -> Call {
    Call::builder().id("ps-1").build()
}

/// The bare agent, set up as the client sets up its own: statuses as
/// answers, and `timeout` (the client's is 30 s; ureq's timeouts cost about
/// 45 µs a call on loopback, with or without the client).
pub fn agent(timeout: Option<Duration>) -> ureq::Agent {
    ureq::Agent::new_with_config(
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(timeout)
            .build(),
    )
}

/// The call made with the bare agent, the answer read into the page's
/// `Response` with `serde_json`.
pub fn bare(agent: &ureq::Agent, base: &str, call: &Call) -> Response {
    let url = format!("{base}{}", call.path());
    let mut response = agent
        .get(&url)
        .header("Authorization", "Bearer tok-bench")
        .call()
        .expect("an answer");
    let body = response.body_mut().read_to_vec().expect("a body");
    serde_json::from_slice(&body).expect("the page's response")
}
