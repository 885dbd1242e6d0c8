//! `tracing` spans: one `pivot.call` span per call, with the method, the
//! path template (never the filled-in path, which carries IDs), the
//! request ID, and per attempt its number, status and the time since the
//! call began. No header value, body or URL is recorded.

use std::time::Instant;

use tracing::field::Empty;

use crate::core::Exchange;

pub(crate) fn call_span(exchange: &Exchange) -> tracing::Span {
    tracing::info_span!(
        "pivot.call",
        method = %exchange.method(),
        path = exchange.path_template(),
        request_id = exchange.request_id().map(|k| k.as_str()),
        attempt = Empty,
        status = Empty,
        duration_ms = Empty,
    )
}

pub(crate) fn attempt(
    span: &tracing::Span,
    exchange: &Exchange,
    status: Option<http::StatusCode>,
    started: Instant,
) {
    span.record("attempt", exchange.attempts());
    if let Some(status) = status {
        span.record("status", status.as_u16());
    }
    span.record("duration_ms", started.elapsed().as_millis() as u64);
    tracing::debug!(
        attempt = exchange.attempts(),
        status = status.map(|s| s.as_u16()),
        "pivot attempt"
    );
}
