//! The README's "Testing your integration", whole: a merchant's own code
//! tested against the mock, over HTTP on 127.0.0.1, calling it through
//! `pivot-client`. Here the pages are the made-up ones of `tests/pages/`;
//! in your crate, the folder your models come from (with its Access Token
//! and callback pages).

use pivot_client::callbacks::Verifier;
use pivot_client::clock::RecordingSleep;
use pivot_client::{CallOptions, Client, Config, Endpoint, RequestId};
use pivot_mock::MockServer;

mod models {
    pivot_macros::models!("tests/pages");
}
use models::create_session::{Amount, Call, PaymentMethod, Request, Type};

/// The code under test: one payment session for an order, its request ID
/// derived from the order, so a retry or a restarted process sends the
/// same key.
fn create_session(
    client: &Client,
    order: &str,
) -> Result<models::create_session::Response, pivot_client::Error> {
    let body = Request::builder()
        .client_reference_id(order)
        .amount(Amount::builder().value(10000).currency("IDR").build())
        .payment_method(PaymentMethod::builder().type_(Type::Qr).build())
        .build();
    let call = Call::builder().body(body).build();
    let key = RequestId::derive(Call::PATH_TEMPLATE, order);
    client.send_with(&call, &CallOptions::new().request_id(key))
}

#[test]
fn a_payment_session_survives_two_503s() {
    let mock = MockServer::start(["tests/pages"]).expect("the pages serve");
    // Only the create call fails, not the token call.
    mock.route("POST", "/v2/payments")
        .expect("a page documents it")
        .fail_next(2, 503);
    // The waits between attempts are recorded, not slept.
    let waits = RecordingSleep::default();
    let config = Config::new(mock.base_url(), "merchant-1", "secret-1");
    let client = Client::builder(config).sleep(waits.clone()).build();

    let session = create_session(&client, "ORDER1").expect("created");
    let data = session.data.expect("the answer has data");
    assert_eq!(data.client_reference_id.as_deref(), Some("ORDER1"));

    let tries: Vec<_> = mock
        .requests()
        .into_iter()
        .filter(|call| call.path == "/v2/payments")
        .collect();
    let statuses: Vec<u16> = tries.iter().map(|call| call.status).collect();
    assert_eq!(statuses, [503, 503, 200]);
    assert_eq!(waits.waits().len(), 2, "one wait before each retry");
    // Every try is the same call: one request ID, one body, one token.
    for call in &tries {
        assert_eq!(call.header("X-REQUEST-ID"), tries[0].header("X-REQUEST-ID"));
        assert_eq!(
            call.header("Authorization"),
            tries[0].header("Authorization")
        );
        assert_eq!(call.body, tries[0].body);
    }
    let token_calls = mock
        .requests()
        .iter()
        .filter(|c| c.path == "/v1/access-token")
        .count();
    assert_eq!(token_calls, 1);
}

#[test]
fn the_callback_handler_takes_pivots_example() {
    let mock = MockServer::start(["tests/pages"]).expect("the pages serve");
    // The merchant's callback endpoint under test, here a bare server
    // that hands each request to the client's verifier.
    let handler = tiny_http::Server::http("127.0.0.1:0").expect("a port");
    let url = format!("http://{}/pivot/callback", handler.server_addr());
    let verifier = Verifier::new("callback-key");
    let handled = std::thread::spawn(move || {
        let mut events = Vec::new();
        for _ in 0..2 {
            let mut request = handler.recv().expect("a callback");
            let mut head = http::HeaderMap::new();
            for header in request.headers() {
                if let (Ok(name), Ok(value)) = (
                    http::HeaderName::try_from(header.field.as_str().as_str()),
                    http::HeaderValue::try_from(header.value.as_str()),
                ) {
                    head.append(name, value);
                }
            }
            let received = verifier.check_head(&head).and_then(|()| {
                let body = verifier.read_body(request.as_reader())?;
                verifier.parse::<models::Callback>(&body)
            });
            let status = match &received {
                Ok(callback) => {
                    events.push(callback.event().to_string());
                    200
                }
                Err(rejection) => rejection.status().as_u16(),
            };
            let _ = request.respond(tiny_http::Response::empty(status));
        }
        events
    });

    let answer = mock
        .send_callback("payment_callback", &url, "callback-key")
        .expect("delivered");
    assert_eq!(answer.status, 200);
    let refused = mock
        .send_callback("payment_callback", &url, "a-wrong-key")
        .expect("delivered");
    assert_eq!(refused.status, 401);
    assert_eq!(handled.join().unwrap(), ["PAYMENT.PAID"]);
}

#[test]
fn the_readme_quotes_this_file_as_it_is() {
    let readme = include_str!("../../README.md");
    let this = include_str!("readme.rs");
    let quoted = this
        .split_once("\n#[test]\nfn the_readme_quotes_this_file")
        .map_or(this, |(quoted, _)| quoted);
    assert!(
        readme.contains(&format!("```rust,ignore\n{quoted}```")),
        "README.md's \"Testing your integration\" must quote pivot-mock/tests/readme.rs up to this test"
    );
}
