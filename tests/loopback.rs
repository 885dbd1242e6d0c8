//! A real HTTP round trip on 127.0.0.1: the example program's `send`
//! (`pivot-models/examples/send.rs`, a `ureq` client over
//! `pivot_models::http`) sends calls to a `tiny_http` server in this
//! process, which records what arrived and answers with the page's
//! response example; the client reads the answer into the page's
//! `Response`. The server takes a fixed number of requests, each within a
//! timeout, then stops by itself.

#[allow(dead_code)]
#[path = "../pivot-models/examples/send.rs"]
mod send;

mod models {
    pivot_macros::models!("../tests/endpoint");
}

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use pivot_pinned::create_payment_session as reference;
use serde_json::Value;

/// What the server saw of one request.
#[derive(Debug)]
struct Seen {
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    body: Value,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Serves `answers.len()` requests, the n-th answered with `answers[n]`
/// (status, JSON body), and reports each request as it arrives.
fn serve(
    answers: Vec<(u16, &'static str)>,
) -> (String, mpsc::Receiver<Seen>, thread::JoinHandle<()>) {
    let server = tiny_http::Server::http("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let addr = server.server_addr().to_ip().expect("an IP listener");
    let (tx, rx) = mpsc::channel();
    let handle = thread::spawn(move || {
        for (status, body) in answers {
            let Ok(Some(mut request)) = server.recv_timeout(Duration::from_secs(20)) else {
                return;
            };
            let mut raw = String::new();
            request
                .as_reader()
                .read_to_string(&mut raw)
                .expect("request body");
            let seen = Seen {
                method: request.method().as_str().to_string(),
                url: request.url().to_string(),
                headers: request
                    .headers()
                    .iter()
                    .map(|h| {
                        (
                            h.field.as_str().as_str().to_string(),
                            h.value.as_str().to_string(),
                        )
                    })
                    .collect(),
                body: if raw.is_empty() {
                    Value::Null
                } else {
                    serde_json::from_str(&raw).expect("the body is JSON")
                },
            };
            let _ = tx.send(seen);
            let content_type =
                tiny_http::Header::from_bytes("Content-Type", "application/json").expect("header");
            let response = tiny_http::Response::from_string(body)
                .with_status_code(status)
                .with_header(content_type);
            let _ = request.respond(response);
        }
    });
    (format!("http://{addr}"), rx, handle)
}

fn received(rx: &mpsc::Receiver<Seen>) -> Seen {
    rx.recv_timeout(Duration::from_secs(20))
        .expect("the server saw the request")
}

#[test]
fn the_reference_request_round_trips_through_a_real_server() {
    let (base, rx, server) = serve(vec![(200, reference::RESPONSE_EXAMPLE)]);
    let body: reference::Request = serde_json::from_str(reference::REQUEST_EXAMPLE).unwrap();
    let call = reference::Call::builder().body(body).build();

    let response = send::send(&call, &base).expect("the round trip");

    let seen = received(&rx);
    assert_eq!(seen.method, "POST");
    assert_eq!(seen.url, "/v2/payments");
    let sent: Value = serde_json::from_str(reference::REQUEST_EXAMPLE).unwrap();
    assert_eq!(seen.body, sent);
    let expected: reference::Response = serde_json::from_str(reference::RESPONSE_EXAMPLE).unwrap();
    assert_eq!(response, expected);
    server.join().unwrap();
}

/// The test page's call: its `Call` implements the runtime's one `Endpoint`
/// trait, as the crate's own do, so the same `send` carries it.
fn refund() -> models::refund_order::Call {
    use models::refund_order::{Amount, Call, Headers, Query, Request};
    Call::builder()
        .id("ord 1/2")
        .query(Query::builder().dry_run("true").build())
        .headers(
            Headers::builder()
                .authorization("Bearer t0k3n")
                .x_idempotency_key("k-1")
                .build(),
        )
        .body(
            Request::builder()
                .reason("DUPLICATE")
                .amount(Amount::builder().value(5000).currency("IDR").build())
                .build(),
        )
        .build()
}

#[test]
fn path_query_headers_and_body_arrive_as_documented() {
    let (base, rx, server) = serve(vec![(200, models::refund_order::RESPONSE_EXAMPLE)]);

    let response = send::send(&refund(), &base).expect("the round trip");

    let seen = received(&rx);
    assert_eq!(seen.method, "POST");
    assert_eq!(seen.url, "/v2/orders/ord%201%2F2/refunds?dryRun=true");
    assert_eq!(seen.header("Content-Type"), Some("application/json"));
    assert_eq!(seen.header("Authorization"), Some("Bearer t0k3n"));
    assert_eq!(seen.header("X-IDEMPOTENCY-KEY"), Some("k-1"));
    assert_eq!(
        seen.body,
        serde_json::json!({"reason": "DUPLICATE", "amount": {"value": 5000, "currency": "IDR"}})
    );
    assert_eq!(
        response.data.and_then(|data| data.id).as_deref(),
        Some("rf-1")
    );
    server.join().unwrap();
}

#[test]
fn an_error_status_keeps_status_and_body() {
    const ANSWER: &str = r#"{"code": "40", "message": "Invalid amount"}"#;
    let (base, rx, server) = serve(vec![(400, ANSWER)]);

    let error = send::send(&refund(), &base).expect_err("a 400 is no Response");

    received(&rx);
    let error = error
        .downcast::<pivot_models::http::ResponseError>()
        .expect("a ResponseError");
    assert_eq!(error.status(), 400);
    assert_eq!(error.body(), ANSWER.as_bytes());
    assert_eq!(error.json_path(), None);
    server.join().unwrap();
}
