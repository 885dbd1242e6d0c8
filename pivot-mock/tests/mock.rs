//! The mock over real HTTP on 127.0.0.1, on the made-up pages of
//! `tests/pages/`: routes, checks, tokens, idempotency, the test controls
//! and state. Time is a `ManualClock`; no test sleeps.

use std::time::Duration;

use pivot_mock::{Error, ManualClock, MockServer};
use serde_json::{Value, json};

const PAGES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/pages");

/// A plain HTTP client for the tests: every status is an answer.
struct Client {
    agent: ureq::Agent,
    base_url: String,
    token: Option<String>,
}

/// An answer: status and JSON body (`Value::Null` when empty).
#[derive(Debug)]
struct Answer {
    status: u16,
    body: Value,
}

impl Answer {
    /// The `field`s of a 400's details, in order.
    fn fields(&self) -> Vec<&str> {
        self.body["error"]["details"]
            .as_array()
            .map(|details| details.iter().filter_map(|d| d["field"].as_str()).collect())
            .unwrap_or_default()
    }
}

impl Client {
    fn new(mock: &MockServer) -> Client {
        Client {
            agent: ureq::Agent::new_with_config(
                ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .build(),
            ),
            base_url: mock.base_url(),
            token: None,
        }
    }

    /// A client holding a token from the Access Token call.
    fn signed_in(mock: &MockServer) -> Client {
        let mut client = Client::new(mock);
        let answer = client.token("merchant-1", "secret-1");
        assert_eq!(answer.status, 200, "{answer:?}");
        client.token = answer.body["data"]["accessToken"]
            .as_str()
            .map(str::to_string);
        client
    }

    fn token(&self, id: &str, secret: &str) -> Answer {
        self.send(
            "POST",
            "/v1/access-token",
            &[("X-MERCHANT-ID", id), ("X-MERCHANT-SECRET", secret)],
            Some(r#"{"grantType":"client_credentials"}"#),
        )
    }

    fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Answer {
        let mut request = ureq::http::Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base_url));
        if let Some(token) = &self.token {
            request = request.header("Authorization", format!("Bearer {token}"));
        }
        let typed = headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("Content-Type"));
        if body.is_some() && !typed {
            request = request.header("Content-Type", "application/json");
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request
            .body(body.unwrap_or("").as_bytes().to_vec())
            .expect("a valid request");
        let mut response = self.agent.run(request).expect("the mock answers");
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string().expect("a text body");
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).expect("a JSON body")
        };
        Answer { status, body }
    }

    fn get(&self, path: &str) -> Answer {
        self.send("GET", path, &[], None)
    }

    fn post(&self, path: &str, body: &Value) -> Answer {
        self.send("POST", path, &[], Some(&body.to_string()))
    }
}

fn session(reference: &str) -> Value {
    json!({
        "clientReferenceId": reference,
        "amount": {"value": 10000, "currency": "IDR"},
        "paymentMethod": {"type": "QR"}
    })
}

fn last_page(mock: &MockServer) -> Option<String> {
    mock.requests().last().and_then(|r| r.page.clone())
}

#[test]
fn a_static_segment_wins_over_a_parameter() {
    let mock = MockServer::start([PAGES]).unwrap();
    let client = Client::signed_in(&mock);
    // get_sender.txt comes before get_sender_list.txt: the rule decides, not the order.
    let list = client.get("/xb/sender/list");
    assert_eq!(list.status, 200);
    assert_eq!(list.body["data"][1]["uuid"], "snd-2");
    assert_eq!(last_page(&mock).as_deref(), Some("get_sender_list"));
    let one = client.get("/xb/sender/snd-7");
    assert_eq!(one.body["data"]["uuid"], "snd-1");
    assert_eq!(last_page(&mock).as_deref(), Some("get_sender"));
}

#[test]
fn every_spelling_of_a_path_is_a_route() {
    let mock = MockServer::start([PAGES]).unwrap();
    let client = Client::signed_in(&mock);
    let routes: Vec<(String, String)> = mock
        .routes()
        .into_iter()
        .map(|(method, path, _)| (method, path))
        .collect();
    for (method, path) in [
        ("POST", "/v2/payments/:{id}/cancel"),
        ("GET", "/v1/refunds/{{id}}"),
        ("GET", "/xb/sender/list"),
        ("GET", "/v2/payments/{id}"),
    ] {
        assert!(
            routes.contains(&(method.to_string(), path.to_string())),
            "{method} {path} in {routes:?}"
        );
    }
    assert_eq!(
        client.get("/v1/refunds/rf-9").body["data"]["status"],
        "SUCCEEDED"
    );
    let cancelled = client.send("POST", "/v2/payments/ses-1/cancel", &[], None);
    assert_eq!(cancelled.body["data"]["status"], "CANCELLED");
    // `[BASE URL]` (a space) and `[BASE_URL]v2` (no slash) join their routes.
    let pages = |path: &str| {
        mock.routes()
            .into_iter()
            .find(|(method, p, _)| method == "POST" && p == path)
            .map(|(_, _, pages)| pages)
    };
    assert_eq!(
        pages("/v2/payments"),
        Some(vec![
            "create_session".to_string(),
            "create_session_card".to_string()
        ])
    );
}

#[test]
fn no_route_is_404_and_another_method_405() {
    let mock = MockServer::start([PAGES]).unwrap();
    let client = Client::signed_in(&mock);
    let missing = client.get("/v9/nothing");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.body["error"]["type"], "not_found_error");
    let wrong = client.send("DELETE", "/v2/payments", &[], None);
    assert_eq!(wrong.status, 405);
    let message = wrong.body["message"].as_str().unwrap();
    assert!(message.contains("GET, POST"), "{message}");
}

#[test]
fn the_body_decides_between_pages_of_one_route() {
    let mock = MockServer::start([PAGES]).unwrap();
    let client = Client::signed_in(&mock);
    let card = json!({
        "clientReferenceId": "ORDER7",
        "amount": {"value": 1, "currency": "IDR"},
        "paymentMethod": {"type": "CARD", "card": {"token": "tok_0123456789"}}
    });
    let answer = client.post("/v2/payments", &card);
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(answer.body["data"]["status"], "REQUIRES_ACTION");
    assert_eq!(last_page(&mock).as_deref(), Some("create_session_card"));
    // Both pages accept a body without a card; the first page answers.
    let answer = client.post("/v2/payments", &session("ORDER8"));
    assert_eq!(answer.body["data"]["status"], "PENDING");
    assert_eq!(last_page(&mock).as_deref(), Some("create_session"));
    // A card whose token breaks the card page's rule passes only the first page.
    let mut short = card.clone();
    short["paymentMethod"]["card"]["token"] = json!("tok_1");
    let answer = client.post("/v2/payments", &short);
    assert_eq!(answer.body["data"]["status"], "PENDING");
}

#[test]
fn the_query_decides_too() {
    let mock = MockServer::start([PAGES]).unwrap();
    let client = Client::signed_in(&mock);
    let list = client.get("/v2/payments?page=2");
    assert_eq!(list.body["data"].as_array().map(Vec::len), Some(2));
    assert_eq!(last_page(&mock).as_deref(), Some("list_sessions"));
    client.get("/v2/payments?clientReferenceId=ORDER9");
    assert_eq!(
        last_page(&mock).as_deref(),
        Some("retrieve_session_by_reference")
    );
}

#[test]
fn without_a_valid_token_401() {
    let mock = MockServer::start([PAGES]).unwrap();
    let anonymous = Client::new(&mock);
    let answer = anonymous.get("/xb/sender/list");
    assert_eq!(answer.status, 401);
    assert_eq!(answer.body["error"]["type"], "authentication_error");
    let mut forged = Client::new(&mock);
    forged.token = Some("made-up".to_string());
    assert_eq!(forged.get("/xb/sender/list").status, 401);
    // The token call needs both credentials.
    assert_eq!(anonymous.token("merchant-1", "").status, 401);
    assert_eq!(Client::signed_in(&mock).get("/xb/sender/list").status, 200);
    // Revoked: as if expired.
    let client = Client::signed_in(&mock);
    mock.revoke_tokens();
    assert_eq!(client.get("/xb/sender/list").status, 401);
}

#[test]
fn tokens_expire_by_the_injected_clock() {
    let clock = ManualClock::new();
    let mock = MockServer::builder()
        .pages([PAGES])
        .token_lifetime(Duration::from_secs(60))
        .clock(clock.clone())
        .start()
        .unwrap();
    let answer = Client::new(&mock).token("merchant-1", "secret-1");
    assert_eq!(answer.body["data"]["expiresIn"], "60");
    assert_eq!(answer.body["data"]["tokenType"], "Bearer");
    let client = Client::signed_in(&mock);
    clock.advance(Duration::from_secs(59));
    assert_eq!(client.get("/xb/sender/list").status, 200);
    clock.advance(Duration::from_secs(1));
    let expired = client.get("/xb/sender/list");
    assert_eq!(expired.status, 401);
    assert!(
        expired.body["message"]
            .as_str()
            .unwrap()
            .contains("expired")
    );
}

#[test]
fn configured_credentials_are_the_only_ones() {
    let mock = MockServer::builder()
        .pages([PAGES])
        .credentials("merchant-1", "secret-1")
        .start()
        .unwrap();
    let client = Client::new(&mock);
    assert_eq!(client.token("merchant-1", "secret-2").status, 401);
    assert_eq!(client.token("merchant-2", "secret-1").status, 401);
    let answer = client.token("merchant-1", "secret-1");
    assert_eq!(answer.status, 200);
    let first = answer.body["data"]["accessToken"].clone();
    let second = client.token("merchant-1", "secret-1").body["data"]["accessToken"].clone();
    assert_ne!(first, second, "each call issues its own token");
}

/// Pages without Pivot's Access Token page: its call still issues a token
/// for the merchant (a client asks for one first), and no other call needs
/// one.
#[test]
fn without_the_access_token_page_the_token_call_still_answers() {
    let page = std::fs::read_to_string(format!("{PAGES}/create_session.txt")).unwrap();
    let mock = MockServer::builder()
        .page_text("create_session.txt", &page)
        .credentials("merchant-1", "secret-1")
        .start()
        .unwrap();
    assert!(!mock.asks_for_tokens());
    let client = Client::new(&mock);
    assert_eq!(client.token("merchant-1", "secret-2").status, 401);
    let answer = client.token("merchant-1", "secret-1");
    assert_eq!(answer.status, 200, "{answer:?}");
    assert!(answer.body["data"]["accessToken"].is_string(), "{answer:?}");
    assert_eq!(answer.body["data"]["tokenType"], "Bearer");
    assert_eq!(client.post("/v2/payments", &session("ORDER9")).status, 200);
    // Another path no page documents is still no route.
    assert_eq!(client.post("/v1/access-tokens", &json!({})).status, 404);
}

#[test]
fn a_request_that_breaks_its_page_gets_400_naming_every_violation() {
    let mock = MockServer::start([PAGES]).unwrap();
    let client = Client::signed_in(&mock);
    let mut body = session("ORDER1");
    body.as_object_mut().unwrap().remove("clientReferenceId");
    let answer = client.post("/v2/payments", &body);
    assert_eq!(answer.status, 400);
    assert_eq!(answer.body["code"], "400");
    assert_eq!(answer.body["error"]["type"], "api_validation_error");
    assert_eq!(answer.fields(), ["clientReferenceId"]);
    let bad = json!({
        "clientReferenceId": "not alphanumeric!",
        "amount": {"value": "10000", "currency": "IDR"}
    });
    let answer = client.post("/v2/payments", &bad);
    assert_eq!(
        answer.fields(),
        ["clientReferenceId", "amount.value"],
        "{answer:?}"
    );
    let answer = client.send("POST", "/v2/payments", &[], Some("{not json"));
    assert_eq!(answer.fields(), ["."]);
    // No body where the page has one.
    let answer = client.send("POST", "/v2/payments", &[], None);
    assert_eq!(answer.fields(), ["."]);
}

#[test]
fn mandatory_query_parameters_and_headers_are_checked() {
    let mock = MockServer::start([PAGES]).unwrap();
    let client = Client::signed_in(&mock);
    let answer = client.get("/v1/balance-histories?endDate=2030-01-31");
    assert_eq!(answer.status, 400);
    assert_eq!(answer.fields(), ["startDate"]);
    let answer = client.get("/v1/balance-histories?startDate=a&endDate=b&limit=ten");
    assert_eq!(answer.fields(), ["limit"]);
    let answer = client.get("/v1/balance-histories?startDate=a&endDate=b&limit=10");
    assert_eq!(answer.status, 200);
    // A JSON body sent as text: the page fixes Content-Type.
    let answer = client.send(
        "POST",
        "/v2/payments",
        &[("Content-Type", "text/plain")],
        Some(&session("ORDER1").to_string()),
    );
    assert_eq!(answer.fields(), ["Content-Type"], "{answer:?}");
}

fn wallet_headers() -> Vec<(&'static str, &'static str)> {
    vec![
        ("Authorization", "Bearer b2b-token"),
        ("X-SIGNATURE", "c2lnbmF0dXJl"),
        ("X-TIMESTAMP", "2030-01-01T00:00:00+07:00"),
        ("X-PARTNER-ID", "partner-1"),
        ("X-EXTERNAL-ID", "ext-1"),
        ("CHANNEL-ID", "12345"),
    ]
}

#[test]
fn wallet_calls_need_their_signature_headers_not_a_pivot_token() {
    let mock = MockServer::start([PAGES]).unwrap();
    let client = Client::new(&mock);
    let path = "/wallet-backend/snap/v1.0/balance-inquiry";
    let answer = client.send("POST", path, &wallet_headers(), Some("{}"));
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(answer.body["responseCode"], "2001100");
    let mut headers = wallet_headers();
    headers.retain(|(name, _)| *name != "X-SIGNATURE" && *name != "CHANNEL-ID");
    let answer = client.send("POST", path, &headers, Some("{}"));
    assert_eq!(answer.fields(), ["X-SIGNATURE", "CHANNEL-ID"]);
}

#[test]
fn a_configured_verifier_judges_wallet_signatures() {
    let mock = MockServer::builder()
        .pages([PAGES])
        .verify_signatures(|request| {
            let shown = format!("{request:?}");
            assert!(
                !shown.contains("c2lnbmF0dXJl") && !shown.contains("b2b-token"),
                "{shown}"
            );
            match request.header("X-SIGNATURE") {
                Some("c2lnbmF0dXJl") if request.path.ends_with("/balance-inquiry") => Ok(()),
                _ => Err("does not match".to_string()),
            }
        })
        .start()
        .unwrap();
    let client = Client::new(&mock);
    let path = "/wallet-backend/snap/v1.0/balance-inquiry";
    assert_eq!(
        client
            .send("POST", path, &wallet_headers(), Some("{}"))
            .status,
        200
    );
    let mut headers = wallet_headers();
    headers[1].1 = "Zm9yZ2Vk";
    let refused = client.send("POST", path, &headers, Some("{}"));
    assert_eq!(refused.status, 401);
    assert!(
        refused.body["message"]
            .as_str()
            .unwrap()
            .contains("does not match")
    );
}

#[test]
fn a_panic_while_answering_is_a_500_and_the_mock_serves_on() {
    let mock = MockServer::builder()
        .pages([PAGES])
        .verify_signatures(|request| {
            assert_ne!(
                request.header("X-PARTNER-ID"),
                Some("panic"),
                "a verifier that fails"
            );
            Ok(())
        })
        .start()
        .unwrap();
    let client = Client::new(&mock);
    let path = "/wallet-backend/snap/v1.0/balance-inquiry";
    let mut headers = wallet_headers();
    headers[3].1 = "panic";
    // More panics than the mock has worker threads.
    for _ in 0..6 {
        assert_eq!(client.send("POST", path, &headers, Some("{}")).status, 500);
    }
    assert_eq!(
        client
            .send("POST", path, &wallet_headers(), Some("{}"))
            .status,
        200
    );
}

const KEY: &str = "ORDER1REQUEST0000001";

#[test]
fn one_request_id_with_one_body_replays_the_first_answer() {
    let mock = MockServer::start([PAGES]).unwrap();
    let client = Client::signed_in(&mock);
    let body = session("ORDER1").to_string();
    let first = client.send(
        "POST",
        "/v2/payments",
        &[("X-REQUEST-ID", KEY)],
        Some(&body),
    );
    assert_eq!(first.status, 200);
    // The same JSON, spaced differently, is the same body.
    let spaced = serde_json::to_string_pretty(&session("ORDER1")).unwrap();
    let again = client.send(
        "POST",
        "/v2/payments",
        &[("X-REQUEST-ID", KEY)],
        Some(&spaced),
    );
    assert_eq!(again.status, 200);
    assert_eq!(again.body, first.body, "the first answer, replayed");
    // Without the key, a second session: another ID.
    let other = client.post("/v2/payments", &session("ORDER1"));
    assert_ne!(other.body["data"]["id"], first.body["data"]["id"]);
}

#[test]
fn one_request_id_with_two_bodies_is_409() {
    let mock = MockServer::start([PAGES]).unwrap();
    let client = Client::signed_in(&mock);
    let key = [("X-REQUEST-ID", KEY)];
    let first = client.send(
        "POST",
        "/v2/payments",
        &key,
        Some(&session("ORDER1").to_string()),
    );
    assert_eq!(first.status, 200);
    let other = client.send(
        "POST",
        "/v2/payments",
        &key,
        Some(&session("ORDER2").to_string()),
    );
    assert_eq!(other.status, 409);
    assert_eq!(other.body["error"]["type"], "idempotency_error");
    // A key the published page does not allow.
    let answer = client.send(
        "POST",
        "/v2/payments",
        &[("X-REQUEST-ID", "short")],
        Some(&session("ORDER3").to_string()),
    );
    assert_eq!(answer.fields(), ["X-REQUEST-ID"]);
}

#[test]
fn request_ids_are_kept_24_hours_of_the_clock() {
    let clock = ManualClock::new();
    let mock = MockServer::builder()
        .pages([PAGES])
        .token_lifetime(Duration::from_secs(3 * 24 * 3600))
        .clock(clock.clone())
        .start()
        .unwrap();
    let client = Client::signed_in(&mock);
    let key = [("X-REQUEST-ID", KEY)];
    let body = session("ORDER1").to_string();
    let first = client.send("POST", "/v2/payments", &key, Some(&body));
    clock.advance(Duration::from_secs(24 * 3600 - 1));
    assert_eq!(
        client.send("POST", "/v2/payments", &key, Some(&body)).body,
        first.body
    );
    clock.advance(Duration::from_secs(1));
    let later = client.send("POST", "/v2/payments", &key, Some(&body));
    assert_eq!(later.status, 200);
    assert_ne!(
        later.body["data"]["id"], first.body["data"]["id"],
        "a new call"
    );
}

#[test]
fn failures_planned_for_the_next_calls_then_success_under_one_key() {
    let mock = MockServer::start([PAGES]).unwrap();
    let client = Client::signed_in(&mock);
    mock.fail_next(2, 503);
    let key = [("X-REQUEST-ID", KEY)];
    let body = session("ORDER1").to_string();
    for _ in 0..2 {
        let failed = client.send("POST", "/v2/payments", &key, Some(&body));
        assert_eq!(failed.status, 503);
        assert_eq!(failed.body["error"]["type"], "api_error");
    }
    let done = client.send("POST", "/v2/payments", &key, Some(&body));
    assert_eq!(done.status, 200, "a failure is not kept under the key");
    let requests = mock.requests();
    let keys: Vec<Option<&str>> = requests
        .iter()
        .filter(|r| r.path == "/v2/payments")
        .map(|r| r.header("X-REQUEST-ID"))
        .collect();
    assert_eq!(keys, [Some(KEY); 3]);
}

#[test]
fn a_route_can_be_told_its_next_answers() {
    let mock = MockServer::start([PAGES]).unwrap();
    let client = Client::signed_in(&mock);
    let route = mock.route("GET", "/xb/sender/{id}").unwrap();
    route.answer_next(202, r#"{"code": "01", "message": "Accepted"}"#);
    route.fail_next(1, 429);
    // Another route is not affected.
    assert_eq!(client.get("/xb/sender/list").status, 200);
    let planned = client.get("/xb/sender/snd-1");
    assert_eq!((planned.status, &planned.body["code"]), (202, &json!("01")));
    let limited = client.get("/xb/sender/snd-1");
    assert_eq!(limited.status, 429);
    assert_eq!(limited.body["error"]["type"], "rate_limit_error");
    assert_eq!(client.get("/xb/sender/snd-1").status, 200);
    assert_eq!(
        mock.route("GET", "/nowhere").unwrap_err(),
        Error::UnknownRoute("GET /nowhere".to_string())
    );
}

#[test]
fn a_session_created_through_the_mock_is_the_one_retrieved() {
    let mock = MockServer::start([PAGES]).unwrap();
    let client = Client::signed_in(&mock);
    let created = client.post("/v2/payments", &session("ORDER42"));
    let id = created.body["data"]["id"].as_str().unwrap().to_string();
    assert_ne!(id, "ses-0001", "a fresh ID, not the example's");
    assert_eq!(created.body["data"]["clientReferenceId"], "ORDER42");
    let by_id = client.get(&format!("/v2/payments/{id}"));
    assert_eq!(by_id.body["data"]["id"], id.as_str());
    assert_eq!(by_id.body["data"]["clientReferenceId"], "ORDER42");
    assert_eq!(
        by_id.body["data"]["status"], "PAID",
        "the rest is the example"
    );
    let by_reference = client.get("/v2/payments?clientReferenceId=ORDER42");
    assert_eq!(by_reference.body["data"][0]["id"], id.as_str());
    let cancelled = client.send("POST", &format!("/v2/payments/{id}/cancel"), &[], None);
    assert_eq!(cancelled.body["data"]["id"], id.as_str());
    // An ID the mock did not create: the example as it is.
    assert_eq!(
        client.get("/v2/payments/ses-77").body["data"]["id"],
        "ses-0009"
    );
}

#[test]
fn recorded_requests_hide_secrets_in_debug() {
    let mock = MockServer::start([PAGES]).unwrap();
    let client = Client::signed_in(&mock);
    let card = json!({
        "clientReferenceId": "ORDER7",
        "amount": {"value": 1, "currency": "IDR"},
        "paymentMethod": {"type": "CARD", "card": {"token": "tok_SECRET_0123456789"}}
    });
    client.post("/v2/payments", &card);
    client.send(
        "GET",
        "/xb/sender/list?token=url-secret",
        &[("X-API-Key", "key-secret")],
        None,
    );
    let requests = mock.requests();
    let [token_call, create, list] = &requests[..] else {
        panic!("three calls: {requests:?}");
    };
    assert_eq!(token_call.header("X-MERCHANT-SECRET"), Some("secret-1"));
    assert_eq!(create.json().unwrap(), card);
    assert_eq!(create.page.as_deref(), Some("create_session_card"));
    assert_eq!(
        (list.method.as_str(), list.path.as_str()),
        ("GET", "/xb/sender/list")
    );
    let logged = format!("{requests:?}");
    for secret in [
        "secret-1",
        "pivot-mock-token",
        "tok_SECRET",
        "url-secret",
        "key-secret",
    ] {
        assert!(!logged.contains(secret), "{secret} in {logged}");
    }
    assert!(
        logged.contains("merchant-1") && logged.contains("ORDER7"),
        "{logged}"
    );
    mock.clear_requests();
    assert!(mock.requests().is_empty());
}

#[test]
fn a_callback_page_example_is_posted_with_the_api_key() {
    let mock = MockServer::start([PAGES]).unwrap();
    assert_eq!(mock.callbacks(), ["payment_callback"]);
    let receiver = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let url = format!("http://{}/callbacks/pivot", receiver.server_addr());
    let serve = std::thread::spawn(move || {
        let mut seen = Vec::new();
        for status in [200, 500] {
            let mut request = receiver.recv().unwrap();
            let mut body = String::new();
            request.as_reader().read_to_string(&mut body).unwrap();
            let key = request
                .headers()
                .iter()
                .find(|h| h.field.equiv("X-API-Key"))
                .map(|h| h.value.to_string());
            seen.push((request.url().to_string(), key, body));
            request
                .respond(tiny_http::Response::from_string("ok").with_status_code(status))
                .unwrap();
        }
        seen
    });
    let answer = mock
        .send_callback("payment_callback", &url, "cb-key-1")
        .unwrap();
    assert_eq!(answer.status, 200);
    assert_eq!(answer.body, "ok");
    let given = r#"{"event": "PAYMENT.TEST", "data": {"id": "x"}}"#;
    let answer = mock.send_callback_body(&url, "cb-key-1", given).unwrap();
    assert_eq!(answer.status, 500, "the merchant's answer, whatever it is");
    let seen = serve.join().unwrap();
    assert_eq!(seen[0].0, "/callbacks/pivot");
    assert_eq!(seen[0].1.as_deref(), Some("cb-key-1"));
    let example: Value = serde_json::from_str(&seen[0].2).unwrap();
    assert_eq!(example["event"], "PAYMENT.PAID");
    assert_eq!(example["data"]["clientReferenceId"], "ORDER0009");
    assert_eq!(seen[1].2, given);
    assert_eq!(
        mock.send_callback("refund_callback", &url, "k")
            .unwrap_err(),
        Error::UnknownCallback("refund_callback".to_string())
    );
}

#[test]
fn a_new_page_is_served_without_new_code() {
    let page = "Get Fee\nA page added after the others.\nGET\n[BASE_URL]/v1/fees/{currency}\nResponse\nResponse Body\n{\n\"code\": \"00\",\n\"data\": {\"fee\": 2500}\n}\nLast updated\n";
    let mock = MockServer::builder()
        .pages([PAGES])
        .page_text("get_fee.txt", page)
        .start()
        .unwrap();
    let client = Client::signed_in(&mock);
    assert_eq!(client.get("/v1/fees/IDR").body["data"]["fee"], 2500);
    assert_eq!(last_page(&mock).as_deref(), Some("get_fee"));
}

#[test]
fn without_an_access_token_page_no_token_is_asked_for() {
    let page = "Get Fee\nGET\n[BASE_URL]/v1/fees\nResponse\nResponse Body\n{\n\"code\": \"00\"\n}\nLast updated\n";
    let mock = MockServer::builder()
        .page_text("get_fee.txt", page)
        .start()
        .unwrap();
    assert!(!mock.asks_for_tokens());
    assert_eq!(Client::new(&mock).get("/v1/fees").status, 200);
    let with_tokens = MockServer::start([PAGES]).unwrap();
    assert!(with_tokens.asks_for_tokens());
}

#[test]
fn a_damaged_page_stops_the_start_with_its_position() {
    let damaged = "Broken\nGET\n[BASE_URL]/v1/broken\nResponse\nResponse Body\n{\n\u{201c}code\u{201d}: \"00\"\n}\nLast updated\n";
    let error = MockServer::builder()
        .page_text("broken.txt", damaged)
        .start()
        .unwrap_err();
    let Error::Pages(message) = error else {
        panic!("{error:?}");
    };
    assert!(message.contains("broken.txt:7:1"), "{message}");
    assert!(message.contains("pivot fix"), "{message}");
}

#[test]
fn the_server_stops_when_dropped() {
    let mock = MockServer::start([PAGES]).unwrap();
    let addr = mock.addr();
    assert_eq!(Client::new(&mock).get("/xb/sender/list").status, 401);
    drop(mock);
    // Dropping closes the listening socket after a last connection of its
    // own, which is queued before this one: this call is refused or reset.
    let agent = ureq::Agent::new_with_config(
        ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(30)))
            .build(),
    );
    let after = agent.get(format!("http://{addr}/xb/sender/list")).call();
    assert!(after.is_err(), "{after:?}");
}
