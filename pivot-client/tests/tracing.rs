//! What the `tracing` spans record: method, path template, request ID,
//! attempt, status, duration; never a credential, a token, the filled-in
//! path or a body.

mod support;

mod models {
    pivot_macros::models!("examples/pages");
}
mod pages {
    pivot_macros::models!("tests/pages");
}

use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use pivot_client::Config;
use pivot_client::blocking::Client;
use support::{FakePivot, MERCHANT_ID, MERCHANT_SECRET};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Writes every span's name and fields, and every event's, into one text.
#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<String>>);

struct Fields<'a>(&'a mut String);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, " {}={value:?}", field.name());
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut text = self.0.lock().unwrap();
        let _ = write!(text, "\nspan {}", span.metadata().name());
        span.record(&mut Fields(&mut text));
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, values: &Record<'_>) {
        let mut text = self.0.lock().unwrap();
        text.push_str("\nrecord");
        values.record(&mut Fields(&mut text));
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut text = self.0.lock().unwrap();
        text.push_str("\nevent");
        event.record(&mut Fields(&mut text));
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

#[test]
fn spans_name_the_call_and_never_its_secrets() {
    let server = FakePivot::start(|seen| match seen.path() {
        "/v2/payments" => (200, models::create_payment_session::RESPONSE_EXAMPLE.into()),
        _ => (200, pages::retrieve_payment::RESPONSE_EXAMPLE.into()),
    });
    let client = Client::new(Config::new(server.base_url(), MERCHANT_ID, MERCHANT_SECRET));
    let recorder = Recorder::default();
    tracing::subscriber::with_default(recorder.clone(), || {
        server.fail_next(1, 503);
        let call = pages::retrieve_payment::Call::builder()
            .id("ps-secret-id-77")
            .build();
        client.send(&call).unwrap();
        let body: models::create_payment_session::Request =
            serde_json::from_str(models::create_payment_session::REQUEST_EXAMPLE).unwrap();
        client
            .send(
                &models::create_payment_session::Call::builder()
                    .body(body)
                    .build(),
            )
            .unwrap();
    });
    let text = recorder.0.lock().unwrap().clone();
    assert!(
        text.contains("span pivot.call method=GET path=\"/v2/payments/{id}\""),
        "{text}"
    );
    assert!(
        text.contains("span pivot.call method=POST path=\"/v1/access-token\""),
        "{text}"
    );
    assert!(
        text.contains("attempt=2") && text.contains("status=503") && text.contains("status=200"),
        "{text}"
    );
    assert!(text.contains("duration_ms="), "{text}");
    let key = server
        .requests()
        .last()
        .unwrap()
        .header("X-REQUEST-ID")
        .unwrap()
        .to_string();
    assert!(text.contains(&format!("request_id=\"{key}\"")), "{text}");
    for secret in [
        MERCHANT_SECRET,
        "tok-1",
        "ps-secret-id-77",
        "ord-1001",
        "25000",
    ] {
        assert!(!text.contains(secret), "`{secret}` in {text}");
    }
}
