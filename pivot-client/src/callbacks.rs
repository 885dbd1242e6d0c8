//! Receiving Pivot's callbacks: the `X-API-Key` checked in constant time,
//! the body bounded before it is read, then parsed into the models crate's
//! `Callback` enum ([`pivot_runtime::Callbacks`]), with a deduplication
//! key, from any server that can hand over an `http::Request`.
//!
//! Pivot delivers a callback at least once: it sends again after a 5xx,
//! 408 or 429 (after 5 min, 15 min, 1 h, 3 h, 6 h and 12 h), so the same
//! event may arrive more than once. [`Received::dedup_key`] names one
//! delivery's content: the event and `data.id` (else `data.uuid`, else a
//! hash of the body).
//!
//! What to answer, by [`Rejection::status`]: 401 for a missing or wrong
//! key, 413 for a body over the limit, 400 for a body that is not a
//! callback (not JSON, no `event`), and 500 for an event a page lists whose
//! body the models cannot read, so that Pivot sends it again after the
//! page is fixed. An event no page lists is accepted, kept as
//! `Callback::Unknown` with its body.

use std::fmt;
use std::io::Read;

use pivot_runtime::{CallbackError, Callbacks, SecretString};
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// The header that carries the callback key.
pub const API_KEY_HEADER: &str = "X-API-Key";

/// The body limit by default: 1 MiB.
pub const DEFAULT_MAX_BODY: usize = 1 << 20;

/// Checks and reads callbacks for one callback key. `Debug` shows the
/// limit, never the key.
#[derive(Clone)]
pub struct Verifier {
    key_digest: [u8; 32],
    max_body: usize,
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("key", &"[REDACTED]")
            .field("max_body", &self.max_body)
            .finish()
    }
}

fn digest(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

impl Verifier {
    /// A verifier for the merchant's callback key, with the 1 MiB limit.
    pub fn new(api_key: impl Into<SecretString>) -> Self {
        let key: SecretString = api_key.into();
        Verifier {
            key_digest: digest(key.expose_secret().as_bytes()),
            max_body: DEFAULT_MAX_BODY,
        }
    }

    /// Another body limit, in bytes.
    pub fn max_body(mut self, bytes: usize) -> Self {
        self.max_body = bytes;
        self
    }

    /// The body limit, in bytes.
    pub fn limit(&self) -> usize {
        self.max_body
    }

    /// What can be judged before the body is read: the key (compared in
    /// constant time: both sides hashed, every byte of the hashes
    /// compared) and a declared `Content-Length` over the limit.
    pub fn check_head(&self, headers: &http::HeaderMap) -> Result<(), Rejection> {
        let given = headers
            .get(API_KEY_HEADER)
            .map_or(&[][..], |v| v.as_bytes());
        let given = digest(given);
        let difference = given
            .iter()
            .zip(&self.key_digest)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b));
        if std::hint::black_box(difference) != 0 || headers.get(API_KEY_HEADER).is_none() {
            return Err(Rejection::Unauthorized);
        }
        let declared = headers
            .get(http::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        if declared.is_some_and(|n| n > self.max_body as u64) {
            return Err(Rejection::TooLarge {
                limit: self.max_body,
            });
        }
        Ok(())
    }

    /// Reads at most the limit from `body`: a longer body is refused
    /// without reading past the limit and one byte.
    pub fn read_body(&self, body: impl Read) -> Result<Vec<u8>, Rejection> {
        let mut bytes = Vec::new();
        body.take(self.max_body as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|_| {
                Rejection::Malformed(CallbackError::Malformed {
                    message: "the body could not be read".into(),
                })
            })?;
        if bytes.len() > self.max_body {
            return Err(Rejection::TooLarge {
                limit: self.max_body,
            });
        }
        Ok(bytes)
    }

    /// A whole request: the head checked, the body's length checked, the
    /// body parsed into `C` (the models crate's `Callback`).
    pub fn receive<C: Callbacks>(
        &self,
        request: &http::Request<impl AsRef<[u8]>>,
    ) -> Result<Received<C>, Rejection> {
        self.check_head(request.headers())?;
        self.parse(request.body().as_ref())
    }

    /// A body whose request's head [`Verifier::check_head`] accepted.
    pub fn parse<C: Callbacks>(&self, body: &[u8]) -> Result<Received<C>, Rejection> {
        if body.len() > self.max_body {
            return Err(Rejection::TooLarge {
                limit: self.max_body,
            });
        }
        let callback = C::parse(body).map_err(|e| match e {
            CallbackError::Malformed { .. } => Rejection::Malformed(e),
            CallbackError::Mismatch { .. } => Rejection::Mismatch(e),
        })?;
        let envelope: Envelope = serde_json::from_slice(body).unwrap_or_default();
        let data = envelope.data.unwrap_or_default();
        let id = data.id.or(data.uuid).and_then(text);
        let dedup_id = match &id {
            Some(id) => id.clone(),
            None => {
                let hash = digest(body);
                let hex: String = hash[..16].iter().map(|b| format!("{b:02x}")).collect();
                format!("sha256:{hex}")
            }
        };
        Ok(Received {
            dedup_key: DedupKey {
                event: callback.event().to_string(),
                id: dedup_id,
            },
            id,
            client_reference_id: data.client_reference_id.and_then(text),
            callback,
        })
    }
}

#[derive(Default, Deserialize)]
struct Envelope {
    data: Option<EnvelopeData>,
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct EnvelopeData {
    id: Option<serde_json::Value>,
    uuid: Option<serde_json::Value>,
    client_reference_id: Option<serde_json::Value>,
}

fn text(value: serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// An accepted callback.
#[derive(Debug, Clone, PartialEq)]
pub struct Received<C> {
    /// The callback, typed by its page (or `Unknown`).
    pub callback: C,
    /// `data.id`, else `data.uuid`, when the body has one.
    pub id: Option<String>,
    /// `data.clientReferenceId`, when the body has one.
    pub client_reference_id: Option<String>,
    dedup_key: DedupKey,
}

impl<C: Callbacks> Received<C> {
    /// The event name.
    pub fn event(&self) -> &str {
        self.callback.event()
    }

    /// The key that is the same for every delivery of this callback.
    pub fn dedup_key(&self) -> &DedupKey {
        &self.dedup_key
    }
}

/// One callback's identity across deliveries: event and ID.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DedupKey {
    /// The event.
    pub event: String,
    /// `data.id`, else `data.uuid`, else `sha256:` and the first 32 hex
    /// digits of the body's SHA-256.
    pub id: String,
}

impl fmt::Display for DedupKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.event, self.id)
    }
}

/// Why a callback was refused, and what to answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// No `X-API-Key`, or another key.
    Unauthorized,
    /// The body is longer than the limit.
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// Not a callback body.
    Malformed(CallbackError),
    /// A listed event whose body the models cannot read.
    Mismatch(CallbackError),
}

impl Rejection {
    /// The status to answer: 401, 413, 400, or 500 (Pivot sends the
    /// callback again after a 5xx).
    pub fn status(&self) -> http::StatusCode {
        match self {
            Rejection::Unauthorized => http::StatusCode::UNAUTHORIZED,
            Rejection::TooLarge { .. } => http::StatusCode::PAYLOAD_TOO_LARGE,
            Rejection::Malformed(_) => http::StatusCode::BAD_REQUEST,
            Rejection::Mismatch(_) => http::StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::Unauthorized => write!(f, "missing or wrong `{API_KEY_HEADER}`"),
            Rejection::TooLarge { limit } => write!(f, "body over the limit of {limit} bytes"),
            Rejection::Malformed(e) | Rejection::Mismatch(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Rejection {}
