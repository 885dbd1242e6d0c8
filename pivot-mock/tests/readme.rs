//! The README's "Testing your integration", whole: a merchant's own code
//! tested against the mock, over HTTP on 127.0.0.1. Here the pages are the
//! made-up ones of `tests/pages/`; in your crate, the folder your models
//! come from (with its Access Token and callback pages).

use pivot_mock::MockServer;
use serde_json::{Value, json};

/// The code under test: a token, then a payment session, retrying a 5xx
/// with the same X-REQUEST-ID and body.
fn create_session(base_url: &str, reference: &str) -> Result<Value, String> {
    let agent = ureq::Agent::new_with_config(
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build(),
    );
    let post = |path: &str, headers: &[(&str, &str)], body: &Value| {
        let mut request = agent
            .post(format!("{base_url}{path}"))
            .header("Content-Type", "application/json");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let mut answer = request.send(body.to_string()).map_err(|e| e.to_string())?;
        let text = answer
            .body_mut()
            .read_to_string()
            .map_err(|e| e.to_string())?;
        let json: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        Ok::<_, String>((answer.status().as_u16(), json))
    };
    let (_, token) = post(
        "/v1/access-token",
        &[
            ("X-MERCHANT-ID", "merchant-1"),
            ("X-MERCHANT-SECRET", "secret-1"),
        ],
        &json!({"grantType": "client_credentials"}),
    )?;
    let bearer = format!(
        "Bearer {}",
        token["data"]["accessToken"].as_str().unwrap_or("")
    );
    let request_id = format!("{reference}REQUEST0000000000");
    let body = json!({
        "clientReferenceId": reference,
        "amount": {"value": 10000, "currency": "IDR"},
        "paymentMethod": {"type": "QR"}
    });
    for _attempt in 0..3 {
        let headers = [
            ("Authorization", bearer.as_str()),
            ("X-REQUEST-ID", &request_id),
        ];
        let (status, answer) = post("/v2/payments", &headers, &body)?;
        if status < 500 {
            return Ok(answer);
        }
    }
    Err("Pivot kept failing".to_string())
}

#[test]
fn a_payment_session_survives_two_503s() {
    let mock = MockServer::start(["tests/pages"]).expect("the pages serve");
    // Only the create call fails, not the token call.
    mock.route("POST", "/v2/payments")
        .expect("a page documents it")
        .fail_next(2, 503);

    let session = create_session(&mock.base_url(), "ORDER1").expect("created");
    assert_eq!(session["data"]["clientReferenceId"], "ORDER1");

    let tries: Vec<_> = mock
        .requests()
        .into_iter()
        .filter(|call| call.path == "/v2/payments")
        .collect();
    let statuses: Vec<u16> = tries.iter().map(|call| call.status).collect();
    assert_eq!(statuses, [503, 503, 200]);
    // Every try is the same call: one request ID, one body.
    assert!(tries.iter().all(|call| call.header("X-REQUEST-ID")
        == tries[0].header("X-REQUEST-ID")
        && call.body == tries[0].body));
}

#[test]
fn the_callback_handler_takes_pivots_example() {
    let mock = MockServer::start(["tests/pages"]).expect("the pages serve");
    // The merchant's callback endpoint under test, here a bare server.
    let handler = tiny_http::Server::http("127.0.0.1:0").expect("a port");
    let url = format!("http://{}/pivot/callback", handler.server_addr());
    let handled = std::thread::spawn(move || {
        let mut request = handler.recv().expect("a callback");
        let key = request
            .headers()
            .iter()
            .find(|h| h.field.equiv("X-API-Key"))
            .map(|h| h.value.to_string());
        let mut body = String::new();
        let _ = request.as_reader().read_to_string(&mut body);
        let event: Value = serde_json::from_str(&body).unwrap_or_default();
        let status = if key.as_deref() == Some("callback-key") {
            200
        } else {
            401
        };
        let _ = request.respond(tiny_http::Response::empty(status));
        event["event"].as_str().map(str::to_string)
    });

    let answer = mock
        .send_callback("payment_callback", &url, "callback-key")
        .expect("delivered");
    assert_eq!(answer.status, 200);
    assert_eq!(handled.join().unwrap().as_deref(), Some("PAYMENT.PAID"));
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
