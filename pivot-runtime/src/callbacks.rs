//! [`Callbacks`], what a models crate knows of the callbacks Pivot sends,
//! and [`CallbackError`], why a body is not one.

use std::fmt;

/// The callback pages of a models crate, as one type: the crate-level
/// `Callback` enum that `pivot_macros::models!` emits when its pages include
/// callback pages (a page with no Pivot URL whose request body has an
/// `event`). Its docs state the dispatch rule.
///
/// Parsing is all this does: checking the callback's `X-API-Key`, bounding
/// the body and answering are the server's (`pivot-client`'s `callbacks`).
pub trait Callbacks: Sized {
    /// `(event, page module)` for every event a page names, sorted by event;
    /// an event several pages name is listed once per page, in the order
    /// they are tried.
    const EVENTS: &'static [(&'static str, &'static str)];

    /// Reads a callback body: JSON with a text `event`. An event no page
    /// names is kept with its body (the enum's `Unknown`), never an error.
    fn parse(body: &[u8]) -> Result<Self, CallbackError>;

    /// The event name, as sent (`PAYMENT.PAID`).
    fn event(&self) -> &str;
}

/// Why a callback body could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallbackError {
    /// Not JSON text, or no text `event` at its top: nothing to dispatch on.
    /// Sending it again does not help.
    Malformed {
        /// What is wrong, with the position serde_json gives.
        message: String,
    },
    /// A page lists the event, but the body does not read as that page's
    /// `Request` (the API and the pages disagree: a later delivery, after
    /// the page is updated, may read).
    Mismatch {
        /// The event.
        event: String,
        /// The module of the page tried first.
        page: &'static str,
        /// The JSON path of the member that does not fit (`data.amount`;
        /// `.` for the body).
        path: String,
        /// serde_json's message.
        message: String,
    },
}

impl fmt::Display for CallbackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallbackError::Malformed { message } => {
                write!(f, "not a callback body: {message}")
            }
            CallbackError::Mismatch {
                event,
                page,
                path,
                message,
            } => write!(
                f,
                "a `{event}` callback does not read as `{page}::Request`: at `{path}`: {message}"
            ),
        }
    }
}

impl std::error::Error for CallbackError {}
