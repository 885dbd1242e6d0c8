//! [`Error`], the one error of a call, and Pivot's error body.

use std::fmt;

use serde::Deserialize;

use crate::request_id::RequestId;

/// Why a call did not give its endpoint's `Response`.
///
/// One type for every failure, with what is known: the HTTP status; Pivot's
/// `code`, `message`, `error.type`, `error.details` and `error.trace_id`
/// (the Errors page's body); a SNAP `responseCode` split into its parts;
/// the raw body; for a success whose body does not fit the models, the JSON
/// path of the member that does not; the attempts made and the call's
/// `X-REQUEST-ID`.
///
/// `Debug` and `Display` show no body: a body may carry a payment URL's
/// token. [`Error::body`] hands it over.
pub struct Error(Box<Inner>);

struct Inner {
    kind: ErrorKind,
    status: Option<http::StatusCode>,
    body: Vec<u8>,
    api: Option<ApiError>,
    snap: Option<SnapCode>,
    json_path: Option<String>,
    message: String,
    attempts: u32,
    request_id: Option<RequestId>,
    violations: Vec<pivot_runtime::Violation>,
    no_answer: bool,
}

/// What kind of failure an [`Error`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Pivot answered with a status other than 2xx (after any retries).
    Status,
    /// A 2xx answer whose body does not read as the endpoint's `Response`.
    Decode,
    /// No answer: connection refused or reset, timeout.
    Transport,
    /// The call could not be written as a request (query, body, header).
    Request,
    /// The access token could not be had: its call failed or its answer
    /// has no token.
    Token,
    /// The call breaks constraints its page documents, so it was not sent
    /// ([`Error::violations`]); Pivot would have answered 400.
    Invalid,
}

/// Pivot's error body, as the published Errors page gives it:
/// `{code, message, error: {type, source, details: [{field, message}], trace_id}}`.
/// Every member may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct ApiError {
    /// Pivot's code (`"40"`).
    #[serde(default, deserialize_with = "text")]
    pub code: Option<String>,
    /// The human-readable message.
    #[serde(default, deserialize_with = "text")]
    pub message: Option<String>,
    /// `error`.
    #[serde(default)]
    pub error: Option<ApiErrorDetail>,
}

/// The `error` object of Pivot's error body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct ApiErrorDetail {
    /// `type` (`api_validation_error`).
    #[serde(default, rename = "type", deserialize_with = "text")]
    pub type_: Option<String>,
    /// `source`.
    #[serde(default, deserialize_with = "text")]
    pub source: Option<String>,
    /// One entry per broken field.
    #[serde(default)]
    pub details: Vec<FieldError>,
    /// The ID Pivot's support traces the call by.
    #[serde(default, deserialize_with = "text")]
    pub trace_id: Option<String>,
}

/// One `details` entry: which field, and what is wrong with it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct FieldError {
    /// The field's path.
    #[serde(default, deserialize_with = "text")]
    pub field: Option<String>,
    /// What is wrong.
    #[serde(default, deserialize_with = "text")]
    pub message: Option<String>,
}

/// A SNAP `responseCode` (`4017300`): HTTP status, service code and case
/// code, as the SNAP standard composes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SnapCode {
    /// The HTTP status (`401`).
    pub http_status: u16,
    /// The service (`73`: access token B2B).
    pub service: u8,
    /// The case within the status (`00`).
    pub case: u8,
}

impl SnapCode {
    /// Reads seven digits; anything else is `None`.
    pub fn parse(code: &str) -> Option<Self> {
        if code.len() != 7 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(SnapCode {
            http_status: code[..3].parse().ok()?,
            service: code[3..5].parse().ok()?,
            case: code[5..].parse().ok()?,
        })
    }
}

impl fmt::Display for SnapCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:03}{:02}{:02}",
            self.http_status, self.service, self.case
        )
    }
}

/// A text member that may come as a number (`"code": 40`).
fn text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<serde_json::Value>::deserialize(d)? {
        Some(serde_json::Value::String(s)) => Some(s),
        Some(serde_json::Value::Null) | None => None,
        Some(other) => Some(other.to_string()),
    })
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error(Box::new(Inner {
            kind,
            status: None,
            body: Vec::new(),
            api: None,
            snap: None,
            json_path: None,
            message: message.into(),
            attempts: 0,
            request_id: None,
            violations: Vec::new(),
            no_answer: kind == ErrorKind::Transport,
        }))
    }

    /// A call refused before sending: what its `validate()` found.
    pub(crate) fn invalid(errors: pivot_runtime::ValidationErrors) -> Self {
        // The wording names paths and rules, never a value: a broken card
        // number's digits stay out of logs.
        let mut error = Error::new(ErrorKind::Invalid, format!("not sent: {errors}"));
        error.0.violations = errors.into_violations();
        error
    }

    /// An answer that is not a success: its status and body, read as
    /// Pivot's error body where it is one.
    pub(crate) fn status(status: http::StatusCode, body: Vec<u8>) -> Self {
        #[derive(Deserialize)]
        struct Snap {
            #[serde(rename = "responseCode")]
            response_code: Option<String>,
        }
        let api = serde_json::from_slice::<ApiError>(&body)
            .ok()
            .filter(|a| a.code.is_some() || a.message.is_some() || a.error.is_some());
        let snap = serde_json::from_slice::<Snap>(&body)
            .ok()
            .and_then(|s| s.response_code)
            .and_then(|c| SnapCode::parse(&c));
        let mut error = Error::new(ErrorKind::Status, format!("HTTP status {status}"));
        error.0.status = Some(status);
        error.0.body = body;
        error.0.api = api;
        error.0.snap = snap;
        error
    }

    /// A 2xx answer whose body does not fit.
    pub(crate) fn decode(
        status: http::StatusCode,
        body: Vec<u8>,
        path: String,
        message: String,
    ) -> Self {
        let mut error = Error::new(ErrorKind::Decode, message);
        error.0.status = Some(status);
        error.0.body = body;
        error.0.json_path = Some(path);
        error
    }

    pub(crate) fn with_call(mut self, attempts: u32, request_id: Option<RequestId>) -> Self {
        // A token call's error keeps its own attempts.
        if self.0.attempts == 0 {
            self.0.attempts = attempts;
        }
        self.0.request_id = self.0.request_id.or(request_id);
        self
    }

    pub(crate) fn into_token_error(mut self) -> Self {
        self.0.message = format!("the access token call failed: {}", self.0.message);
        self.0.kind = ErrorKind::Token;
        self
    }

    /// What kind of failure.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// The HTTP status of the last answer, when there was one.
    pub fn http_status(&self) -> Option<http::StatusCode> {
        self.0.status
    }

    /// Pivot's error body, when the answer holds one.
    pub fn api(&self) -> Option<&ApiError> {
        self.0.api.as_ref()
    }

    /// Pivot's `code`.
    pub fn code(&self) -> Option<&str> {
        self.0.api.as_ref()?.code.as_deref()
    }

    /// Pivot's `message`.
    pub fn message(&self) -> Option<&str> {
        self.0.api.as_ref()?.message.as_deref()
    }

    /// `error.type`.
    pub fn error_type(&self) -> Option<&str> {
        self.0.api.as_ref()?.error.as_ref()?.type_.as_deref()
    }

    /// `error.details`: field and message of each broken field.
    pub fn details(&self) -> &[FieldError] {
        self.0
            .api
            .as_ref()
            .and_then(|a| a.error.as_ref())
            .map_or(&[], |e| &e.details)
    }

    /// `error.trace_id`.
    pub fn trace_id(&self) -> Option<&str> {
        self.0.api.as_ref()?.error.as_ref()?.trace_id.as_deref()
    }

    /// A SNAP answer's `responseCode`, split.
    pub fn snap_code(&self) -> Option<SnapCode> {
        self.0.snap
    }

    /// For [`ErrorKind::Invalid`]: each documented constraint the call
    /// breaks, with its JSON path (`body.clientReferenceId`).
    pub fn violations(&self) -> &[pivot_runtime::Violation] {
        &self.0.violations
    }

    /// The body of the last answer, as received (empty without one).
    pub fn body(&self) -> &[u8] {
        &self.0.body
    }

    /// For [`ErrorKind::Decode`]: the JSON path of the member that does not
    /// fit (`data.chargeDetails[0].amount`; `.` for the body).
    pub fn json_path(&self) -> Option<&str> {
        self.0.json_path.as_deref()
    }

    /// How many attempts were made (0 when none could be).
    pub fn attempts(&self) -> u32 {
        self.0.attempts
    }

    /// The call's `X-REQUEST-ID`, when it had one.
    pub fn request_id(&self) -> Option<&RequestId> {
        self.0.request_id.as_ref()
    }

    /// Whether another call with the same key may succeed later: the
    /// failure was transient (408, 429, 5xx, no answer).
    pub fn is_transient(&self) -> bool {
        match self.0.kind {
            ErrorKind::Transport => true,
            _ if self.0.no_answer => true,
            ErrorKind::Status | ErrorKind::Token => self
                .0
                .status
                .is_some_and(|s| crate::retry::classify(s) == crate::retry::Verdict::Transient),
            _ => false,
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.0.kind)
            .field("status", &self.0.status)
            .field("api", &self.0.api)
            .field("snap", &self.0.snap)
            .field("json_path", &self.0.json_path)
            .field("violations", &self.0.violations)
            .field("message", &self.0.message)
            .field("body_len", &self.0.body.len())
            .field("attempts", &self.0.attempts)
            .field("request_id", &self.0.request_id)
            .finish()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)?;
        if let Some(api) = &self.0.api {
            if let Some(code) = &api.code {
                write!(f, ", code {code}")?;
            }
            if let Some(message) = &api.message {
                write!(f, ": {message}")?;
            }
            for detail in self.details() {
                write!(
                    f,
                    "; `{}`: {}",
                    detail.field.as_deref().unwrap_or("?"),
                    detail.message.as_deref().unwrap_or("?")
                )?;
            }
            if let Some(trace) = self.trace_id() {
                write!(f, " (trace_id {trace})")?;
            }
        }
        if let Some(snap) = self.0.snap {
            write!(f, ", SNAP responseCode {snap}")?;
        }
        if let Some(path) = &self.0.json_path {
            write!(f, " at `{path}`")?;
        }
        if self.0.attempts > 1 {
            write!(f, " after {} attempts", self.0.attempts)?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_errors_page_body_is_read_whole() {
        let body = br#"{"code": "40", "message": "Validation failed",
            "error": {"type": "api_validation_error", "source": "body",
              "details": [{"field": "amount.value", "message": "must be positive"}],
              "trace_id": "tr-9"}}"#;
        let error = Error::status(http::StatusCode::BAD_REQUEST, body.to_vec());
        assert_eq!(error.code(), Some("40"));
        assert_eq!(error.message(), Some("Validation failed"));
        assert_eq!(error.error_type(), Some("api_validation_error"));
        assert_eq!(error.trace_id(), Some("tr-9"));
        assert_eq!(error.details()[0].field.as_deref(), Some("amount.value"));
        assert_eq!(error.body(), body);
        let shown = error.to_string();
        assert!(
            shown.contains("`amount.value`: must be positive") && shown.contains("tr-9"),
            "{shown}"
        );
    }

    #[test]
    fn a_snap_response_code_is_split() {
        let body = br#"{"responseCode": "4017300", "responseMessage": "Unauthorized"}"#;
        let error = Error::status(http::StatusCode::UNAUTHORIZED, body.to_vec());
        assert_eq!(
            error.snap_code(),
            Some(SnapCode {
                http_status: 401,
                service: 73,
                case: 0
            })
        );
        assert_eq!(SnapCode::parse("2007300").unwrap().to_string(), "2007300");
        assert_eq!(SnapCode::parse("200730"), None);
        assert_eq!(SnapCode::parse("20073x0"), None);
    }

    #[test]
    fn debug_shows_no_body() {
        let body = br#"{"data": {"paymentUrl": "https://pay.example/detail?token=eyJsecret"}}"#;
        let error = Error::decode(
            http::StatusCode::OK,
            body.to_vec(),
            "data".into(),
            "x".into(),
        );
        let shown = format!("{error:?} {error}");
        assert!(!shown.contains("eyJsecret"), "{shown}");
    }
}
