//! [`Endpoint`], what an HTTP client needs of one call.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// One call of an endpoint: what an HTTP client needs to send it and the type
/// its answer is read into. Every page with a Pivot URL has a `Call` type
/// that implements it; callback pages do not, their `Request` being what the
/// merchant's server receives.
///
/// The query and body are handed over as serde values, so the caller picks
/// the encoders (`serde_urlencoded` for the query, `serde_json` for the body).
pub trait Endpoint {
    /// The HTTP method, as the page writes it (`GET`, `POST`).
    const METHOD: &'static str;
    /// The path as the page writes it, parameters unfilled
    /// (`/v2/payments/{id}/cancel`): what names the endpoint in logs and
    /// traces, where the filled-in path would carry IDs.
    const PATH_TEMPLATE: &'static str;
    /// The query parameters' type, `()` for a page without any.
    type Query: Serialize;
    /// The JSON body's type, `()` for a page without one.
    type Body: Serialize;
    /// The type a successful answer's JSON body is read into (`IgnoredAny`
    /// for a page that documents no response body).
    type Response: DeserializeOwned;
    /// The path, without base URL or query, its parameters filled in
    /// percent-encoded.
    fn path(&self) -> String;
    /// The query parameters, `None` when there are none to send.
    fn query(&self) -> Option<&Self::Query>;
    /// `(name, value)` of every header to send: those the page fixes
    /// (`Content-Type: application/json`), then the call's own.
    fn headers(&self) -> Vec<(&'static str, &str)>;
    /// The JSON body, `None` for a call without one.
    fn body(&self) -> Option<&Self::Body>;

    /// Checks the constraints the page documents for everything the call
    /// sends (the call's own `validate()`), so that a client can refuse to
    /// send what Pivot would answer with a 400. Generated calls forward to
    /// their `validate()`; the default, for a call written by hand, finds
    /// nothing.
    fn validate(&self) -> Result<(), crate::ValidationErrors> {
        Ok(())
    }
}
