//! The async client on loopback: one token for many tasks, retries with
//! one key, and its futures are `Send` (usable from a tokio server's
//! handlers).

mod support;

mod pages {
    pivot_macros::models!("tests/pages");
}

use std::time::Duration;

use pivot_client::CallOptions;
use pivot_client::asynchronous::Client;
use pivot_client::clock::{RecordingSleep, SeededRandom};
use support::{FakePivot, MERCHANT_ID, MERCHANT_SECRET};

fn examples(seen: &support::Seen) -> (u16, String) {
    match (seen.method.as_str(), seen.path()) {
        ("POST", "/v1/refunds") => (200, pages::create_refund::RESPONSE_EXAMPLE.into()),
        _ => (200, pages::retrieve_payment::RESPONSE_EXAMPLE.into()),
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn client(server: &FakePivot, sleep: RecordingSleep) -> Client {
    Client::builder(pivot_client::Config::new(
        server.base_url(),
        MERCHANT_ID,
        MERCHANT_SECRET,
    ))
    .sleep(sleep)
    .random(SeededRandom::new(5))
    .build()
}

fn assert_send<T: Send>(value: T) -> T {
    value
}

#[test]
fn sixteen_tasks_on_a_cold_cache_make_one_token_call() {
    let server = FakePivot::start_with(Duration::from_millis(200), examples);
    let total = runtime().block_on(async {
        let client = client(&server, RecordingSleep::default());
        let tasks: Vec<_> = (0..16)
            .map(|n| {
                let client = client.clone();
                tokio::spawn(async move {
                    let call = pages::retrieve_payment::Call::builder()
                        .id(format!("ps-{n}"))
                        .build();
                    client.send(&call).await
                })
            })
            .collect();
        let mut ok = 0;
        for task in tasks {
            task.await.unwrap().expect("every call succeeds");
            ok += 1;
        }
        ok
    });
    assert_eq!(total, 16);
    assert_eq!(server.token_calls(), 1);
}

#[test]
fn two_503s_then_success_with_one_key() {
    let server = FakePivot::start(examples);
    let sleep = RecordingSleep::default();
    server.fail_next(2, 503);
    runtime().block_on(async {
        let client = client(&server, sleep.clone());
        let body: pages::create_refund::Request =
            serde_json::from_str(pages::create_refund::REQUEST_EXAMPLE).unwrap();
        let call = pages::create_refund::Call::builder().body(body).build();
        let options = CallOptions::new().idempotent();
        let response = assert_send(client.send_with(&call, &options))
            .await
            .unwrap();
        assert_eq!(response.data.and_then(|d| d.id).as_deref(), Some("rf-3a9c"));
    });
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    let key = requests[0].header("X-REQUEST-ID").unwrap();
    assert!(
        requests
            .iter()
            .all(|r| r.header("X-REQUEST-ID") == Some(key))
    );
    assert_eq!(sleep.waits().len(), 2);
}
