//! The client against `pivot-mock`, the test server made from the pages:
//! the same pages give the models the client sends and the routes, checks,
//! tokens and idempotency the mock answers with, so these tests hold the
//! two crates to one reading of Pivot's documentation. (`support/`'s
//! server, beside it, is the one a test can script answer by answer.)

use std::sync::{Arc, Barrier};

use pivot_client::blocking::{Client, UreqTransport};
use pivot_client::clock::{RecordingSleep, SeededRandom};
use pivot_client::{CallOptions, Config, Endpoint, ErrorKind, RequestId};
use pivot_mock::MockServer;

mod models {
    pivot_macros::models!("../pivot-mock/tests/pages");
}
use models::create_session::{Amount, Call, PaymentMethod, Request, Type};

const PAGES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../pivot-mock/tests/pages");

fn mock() -> MockServer {
    MockServer::builder()
        .pages([PAGES])
        .credentials("merchant-1", "secret-1")
        .start()
        .expect("the pages serve")
}

fn client(mock: &MockServer) -> (Client<UreqTransport>, RecordingSleep) {
    let sleep = RecordingSleep::default();
    let config = Config::new(mock.base_url(), "merchant-1", "secret-1");
    let client = Client::builder(config)
        .sleep(sleep.clone())
        .random(SeededRandom::new(7))
        .build();
    (client, sleep)
}

fn session(reference: &str, value: i64) -> Call {
    let body = Request::builder()
        .client_reference_id(reference)
        .amount(Amount::builder().value(value).currency("IDR").build())
        .payment_method(PaymentMethod::builder().type_(Type::Qr).build())
        .build();
    Call::builder().body(body).build()
}

fn calls_to(mock: &MockServer, path: &str) -> Vec<pivot_mock::RecordedRequest> {
    mock.requests()
        .into_iter()
        .filter(|call| call.path == path)
        .collect()
}

#[test]
fn sixteen_threads_on_a_cold_cache_make_one_token_call() {
    let mock = mock();
    let (client, _) = client(&mock);
    let start = Arc::new(Barrier::new(16));
    let threads: Vec<_> = (0..16)
        .map(|n| {
            let (client, start) = (client.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                client.send(&session(&format!("ORDER{n}"), 10000))
            })
        })
        .collect();
    for thread in threads {
        let answer = thread.join().unwrap().expect("created");
        assert!(answer.data.is_some());
    }
    assert_eq!(calls_to(&mock, "/v1/access-token").len(), 1);
    let bearers: std::collections::BTreeSet<_> = calls_to(&mock, "/v2/payments")
        .iter()
        .map(|call| call.header("Authorization").map(str::to_string))
        .collect();
    assert_eq!(bearers.len(), 1, "every call used the one token");
}

#[test]
fn what_the_mock_creates_the_client_retrieves() {
    let mock = mock();
    let (client, _) = client(&mock);
    let created = client.send(&session("ORDER7", 10000)).expect("created");
    let id = created.data.and_then(|d| d.id).expect("an ID");
    let call = models::retrieve_session::Call::builder().id(&id).build();
    let found = client.send(&call).expect("retrieved");
    let data = found.data.expect("data");
    assert_eq!(data.id.as_deref(), Some(id.as_str()));
    assert_eq!(data.client_reference_id.as_deref(), Some("ORDER7"));
}

#[test]
fn two_503s_then_success_keep_one_request_id_and_body() {
    let mock = mock();
    let (client, sleep) = client(&mock);
    mock.route("POST", "/v2/payments")
        .unwrap()
        .fail_next(2, 503);
    client.send(&session("ORDER1", 10000)).expect("created");
    let tries = calls_to(&mock, "/v2/payments");
    let statuses: Vec<u16> = tries.iter().map(|call| call.status).collect();
    assert_eq!(statuses, [503, 503, 200]);
    assert!(tries[0].header("X-REQUEST-ID").is_some());
    for call in &tries {
        assert_eq!(call.header("X-REQUEST-ID"), tries[0].header("X-REQUEST-ID"));
        assert_eq!(call.body, tries[0].body);
    }
    assert_eq!(sleep.waits().len(), 2);
}

#[test]
fn one_key_with_another_body_is_a_409_and_not_retried() {
    let mock = mock();
    let (client, sleep) = client(&mock);
    let key = RequestId::derive(Call::PATH_TEMPLATE, "ORDER2");
    let options = CallOptions::new().request_id(key.clone());
    let first = client.send_with(&session("ORDER2", 10000), &options);
    let again = client.send_with(&session("ORDER2", 10000), &options);
    // The same key and body: Pivot replays the first answer.
    assert_eq!(
        first.expect("created").data.and_then(|d| d.id),
        again.expect("replayed").data.and_then(|d| d.id)
    );
    let error = client
        .send_with(&session("ORDER2", 99999), &options)
        .expect_err("another body under the same key");
    assert_eq!(error.http_status().map(|s| s.as_u16()), Some(409));
    assert_eq!(error.attempts(), 1);
    assert_eq!(error.request_id(), Some(&key));
    assert!(sleep.waits().is_empty());
}

#[test]
fn a_revoked_token_is_replaced_once() {
    let mock = mock();
    let (client, _) = client(&mock);
    client.send(&session("ORDER3", 10000)).expect("created");
    mock.revoke_tokens();
    client
        .send(&session("ORDER4", 10000))
        .expect("created again");
    assert_eq!(calls_to(&mock, "/v1/access-token").len(), 2);
    let statuses: Vec<u16> = calls_to(&mock, "/v2/payments")
        .iter()
        .map(|call| call.status)
        .collect();
    assert_eq!(statuses, [200, 401, 200]);
}

#[test]
fn a_call_that_breaks_its_page_is_not_sent_unless_asked() {
    let mock = mock();
    let (client, _) = client(&mock);
    // The page allows 1-20 characters.
    let call = session("ORDERWITHAREFERENCETOOLONG", 10000);
    let refused = client.send(&call).expect_err("refused before sending");
    assert_eq!(refused.kind(), ErrorKind::Invalid);
    let paths: Vec<&str> = refused
        .violations()
        .iter()
        .map(|v| v.path.as_str())
        .collect();
    assert_eq!(paths, ["body.clientReferenceId"]);
    assert!(calls_to(&mock, "/v2/payments").is_empty());

    // Sent anyway, the mock refuses it as Pivot does, naming the field.
    let answered = client
        .send_with(&call, &CallOptions::new().unchecked())
        .expect_err("a 400");
    assert_eq!(answered.kind(), ErrorKind::Status);
    assert_eq!(answered.http_status().map(|s| s.as_u16()), Some(400));
    assert_eq!(answered.error_type(), Some("api_validation_error"));
    let fields: Vec<_> = answered
        .details()
        .iter()
        .filter_map(|d| d.field.as_deref())
        .collect();
    assert_eq!(fields, ["clientReferenceId"]);
    assert_eq!(answered.attempts(), 1, "a 400 is the answer");
}
