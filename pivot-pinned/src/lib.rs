//! The models of the pinned pages in `tests/pinned/`, with the same API as
//! `pivot-models`: a test crate, not published.
//!
//! `tests/pinned/create_payment_session.txt` is the reference page as the
//! tests about its API were written against it. Those tests, the compile-fail
//! cases and the README's examples use these models instead of `spec/`'s, so
//! that updating a page in `spec/` (as a user does when the API changes)
//! never breaks them; the data-driven tests still cover every page of
//! `spec/`.
//!
//! The hand-written part of `pivot-models` (reading bodies, the request
//! target, the `http` module) is compiled here from the same files, so that a
//! README example that says `pivot_models::` runs here unchanged.

pivot_macros::models!("../tests/pinned");

#[path = "../../pivot-models/src/client.rs"]
mod client;

pub use client::{JsonError, UnknownMembers, from_json, from_json_with_unknown, path_and_query};

#[path = "../../pivot-models/src/http.rs"]
pub mod http;
