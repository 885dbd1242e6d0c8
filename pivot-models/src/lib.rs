//! Typed models of the Pivot payment API.
//!
//! Every module here is generated at compile time from one documentation page
//! in the workspace's `spec/` directory: `spec/create_payment_session.txt`
//! becomes [`create_payment_session`], with `Request` and `Response` types,
//! the endpoint's `METHOD` and `PATH`, and the page's examples. To follow an
//! API change, update the page and rebuild.

pivot_macros::models!("../spec");
