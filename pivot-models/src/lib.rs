//! Typed models of the Pivot payment API.
//!
//! Every module here is generated at compile time from one documentation page
//! in the workspace's `spec/` directory: `spec/create_payment_session.txt`
//! becomes [`create_payment_session`], with `Request` and `Response` types,
//! the endpoint's `METHOD` and `PATH`, and the page's examples. To follow an
//! API change, update the page and rebuild.
//!
//! The models are plain serde types, so `serde_json::from_str` reads them.
//! [`from_json`] does the same and, on failure, names the JSON path of the
//! problem (`data.chargeDetails[0].amount`), which serde_json alone does not.

pivot_macros::models!("../spec");

use std::fmt;

/// Reads `json` into a model, naming the path of the offending member on failure.
pub fn from_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, JsonError> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| JsonError {
        path: e.path().to_string(),
        source: e.into_inner(),
    })?;
    deserializer.end().map_err(|source| JsonError {
        path: ".".to_string(),
        source,
    })?;
    Ok(value)
}

/// Why a JSON body does not fit a model, and where.
#[derive(Debug)]
pub struct JsonError {
    path: String,
    source: serde_json::Error,
}

impl JsonError {
    /// The member's path, as in `data.amount.currency` (`.` for the whole body).
    pub fn path(&self) -> &str {
        &self.path
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at `{}`: {}", self.path, self.source)
    }
}

impl std::error::Error for JsonError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// The path of a call with its query string: `/v1/balance-histories?startDate=2025-05-01&endDate=...`.
/// The query is encoded by `serde_urlencoded` (`application/x-www-form-urlencoded`,
/// as browsers send forms); optional parameters left `None` are not sent, and no
/// `?` is added when nothing is.
pub fn path_and_query<E: Endpoint>(call: &E) -> Result<String, serde_urlencoded::ser::Error> {
    let mut target = call.path();
    if let Some(query) = call.query() {
        let encoded = serde_urlencoded::to_string(query)?;
        if !encoded.is_empty() {
            target.push('?');
            target.push_str(&encoded);
        }
    }
    Ok(target)
}

#[cfg(feature = "http")]
pub mod http;

/// The README's Rust blocks, compiled and run as doctests so they cannot drift.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
