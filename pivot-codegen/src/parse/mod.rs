//! Stage 1: a page's text into its parts.
//!
//! - [`page`]: where things are: title, summary, method and URL, parameter
//!   tables, and each body's example and field table;
//! - [`json`]: example bodies, read with positions (strictly, with recovery
//!   heuristics only to explain a failure);
//! - [`table`]: field tables, one cell per line, into rows, and what a
//!   row's cells say (presence, documented type);
//! - [`describe`]: what a row's description says (possible values, default,
//!   free-form).
//!
//! Nothing here knows about Rust types: that is the infer stage's.

pub mod describe;
pub mod json;
pub mod page;
pub mod table;
