//! Callbacks: what Pivot POSTs to the merchant's server, sent by the mock to
//! a URL a test names.

use std::time::Duration;

use crate::Error;

/// How long a callback waits for the merchant's server: a test's server
/// answers at once; one that does not is a failure to report, not a hang.
const TIMEOUT: Duration = Duration::from_secs(30);

/// The merchant server's answer to a callback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallbackAnswer {
    /// Its status (Pivot retries on 5xx, 408 and 429).
    pub status: u16,
    /// Its body, as text.
    pub body: String,
}

/// POSTs `body` to `url` with `X-API-Key: api_key` and
/// `Content-Type: application/json`, as Pivot sends a callback.
pub(crate) fn post(url: &str, api_key: &str, body: &str) -> Result<CallbackAnswer, Error> {
    let agent = ureq::Agent::new_with_config(
        ureq::Agent::config_builder()
            // Every status is the merchant server's answer, to hand back.
            .http_status_as_error(false)
            .timeout_global(Some(TIMEOUT))
            .build(),
    );
    let mut response = agent
        .post(url)
        .header("X-API-Key", api_key)
        .header("Content-Type", "application/json")
        .send(body)
        // ureq's message names the URL and the failure, never the key.
        .map_err(|e| Error::Callback(format!("POST {url}: {e}")))?;
    let status = response.status().as_u16();
    let body = response
        .body_mut()
        .read_to_string()
        .map_err(|e| Error::Callback(format!("POST {url}: reading the answer: {e}")))?;
    Ok(CallbackAnswer { status, body })
}
