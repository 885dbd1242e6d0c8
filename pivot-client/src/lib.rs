//! Calls the Pivot payment API through any models crate's calls.
//!
//! The client is generic over [`pivot_runtime::Endpoint`], the trait of
//! every generated page's `Call`: it depends on no page. What it adds is
//! the protocol the published pages state around the calls:
//!
//! - the access token (`POST /v1/access-token`), fetched once for every
//!   thread or task, cached until `expiresIn` less a margin, replaced once
//!   on a 401 ([`token`]);
//! - `Authorization: Bearer` on every call, and `X-REQUEST-ID` on payment
//!   and payout creation or where asked, the same on every retry
//!   ([`RequestId`]);
//! - retries of 408, 429, 5xx and lost connections, with bounded
//!   exponential backoff and jitter, for calls safe to repeat ([`retry`]);
//! - a call checked with its page's `validate()` before it is sent;
//! - one [`Error`] with Pivot's error body, the raw body and JSON paths;
//! - callbacks: `X-API-Key` checked in constant time, bodies bounded,
//!   parsed into the models crate's `Callback` enum ([`callbacks`]);
//! - pagination over the three shapes the list pages use ([`pagination`]);
//! - SNAP signatures for the wallet pages (feature `snap`, [`snap`]).
//!
//! [`core`] does no I/O: a call, the state and the time in, an
//! `http::Request` out; an `http::Response` in, what to do next out. The
//! transports send: [`blocking`] (feature `blocking`, on `ureq`, default)
//! and [`asynchronous`] (feature `async`, on hyper over tokio), both over
//! HTTPS with the feature `tls` (default: rustls on ring, webpki roots).
//!
//! Nothing here prints a credential: `Debug` of the client, its
//! configuration, tokens, exchanges and errors hides secrets, header values
//! and bodies, and the `tracing` spans record only method, path template,
//! request ID, attempt, status and duration.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod callbacks;
pub mod clock;
mod config;
pub mod core;
mod error;
pub mod pagination;
mod request_id;
pub mod retry;
pub mod token;
mod trace;

#[cfg(feature = "async")]
pub mod asynchronous;
#[cfg(feature = "blocking")]
pub mod blocking;
#[cfg(feature = "snap")]
pub mod snap;

pub use crate::config::{
    Config, ConfigError, ENV_BASE_URL, ENV_MERCHANT_ID, ENV_MERCHANT_SECRET, IDEMPOTENT_ROUTES,
    STAGING_BASE_URL,
};
pub use crate::core::CallOptions;
pub use crate::error::{ApiError, ApiErrorDetail, Error, ErrorKind, FieldError, SnapCode};
pub use crate::request_id::{InvalidRequestId, RequestId};
pub use pivot_runtime::{Endpoint, SecretString};

#[cfg(feature = "blocking")]
pub use crate::blocking::Client;
