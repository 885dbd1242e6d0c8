//! Both examples end to end, against loopback servers: `checkout` against
//! one that behaves as Pivot documents (token, a 503 then success with the
//! same key and body), `callbacks` receiving what Pivot would send (and
//! what a stranger would). The examples' own code runs here, included by
//! path; only `main`, which reads the process's arguments and environment,
//! is left to `cargo run`.

mod support;

#[allow(dead_code)]
#[path = "../examples/checkout.rs"]
mod checkout;

#[allow(dead_code)]
#[path = "../examples/callbacks.rs"]
mod callbacks;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use support::{FakePivot, MERCHANT_ID, MERCHANT_SECRET};

/// Answers a payment session as Pivot does, with a QR charge whose URL
/// names the session's reference.
fn qr_sessions(seen: &support::Seen) -> (u16, String) {
    let request: serde_json::Value = serde_json::from_str(&seen.body).unwrap_or_default();
    let reference = request["clientReferenceId"].as_str().unwrap_or("?");
    let body = serde_json::json!({
        "code": "00", "message": "Success",
        "data": {
            "id": format!("ps-{reference}"),
            "clientReferenceId": reference,
            "chargeDetails": [{"id": "ch-1", "qr": {"qrUrl": format!("https://qr.example.com/{reference}.png")}}]
        }
    });
    (200, body.to_string())
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn checkout_prints_each_qr_url_sharing_one_token_and_retrying_with_one_key() {
    let server = FakePivot::start(qr_sessions);
    server.fail_next(1, 503);
    let env = |name: &str| match name {
        "PIVOT_MERCHANT_ID" => Some(MERCHANT_ID.to_string()),
        "PIVOT_MERCHANT_SECRET" => Some(MERCHANT_SECRET.to_string()),
        _ => None,
    };
    let mut out = Vec::new();
    let list = args(&[
        "--base-url",
        server.base_url(),
        "--amount",
        "25000",
        "--count",
        "2",
    ]);
    checkout::run(&list, env, "ordtest", &mut out).expect("checkout succeeds");

    let printed = String::from_utf8(out).unwrap();
    assert_eq!(
        printed,
        "qr ordtest001 https://qr.example.com/ordtest001.png\n\
         qr ordtest002 https://qr.example.com/ordtest002.png\n"
    );
    assert_eq!(server.token_calls(), 1, "two payments share one token");
    let requests = server.requests();
    assert_eq!(requests.len(), 3, "one 503, then two successes");
    assert_eq!(
        requests[0].header("X-REQUEST-ID"),
        requests[1].header("X-REQUEST-ID")
    );
    assert_eq!(requests[0].body, requests[1].body);
    assert_ne!(
        requests[1].header("X-REQUEST-ID"),
        requests[2].header("X-REQUEST-ID")
    );
    let body: serde_json::Value = serde_json::from_str(&requests[2].body).unwrap();
    assert_eq!(
        body["amount"],
        serde_json::json!({"value": 25000, "currency": "IDR"})
    );
    assert_eq!(body["paymentMethod"]["type"], "QR");
    for secret in [MERCHANT_SECRET, "tok-1"] {
        assert!(!printed.contains(secret));
    }
}

#[test]
fn checkout_without_credentials_says_which_is_missing() {
    let mut out = Vec::new();
    let list = args(&[
        "--base-url",
        "http://127.0.0.1:9",
        "--amount",
        "1",
        "--count",
        "1",
    ]);
    let error = checkout::run(&list, |_| None, "x", &mut out).unwrap_err();
    assert!(error.to_string().contains("PIVOT_MERCHANT_ID"), "{error}");
}

const KEY: &str = "cb-key-9f8e7d6c";

/// The example's server on a free port, printing into a buffer; it stops
/// by itself after a minute at most.
fn callbacks_server() -> (String, Arc<Mutex<Vec<u8>>>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap();
    let printed = Arc::new(Mutex::new(Vec::new()));
    let out: Arc<Mutex<dyn Write + Send>> = printed.clone();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            let verifier = pivot_client::callbacks::Verifier::new(KEY);
            let _ = tokio::time::timeout(
                Duration::from_secs(60),
                callbacks::serve(listener, verifier, out),
            )
            .await;
        });
    });
    (format!("http://{addr}"), printed)
}

fn post(url: &str, key: &str, body: Vec<u8>) -> u16 {
    let agent = ureq::Agent::new_with_config(
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build(),
    );
    match agent
        .post(url)
        .header("X-API-Key", key)
        .header("Content-Type", "application/json")
        .send(&body[..])
    {
        Ok(response) => response.status().as_u16(),
        // A server may close while a refused body is still being sent.
        Err(error) => panic!("no answer: {error}"),
    }
}

/// Announces a 2 MiB body, sends the first bytes, and reads the status:
/// the server answers from the head, before the body (a client that went
/// on sending would find the connection closed under it).
fn announce_huge_body(url: &str) -> u16 {
    use std::io::{BufRead, BufReader};
    let addr = url.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        stream,
        "POST / HTTP/1.1\r\nHost: {addr}\r\nX-API-Key: {KEY}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{{\"event\": ",
        2 << 20
    )
    .unwrap();
    let mut status = String::new();
    BufReader::new(stream).read_line(&mut status).unwrap();
    status
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

#[test]
fn callbacks_accepts_pivots_callbacks_and_refuses_the_rest_while_staying_up() {
    let (url, printed) = callbacks_server();
    let paid = br#"{"event": "PAYMENT.PAID", "data": {"id": "ps-1", "clientReferenceId": "ord-1", "status": "PAID"}}"#;
    let test =
        br#"{"event": "PAYMENT.TEST", "data": {"id": "ps-test", "clientReferenceId": "ord-test"}}"#;

    assert_eq!(post(&url, KEY, paid.to_vec()), 200);
    assert_eq!(post(&url, "another-key", paid.to_vec()), 401);
    assert_eq!(post(&url, KEY, b"{not json".to_vec()), 400);
    assert_eq!(announce_huge_body(&url), 413);
    assert_eq!(
        post(&url, KEY, test.to_vec()),
        200,
        "an unknown event is accepted"
    );
    assert_eq!(
        post(&url, KEY, paid.to_vec()),
        200,
        "still up after the refusals"
    );

    let printed = String::from_utf8(printed.lock().unwrap().clone()).unwrap();
    let lines: Vec<&str> = printed.lines().collect();
    assert!(lines[0].starts_with("listening 127.0.0.1:"), "{printed}");
    let events: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.starts_with("event "))
        .collect();
    assert_eq!(
        events,
        [
            "event PAYMENT.PAID ps-1 ord-1",
            "event PAYMENT.TEST ps-test ord-test",
            "event PAYMENT.PAID ps-1 ord-1"
        ]
    );
    let refused: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.starts_with("refused "))
        .collect();
    assert_eq!(refused.len(), 3, "{printed}");
    assert!(
        refused[0].starts_with("refused 401")
            && refused[1].starts_with("refused 400")
            && refused[2].starts_with("refused 413")
    );
    assert!(
        !printed.contains(KEY) && !printed.contains("another-key"),
        "{printed}"
    );
}
