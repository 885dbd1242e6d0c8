//! The client against a loopback server that behaves as Pivot documents
//! (`support/`): token single flight and expiry, request IDs, retries,
//! refusals, 401 refresh, and what is never printed. Time, sleeping and
//! randomness are injected: no test waits for a backoff.

mod support;

mod models {
    pivot_macros::models!("examples/pages");
}
mod pages {
    pivot_macros::models!("tests/pages");
}

use std::sync::{Arc, Barrier};
use std::time::{Duration, SystemTime};

use pivot_client::blocking::{Client, UreqTransport};
use pivot_client::clock::{ManualClock, RecordingSleep, SeededRandom};
use pivot_client::{CallOptions, Config, ErrorKind, RequestId};
use support::{FakePivot, MERCHANT_ID, MERCHANT_SECRET};

fn config(server: &FakePivot) -> Config {
    Config::new(server.base_url(), MERCHANT_ID, MERCHANT_SECRET)
}

fn make_client(server: &FakePivot, seed: u64) -> (Client<UreqTransport>, RecordingSleep) {
    let sleep = RecordingSleep::default();
    let client = Client::builder(config(server))
        .sleep(sleep.clone())
        .random(SeededRandom::new(seed))
        .build();
    (client, sleep)
}

fn payment(reference: &str) -> models::create_payment_session::Call {
    use models::create_payment_session::{Amount, Call, PaymentMethod, Request};
    let body = Request::builder()
        .client_reference_id(reference)
        .amount(Amount::builder().value(25000).currency("IDR").build())
        .payment_method(PaymentMethod::builder().type_("QR").build())
        .build();
    Call::builder().body(body).build()
}

fn retrieve(id: &str) -> pages::retrieve_payment::Call {
    pages::retrieve_payment::Call::builder().id(id).build()
}

fn refund() -> pages::create_refund::Call {
    let body: pages::create_refund::Request =
        serde_json::from_str(pages::create_refund::REQUEST_EXAMPLE).unwrap();
    pages::create_refund::Call::builder().body(body).build()
}

/// Answers every call with its page's example: enough for these tests.
fn examples(seen: &support::Seen) -> (u16, String) {
    let body = match (seen.method.as_str(), seen.path()) {
        ("POST", "/v2/payments") => models::create_payment_session::RESPONSE_EXAMPLE,
        ("POST", "/v1/refunds") => pages::create_refund::RESPONSE_EXAMPLE,
        ("GET", p) if p.starts_with("/v2/payments/") => pages::retrieve_payment::RESPONSE_EXAMPLE,
        _ => return (404, r#"{"code": "44", "message": "Not found"}"#.to_string()),
    };
    (200, body.to_string())
}

#[test]
fn sixteen_threads_on_a_cold_cache_make_one_token_call() {
    // The token call takes 200 ms, so every thread asks while it is out.
    let server = FakePivot::start_with(Duration::from_millis(200), examples);
    let (client, _) = make_client(&server, 1);
    let start = Arc::new(Barrier::new(16));
    let threads: Vec<_> = (0..16)
        .map(|n| {
            let (client, start) = (client.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                client.send(&retrieve(&format!("ps-{n}")))
            })
        })
        .collect();
    for thread in threads {
        let response = thread.join().unwrap().expect("every call succeeds");
        assert_eq!(
            response.data.and_then(|d| d.status).as_deref(),
            Some("PAID")
        );
    }
    assert_eq!(server.token_calls(), 1);
    let requests = server.requests();
    assert_eq!(requests.len(), 16);
    assert!(
        requests
            .iter()
            .all(|r| r.header("Authorization") == Some("Bearer tok-1"))
    );
}

#[test]
fn a_manual_clock_refreshes_the_token_at_expiry_less_the_margin() {
    let server = FakePivot::start(examples);
    let clock = ManualClock::new(SystemTime::UNIX_EPOCH + Duration::from_secs(1_750_000_000));
    let client = Client::builder(config(&server).token_margin(Duration::from_secs(60)))
        .clock(clock.clone())
        .build();
    client.send(&retrieve("ps-1")).unwrap();
    assert_eq!(server.token_calls(), 1);
    // expiresIn "900", margin 60: fresh until 840 s after it was asked for.
    clock.advance(Duration::from_secs(839));
    client.send(&retrieve("ps-1")).unwrap();
    assert_eq!(server.token_calls(), 1, "still fresh at 839 s");
    clock.advance(Duration::from_secs(1));
    client.send(&retrieve("ps-1")).unwrap();
    assert_eq!(server.token_calls(), 2, "refreshed at 840 s");
    let last = server.requests().pop().unwrap();
    assert_eq!(last.header("Authorization"), Some("Bearer tok-2"));
}

/// Two 503s, then success: the waits and the one key of the call.
fn retried_payment(seed: u64) -> (Vec<Duration>, String) {
    let server = FakePivot::start(examples);
    let (client, sleep) = make_client(&server, seed);
    server.fail_next(2, 503);
    let response = client
        .send(&payment("ord1001"))
        .expect("the third attempt succeeds");
    assert_eq!(
        response.data.and_then(|d| d.id).as_deref(),
        Some("5f1c2a9e-0001-4b5e-9a0e-2c1d3e4f5a6b")
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    let key = requests[0]
        .header("X-REQUEST-ID")
        .expect("a payment carries a key")
        .to_string();
    assert!(RequestId::new(key.clone()).is_ok(), "{key}");
    for request in &requests {
        assert_eq!(request.header("X-REQUEST-ID"), Some(key.as_str()));
        assert_eq!(
            request.body, requests[0].body,
            "the same body on every attempt"
        );
    }
    let waits = sleep.waits();
    assert_eq!(waits.len(), 2);
    // 200 ms doubling, a random half kept: [100, 200] then [200, 400] ms.
    assert!(
        waits[0] >= Duration::from_millis(100) && waits[0] <= Duration::from_millis(200),
        "{waits:?}"
    );
    assert!(
        waits[1] >= Duration::from_millis(200) && waits[1] <= Duration::from_millis(400),
        "{waits:?}"
    );
    (waits, key)
}

#[test]
fn two_503s_then_success_keep_one_request_id_and_body() {
    let first = retried_payment(42);
    assert_eq!(
        first,
        retried_payment(42),
        "a seed gives the same waits and key"
    );
    assert_ne!(
        first.0,
        retried_payment(43).0,
        "the jitter comes from the seed"
    );
}

#[test]
fn a_409_is_the_answer_not_retried() {
    let server = FakePivot::start(examples);
    let (client, sleep) = make_client(&server, 1);
    let key = RequestId::derive("/v2/payments", "ord2002");
    let options = CallOptions::new().request_id(key.clone());
    client.send_with(&payment("ord2002"), &options).unwrap();
    // The same key with another body.
    let error = client.send_with(&payment("ord2003"), &options).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Status);
    assert_eq!(error.http_status().map(|s| s.as_u16()), Some(409));
    assert_eq!(error.code(), Some("49"));
    assert_eq!(error.error_type(), Some("idempotency_error"));
    assert_eq!(error.trace_id(), Some("trace-1"));
    assert_eq!(error.attempts(), 1);
    assert_eq!(error.request_id(), Some(&key));
    assert_eq!(server.requests().len(), 2);
    assert!(sleep.waits().is_empty());
    // The same key with the same body: Pivot replays the first answer.
    client.send_with(&payment("ord2002"), &options).unwrap();
}

#[test]
fn a_post_without_a_key_is_not_retried_and_one_with_a_key_is() {
    let server = FakePivot::start(examples);
    let (client, _) = make_client(&server, 1);
    server.fail_next(1, 503);
    let error = client.send(&refund()).unwrap_err();
    assert_eq!(error.http_status().map(|s| s.as_u16()), Some(503));
    assert_eq!(error.attempts(), 1);
    assert!(error.is_transient());
    assert_eq!(server.requests()[0].header("X-REQUEST-ID"), None);

    server.fail_next(1, 503);
    client
        .send_with(&refund(), &CallOptions::new().idempotent())
        .expect("retried with its key");
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    assert_eq!(
        requests[1].header("X-REQUEST-ID"),
        requests[2].header("X-REQUEST-ID")
    );
}

#[test]
fn a_401_gets_a_new_token_once() {
    let server = FakePivot::start(examples);
    let (client, _) = make_client(&server, 1);
    client.send(&retrieve("ps-1")).unwrap();
    server.revoke_tokens();
    client
        .send(&retrieve("ps-1"))
        .expect("refreshed and sent again");
    assert_eq!(server.token_calls(), 2);
    let last = server.requests().pop().unwrap();
    assert_eq!(last.header("Authorization"), Some("Bearer tok-2"));

    // A server that refuses every token: one refresh, then the 401 stands.
    let refusing =
        FakePivot::start(|_| (401, r#"{"code": "41", "message": "Unauthorized"}"#.into()));
    let (client, _) = make_client(&refusing, 1);
    let error = client.send(&retrieve("ps-1")).unwrap_err();
    assert_eq!(error.http_status().map(|s| s.as_u16()), Some(401));
    assert_eq!(error.attempts(), 2);
    assert_eq!(refusing.token_calls(), 2);
}

#[test]
fn wrong_merchant_credentials_are_a_token_error() {
    let server = FakePivot::start(examples);
    let client = Client::new(Config::new(
        server.base_url(),
        MERCHANT_ID,
        "not-the-secret",
    ));
    let error = client.send(&retrieve("ps-1")).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Token);
    assert_eq!(error.http_status().map(|s| s.as_u16()), Some(401));
    assert!(
        server.requests().is_empty(),
        "the call itself is never sent"
    );
    assert!(!format!("{error} {error:?}").contains("not-the-secret"));
}

#[test]
fn no_answer_is_retried_for_a_get_then_a_transport_error() {
    // A port with nothing behind it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let sleep = RecordingSleep::default();
    let client = Client::builder(Config::new(
        format!("http://127.0.0.1:{port}"),
        MERCHANT_ID,
        MERCHANT_SECRET,
    ))
    .sleep(sleep.clone())
    .random(SeededRandom::new(3))
    .build();
    let error = client.send(&retrieve("ps-1")).unwrap_err();
    // The token call is the first to find nobody; it is safe to repeat.
    assert_eq!(error.kind(), ErrorKind::Token);
    assert_eq!(error.attempts(), 4);
    assert_eq!(sleep.waits().len(), 3);
    assert!(error.is_transient());
}

#[test]
fn a_body_that_does_not_fit_names_its_json_path() {
    let server = FakePivot::start(|_| {
        (
            200,
            r#"{"data": {"chargeDetails": [{"qr": {"qrUrl": 7}}]}}"#.into(),
        )
    });
    let (client, _) = make_client(&server, 1);
    let error = client.send(&payment("ord3003")).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Decode);
    assert_eq!(error.json_path(), Some("data.chargeDetails[0].qr.qrUrl"));
}

#[test]
fn debug_of_client_values_and_requests_shows_no_credential() {
    let server = FakePivot::start(examples);
    let (client, _) = make_client(&server, 1);
    client.send(&retrieve("ps-1")).unwrap();
    let token = client.token().unwrap();
    let config = config(&server);
    let mut exchange = client
        .core()
        .exchange(&payment("ord4004"), &CallOptions::new())
        .unwrap();
    let request = exchange.request(server.base_url(), Some(&token));
    assert_eq!(request.headers()["Authorization"], "Bearer tok-1");
    let shown = format!(
        "{client:?} {config:?} {token:?} {exchange:?} {request:?} {:?}",
        pivot_client::callbacks::Verifier::new("cb-key-123")
    );
    for secret in [MERCHANT_SECRET, "tok-1", "cb-key-123", "ord4004", "25000"] {
        assert!(!shown.contains(secret), "`{secret}` in {shown}");
    }
}
