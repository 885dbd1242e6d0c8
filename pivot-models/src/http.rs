//! Calls as [`http`] types, for any client that speaks them (feature `http`).
//!
//! [`request`] turns a call into an `http::Request<Vec<u8>>` for a base URL;
//! [`response`] reads an `http::Response` into the endpoint's `Response`,
//! or says why not: the status, the raw body and, for a body that does not
//! fit, the JSON path of the member that did not. [`response_with_unknown`]
//! also lists the members of the body the models do not know.

use std::fmt;

use crate::Endpoint;

/// `call` as a request to `base_url` (`https://api.example.com`, a trailing
/// `/` or not): method, path and query, headers, and the body as JSON.
pub fn request<E: Endpoint>(
    call: &E,
    base_url: &str,
) -> Result<::http::Request<Vec<u8>>, RequestError> {
    let target = crate::path_and_query(call).map_err(|e| RequestError::Query(e.to_string()))?;
    let uri = format!("{}{target}", base_url.trim_end_matches('/'));
    let method = ::http::Method::from_bytes(E::METHOD.as_bytes())
        .map_err(|e| RequestError::Http(e.to_string()))?;
    let mut builder = ::http::Request::builder().method(method).uri(uri);
    for (name, value) in call.headers() {
        builder = builder.header(name, value);
    }
    let body = match call.body() {
        Some(body) => serde_json::to_vec(body).map_err(RequestError::Body)?,
        None => Vec::new(),
    };
    builder
        .body(body)
        .map_err(|e| RequestError::Http(e.to_string()))
}

/// Reads an answer to an `E` call. A success status (2xx) with a body that
/// fits gives `E::Response`; anything else is a [`ResponseError`] that keeps
/// the status and the body as received.
pub fn response<E: Endpoint>(
    response: ::http::Response<impl AsRef<[u8]>>,
) -> Result<E::Response, ResponseError> {
    read_answer(response, crate::from_json)
}

/// Reads an answer as [`response`] does, and lists the members of its body
/// that the models do not know, with their JSON paths
/// ([`crate::from_json_with_unknown`]): a way to see that the API sends what
/// its pages do not say, without failing the call.
pub fn response_with_unknown<E: Endpoint>(
    response: ::http::Response<impl AsRef<[u8]>>,
) -> Result<(E::Response, crate::UnknownMembers), ResponseError> {
    read_answer(response, crate::from_json_with_unknown)
}

fn read_answer<T>(
    response: ::http::Response<impl AsRef<[u8]>>,
    read: impl FnOnce(&str) -> Result<T, crate::JsonError>,
) -> Result<T, ResponseError> {
    let status = response.status();
    let body = response.into_body();
    let body = body.as_ref();
    let failed = |json: Option<crate::JsonError>| ResponseError {
        status: status.as_u16(),
        body: body.to_vec(),
        json,
    };
    if !status.is_success() {
        return Err(failed(None));
    }
    // A body-less answer (HTTP 204) reads as `null`, which fits the
    // `IgnoredAny` of a page that documents no response body.
    let text = if body.iter().all(u8::is_ascii_whitespace) {
        "null"
    } else {
        std::str::from_utf8(body).map_err(|e| {
            failed(Some(crate::JsonError {
                path: ".".to_string(),
                source: <serde_json::Error as serde::de::Error>::custom(e),
            }))
        })?
    };
    read(text).map_err(|e| failed(Some(e)))
}

/// Why a call could not be written as a request.
#[derive(Debug)]
pub enum RequestError {
    /// The query parameters could not be encoded.
    Query(String),
    /// The body could not be written as JSON.
    Body(serde_json::Error),
    /// The method, URL or a header value is not valid HTTP (a header value
    /// with a line break, a base URL with a space).
    Http(String),
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestError::Query(e) => write!(f, "the query cannot be encoded: {e}"),
            RequestError::Body(e) => write!(f, "the body cannot be written as JSON: {e}"),
            RequestError::Http(e) => write!(f, "not a valid HTTP request: {e}"),
        }
    }
}

impl std::error::Error for RequestError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RequestError::Body(e) => Some(e),
            _ => None,
        }
    }
}

/// An answer that is not the endpoint's `Response`: a status other than
/// 2xx, or a body that does not fit.
#[derive(Debug)]
pub struct ResponseError {
    status: u16,
    body: Vec<u8>,
    json: Option<crate::JsonError>,
}

impl ResponseError {
    /// The HTTP status, as received.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The body, as received.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// For a success status whose body does not fit: the JSON path of what
    /// did not (`data.amount.value`; `.` for the body as a whole).
    pub fn json_path(&self) -> Option<&str> {
        self.json.as_ref().map(crate::JsonError::path)
    }
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.json {
            None => write!(f, "HTTP status {}", self.status),
            Some(e) => write!(
                f,
                "HTTP status {}, body does not fit the documented response {e}",
                self.status
            ),
        }
    }
}

impl std::error::Error for ResponseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.json
            .as_ref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}
