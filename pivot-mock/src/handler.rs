//! One call in, one answer out, with no I/O: the order in which the mock
//! looks at a call.
//!
//! 1. The route: method and path (404 when no page has the path, 405 when
//!    no page has it with that method).
//! 2. What a test planned for the next calls (`fail_next`, `answer_next`),
//!    before anything else: a planned answer is the answer.
//! 3. Who calls: the Access Token page checks the merchant's ID and secret;
//!    a wallet (SNAP) page its signature, when a verifier is configured;
//!    every other page a Bearer token the mock issued and that has not
//!    expired (401), when the pages have an Access Token page to issue one.
//!    Without that page, `POST /v1/access-token` still checks the merchant
//!    and issues a token (a client asks for one first), and no other call
//!    needs it.
//! 4. Which page of the route, and the request checks (400): see
//!    [`Mock::choose`].
//! 5. Idempotency: a call with an `X-REQUEST-ID` seen before replays the
//!    first answer when it is the same call, and gets 409 when not.
//! 6. The page's answer: its response example, with what the state knows
//!    (an issued token, a created resource's ID and references).

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use pivot_codegen::wire::{Parts, Reading, Violation};
use pivot_runtime::SecretString;
use serde_json::{Value, json};

use crate::api::{Access, Api, RouteSegment};
use crate::clock::Clock;
use crate::record::RecordedRequest;
use crate::state::{Answer, Fingerprint, KeptAnswer, Planned, Resource, State};

/// Pivot's token call, as its Authentication page gives it.
const TOKEN_PATH: &str = "/v1/access-token";

/// The members a create call's body names its resource by, which retrieving
/// it by ID answers with, and by which it can be looked up.
const REFERENCES: &[&str] = &["clientReferenceId", "referenceId"];

/// The header of the published Idempotency page.
const REQUEST_ID: &str = "X-REQUEST-ID";

/// A call as it arrived.
#[derive(Debug, Clone)]
pub(crate) struct Incoming {
    pub method: String,
    /// The request target: path and query string.
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// What a wallet (SNAP) call sent, for a configured signature verifier.
/// Its `Debug` hides the credential headers (`Authorization`,
/// `X-SIGNATURE`, ...) and the body.
#[derive(Clone, Copy)]
pub struct SignedRequest<'a> {
    /// `POST`.
    pub method: &'a str,
    /// The path as sent, without the query string
    /// (`/wallet-backend/snap/v1.0/balance-inquiry`).
    pub path: &'a str,
    /// Every header as sent (`X-SIGNATURE`, `X-TIMESTAMP`, `Authorization`...).
    pub headers: &'a [(String, String)],
    /// The body's bytes as sent.
    pub body: &'a [u8],
}

impl std::fmt::Debug for SignedRequest<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignedRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("headers", &crate::record::shown_headers(self.headers, &[]))
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

impl SignedRequest<'_> {
    /// The first header called `name`, in any case.
    pub fn header(&self, name: &str) -> Option<&str> {
        header(self.headers, name)
    }
}

/// A signature verifier: `Err` holds why the signature is refused.
pub(crate) type Verifier = dyn Fn(&SignedRequest<'_>) -> Result<(), String> + Send + Sync;

pub(crate) struct Config {
    pub credentials: Option<(String, SecretString)>,
    pub token_lifetime: Duration,
    pub clock: Box<dyn Clock>,
    pub verifier: Option<Box<Verifier>>,
    pub log: bool,
}

/// The mock without its sockets.
pub(crate) struct Mock {
    pub api: Arc<Api>,
    pub config: Config,
    pub state: Mutex<State>,
}

/// The parts of the request target.
struct Target<'a> {
    path: &'a str,
    query_string: &'a str,
    segments: Vec<&'a str>,
    query: Vec<(String, String)>,
}

impl Mock {
    pub fn state(&self) -> MutexGuard<'_, State> {
        // Every change to the state is a whole step (a push, an insert), so
        // a handler that panicked left it consistent.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Answers one call, and records it. The state is held for the whole
    /// call, so calls are answered one after the other, as if in arrival
    /// order: two calls under one idempotency key cannot both be first.
    pub fn handle(&self, incoming: &Incoming) -> Answer {
        let mut state = self.state();
        let (answer, page) = self.answer(&mut state, incoming);
        let (path, query_string) = split_target(&incoming.url);
        if self.config.log {
            let page = page.map_or("-", |p| self.api.pages[p].page.name());
            eprintln!("{} {path} {} {page}", incoming.method, answer.status);
        }
        if state.record {
            state.requests.push(RecordedRequest {
                method: incoming.method.clone(),
                path: path.to_string(),
                query: serde_urlencoded::from_str(query_string).unwrap_or_default(),
                headers: incoming.headers.clone(),
                body: incoming.body.clone(),
                page: page.map(|p| self.api.pages[p].page.name().to_string()),
                status: answer.status,
                api: Arc::clone(&self.api),
                page_index: page,
            });
        }
        answer
    }

    fn answer(&self, state: &mut State, incoming: &Incoming) -> (Answer, Option<usize>) {
        let (path, query_string) = split_target(&incoming.url);
        let segments: Vec<&str> = path.strip_prefix('/').unwrap_or(path).split('/').collect();
        let route = match self.api.find(&incoming.method, &segments) {
            Ok(route) => route,
            // Pivot's token call, though no page among these documents it:
            // a client fetches a token before anything else, and gets one.
            Err(_) if incoming.method == "POST" && path == TOKEN_PATH => {
                let answer = match self.merchant(state, incoming) {
                    Ok(()) => self.token(state, None),
                    Err(refused) => refused,
                };
                return (answer, None);
            }
            Err(methods) if methods.is_empty() => {
                let message = format!("no page documents `{path}`");
                return (error(state, 404, "not_found_error", &message, &[]), None);
            }
            Err(methods) => {
                let message = format!(
                    "the pages document `{path}` for {}, not {}",
                    methods.join(", "),
                    incoming.method
                );
                return (error(state, 405, "method_not_allowed", &message, &[]), None);
            }
        };
        let first_page = self.api.routes[route].pages[0];
        if let Some(status) = state.take_failure() {
            return (failure(state, status), Some(first_page));
        }
        match state.take_planned(route) {
            Some(Planned::Fail(status)) => return (failure(state, status), Some(first_page)),
            Some(Planned::Answer(answer)) => return (answer, Some(first_page)),
            None => {}
        }
        let query = match serde_urlencoded::from_str::<Vec<(String, String)>>(query_string) {
            Ok(query) => query,
            Err(e) => {
                let details = [(String::from("?"), format!("not a query string: {e}"))];
                let answer = error(
                    state,
                    400,
                    "api_validation_error",
                    "invalid request",
                    &details,
                );
                return (answer, Some(first_page));
            }
        };
        let target = Target {
            path,
            query_string,
            segments,
            query,
        };
        if let Err(refusal) = self.access(state, first_page, &target, incoming) {
            return (refusal, Some(first_page));
        }
        let parts = Parts {
            query: &target.query,
            headers: &incoming.headers,
            body: Some(&incoming.body),
        };
        // The body as JSON, read once for what looks at its members.
        let sent: Option<Value> = if incoming.body.is_empty() {
            None
        } else {
            serde_json::from_slice(&incoming.body).ok()
        };
        let (page, reading) = self.choose(route, &parts, sent.as_ref());
        if !reading.is_ok() {
            return (invalid(state, &reading.violations), Some(page));
        }
        let key = header(&incoming.headers, REQUEST_ID);
        let fingerprint = key.map(|_| Fingerprint {
            method: incoming.method.to_ascii_uppercase(),
            path: path.to_string(),
            query: target.query_string.to_string(),
            body: sent.clone().ok_or_else(|| incoming.body.clone()),
        });
        if let (Some(key), Some(call)) = (key, &fingerprint) {
            if !valid_key(key) {
                let details = [(
                    REQUEST_ID.to_string(),
                    "ASCII letters and digits only, 16 to 36 of them".to_string(),
                )];
                let answer = error(
                    state,
                    400,
                    "api_validation_error",
                    "invalid request",
                    &details,
                );
                return (answer, Some(page));
            }
            state.expire_keys(self.config.clock.now());
            if let Some(kept) = state.keys.get(key) {
                if kept.call == *call {
                    return (kept.answer.clone(), Some(page));
                }
                let message = format!(
                    "{REQUEST_ID} was first used with another request; a retry must send the same method, path and body"
                );
                return (
                    error(state, 409, "idempotency_error", &message, &[]),
                    Some(page),
                );
            }
        }
        let answer = self.page_answer(state, route, page, &target, sent.as_ref());
        if let (Some(key), Some(call)) = (key, fingerprint)
            && (200..300).contains(&answer.status)
        {
            let at = self.config.clock.now();
            let kept = KeptAnswer {
                call,
                answer: answer.clone(),
                at,
            };
            state.keys.insert(key.to_string(), kept);
        }
        (answer, Some(page))
    }

    /// The token call's check: the merchant's ID and secret are there, and
    /// are the configured pair when one is.
    fn merchant(&self, state: &mut State, incoming: &Incoming) -> Result<(), Answer> {
        let refuse = |state: &mut State, message: &str| {
            Err(error(state, 401, "authentication_error", message, &[]))
        };
        let id = header(&incoming.headers, "X-MERCHANT-ID").filter(|v| !v.is_empty());
        let secret = header(&incoming.headers, "X-MERCHANT-SECRET").filter(|v| !v.is_empty());
        let (Some(id), Some(secret)) = (id, secret) else {
            return refuse(state, "X-MERCHANT-ID and X-MERCHANT-SECRET are required");
        };
        if let Some((want_id, want_secret)) = &self.config.credentials
            && (id != want_id
                || !same_bytes(secret.as_bytes(), want_secret.expose_secret().as_bytes()))
        {
            return refuse(state, "unknown merchant ID or secret");
        }
        Ok(())
    }

    /// Whether the caller may make the call; the refusal otherwise.
    fn access(
        &self,
        state: &mut State,
        page: usize,
        target: &Target<'_>,
        incoming: &Incoming,
    ) -> Result<(), Answer> {
        let refuse = |state: &mut State, message: &str| {
            Err(error(state, 401, "authentication_error", message, &[]))
        };
        match self.api.pages[page].access {
            Access::Token => self.merchant(state, incoming),
            Access::Bearer if !self.api.issues_tokens() => Ok(()),
            Access::Bearer => {
                let token = header(&incoming.headers, "Authorization").and_then(|value| {
                    let (scheme, token) = value.split_once(' ')?;
                    scheme.eq_ignore_ascii_case("Bearer").then(|| token.trim())
                });
                let Some(token) = token else {
                    return refuse(
                        state,
                        "an `Authorization: Bearer <access token>` header is required",
                    );
                };
                match state.tokens.get(token) {
                    None => refuse(state, "the access token is not one this server issued"),
                    Some(&expiry) if self.config.clock.now() >= expiry => {
                        refuse(state, "the access token expired")
                    }
                    Some(_) => Ok(()),
                }
            }
            Access::Signed => {
                let Some(verify) = &self.config.verifier else {
                    return Ok(());
                };
                let request = SignedRequest {
                    method: &incoming.method,
                    path: target.path,
                    headers: &incoming.headers,
                    body: &incoming.body,
                };
                match verify(&request) {
                    Ok(()) => Ok(()),
                    Err(why) => refuse(state, &format!("the signature is refused: {why}")),
                }
            }
        }
    }

    /// The page of the route that answers, and how it reads the call.
    ///
    /// Where several pages document one route (three pages `POST
    /// /v2/payments`, two `GET /v2/payments`), the call decides. Of the
    /// pages whose checks it passes:
    ///
    /// 1. the one whose types know the most of what it sent (fewest body
    ///    members and query parameters the page's types would ignore);
    /// 2. then the one whose own request example shows the most of the
    ///    members it sent (a payout by inquiry ID resembles the page whose
    ///    example sends `inquiryId`, though both pages' types know it);
    /// 3. then the first in page order.
    ///
    /// When it passes none, the first page's checks answer (400).
    fn choose(&self, route: usize, parts: &Parts<'_>, sent: Option<&Value>) -> (usize, Reading) {
        let pages = &self.api.routes[route].pages;
        if let [only] = pages[..] {
            return (only, self.api.pages[only].page.read(parts));
        }
        let sent = sent.map(crate::api::member_paths).unwrap_or_default();
        let mut best: Option<((usize, usize), usize, Reading)> = None;
        let mut first: Option<Reading> = None;
        for &page in pages {
            let reading = self.api.pages[page].page.read(parts);
            if reading.is_ok() {
                let unshown = sent.difference(&self.api.pages[page].shown).count();
                let rank = (reading.ignored.len(), unshown);
                if best.as_ref().is_none_or(|(b, _, _)| rank < *b) {
                    best = Some((rank, page, reading));
                }
            } else if page == pages[0] {
                first = Some(reading);
            }
        }
        match (best, first) {
            (Some((_, page, reading)), _) => (page, reading),
            (None, Some(first)) => (pages[0], first),
            // The first page passed, so `best` is set.
            (None, None) => (pages[0], Reading::default()),
        }
    }

    /// The page's own answer, with what the state knows.
    fn page_answer(
        &self,
        state: &mut State,
        route: usize,
        page: usize,
        target: &Target<'_>,
        sent: Option<&Value>,
    ) -> Answer {
        let the_page = &self.api.pages[page];
        let the_route = &self.api.routes[route];
        if the_page.access == Access::Token {
            return self.token(state, the_page.response.as_ref());
        }
        let (Some(bytes), Some(response)) = (&the_page.answer, &the_page.response) else {
            // The page documents no answer: success, and nothing else.
            return ok(json!({"code": "00", "message": "Success"}));
        };
        let collection = the_route.collection();
        let creates = the_route.method == "POST"
            && !the_route.segments.contains(&RouteSegment::Param)
            && response.pointer("/data/id").is_some_and(Value::is_string);
        if creates {
            let references = REFERENCES
                .iter()
                .filter_map(|&key| Some((key.to_string(), sent?.get(key)?.as_str()?.to_string())))
                .collect();
            let resource = Resource {
                id: state.new_id(),
                references,
            };
            let mut answer = response.clone();
            stamp(&mut answer, &resource);
            state
                .resources
                .entry(collection)
                .or_default()
                .push(resource);
            return ok(answer);
        }
        let by_path = the_route
            .params(&target.segments)
            .into_iter()
            .find_map(|value| state.resource(&collection, &percent_decode(value)));
        let by_query = || {
            target
                .query
                .iter()
                .filter(|(key, _)| REFERENCES.contains(&key.as_str()))
                .find_map(|(_, value)| state.resource(&collection, value))
        };
        match by_path.or_else(by_query) {
            Some(resource) => {
                let mut answer = response.clone();
                stamp(&mut answer, resource);
                ok(answer)
            }
            None => Answer {
                status: 200,
                body: Arc::clone(bytes),
            },
        }
    }

    /// A new access token, in the Access Token page's answer.
    fn token(&self, state: &mut State, example: Option<&Value>) -> Answer {
        let token = state.new_token();
        let lifetime = self.config.token_lifetime;
        state
            .tokens
            .insert(token.clone(), self.config.clock.now() + lifetime);
        let mut answer = example
            .cloned()
            .unwrap_or_else(|| json!({"code": "00", "message": "Success"}));
        let Some(root) = answer.as_object_mut() else {
            return ok(answer);
        };
        let data = root
            .entry("data")
            .or_insert_with(|| json!({"tokenType": "Bearer"}));
        if let Some(data) = data.as_object_mut() {
            // `expiresIn` keeps the example's kind: the published page sends text.
            let seconds = lifetime.as_secs();
            let expires_in = match data.get("expiresIn") {
                Some(Value::Number(_)) => json!(seconds),
                _ => json!(seconds.to_string()),
            };
            data.insert("accessToken".to_string(), Value::String(token));
            data.insert("expiresIn".to_string(), expires_in);
        }
        ok(answer)
    }
}

/// Writes a resource's ID and references into an answer's `data` (or its
/// first item, for an answer listing), where the answer has those members.
fn stamp(answer: &mut Value, resource: &Resource) {
    let data = match answer.get_mut("data") {
        Some(Value::Array(items)) => items.first_mut(),
        Some(data) => Some(data),
        None => None,
    };
    let Some(Value::Object(data)) = data else {
        return;
    };
    if data.contains_key("id") {
        data.insert("id".to_string(), Value::String(resource.id.clone()));
    }
    for (key, value) in &resource.references {
        if data.contains_key(key) {
            data.insert(key.clone(), Value::String(value.clone()));
        }
    }
}

fn ok(value: Value) -> Answer {
    Answer {
        status: 200,
        body: json_bytes(&value),
    }
}

/// `value` as compact JSON. Writing a `Value` cannot fail (its keys are
/// strings); `to_vec` skips the formatting machinery `to_string` goes through.
pub(crate) fn json_bytes(value: &Value) -> Arc<[u8]> {
    Arc::from(serde_json::to_vec(value).unwrap_or_default())
}

/// The error body of the published Errors page.
pub(crate) fn error(
    state: &mut State,
    status: u16,
    kind: &str,
    message: &str,
    details: &[(String, String)],
) -> Answer {
    let details: Vec<Value> = details
        .iter()
        .map(|(field, message)| json!({"field": field, "message": message}))
        .collect();
    let body = json!({
        "code": status.to_string(),
        "message": message,
        "error": {
            "type": kind,
            "details": details,
            "trace_id": state.trace_id(),
        },
    });
    Answer {
        status,
        body: json_bytes(&body),
    }
}

fn invalid(state: &mut State, violations: &[Violation]) -> Answer {
    let details: Vec<(String, String)> = violations
        .iter()
        .map(|v| (v.place.field().to_string(), v.problem.to_string()))
        .collect();
    let count = violations.len();
    let message = format!(
        "the request breaks {count} documented rule{}",
        if count == 1 { "" } else { "s" }
    );
    error(state, 400, "api_validation_error", &message, &details)
}

/// A failure a test planned.
fn failure(state: &mut State, status: u16) -> Answer {
    let kind = match status {
        408 => "timeout_error",
        429 => "rate_limit_error",
        500..=599 => "api_error",
        _ => "planned_error",
    };
    error(state, status, kind, "a failure planned by the test", &[])
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// The published Idempotency page: alphanumeric, 16 to 36 characters.
fn valid_key(key: &str) -> bool {
    (16..=36).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Equal, looking at every byte whatever the first difference.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

fn split_target(url: &str) -> (&str, &str) {
    url.split_once('?').unwrap_or((url, ""))
}

/// A path segment with its `%XX` escapes decoded (invalid ones kept).
fn percent_decode(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            // Two hex digits make at most 255.
            out.push(u8::try_from(h * 16 + l).unwrap_or(b'%'));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_follow_the_published_page() {
        assert!(valid_key("a1b2c3d4e5f6g7h8"));
        assert!(valid_key(&"9".repeat(36)));
        assert!(!valid_key(&"9".repeat(15)));
        assert!(!valid_key(&"9".repeat(37)));
        assert!(!valid_key("a1b2c3d4-e5f6-g7h8"));
    }

    #[test]
    fn segments_are_percent_decoded() {
        assert_eq!(percent_decode("a%20b%2Fc"), "a b/c");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }

    #[test]
    fn credentials_compare_whole() {
        assert!(same_bytes(b"secret", b"secret"));
        assert!(!same_bytes(b"secret", b"secreT"));
        assert!(!same_bytes(b"secret", b"secret2"));
    }
}
