//! A loopback server that behaves as Pivot's pages document, for the
//! client's tests: the Access Token call (checks the merchant pair, issues
//! `tok-N` for 900 s), Bearer tokens checked on every other call (401
//! without a valid one), idempotency (the same `X-REQUEST-ID` with the same
//! body replays the first success, with another body 409), and a handler
//! per test for the rest. `fail_next` answers the next calls with a status
//! (503, 429), and every request is recorded.
//!
//! Its surface (`start`, `base_url`, `fail_next`, `requests`) follows the
//! `pivot-mock` crate's (issue 24), so the tests move onto the mock by
//! replacing this module.

#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

pub const MERCHANT_ID: &str = "merchant-7";
pub const MERCHANT_SECRET: &str = "s3cr3t-merchant-value";

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn path(&self) -> &str {
        self.url.split('?').next().unwrap_or("")
    }

    pub fn query(&self, name: &str) -> Option<String> {
        let query = self.url.split_once('?')?.1;
        query
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    }
}

type Handler = dyn Fn(&Seen) -> (u16, String) + Send + Sync;

struct State {
    handler: Box<Handler>,
    seen: Mutex<Vec<Seen>>,
    token_calls: AtomicUsize,
    valid_tokens: Mutex<Vec<String>>,
    failures: Mutex<Vec<u16>>,
    idempotency: Mutex<HashMap<String, (String, u16, String)>>,
    token_delay: Duration,
    stop: AtomicBool,
}

pub struct FakePivot {
    base_url: String,
    state: Arc<State>,
    server: Arc<tiny_http::Server>,
    workers: Vec<thread::JoinHandle<()>>,
}

impl FakePivot {
    /// A server whose non-token calls `handler` answers.
    pub fn start(handler: impl Fn(&Seen) -> (u16, String) + Send + Sync + 'static) -> Self {
        Self::start_with(Duration::ZERO, handler)
    }

    /// As `start`; the token call takes `token_delay` to answer, so that
    /// concurrent callers overlap.
    pub fn start_with(
        token_delay: Duration,
        handler: impl Fn(&Seen) -> (u16, String) + Send + Sync + 'static,
    ) -> Self {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind 127.0.0.1:0"));
        let addr = server.server_addr().to_ip().expect("an IP listener");
        let state = Arc::new(State {
            handler: Box::new(handler),
            seen: Mutex::new(Vec::new()),
            token_calls: AtomicUsize::new(0),
            valid_tokens: Mutex::new(Vec::new()),
            failures: Mutex::new(Vec::new()),
            idempotency: Mutex::new(HashMap::new()),
            token_delay,
            stop: AtomicBool::new(false),
        });
        let workers = (0..8)
            .map(|_| {
                let (server, state) = (server.clone(), state.clone());
                thread::spawn(move || {
                    while !state.stop.load(Ordering::SeqCst) {
                        match server.recv_timeout(Duration::from_millis(100)) {
                            Ok(Some(request)) => answer(&state, request),
                            Ok(None) => {}
                            Err(_) => return,
                        }
                    }
                })
            })
            .collect();
        FakePivot {
            base_url: format!("http://{addr}"),
            state,
            server,
            workers,
        }
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Answers the next `n` non-token calls with `status` (and an error body).
    pub fn fail_next(&self, n: usize, status: u16) {
        self.state
            .failures
            .lock()
            .unwrap()
            .extend(std::iter::repeat_n(status, n));
    }

    /// Every non-token request so far.
    pub fn requests(&self) -> Vec<Seen> {
        self.state.seen.lock().unwrap().clone()
    }

    pub fn token_calls(&self) -> usize {
        self.state.token_calls.load(Ordering::SeqCst)
    }

    /// Pivot forgets every token it issued (the next call gets 401).
    pub fn revoke_tokens(&self) {
        self.state.valid_tokens.lock().unwrap().clear();
    }
}

impl Drop for FakePivot {
    fn drop(&mut self) {
        self.state.stop.store(true, Ordering::SeqCst);
        self.server.unblock();
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}

fn answer(state: &State, mut request: tiny_http::Request) {
    let mut body = String::new();
    let _ = request.as_reader().read_to_string(&mut body);
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
        body,
    };
    let (status, body) = respond(state, seen);
    let content_type = tiny_http::Header::from_bytes("Content-Type", "application/json").unwrap();
    let _ = request.respond(
        tiny_http::Response::from_string(body)
            .with_status_code(status)
            .with_header(content_type),
    );
}

fn error_body(code: &str, message: &str, kind: &str) -> String {
    serde_json::json!({
        "code": code,
        "message": message,
        "error": {"type": kind, "source": "fake-pivot", "details": [], "trace_id": "trace-1"}
    })
    .to_string()
}

fn respond(state: &State, seen: Seen) -> (u16, String) {
    if seen.method == "POST" && seen.path() == "/v1/access-token" {
        thread::sleep(state.token_delay);
        let n = state.token_calls.fetch_add(1, Ordering::SeqCst) + 1;
        if seen.header("X-MERCHANT-ID") != Some(MERCHANT_ID)
            || seen.header("X-MERCHANT-SECRET") != Some(MERCHANT_SECRET)
        {
            return (
                401,
                error_body("41", "Invalid merchant credentials", "authentication_error"),
            );
        }
        let token = format!("tok-{n}");
        state.valid_tokens.lock().unwrap().push(token.clone());
        let body = serde_json::json!({
            "code": "00", "message": "Success",
            "data": {"accessToken": token, "expiresIn": "900", "tokenType": "Bearer"}
        });
        return (200, body.to_string());
    }
    state.seen.lock().unwrap().push(seen.clone());
    let bearer = seen
        .header("Authorization")
        .and_then(|v| v.strip_prefix("Bearer "));
    let authorized =
        bearer.is_some_and(|t| state.valid_tokens.lock().unwrap().iter().any(|v| v == t));
    if !authorized {
        return (
            401,
            error_body("41", "Unauthorized", "authentication_error"),
        );
    }
    {
        let mut failures = state.failures.lock().unwrap();
        if !failures.is_empty() {
            let status = failures.remove(0);
            return (status, error_body("50", "Service unavailable", "api_error"));
        }
    }
    let key = seen.header("X-REQUEST-ID").map(str::to_string);
    let earlier = key
        .as_ref()
        .and_then(|key| state.idempotency.lock().unwrap().get(key).cloned());
    if let Some((body, status, answer)) = earlier {
        return if body == seen.body {
            (status, answer)
        } else {
            (
                409,
                error_body(
                    "49",
                    "Duplicate request ID with another body",
                    "idempotency_error",
                ),
            )
        };
    }
    let (status, answer) = (state.handler)(&seen);
    if let (Some(key), true) = (key, (200..300).contains(&status)) {
        state
            .idempotency
            .lock()
            .unwrap()
            .insert(key, (seen.body.clone(), status, answer.clone()));
    }
    (status, answer)
}
