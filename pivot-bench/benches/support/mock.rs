//! What the mock benchmark and the `mock_calls` example share: the mock on
//! the made-up pages with a token, a bare `tiny_http` server answering fixed
//! bytes, and one call through `ureq`.

use std::sync::Arc;
use std::thread::JoinHandle;

use pivot_mock::MockServer;

pub const PAGES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../pivot-mock/tests/pages");
pub const CREATE: &str = r#"{"clientReferenceId":"ORDER1","amount":{"value":10000,"currency":"IDR"},"paymentMethod":{"type":"QR"},"mode":"REDIRECT"}"#;

/// One call: method, path, token, body; the answer's bytes.
pub fn call(
    agent: &ureq::Agent,
    base_url: &str,
    method: &str,
    path: &str,
    token: &str,
    body: &str,
) -> Vec<u8> {
    let request = ureq::http::Request::builder()
        .method(method)
        .uri(format!("{base_url}{path}"))
        .header("Authorization", format!("Bearer {token}"))
        .header("Content-Type", "application/json")
        .body(body.as_bytes().to_vec())
        .expect("a valid request");
    let mut answer = agent.run(request).expect("an answer");
    assert!(answer.status().is_success(), "{}", answer.status());
    answer.body_mut().read_to_vec().expect("a body")
}

pub fn agent() -> ureq::Agent {
    ureq::Agent::new_with_config(ureq::Agent::config_builder().build())
}

/// The mock on the made-up pages, recording off (a benchmark's millions of
/// calls), and a token from it.
pub fn mock() -> (MockServer, String) {
    let mock = MockServer::builder()
        .pages([PAGES])
        .record_requests(false)
        .start()
        .expect("the pages serve");
    let request = ureq::http::Request::builder()
        .method("POST")
        .uri(format!("{}/v1/access-token", mock.base_url()))
        .header("X-MERCHANT-ID", "merchant-1")
        .header("X-MERCHANT-SECRET", "secret-1")
        .body(br#"{"grantType":"client_credentials"}"#.to_vec())
        .expect("a valid request");
    let text = agent()
        .run(request)
        .expect("a token")
        .body_mut()
        .read_to_string()
        .expect("text");
    let answer: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let token = answer["data"]["accessToken"]
        .as_str()
        .expect("a token")
        .to_string();
    (mock, token)
}

/// A bare server answering every call with `body` as JSON, until dropped.
pub struct Bare {
    server: Arc<tiny_http::Server>,
    thread: Option<JoinHandle<()>>,
}

impl Bare {
    pub fn start(body: Vec<u8>) -> Bare {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("a port"));
        let serving = Arc::clone(&server);
        let body: Arc<[u8]> = Arc::from(body);
        let thread = std::thread::spawn(move || {
            while let Ok(mut request) = serving.recv() {
                let mut sink = Vec::new();
                let _ = std::io::Read::read_to_end(request.as_reader(), &mut sink);
                let header =
                    tiny_http::Header::from_bytes(&b"Content-Type"[..], &b"application/json"[..])
                        .expect("a valid header");
                let response = tiny_http::Response::new(
                    tiny_http::StatusCode(200),
                    vec![header],
                    std::io::Cursor::new(Arc::clone(&body)),
                    Some(body.len()),
                    None,
                );
                let _ = request.respond(response);
            }
        });
        Bare {
            server,
            thread: Some(thread),
        }
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.server.server_addr())
    }
}

impl Drop for Bare {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
