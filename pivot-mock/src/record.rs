//! The calls the mock received, for a test to look at.

use std::fmt;
use std::sync::Arc;

use crate::api::Api;

/// Headers whose value is a credential on any page: never shown by `Debug`.
const SECRET_HEADERS: &[&str] = &[
    "authorization",
    "authorization-customer",
    "proxy-authorization",
    "cookie",
    "x-merchant-secret",
    "x-api-key",
    "x-signature",
    "x-client-secret",
];

/// Query parameters hidden on any page (a payment URL's `?token=`).
const SECRET_QUERY: &[&str] = &["token", "access_token", "accessToken"];

const REDACTED: &str = "[REDACTED]";

/// One call the mock received, as it arrived, with what it answered.
///
/// The fields hold everything in clear, for a test's assertions; `Debug`
/// hides credentials: the headers `Authorization`, `X-MERCHANT-SECRET`,
/// `X-API-Key`, `X-SIGNATURE` (and every header, query parameter or body
/// member the page types as a `SecretString`), and a `token` in the query.
#[derive(Clone)]
pub struct RecordedRequest {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path, without the query string (`/v2/payments/abc`).
    pub path: String,
    /// The query parameters, decoded, in order.
    pub query: Vec<(String, String)>,
    /// The headers, names as sent.
    pub headers: Vec<(String, String)>,
    /// The body's bytes.
    pub body: Vec<u8>,
    /// The module of the page that answered (`create_payment_session`), when
    /// a page did.
    pub page: Option<String>,
    /// The status the mock answered with.
    pub status: u16,
    /// The pages, to know which of this call's values are secrets.
    pub(crate) api: Arc<Api>,
    pub(crate) page_index: Option<usize>,
}

impl RecordedRequest {
    /// The first header called `name`, in any case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as JSON, when it is JSON.
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }

    fn secret_params(&self) -> Vec<&str> {
        self.page_index
            .map(|p| self.api.pages[p].page.secret_params())
            .unwrap_or_default()
    }
}

/// Headers as `Debug` shows them: the value of every credential header
/// (those of any page, and `also`, the page's own) replaced.
pub(crate) fn shown_headers(headers: &[(String, String)], also: &[&str]) -> Vec<(String, String)> {
    shown(headers, SECRET_HEADERS, also)
}

fn shown(pairs: &[(String, String)], fixed: &[&str], also: &[&str]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(name, value)| {
            let secret = fixed
                .iter()
                .chain(also)
                .any(|s| s.eq_ignore_ascii_case(name));
            let value = if secret {
                REDACTED.to_string()
            } else {
                value.clone()
            };
            (name.clone(), value)
        })
        .collect()
}

impl fmt::Debug for RecordedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let page_secrets = self.secret_params();
        let body = match (self.json(), self.page_index) {
            (Some(mut value), Some(page)) => {
                self.api.pages[page].page.redact_request(&mut value);
                value.to_string()
            }
            // Without a page, nothing says which members are secrets.
            _ if self.body.is_empty() => String::new(),
            _ => format!("<{} bytes>", self.body.len()),
        };
        f.debug_struct("RecordedRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &shown(&self.query, SECRET_QUERY, &page_secrets))
            .field(
                "headers",
                &shown(&self.headers, SECRET_HEADERS, &page_secrets),
            )
            .field("body", &body)
            .field("page", &self.page)
            .field("status", &self.status)
            .finish()
    }
}
