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
//! problem (`data.chargeDetails[0].amount`), which serde_json alone does not;
//! [`from_json_with_unknown`] also lists the members the body holds that the
//! models do not know (`data.customer.surname`): the API has moved on from
//! its pages.

pivot_macros::models!("../spec");

mod client;

pub use client::{JsonError, UnknownMembers, from_json, from_json_with_unknown, path_and_query};

#[cfg(feature = "http")]
pub mod http;
